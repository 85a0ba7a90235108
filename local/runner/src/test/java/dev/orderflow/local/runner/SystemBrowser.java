package dev.orderflow.local.runner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its own chromium-driver, found on this machine (never downloaded: Selenium
 * Manager is not asked, since both paths are given). {@code .ci/run} installs the two packages where it can;
 * {@link #missing()} says what is absent, for a test to skip with.
 */
final class SystemBrowser {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private SystemBrowser() {}

    /** What is missing to run a browser test here; empty when both are installed. */
    static Optional<String> missing() {
        if (browser().isEmpty()) {
            return Optional.of("no Chromium (apt-get install chromium chromium-driver, or set CHROME_BINARY)");
        }
        if (driver().isEmpty()) {
            return Optional.of("no chromedriver (apt-get install chromium-driver, or set CHROMEDRIVER)");
        }
        return Optional.empty();
    }

    /** A new headless browser, a laptop's window or a phone's. */
    static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--lang=en-GB",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver().orElseThrow()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, options);
    }

    private static Optional<String> browser() {
        return firstExisting(System.getenv("CHROME_BINARY"), BROWSERS);
    }

    private static Optional<String> driver() {
        return firstExisting(System.getenv("CHROMEDRIVER"), DRIVERS);
    }

    private static Optional<String> firstExisting(String configured, List<String> candidates) {
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst();
    }
}
