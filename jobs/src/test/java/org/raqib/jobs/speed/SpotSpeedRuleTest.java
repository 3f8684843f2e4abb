package org.raqib.jobs.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.Camera;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpotSpeedRuleTest {

    private static final long AT = 1_760_000_000_123L;
    private final SpotSpeedRule rule = new SpotSpeedRule();
    private final Camera camera = Fixtures.camera("cam-7", 120, 10);

    private Optional<Violation> at(double speed, double confidence) {
        return rule.evaluate(SpotObservation.of(Fixtures.read("f-1", "cam-7", "6531UJD", confidence, speed, AT)), camera);
    }

    @Test
    void noViolationAtOrBelowLimitPlusTolerance() {
        assertTrue(at(100, 0.99).isEmpty());
        assertTrue(at(120, 0.99).isEmpty());
        assertTrue(at(129.9, 0.99).isEmpty());
        assertTrue(at(130, 0.99).isEmpty(), "exactly limit + tolerance is allowed");
    }

    @Test
    void violationAboveLimitPlusToleranceWithExcessOverTheLimit() {
        Violation v = at(130.5, 0.99).orElseThrow();
        assertEquals(ViolationType.SPOT_SPEEDING, v.getType());
        assertEquals(ViolationStatus.ISSUED, v.getStatus());
        assertEquals(130.5, v.getMeasuredSpeedKmh());
        assertEquals(10.5, v.getExcessKmh(), 1e-9, "excess is over the limit, not over limit + tolerance");
        assertEquals("11-20", v.getSpeedBand());
        assertEquals(120, v.getSpeedLimitKmh());
        assertEquals(10, v.getToleranceKmh());
        assertEquals(List.of("cam-7"), v.getCameraIds());
        assertEquals("6531UJD", v.getPlateText());
        assertEquals(SpeedSource.RADAR, v.getSpeedSource());
        assertEquals(List.of("f-1"), v.getFrameIds());
        assertEquals(List.of("ab".repeat(32)), v.getEvidenceSha256());
        assertEquals("R-cam-7", v.getRoadId());
        assertEquals("riyadh", v.getRegion());
        assertEquals(Instant.ofEpochMilli(AT), v.getEventTime());
        assertEquals(Instant.ofEpochMilli(AT), v.getDetectedAt(), "detectedAt is event time, not the clock");
    }

    @Test
    void bandsFollowTheFineSchedule() {
        assertEquals("1-10", SpeedBand.of(0.1));
        assertEquals("1-10", SpeedBand.of(1));
        assertEquals("1-10", SpeedBand.of(10));
        assertEquals("11-20", SpeedBand.of(10.01));
        assertEquals("11-20", SpeedBand.of(20));
        assertEquals("21-30", SpeedBand.of(21));
        assertEquals("31-40", SpeedBand.of(40));
        assertEquals("41-50", SpeedBand.of(50));
        assertEquals("51+", SpeedBand.of(50.5));
        assertEquals("51+", SpeedBand.of(180));
        assertThrows(IllegalArgumentException.class, () -> SpeedBand.of(0));
        assertThrows(IllegalArgumentException.class, () -> SpeedBand.of(-3));
        assertThrows(IllegalArgumentException.class, () -> SpeedBand.of(Double.NaN));
    }

    @Test
    void idIsDeterministicAndDependsOnWhatTheViolationIs() {
        Violation first = at(150, 0.95).orElseThrow();
        Violation again = at(150, 0.95).orElseThrow();
        assertEquals(first.getViolationId(), again.getViolationId());
        assertEquals(first, again, "the whole record is reproducible");
        assertEquals(ViolationIds.LENGTH, first.getViolationId().length());
        assertTrue(first.getViolationId().matches("[0-9a-f]+"));
        assertEquals(ViolationIds.of(ViolationType.SPOT_SPEEDING, "6531UJD", List.of("cam-7"), Instant.ofEpochMilli(AT)),
                first.getViolationId());
        // the speed is not part of identity; plate, camera and time are
        assertEquals(first.getViolationId(), at(170, 0.95).orElseThrow().getViolationId());
        Violation otherPlate = rule.evaluate(SpotObservation.of(
                Fixtures.read("f-1", "cam-7", "6532UJD", 0.95, 150.0, AT)), camera).orElseThrow();
        Violation otherTime = rule.evaluate(SpotObservation.of(
                Fixtures.read("f-1", "cam-7", "6531UJD", 0.95, 150.0, AT + 1)), camera).orElseThrow();
        assertNotEquals(first.getViolationId(), otherPlate.getViolationId());
        assertNotEquals(first.getViolationId(), otherTime.getViolationId());
    }

    @Test
    void lowConfidenceOrAnInvalidPlateGoesToReview() {
        assertEquals(ViolationStatus.ISSUED, at(150, 0.9).orElseThrow().getStatus(), "threshold is inclusive");
        assertEquals(ViolationStatus.NEEDS_REVIEW, at(150, 0.89).orElseThrow().getStatus());
        SpotSpeedRule strict = new SpotSpeedRule(0.99);
        assertEquals(ViolationStatus.NEEDS_REVIEW, strict.evaluate(SpotObservation.of(
                Fixtures.read("f-1", "cam-7", "6531UJD", 0.95, 150.0, AT)), camera).orElseThrow().getStatus());
        Violation garbled = rule.evaluate(SpotObservation.of(
                Fixtures.read("f-1", "cam-7", "65?1UJD", 0.99, 150.0, AT)), camera).orElseThrow();
        assertEquals(ViolationStatus.NEEDS_REVIEW, garbled.getStatus());
        assertThrows(IllegalArgumentException.class, () -> new SpotSpeedRule(1.5));
    }

    @Test
    void disabledCameraCameraWithoutRadarOrReadWithoutSpeedGiveNoViolation() {
        Camera disabled = Camera.newBuilder(camera).setEnabled(false).build();
        Camera noRadar = Camera.newBuilder(camera).setHasRadar(false).build();
        SpotObservation fast = SpotObservation.of(Fixtures.read("f-1", "cam-7", "6531UJD", 0.99, 200.0, AT));
        assertTrue(rule.evaluate(fast, disabled).isEmpty());
        assertTrue(rule.evaluate(fast, noRadar).isEmpty());
        assertTrue(rule.evaluate(SpotObservation.of(Fixtures.read("f-1", "cam-7", "6531UJD", 0.99, null, AT)), camera)
                .isEmpty());
        assertFalse(rule.evaluate(fast, camera).isEmpty());
    }

    @Test
    void unusableCamerasAreNamedAndRefused() {
        Camera noLimit = Fixtures.camera("cam-7", 0, 10);
        Camera negativeTolerance = Fixtures.camera("cam-7", 80, -1);
        assertTrue(SpotSpeedRule.problemWith(noLimit).orElseThrow().contains("no positive speed limit"));
        assertTrue(SpotSpeedRule.problemWith(negativeTolerance).orElseThrow().contains("negative tolerance"));
        assertTrue(SpotSpeedRule.problemWith(camera).isEmpty());
        SpotObservation fast = SpotObservation.of(Fixtures.read("f-1", "cam-7", "6531UJD", 0.99, 200.0, AT));
        assertThrows(IllegalArgumentException.class, () -> rule.evaluate(fast, noLimit));
        assertThrows(IllegalArgumentException.class, () -> rule.evaluate(fast, Fixtures.camera("cam-8", 80, 5)));
    }

    @Test
    void observationDoesNotPrintThePlate() {
        SpotObservation o = SpotObservation.of(Fixtures.read("f-1", "cam-7", "6531UJD", 0.99, 200.0, AT));
        assertFalse(o.toString().contains("6531"));
    }
}
