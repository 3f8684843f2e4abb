package org.raqib.dashboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.dashboard.DashboardOptions;
import org.raqib.dashboard.Fixtures;
import org.raqib.models.PatrolAlert;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int dashboard(String... args) {
        return DashboardCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int patrol(String... args) {
        return PatrolCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertEquals(0, dashboard("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--tiles-url"));
        assertEquals(2, dashboard("--prot", "8080"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --prot"));
        assertEquals(2, dashboard("--port", "eighty"));
        assertEquals(2, dashboard("--port", "70000"));
        assertEquals(2, dashboard("--tiles-url", "http://tiles.local/{z}/{x}.png"));
        assertEquals(2, dashboard("--session-idle", "10s"));
        assertEquals(2, dashboard("stray"));
        assertEquals(0, patrol("--help"));
        assertEquals(2, patrol("--bootstrap", "localhost:9092"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--region is required"));
    }

    @Test
    void optionsFromTheCommandLine() {
        DashboardOptions o = DashboardCommand.parse(DashboardCommand.SPEC.parse("--bootstrap", "k1:9092,k2:9092",
                "--port", "0", "--users", "/etc/raqib/users.yaml", "--tiles-url", "https://tiles.local:8443/{z}/{x}/{y}.png",
                "--session-idle", "30m", "--secure-cookies"));
        assertEquals("k1:9092,k2:9092", o.bootstrapServers());
        assertEquals(0, o.port());
        assertEquals(Path.of("/etc/raqib/users.yaml"), o.usersFile());
        assertEquals("https://tiles.local:8443", o.tilesOrigin());
        assertEquals(Duration.ofMinutes(30), o.sessionIdle());
        assertTrue(o.secureCookies());
        assertEquals("127.0.0.1", o.host());
        assertThrows(IllegalArgumentException.class, () -> new DashboardOptions("b", "h", 1, Path.of("u"),
                "ftp://x/{z}/{x}/{y}", 500, 64, Duration.ofHours(1), false).validate());
    }

    @Test
    void anAlertIsOneLineWithItsRegionsFacts() {
        PatrolAlert a = PatrolAlert.newBuilder(Fixtures.alert("a-9", "7341KDR", "CAM-1", "riyadh-central",
                Instant.parse("2026-11-29T17:05:12Z"))).setHotlistPlate("7341KDB").setSubstitutions(1).build();
        String line = PatrolCommand.line(a);
        assertTrue(line.startsWith("2026-11-29 17:05:12Z  P1 stolen"), line);
        assertTrue(line.contains("7341KDR | " + a.getPlateArabic()), line);
        assertTrue(line.contains("hot-list 7341KDB, 1 OCR substitution"), line);
        assertTrue(line.contains("camera CAM-1") && line.endsWith("alert a-9"), line);
        assertEquals(1, line.lines().count());
    }
}
