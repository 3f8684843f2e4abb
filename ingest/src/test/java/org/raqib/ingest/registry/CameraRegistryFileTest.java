package org.raqib.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.Camera;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CameraRegistryFileTest {

    private static final String GOOD_CAMERA = """
              - id: RUH-KFR-N-008
                secret: 0123456789abcdef
                name: King Fahd Rd N km 8
                latitude: 24.69
                longitude: 46.68
                roadId: RUH-KFR
                direction: N
                kmMarker: 8.0
                speedLimitKmh: 80
                toleranceKmh: 10
                region: riyadh
            """;

    private static String registry(String... cameras) {
        return "cameras:\n" + String.join("", cameras);
    }

    private static InvalidRegistryException invalid(String yaml) {
        return assertThrows(InvalidRegistryException.class, () -> CameraRegistryFile.parse(yaml, "test.yaml"));
    }

    @Test
    void theCommittedDemoRegistryIsValid() {
        CameraRegistry r = CameraRegistryFile.load(Path.of("..", "config", "cameras.yaml"));

        assertTrue(r.size() >= 4, "demo has several cameras");
        assertEquals(2, r.cameras().stream().map(RegisteredCamera::roadId).distinct().count(), "two roads");
        assertTrue(r.enabledRadarCameras().size() >= 3);
        for (RegisteredCamera c : r.cameras()) {
            assertTrue(c.latitude() > 16 && c.latitude() < 33 && c.longitude() > 34 && c.longitude() < 56,
                    c.id() + " lies in Saudi Arabia");
            assertTrue(Set.of(80, 100, 120).contains(c.speedLimitKmh()), c.id() + " has a realistic limit");
        }
    }

    @Test
    void readsEveryFieldAndDefaults() {
        CameraRegistry r = CameraRegistryFile.parse(registry(GOOD_CAMERA), "test.yaml");

        RegisteredCamera c = r.find("RUH-KFR-N-008").orElseThrow();
        assertEquals("0123456789abcdef", c.secret());
        assertEquals("King Fahd Rd N km 8", c.name());
        assertEquals(24.69, c.latitude());
        assertEquals(46.68, c.longitude());
        assertEquals("RUH-KFR", c.roadId());
        assertEquals("N", c.direction());
        assertEquals(8.0, c.kmMarker());
        assertEquals(80, c.speedLimitKmh());
        assertEquals(10, c.toleranceKmh());
        assertEquals(90, c.thresholdKmh());
        assertEquals("riyadh", c.region());
        assertTrue(c.hasRadar(), "hasRadar defaults to true");
        assertTrue(c.enabled(), "enabled defaults to true");
        assertNull(c.calibrationValidUntil());
    }

    @Test
    void calibrationDateIsValidThroughThatDay() {
        CameraRegistry r = CameraRegistryFile.parse(registry(GOOD_CAMERA + "    calibrationValidUntil: 2027-06-30\n"),
                "test.yaml");

        assertEquals(Instant.parse("2027-06-30T23:59:59.999Z"), r.cameras().get(0).calibrationValidUntil());
    }

    @Test
    void cameraRecordCarriesEverythingButTheSecret() {
        RegisteredCamera c = CameraRegistryFile.parse(registry(GOOD_CAMERA + "    enabled: false\n"), "t").cameras().get(0);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        Camera record = c.toCamera(now);

        assertEquals("RUH-KFR-N-008", record.getCameraId());
        assertEquals(80, record.getSpeedLimitKmh());
        assertEquals(10, record.getToleranceKmh());
        assertFalse(record.getEnabled());
        assertEquals(now, record.getUpdatedAt());
        assertFalse(record.toString().contains("0123456789abcdef"), "secret must not be published");
        assertFalse(c.toString().contains("0123456789abcdef"), "secret must not be printed");
    }

    @Test
    void missingFieldIsNamed() {
        InvalidRegistryException e = invalid(registry(GOOD_CAMERA.replace("    speedLimitKmh: 80\n", "")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("RUH-KFR-N-008") && e.getMessage().contains("'speedLimitKmh'")
                && e.getMessage().contains("missing required field"), e.getMessage());
        assertTrue(e.getMessage().contains("test.yaml"), e.getMessage());
    }

    @Test
    void duplicateIdIsRejected() {
        InvalidRegistryException e = invalid(registry(GOOD_CAMERA, GOOD_CAMERA));

        assertTrue(e.getMessage().contains("camera #2") && e.getMessage().contains("duplicate id 'RUH-KFR-N-008'"),
                e.getMessage());
    }

    @Test
    void limitOutOfRangeIsRejected() {
        InvalidRegistryException e = invalid(registry(GOOD_CAMERA.replace("speedLimitKmh: 80", "speedLimitKmh: 800")));

        assertTrue(e.getMessage().contains("'speedLimitKmh'") && e.getMessage().contains("20..140")
                && e.getMessage().contains("800"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String bad = GOOD_CAMERA.replace("toleranceKmh: 10", "toleranceKmh: -5")
                .replace("direction: N", "direction: up")
                .replace("latitude: 24.69", "latitude: north")
                .replace("secret: 0123456789abcdef", "secret: short")
                + "    speedLimt: 90\n";

        InvalidRegistryException e = invalid(registry(bad));

        Set<String> fields = e.problems().stream().map(p -> p.replaceAll(".*field '([^']+)'.*", "$1"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("toleranceKmh", "direction", "latitude", "secret", "speedLimt"), fields, e.getMessage());
    }

    @Test
    void fractionalLimitIsRejected() {
        InvalidRegistryException e = invalid(registry(GOOD_CAMERA.replace("speedLimitKmh: 80", "speedLimitKmh: 80.5")));

        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }

    @Test
    void structureErrorsAreClear() {
        assertTrue(invalid("cameras: []\n").getMessage().contains("non-empty list"));
        assertTrue(invalid("- just a list\n").getMessage().contains("'cameras'"));
        assertTrue(invalid(registry(GOOD_CAMERA) + "extra: 1\n").getMessage().contains("unknown top-level key 'extra'"));
        assertTrue(invalid("cameras:\n  - id: [unclosed\n").getMessage().contains("not valid YAML"));
        assertTrue(invalid(registry(GOOD_CAMERA + "    enabled: maybe\n")).getMessage()
                .contains("true or false"));
    }

    @Test
    void badIdIsRejected() {
        InvalidRegistryException e = invalid(registry(GOOD_CAMERA.replace("id: RUH-KFR-N-008", "id: ruh kfr")));

        assertTrue(e.getMessage().contains("'id'") && e.getMessage().contains("upper-case"), e.getMessage());
    }
}
