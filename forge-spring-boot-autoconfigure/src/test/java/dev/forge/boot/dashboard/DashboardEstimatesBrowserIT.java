package dev.forge.boot.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.forge.testsupport.TestDatabase;
import dev.forge.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pending migration's row in headless Chromium lists each statement's lock and row
 * estimate, read from the live table's statistics, so that a reviewer sees the size of
 * what will be locked before pressing Apply.
 */
class DashboardEstimatesBrowserIT {

	private static TestDatabase database;

	private static WebDriver browser;

	private JobsDashboard dashboard;

	@TempDir
	Path migrations;

	@RegisterExtension
	final TestWatcher screenshotOnFailure = HeadlessChromium.screenshotOnFailure(() -> browser, "estimates-failed-");

	@BeforeAll
	static void startBrowserAndDatabase() throws IOException {
		browser = HeadlessChromium.start();
		database = TestPostgres.server().createDatabase("dashboard_estimates_browser");
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

	@AfterEach
	void stopApplication() {
		if (this.dashboard != null) {
			this.dashboard.close();
		}
		database.reset();
	}

	@Test
	void aPendingIndexShowsItsLockAndTheRowsItScans() throws Exception {
		database.execute("CREATE TABLE t (id int, old text); INSERT INTO t SELECT generate_series(1, 1000);"
				+ " ANALYZE t; UPDATE pg_class SET reltuples = 48000000 WHERE oid = 't'::regclass");
		Files.writeString(this.migrations.resolve("0001_index_t.sql"),
				"ALTER TABLE t ADD COLUMN note text;\nCREATE INDEX t_id_idx ON t (id);\n");
		this.dashboard = JobsDashboard.start(database, this.migrations);

		browser.get(this.dashboard.url());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));

		WebElement row = wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#status-table tr[data-migration='0001_index_t']")));
		assertThat(row.findElements(By.cssSelector("ul.estimates li"))).extracting(WebElement::getText)
			.containsExactly("line 2: SHARE, scan of ~48M rows, seconds");
	}

}
