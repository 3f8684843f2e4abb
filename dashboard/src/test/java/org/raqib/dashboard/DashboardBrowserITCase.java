package org.raqib.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.plate.SaudiPlate;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromedriver, never downloaded)
 * against a real in-process broker: sign in as the demo operator, a violation written to Kafka shows
 * on the Live view within 2 seconds; a patrol acknowledges an alert. Screenshots go to
 * {@code target/screenshots/}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardBrowserITCase {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String REGION = "riyadh-central";

    private static DashboardOnKafka onKafka;
    private static DashboardServer dashboard;
    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(HeadlessChromium.CHROMIUM)
                        && Files.isExecutable(HeadlessChromium.CHROMEDRIVER),
                "the browser tests need Debian's chromium and chromium-driver (.ci/run installs them: "
                        + "apt-get install chromium chromium-driver)");
        onKafka = DashboardOnKafka.start();
        dashboard = onKafka.dashboard();
        Map<String, org.raqib.models.Camera> cams = new LinkedHashMap<>();
        cams.put("RUH-KFR-N-008", Fixtures.camera("RUH-KFR-N-008", REGION, 24.6907, 46.6853, 8));
        cams.put("RUH-KFR-N-014", Fixtures.camera("RUH-KFR-N-014", REGION, 24.7441, 46.6601, 14));
        cams.put("RUH-KFR-N-021", Fixtures.camera("RUH-KFR-N-021", REGION, 24.8012, 46.6358, 21));
        KafkaRecords.write(onKafka.bootstrapServers(), Topics.CAMERAS, cams);
        // Earlier traffic: frames (cameras online, last frame), reads, a review case and a patrol alert.
        Instant now = Instant.now();
        writeEvidence("f-old-1", "RUH-KFR-N-014", "5137HJK", now.minusSeconds(40));
        writeEvidence("f-old-2", "RUH-KFR-N-008", "2290RSX", now.minusSeconds(20));
        // A camera sending a backlog: its newest frame reached the gateway now, six minutes after its capture.
        KafkaRecords.write(onKafka.bootstrapServers(), Topics.FRAMES, Map.of("RUH-KFR-N-014", CameraFrame.newBuilder(
                Fixtures.frame("f-backlog", "RUH-KFR-N-014", now.minusSeconds(360), Fixtures.jpeg("5137HJK")))
                .setReceiveTime(now).build()));
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.REVIEW, Map.of("r-1",
                Fixtures.violation("r-1", "2290RSX", "RUH-KFR-N-008", REGION, now.minusSeconds(20), "f-old-2", true)));
        Violation older = Fixtures.violation("v-old", "5137HJK", "RUH-KFR-N-014", REGION, now.minusSeconds(40),
                "f-old-1", false);
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.VIOLATIONS, Map.of("v-old", older));
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.PATROL_ALERTS, Map.of(REGION,
                org.raqib.models.PatrolAlert.newBuilder(Fixtures.alert("a-1", "5137HJK", "RUH-KFR-N-014", REGION,
                        now.minusSeconds(30))).setFrameId("f-old-1").build()));
        DashboardITCase.await(() -> dashboard.state().violations(true).size() == 1
                && dashboard.state().alerts(REGION).size() == 1, Duration.ofSeconds(30));
    }

    private static void writeEvidence(String frameId, String camera, String plate, Instant at) {
        CameraFrame frame = Fixtures.frame(frameId, camera, at, Fixtures.jpeg(plate));
        KafkaRecords.write(onKafka.bootstrapServers(), Topics.FRAMES, Map.of(camera, frame));
        PlateRead read = Fixtures.read(frameId, camera, plate, at);
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.READS, Map.of(camera, read));
    }

    @AfterAll
    static void stop() {
        if (onKafka != null) {
            onKafka.close();
        }
    }

    @BeforeEach
    void openBrowser(@TempDir Path profile) {
        browser = HeadlessChromium.open(profile);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aViolationWrittenToKafkaShowsOnTheLiveViewWithinTwoSeconds() throws Exception {
        // given the demo operator signed in, the Live view connected
        signIn("operator", "operator-demo");
        WebDriverWait connected = new WebDriverWait(browser, Duration.ofSeconds(20));
        connected.until(ExpectedConditions.textToBe(By.id("conn"), "live"));
        connected.until(d -> !d.findElements(By.cssSelector("#issued li[data-id='v-old']")).isEmpty());
        assertTrue(browser.findElement(By.id("view-live")).isDisplayed());
        String plate = "7341KDR";
        Instant now = Instant.now();
        writeEvidence("f-new", "RUH-KFR-N-021", plate, now);
        DashboardITCase.await(() -> dashboard.state().lastFrame("RUH-KFR-N-021").isPresent(), Duration.ofSeconds(20));
        Violation v = Fixtures.violation("v-new", plate, "RUH-KFR-N-021", REGION, now, "f-new", false);

        // when a violation is committed to raqib.violations
        long start = System.nanoTime();
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.VIOLATIONS, Map.of("v-new", v));

        // then the Live view shows it within 2 seconds
        WebElement card = new WebDriverWait(browser, Duration.ofSeconds(2)).pollingEvery(Duration.ofMillis(50))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#issued li[data-id='v-new']")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("violation on the Live view " + ms + " ms after the commit");
        assertEquals(plate, card.findElement(By.cssSelector(".plate")).getAttribute("data-plate"));
        assertEquals("7341", card.findElement(By.cssSelector(".en.dg")).getText());
        WebElement arabicLetters = card.findElement(By.cssSelector(".ar.lt"));
        assertEquals("rtl", arabicLetters.getAttribute("dir"));
        String arabic = SaudiPlate.toArabic(plate);
        assertEquals(arabic.substring(0, arabic.lastIndexOf(' ')), arabicLetters.getText(), "reading order");
        // the Arabic row as the browser lays it out, left to right: the plate's top row, each letter above
        // its Latin twin (K D R), the digits on the left
        assertEquals(topRowLeftToRight(plate), arabicRowAsShown("#issued li[data-id='v-new'] .plate"));
        assertTrue(card.getText().contains("121"), "measured speed: " + card.getText());
        assertTrue(card.getText().contains("limit 80"), card.getText());
        // newest first, above the older one; the review case in its own list
        List<WebElement> cards = browser.findElements(By.cssSelector("#issued li"));
        assertEquals("v-new", cards.get(0).getAttribute("data-id"));
        assertEquals(1, browser.findElements(By.cssSelector("#review li[data-id='r-1']")).size());
        // the evidence crop loads (cut from the frame around the read's box)
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("const i = document.querySelector(\"#issued li[data-id='v-new'] img.evidence\");"
                        + " return !!i && i.complete && i.naturalWidth === 320;"));
        screenshot("live");

        // the type filter hides what does not match
        browser.findElement(By.cssSelector("#f-type option[value='SECTION_SPEEDING']")).click();
        assertTrue(browser.findElements(By.cssSelector("#issued li")).isEmpty());
        browser.findElement(By.cssSelector("#f-type option[value='']")).click();

        // the other views render from the same stream
        browser.findElement(By.cssSelector("#tabs button[data-view='cameras']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
                d.findElements(By.cssSelector("#plan g.cam")).size() == 3
                        && d.findElements(By.cssSelector("#camtable tbody tr")).size() == 3);
        // The camera states are pushed on their own tick, so the row may show the camera before its state; the table
        // is redrawn on each tick, so the row found can go stale before its text is read: it is then looked up again.
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#camtable tr[data-camera='RUH-KFR-N-021']")).getText().contains("online"));
        // and the camera sending a backlog says how far behind its newest frame was; the others do not
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#camtable tr[data-camera='RUH-KFR-N-014']")).getText().contains("6 min behind"));
        assertTrue(!browser.findElement(By.id("camtable")).getText().replace("6 min behind", "").contains("behind"),
                browser.findElement(By.id("camtable")).getText());
        screenshot("cameras");
        browser.findElement(By.cssSelector("#tabs button[data-view='trends']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
                !d.findElements(By.cssSelector("#chart-hourly rect")).isEmpty());
        screenshot("trends");
    }

    @Test
    void aPatrolSeesOnlyItsViewAndAcknowledgesAnAlert() throws Exception {
        signIn("patrol", "patrol-demo");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // The list is redrawn when an alert or acknowledgement arrives, so an element can go stale between looks.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(d -> !d.findElements(By.cssSelector("#alerts li[data-id='a-1'] button.ack-button")).isEmpty());
        assertFalse(browser.findElement(By.cssSelector("#tabs button[data-view='live']")).isDisplayed());
        assertTrue(browser.findElement(By.id("view-patrol")).isDisplayed());
        screenshot("patrol-before");
        WebElement alert = browser.findElement(By.cssSelector("#alerts li[data-id='a-1']"));
        alert.findElement(By.tagName("input")).sendKeys("unit 7 on the way");
        alert.findElement(By.cssSelector("button.ack-button")).click();
        // shown as acknowledged once the record has come back from Kafka
        wait.until(d -> d.findElement(By.cssSelector("#alerts li[data-id='a-1']")).getText()
                .contains("acknowledged by patrol"));
        screenshot("patrol");
        List<KafkaRecords.Keyed<org.raqib.models.PatrolAcknowledgement>> acks =
                KafkaRecords.readCommitted(onKafka.bootstrapServers(), Topics.PATROL_ACKS);
        assertEquals(1, acks.size());
        assertEquals("unit 7 on the way", acks.get(0).value().getNote());
    }

    @Test
    void withATileUrlTheCamerasAreDrawnOverMapTilesFromThatServer() throws Exception {
        // given a tile server of our own (every tile the same plain PNG) and a dashboard configured with it
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        java.awt.image.BufferedImage tile = new java.awt.image.BufferedImage(256, 256,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(tile, "png", png);
        com.sun.net.httpserver.HttpServer tiles = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        tiles.createContext("/", ex -> {
            served.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.size());
            ex.getResponseBody().write(png.toByteArray());
            ex.close();
        });
        tiles.start();
        String template = "http://127.0.0.1:" + tiles.getAddress().getPort() + "/{z}/{x}/{y}.png";
        DashboardOptions d = DashboardOptions.defaults(DashboardITCase.DEMO_USERS)
                .withBootstrapServers(onKafka.bootstrapServers()).withPort(0);
        try (DashboardServer withTiles = DashboardServer.start(new DashboardOptions(d.bootstrapServers(), d.host(),
                0, d.usersFile(), template, d.maxItems(), d.frameCacheMegabytes(), d.sessionIdle(), false))) {
            // when the operator opens the Cameras view
            signIn(withTiles.address(), "operator", "operator-demo");
            browser.get(withTiles.address().resolve("/#cameras").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(d2 -> d2.findElements(By.cssSelector("#plan g.cam")).size() == 3);
            // then tiles from that server lie under the cameras, and the page's policy let them load (the hrefs are
            // read in one script: the plan is redrawn as the feed refreshes, which leaves element references stale)
            @SuppressWarnings("unchecked")
            List<String> hrefs = (List<String>) ((JavascriptExecutor) browser).executeScript(
                    "return Array.from(document.querySelectorAll('#plan image')).map(i => i.getAttribute('href'));");
            assertFalse(hrefs.isEmpty());
            assertTrue(hrefs.get(0).matches("http://127\\.0\\.0\\.1:\\d+/\\d+/\\d+/\\d+\\.png"), hrefs.get(0));
            wait.until(d2 -> served.get() >= hrefs.size());
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d2 -> d2.findElement(By.id("plan-note")).getText().startsWith("map tiles, zoom"));
        } finally {
            tiles.stop(0);
        }
    }

    private void signIn(String user, String password) {
        signIn(dashboard.address(), user, password);
    }

    private void signIn(java.net.URI server, String user, String password) {
        browser.get(server.resolve("/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("sign-in as " + user + " did not leave " + browser.getCurrentUrl() + ": "
                    + browser.getPageSource(), e);
        }
    }

    /** The Arabic twins of a canonical plate's characters in the Latin row's order, without spaces or tatweel. */
    private static String topRowLeftToRight(String plate) {
        StringBuilder sb = new StringBuilder();
        for (char c : SaudiPlate.digits(plate).toCharArray()) {
            sb.append(SaudiPlate.ARABIC_DIGITS.charAt(c - '0'));
        }
        for (char c : SaudiPlate.letters(plate).toCharArray()) {
            sb.append(SaudiPlate.arabicLetter(c).replace("\u0640", ""));
        }
        return sb.toString();
    }

    /**
     * The characters of a plate's Arabic row sorted by where the browser drew them, left to right (the
     * centre of each character's box): what a reader sees, whatever order the text has in the DOM.
     */
    private String arabicRowAsShown(String plateSelector) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const glyphs = [];"
                + "for (const span of document.querySelector(arguments[0]).querySelectorAll('.ar')) {"
                + "  for (const t of span.childNodes) {"
                + "    for (let i = 0; i < t.data.length; i++) {"
                + "      if (t.data[i] === ' ' || t.data[i] === '\u0640') continue;"
                + "      const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);"
                + "      const b = r.getBoundingClientRect();"
                + "      glyphs.push([b.left + b.width / 2, t.data[i]]);"
                + "    }"
                + "  }"
                + "}"
                + "glyphs.sort((a, b) => a[0] - b[0]);"
                + "return glyphs.map((g) => g[1]).join('');", plateSelector);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
