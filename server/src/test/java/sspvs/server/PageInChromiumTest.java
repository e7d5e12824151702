package sspvs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import sspvs.Skip;

/**
 * The page in a real browser (Debian's headless Chromium driven by Selenium): a video chosen in the page's file input
 * is uploaded, the job page follows it to the end and shows the report, whose score curve has points, whose kept
 * shots are shaded and whose summary video plays with the duration summary.json records; a file that is not a video
 * ends on a page that gives the reason; the list of past jobs shows both, newest first.
 *
 * <p>With {@code -Dsspvs.screenshot=docs/serve.png} the done page is also saved there (the README's picture).
 */
class PageInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void aVideoUploadedThroughThePageEndsInAReportWhosePlotShotsAndVideoWorkAndAFailureShowsItsReason() throws Exception {
        Skip.unless(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no chromium/chromedriver (apt-get install chromium chromium-driver) to drive the page in a browser");
        Path checkpoint = ServeFixtures.checkpoint(dir.resolve("tiny.ckpt"));
        Path video = ServeFixtures.video(dir.resolve("three scenes.mp4"));
        try (ServeApp server = ServeApp.start(dir.resolve("data"),
                new ServeApp.Options("127.0.0.1", 0, 64L << 20, 1, null), ServeFixtures.pipelines(checkpoint),
                ServerListener.NONE)) {
            String base = "http://127.0.0.1:" + server.port();
            WebDriver browser = chromium();
            try {
                browser.get(base + "/");
                browser.findElement(By.cssSelector("input[type=file]")).sendKeys(video.toString());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
                wait.until(b -> b.getCurrentUrl().contains("/jobs/"));
                String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
                WebElement frame = wait.until(b -> visibleFrame(b));
                browser.switchTo().frame(frame);
                JavascriptExecutor js = (JavascriptExecutor) browser;

                // the score curve: one point per sampled step (2 per second of a 6 s video)
                String curve = wait.until(b -> attribute(b, "#score-curve", "d"));
                int points = curve.trim().split("[ML]").length - 1;
                assertTrue(points >= 10, "the curve has its points: " + curve);
                List<WebElement> shaded = browser.findElements(By.cssSelector("rect.selected-shot"));
                assertTrue(!shaded.isEmpty(), "the kept shots are shaded");
                for (WebElement r : shaded) {
                    assertTrue(Double.parseDouble(r.getAttribute("width")) > 0, "a shaded shot has a width");
                }

                // the summary video plays: enough data for the current frame, and the length summary.json says
                js.executeScript("const v = document.getElementById('summary-video'); v.muted = true; v.play();");
                wait.until(b -> ((Number) js.executeScript(
                        "return document.getElementById('summary-video').readyState;")).intValue() >= 2);
                double shown = ((Number) js.executeScript(
                        "return document.getElementById('summary-video').duration;")).doubleValue();
                JsonNode summary = new ObjectMapper().readTree(java.net.URI.create(base + "/api/jobs/" + id
                        + "/files/summary.json").toURL());
                assertEquals(summary.get("summary_video").get("duration_s").asDouble(), shown, 0.1);

                browser.switchTo().defaultContent();
                assertTrue(browser.findElement(By.id("files")).getText().contains("summary.mp4"), "download links");
                screenshot(browser);

                // a file that is not a video: the job page shows the one-line reason, and the list of past jobs
                // has it first (newest first), above the done one
                Path notes = Files.writeString(dir.resolve("notes.mp4"), "these are notes, not a video\n".repeat(40));
                browser.get(base + "/");
                browser.findElement(By.cssSelector("input[type=file]")).sendKeys(notes.toString());
                wait.until(b -> b.getCurrentUrl().contains("/jobs/") && !b.getCurrentUrl().endsWith("/" + id));
                WebElement reason = wait.until(b -> b.findElements(By.id("error")).stream()
                        .filter(e -> e.isDisplayed() && !e.getText().isBlank()).findFirst().orElse(null));
                assertTrue(reason.getText().startsWith("not a video"), reason.getText());
                assertTrue(!reason.getText().contains(dir.toString()), "no server path: " + reason.getText());
                browser.get(base + "/");
                List<WebElement> rows = wait.until(b -> {
                    List<WebElement> r = b.findElements(By.cssSelector("#jobs tr"));
                    return r.size() >= 2 ? r : null;
                });
                assertTrue(rows.get(0).getText().contains("notes.mp4") && rows.get(0).getText().contains("failed"),
                        rows.get(0).getText());
                assertTrue(rows.get(1).getText().contains("three scenes.mp4") && rows.get(1).getText().contains("done"),
                        rows.get(1).getText());
            } finally {
                browser.quit();
            }
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1500",
                "--autoplay-policy=no-user-gesture-required", "--disable-background-networking",
                "--disable-component-update", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The job page's report frame once it is shown, else null (keep waiting). */
    private static WebElement visibleFrame(WebDriver b) {
        return b.findElements(By.tagName("iframe")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    /** The attribute once the element exists and has it (drawn by the report's script), else null. */
    private static String attribute(WebDriver b, String css, String name) {
        return b.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(name))
                .filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static void screenshot(WebDriver browser) throws Exception {
        String to = System.getProperty("sspvs.screenshot");
        if (to == null || to.isBlank()) {
            return;
        }
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of(to);
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(shot, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
