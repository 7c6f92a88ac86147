package io.driftloop.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Debian's chromedriver ({@code /usr/bin/chromedriver}, never one
 * downloaded). Without it the browser tests are skipped, unless {@code DRIFTLOOP_REQUIRE_TOOLS=true}
 * (as {@code .ci/run} sets, after installing {@code chromium} and {@code chromium-driver}) makes
 * them fail.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path DRIVER = Path.of(System.getProperty("driftloop.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("driftloop.chromium", "/usr/bin/chromium"));

    private final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    static ConsoleBrowser open() {
        boolean present = Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM);
        if (!present && "true".equals(System.getenv("DRIFTLOOP_REQUIRE_TOOLS"))) {
            throw new IllegalStateException(DRIVER + " or " + CHROMIUM + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "no " + DRIVER + " / " + CHROMIUM + ": apt-get install chromium chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1400,2000");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(driver);
    }

    void get(String url) {
        driver.get(url);
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).map(String::strip).toList();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    boolean noDialogOpen() {
        try {
            driver.switchTo().alert();
            return false;
        } catch (org.openqa.selenium.NoAlertPresentException none) {
            return true;
        }
    }

    String attribute(String css, String attribute) {
        return driver.findElement(By.cssSelector(css)).getAttribute(attribute);
    }

    void awaitAttribute(String css, String attribute, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> d.findElement(By.cssSelector(css)).getAttribute(attribute) != null);
    }

    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
