package dev.forge.boot.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.forge.core.BackfillRun;
import dev.forge.core.JobStatus;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.forge.boot.dashboard.ForgeDashboardJobsIT.BACKFILL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Jobs tab in headless Chromium, on a real PostgreSQL: the list with its
 * progress bars, a throttled job whose bar moves while it runs, the controls, retry after a
 * forced failure, and Create Backfill Job from SQL. Jobs run through
 * {@code ForgeOperations.runBackfill} on a background thread, as a node's job runner would.
 * Screenshots go to {@code target/screenshots}.
 */
class DashboardJobsBrowserIT {

	private static TestDatabase database;

	private static WebDriver browser;

	private JobsDashboard dashboard;

	private WebDriverWait wait;

	@TempDir
	Path migrations;

	@RegisterExtension
	final TestWatcher screenshotOnFailure = HeadlessChromium.screenshotOnFailure(() -> browser, "jobs-failed-");

	@BeforeAll
	static void startBrowserAndDatabase() throws IOException {
		browser = HeadlessChromium.start();
		database = TestPostgres.server().createDatabase("dashboard_jobs_browser");
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
		if (this.dashboard != null) {
			this.dashboard.close();
		}
		database.reset();
	}

	@Test
	void aRunningJobsBarMovesWithItsEtaAndPauseResumeCancelRetryFollowItsState() throws Exception {
		// 20,000 rows at 1,000 rows/s in batches of at most 100: about twenty seconds
		ForgeDashboardJobsIT.documents(this.migrations, 20_000, "batch-size=100 max-rows-per-second=1000");
		openJobs();

		// the list reloads every 2 s while the job is PENDING: read the row through the retrying helpers
		this.wait.until((driver) -> "PENDING".equals(status(BACKFILL)));
		assertThat(text(BACKFILL, "td.name")).contains("documents");
		assertThat(barOf(BACKFILL)).isZero();
		assertThat(text(BACKFILL, ".rows")).isEqualTo("0 of ~20,000 rows (0%), 20,000 left");
		assertThat(buttons(BACKFILL)).containsExactly("Pause", "Cancel");
		screenshot("jobs-01-pending");

		CompletableFuture<BackfillRun> running = runInBackground();
		this.wait.until((driver) -> "RUNNING".equals(status(BACKFILL)) && bar(BACKFILL) > 0);
		int first = barOf(BACKFILL);
		this.wait.until((driver) -> bar(BACKFILL) > first);
		assertThat(text(BACKFILL, "td.eta")).matches("\\d+ s|\\d+ min \\d+ s");
		assertThat(text(BACKFILL, "td.rate")).matches("[\\d,]+ rows/s");
		screenshot("jobs-02-running");

		click(BACKFILL, "Pause");
		this.wait.until((driver) -> "PAUSED".equals(status(BACKFILL)));
		assertThat(running.get(30, TimeUnit.SECONDS).job().status()).isEqualTo(JobStatus.PAUSED);
		long done = this.dashboard.operations().job(BACKFILL).orElseThrow().rowsDone();
		assertThat(done).isBetween(1L, 19_999L);
		assertThat(buttons(BACKFILL)).containsExactly("Resume", "Cancel");
		screenshot("jobs-03-paused");

		click(BACKFILL, "Resume");
		this.wait.until((driver) -> "PENDING".equals(status(BACKFILL)));
		click(BACKFILL, "Cancel");
		this.wait.until((driver) -> "CANCELLED".equals(status(BACKFILL)));
		assertThat(buttons(BACKFILL)).containsExactly("Retry");
		assertThat(database.value("SELECT count(*) FROM documents WHERE word_count IS NOT NULL")).as("rows done stay")
			.isEqualTo(done);
		click(BACKFILL, "Retry");
		this.wait.until((driver) -> "PENDING".equals(status(BACKFILL)));
		assertThat(this.dashboard.operations().job(BACKFILL).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
	}

	@Test
	void aFailedJobShowsItsErrorAndRetryFinishesItOnceTheCauseIsFixed() throws Exception {
		ForgeDashboardJobsIT.documents(this.migrations, 2_000, "batch-size=100");
		Files.writeString(this.migrations.resolve("0001_documents.sql"), """
				UPDATE documents SET body = body || ' one two three four five six seven eight' WHERE id = 1500;
				ALTER TABLE documents ADD CONSTRAINT short_documents CHECK (word_count < 9);
				""", StandardOpenOption.APPEND);
		openJobs();
		assertThat(this.dashboard.operations().runBackfill(BACKFILL).job().status()).isEqualTo(JobStatus.FAILED);
		browser.findElement(By.id("jobs-refresh")).click();

		this.wait.until((driver) -> "FAILED".equals(status(BACKFILL)));
		assertThat(text(BACKFILL, ".last-error")).contains("short_documents");
		assertThat(buttons(BACKFILL)).containsExactly("Cancel", "Retry");
		screenshot("jobs-04-failed");

		database.execute("ALTER TABLE documents DROP CONSTRAINT short_documents");
		click(BACKFILL, "Retry");
		this.wait.until((driver) -> "PENDING".equals(status(BACKFILL)));
		CompletableFuture<BackfillRun> retried = runInBackground();
		assertThat(retried.get(60, TimeUnit.SECONDS).job().status()).isEqualTo(JobStatus.DONE);
		// the page refreshes itself while a job is PENDING or RUNNING
		this.wait.until((driver) -> "DONE".equals(status(BACKFILL)));
		assertThat(barOf(BACKFILL)).isEqualTo(100);
		assertThat(jobRow(BACKFILL).findElements(By.cssSelector(".last-error"))).isEmpty();
		assertThat(buttons(BACKFILL)).isEmpty();
		assertThat(database.value("SELECT count(*) FROM documents WHERE word_count IS NULL")).isEqualTo(0L);
		screenshot("jobs-05-done");
	}

	@Test
	void createFromSqlReviewsTheFileWritesItAndApplyRegistersItsJob() throws Exception {
		ForgeDashboardJobsIT.documents(this.migrations, 500, null);
		openJobs();
		WebElement empty = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs-empty")));
		assertThat(empty.getText()).contains("No backfill jobs yet");
		assertThat(browser.findElement(By.id("declared-none")).isDisplayed()).isTrue();

		// a file without WHERE is refused, naming the line
		type("backfill-name", "backfill word count");
		type("backfill-sql", "-- every document\nUPDATE documents SET word_count = 0");
		browser.findElement(By.id("backfill-review")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
				"the backfill SQL:2: the backfill's UPDATE has no WHERE"));
		assertThat(browser.findElement(By.id("backfill-file")).isDisplayed()).isFalse();

		type("backfill-sql", "UPDATE documents SET word_count = 1\nWHERE word_count IS NULL");
		type("backfill-batch-size", "200");
		type("backfill-pause", "10ms");
		browser.findElement(By.id("backfill-review")).click();
		WebElement content = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#backfill-file pre.backfill-content")));
		assertThat(content.getText()).contains("-- forge:backfill batch-size=200 pause=10ms")
			.contains("-- Up\nUPDATE documents SET word_count = 1\nWHERE word_count IS NULL;");
		String fileName = browser.findElement(By.id("backfill-file-name")).getText();
		assertThat(fileName).startsWith(this.migrations.toString())
			.matches(".*/0002_\\d{8}_\\d{6}_backfill_word_count\\.sql");
		assertThat(browser.findElement(By.id("backfill-checks")).getText()).contains("primary key");
		assertThat(files()).containsExactly("0001_documents.sql");
		screenshot("jobs-06-create-review");

		browser.findElement(By.id("backfill-write")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Wrote "));
		Path written = Path.of(fileName);
		assertThat(Files.readString(written)).contains("\n-- forge:backfill batch-size=200 pause=10ms\n")
			.contains("\n-- Up\nUPDATE documents SET word_count = 1\nWHERE word_count IS NULL;\n");
		screenshot("jobs-07-written");

		browser.findElement(By.id("backfill-apply")).click();
		String job = written.getFileName().toString().replace(".sql", "");
		this.wait.until((driver) -> "PENDING".equals(status(job)));
		assertThat(barOf(job)).isZero();
		assertThat(this.dashboard.operations().runBackfill(job).job().status()).isEqualTo(JobStatus.DONE);
		this.wait.until((driver) -> "DONE".equals(status(job)));
		assertThat(database.value("SELECT count(*) FROM documents WHERE word_count = 1")).isEqualTo(500L);
		screenshot("jobs-08-created-job-done");
	}

	@Test
	void aDeclaredJavaBackfillIsStartedFromTheList() throws Exception {
		ForgeDashboardJobsIT.documents(this.migrations, 50, null);
		openJobs(ForgeDashboardJobsIT.WordCount.class);
		Select declared = new Select(
				this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("declared-backfill"))));
		assertThat(declared.getFirstSelectedOption().getText())
			.isEqualTo("backfill_word_count — UPDATE documents WHERE word_count IS NULL");

