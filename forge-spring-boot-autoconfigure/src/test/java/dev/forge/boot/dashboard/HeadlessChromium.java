package dev.forge.boot.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Debian's Chromium driven headless for the dashboard's browser tests, which are skipped,
 * saying why, where it is not installed. Screenshots go to {@code target/screenshots}.
 */
final class HeadlessChromium {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private HeadlessChromium() {
	}

	/**
	 * Starts the browser, or aborts the test class when there is none.
	 * @return the browser
	 * @throws IOException when the screenshots folder cannot be made
	 */
	static WebDriver start() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			abort("No headless browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed for the dashboard's"
					+ " browser tests (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--window-size=1280,1200", "--lang=en-GB");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		Files.createDirectories(SCREENSHOTS);
		return new ChromeDriver(service, options);
	}

	/**
	 * Saves what the browser shows.
	 * @param browser the browser
	 * @param name the file's name without {@code .png}
	 * @throws IOException when the file cannot be written
	 */
	static void screenshot(WebDriver browser, String name) throws IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Returns a test watcher that saves a screenshot of a failed test and prints the
	 * dashboard's notice, which usually says why.
	 * @param browser the browser, {@code null} while none runs
	 * @param prefix the screenshot's name before the test method's
	 * @return the watcher, to register as an extension
	 */
	static TestWatcher screenshotOnFailure(Supplier<WebDriver> browser, String prefix) {
		return new TestWatcher() {

			@Override
			public void testFailed(ExtensionContext context, Throwable cause) {
				WebDriver driver = browser.get();
				if (driver == null) {
					return;
				}
				try {
					screenshot(driver, prefix + context.getRequiredTestMethod().getName());
					System.err.println("Dashboard notice when " + context.getDisplayName() + " failed: "
							+ driver.findElement(By.id("notice")).getText());
				}
				catch (IOException | RuntimeException ex) {
					System.err.println("No screenshot of the failure: " + ex);
				}
			}

		};
	}

}
