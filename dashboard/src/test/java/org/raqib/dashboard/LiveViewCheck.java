package org.raqib.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * A by-hand check of a running dashboard (e.g. the one {@code ./raqib demo} starts): signs in as the demo
 * operator in headless Chromium, collects the plates on the Live view (violations and review queue),
 * reads raqib.violations and raqib.review with an independent read-committed consumer, and prints both
 * and whether every plate on the page is in Kafka. Exit code 0 when it is (and the page shows any).
 *
 * <pre>
 * mvn -q -o -pl dashboard exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.raqib.dashboard.LiveViewCheck \
 *     -Dexec.args="http://127.0.0.1:8080/ localhost:9092"
 * </pre>
 */
public final class LiveViewCheck {

    private LiveViewCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LiveViewCheck DASHBOARD_URL BOOTSTRAP_SERVERS");
            System.exit(2);
        }
        String url = args[0].endsWith("/") ? args[0] : args[0] + "/";
        Path profile = Files.createTempDirectory("raqib-check-");
        WebDriver browser = HeadlessChromium.open(profile);
        Set<String> issuedOnPage;
        Set<String> reviewOnPage;
        try {
            browser.get(url + "login");
            browser.findElement(By.id("user")).sendKeys("operator");
            browser.findElement(By.id("password")).sendKeys("operator-demo");
            browser.findElement(By.id("signin")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("conn")).getText()
                    .equals("live"));
            Thread.sleep(2000); // let the snapshot render
            issuedOnPage = plates(browser, "#issued li .plate");
            reviewOnPage = plates(browser, "#review li .plate");
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            // exec:java runs in the reactor root; keep the picture with the module's other screenshots.
            Path target = (Files.isDirectory(Path.of("dashboard")) ? Path.of("dashboard", "target") : Path.of("target"))
                    .resolve("screenshots").resolve("live-check.png").toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("screenshot: " + target);
        } finally {
            browser.quit();
        }
        Set<String> issuedInKafka = KafkaRecords.readCommitted(args[1], Topics.VIOLATIONS).stream()
                .map(k -> ((Violation) k.value()).getPlateText()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> reviewInKafka = KafkaRecords.readCommitted(args[1], Topics.REVIEW).stream()
                .map(k -> ((Violation) k.value()).getPlateText()).collect(Collectors.toCollection(TreeSet::new));
        boolean ok = report("violations", issuedOnPage, issuedInKafka) & report("review", reviewOnPage, reviewInKafka);
        ok &= !(issuedOnPage.isEmpty() && reviewOnPage.isEmpty());
        System.out.println(ok ? "OK: every plate on the Live view is in Kafka" : "MISMATCH (or nothing shown)");
        System.exit(ok ? 0 : 1);
    }

    /**
     * The plates of the matching elements, read in one script run inside the page: the live lists are
     * re-rendered as events arrive, so elements looked up first and read one by one afterwards can be gone
     * by then (a StaleElementReferenceException during a busy demo).
     */
    private static Set<String> plates(WebDriver browser, String css) {
        Object found = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute('data-plate'));", css);
        Set<String> plates = new TreeSet<>();
        if (found instanceof List<?> list) {
            list.forEach(p -> plates.add(String.valueOf(p)));
        }
        return plates;
    }

    private static boolean report(String what, Set<String> page, Set<String> kafka) {
        Set<String> missing = new TreeSet<>(page);
        missing.removeAll(kafka);
        System.out.printf("%s: %d plates on the page, %d in Kafka (read committed), on the page but not in Kafka: %s%n",
                what, page.size(), kafka.size(), missing);
        return missing.isEmpty();
    }
}