		browser.findElement(By.id("declared-start")).click();

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Started backfill_word_count"));
		this.wait.until((driver) -> "PENDING".equals(status("backfill_word_count")));
		assertThat(this.dashboard.operations().runBackfill("backfill_word_count").job().status())
			.isEqualTo(JobStatus.DONE);
		this.wait.until((driver) -> "DONE".equals(status("backfill_word_count")));
		assertThat(database.value("SELECT count(*) FROM documents WHERE word_count IS NULL")).isEqualTo(0L);
	}

	private void openJobs(Class<?>... configurations) throws Exception {
		this.dashboard = JobsDashboard.start(database, this.migrations, configurations);
		this.dashboard.operations().apply();
		browser.get(this.dashboard.url());
		this.wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
		browser.findElement(By.id("tab-jobs")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("create-backfill")));
	}

	private CompletableFuture<BackfillRun> runInBackground() {
		return CompletableFuture.supplyAsync(() -> this.dashboard.operations().runBackfill(BACKFILL));
	}

	private WebElement jobRow(String name) {
		return this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs-table tr[data-job='" + name + "']")));
	}

	/** The job's status badge, or {@code null} while the table is rendered again. */
	private static String status(String name) {
		return attribute(name, "[data-state]", "data-state");
	}

	/** The job's progress bar, in percent; {@code -1} while the table is rendered again. */
	private static int bar(String name) {
		String value = attribute(name, "progress", "value");
		return (value != null) ? (int) Double.parseDouble(value) : -1;
	}

	/** The job's progress bar, in percent, once the table is not being rendered again. */
	private int barOf(String name) {
		return this.wait.until((driver) -> {
			int value = bar(name);
			return (value >= 0) ? value : null;
		});
	}

	private static String attribute(String name, String selector, String attribute) {
		try {
			List<WebElement> found = browser
				.findElements(By.cssSelector("#jobs-table tr[data-job='" + name + "'] " + selector));
			if (found.isEmpty()) {
				return null;
			}
			// a progress bar's value is a property; the badge's state is an attribute
			return attribute.equals("value") ? found.get(0).getDomProperty("value")
					: found.get(0).getDomAttribute(attribute);
		}
		catch (StaleElementReferenceException ex) {
			return null;
		}
	}

	private String text(String name, String selector) {
		return this.wait.until((driver) -> {
			try {
				return jobRow(name).findElement(By.cssSelector(selector)).getText();
			}
			catch (StaleElementReferenceException ex) {
				return null;
			}
		});
	}

	private List<String> buttons(String name) {
		return this.wait.until((driver) -> {
			try {
				return jobRow(name).findElements(By.cssSelector("td.actions-cell button"))
					.stream()
					.map(WebElement::getText)
					.toList();
			}
			catch (StaleElementReferenceException ex) {
				return null;
			}
		});
	}

	private void click(String name, String label) {
		this.wait.until((driver) -> {
			try {
				for (WebElement button : jobRow(name).findElements(By.cssSelector("td.actions-cell button"))) {
					if (button.getText().equals(label)) {
						button.click();
						return true;
					}
				}
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return false;
			}
		});
	}

	private static void type(String id, String text) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static void screenshot(String name) throws IOException {
		HeadlessChromium.screenshot(browser, name);
	}

}
