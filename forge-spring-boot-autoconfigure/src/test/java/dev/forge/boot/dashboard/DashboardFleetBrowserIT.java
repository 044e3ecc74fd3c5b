package dev.forge.boot.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.forge.core.FleetMembership;
import dev.forge.core.NodeRegistration;
import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.forge.boot.dashboard.ForgeDashboardFleetIT.NEW_CODE;
import static dev.forge.boot.dashboard.ForgeDashboardFleetIT.OLD_CODE;
import static dev.forge.boot.dashboard.ForgeDashboardFleetIT.PHASE_2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Nodes panel and the contract phase in headless Chromium, on a real PostgreSQL: the live
 * nodes with what their models use, a deferred drop "waiting for" the old code's node, and,
 * once that node leaves and the page is refreshed, "safe to contract". Nodes join through
 * {@code Forge.fleet()} in the test. Screenshots go to {@code target/screenshots}.
 */
class DashboardFleetBrowserIT {

	private static TestDatabase database;

	private static WebDriver browser;

	private final List<FleetMembership> memberships = new ArrayList<>();

	private JobsDashboard dashboard;

	private WebDriverWait wait;

	@TempDir
	Path migrations;

	@RegisterExtension
	final TestWatcher screenshotOnFailure = HeadlessChromium.screenshotOnFailure(() -> browser, "fleet-failed-");

	@BeforeAll
	static void startBrowserAndDatabase() throws IOException {
		browser = HeadlessChromium.start();
		database = TestPostgres.server().createDatabase("dashboard_fleet_browser");
	}

	@AfterAll
	static void stopBrowserAndDatabase() {
		if (browser != null) {
			browser.quit();
		}
		if (database != null) {
			database.close();
		}
	}

	@BeforeEach
	void waitUpTo30Seconds() {
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void stopApplication() {
		this.memberships.forEach(FleetMembership::close);
		if (this.dashboard != null) {
			this.dashboard.close();
		}
		database.reset();
	}

	@Test
	void theDeferredDropWaitsForTheOldNodeThenIsSafeToContractOnceItLeaves() throws Exception {
		ForgeDashboardFleetIT.usersWithDeferredDrop(this.migrations);
		this.dashboard = JobsDashboard.start(database, this.migrations);
		this.dashboard.operations().apply();
		FleetMembership old = join(OLD_CODE);
		join(NEW_CODE);
		browser.get(this.dashboard.url());
		this.wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

		WebElement oldNode = nodeRow("web-2");
		String host = oldNode.findElement(By.cssSelector("td.host")).getText();
		String pid = String.valueOf(ProcessHandle.current().pid());
		assertThat(oldNode.findElement(By.cssSelector("td.node-name")).getText()).startsWith("web-2 1.4.2")
			.contains(old.nodeId())
			.contains("holds back " + PHASE_2);
		assertThat(host).isNotBlank();
		assertThat(oldNode.findElement(By.cssSelector("td.pid")).getText()).isEqualTo(pid);
		assertThat(oldNode.findElement(By.cssSelector("td.heartbeat")).getText()).matches("\\d+ s ago");
		WebElement uses = oldNode.findElement(By.cssSelector("td.uses details"));
		assertThat(uses.getDomProperty("open")).as("what a node uses starts collapsed").isEqualTo("false");
		assertThat(uses.findElement(By.cssSelector("summary")).getText())
			.isEqualTo("4 tables and columns · 1 removed by a deferred file");
		assertThat(uses.findElement(By.cssSelector("li.blocking")).isDisplayed()).isFalse();
		uses.findElement(By.cssSelector("summary")).click();
		assertThat(uses.findElement(By.cssSelector("li.blocking")).getText()).isEqualTo("users.legacy_email");
		assertThat(uses.findElements(By.cssSelector("li"))).extracting(WebElement::getText)
			.containsExactly("users", "users.email", "users.id", "users.legacy_email");
		assertThat(nodeRow("web-3").getText()).contains("1.5.0").doesNotContain("holds back");
		assertThat(browser.findElement(By.id("nodes-summary")).getText())
			.contains("a node expires 30 s after its last heartbeat")
			.contains("deferred files: manual");

		assertThat(contractKind()).isEqualTo("blocked");
		String waiting = contractText();
		assertThat(waiting).contains("Removes users.legacy_email")
			.contains("waiting for web-2 (1.4.2) on " + host + " pid " + pid + ", which uses users.legacy_email");
		assertThat(migrationRow(PHASE_2).findElement(By.cssSelector("[data-state]")).getText())
			.isEqualTo("PENDING · waits");
		screenshot("fleet-01-waiting-for-node");

		old.close();
		browser.findElement(By.id("refresh")).click();

		this.wait.until((driver) -> "safe".equals(contractKind()));
		assertThat(contractText()).contains("Removes users.legacy_email")
			.contains("safe to contract: no live node uses users.legacy_email")
			.contains("Add '-- forge:allow-breaking' to the file")
			.doesNotContain("waiting for");
		assertThat(browser.findElements(By.cssSelector("#nodes-table tr[data-application='web-2']"))).isEmpty();
		assertThat(nodeRow("web-3").getText()).contains("1.5.0");
		screenshot("fleet-02-safe-to-contract");
	}

	@Test
	void withTheAutoPolicyTheRowSaysItAppliesByItself() throws Exception {
		ForgeDashboardFleetIT.usersWithDeferredDrop(this.migrations);
		this.dashboard = JobsDashboard.start(database, this.migrations, ForgeDashboardFleetIT.AutoContract.class);
		FleetMembership old = join(OLD_CODE);
		this.dashboard.operations().apply();
		browser.get(this.dashboard.url());
		this.wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

		assertThat(contractText()).contains("waiting for web-2 (1.4.2)")
			.contains("It applies by itself once nothing holds it back (forge.migrations.deferred=auto).");
		assertThat(browser.findElement(By.id("nodes-summary")).getText()).contains("deferred files: auto");

		old.close();
		browser.findElement(By.id("refresh")).click();

		this.wait.until((driver) -> "safe".equals(contractKind()));
		assertThat(contractText()).contains("safe to contract: no live node uses users.legacy_email")
			.contains("It applies by itself at a node's next check (forge.migrations.deferred=auto).");
		screenshot("fleet-03-auto-safe");

		// what a node's check does once nothing holds the file back
		this.dashboard.operations().apply();
		browser.findElement(By.id("refresh")).click();

		this.wait.until((driver) -> "APPLIED".equals(state(PHASE_2)));
		WebElement note = migrationRow(PHASE_2).findElement(By.cssSelector(".history-note"));
		assertThat(note.getText()).startsWith("applied automatically (forge.migrations.deferred=auto): ")
			.contains("users.legacy_email");
		assertThat(migrationRow(PHASE_2).findElements(By.cssSelector(".contract"))).isEmpty();
		screenshot("fleet-04-applied-automatically");
	}

	private FleetMembership join(NodeRegistration registration) {
		FleetMembership membership = this.dashboard.operations()
			.getForge()
			.fleet()
			.join(registration, Duration.ofSeconds(1));
		this.memberships.add(membership);
		return membership;
	}

	private WebElement nodeRow(String application) {
		return this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#nodes-table tr[data-application='" + application + "']")));
	}

	private WebElement migrationRow(String name) {
		return this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#status-table tr[data-migration='" + name + "']")));
	}

	/** The migration's status badge, or {@code null} while the table is rendered again. */
	private static String state(String name) {
		try {
			List<WebElement> found = browser
				.findElements(By.cssSelector("#status-table tr[data-migration='" + name + "'] [data-state]"));
			return found.isEmpty() ? null : found.get(0).getDomAttribute("data-state");
		}
		catch (StaleElementReferenceException ex) {
			return null;
		}
	}

	/** The phase 2 row's contract block: blocked, safe or backfill. */
	private String contractKind() {
		return contract((element) -> element.getDomAttribute("data-contract"));
	}

	private String contractText() {
		return contract(WebElement::getText);
	}

	/** Reads the phase 2 row's contract block, again while the table is rendered again. */
	private String contract(Function<WebElement, String> read) {
		return this.wait.until((driver) -> {
			try {
				return read.apply(migrationRow(PHASE_2).findElement(By.cssSelector(".contract")));
			}
			catch (StaleElementReferenceException ex) {
				return null;
			}
		});
	}

	private static void screenshot(String name) throws IOException {
		HeadlessChromium.screenshot(browser, name);
	}

}
