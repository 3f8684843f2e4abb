package org.raqib.jobs.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.jobs.EnforcementFixtures.at;
import static org.raqib.jobs.EnforcementFixtures.passage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SectionSpeedRuleTest {

    private final SectionSpeedRule rule = new SectionSpeedRule(0.9);
    private final Camera a = at("A", "R1", 10.0, 120, 10);
    private final Camera b = at("B", "R1", 20.0, 100, 5);

    @Test
    void averageAboveTheLowerLimitPlusTheLargerToleranceIsAViolationWithBothPassagesAsEvidence() {
        // 10 km in 5 minutes = 120 km/h; limit min(120,100) = 100, tolerance max(10,5) = 10
        Passage entry = passage("A", "6531UJD", 0.95, 1_000_000);
        Passage exit = passage("B", "6531UJD", 0.97, 1_000_000 + 300_000);
        Violation v = rule.evaluate(entry, a, exit, b).orElseThrow();
        assertEquals(ViolationType.SECTION_SPEEDING, v.getType());
        assertEquals(ViolationStatus.ISSUED, v.getStatus());
        assertEquals(120.0, v.getMeasuredSpeedKmh(), 1e-9);
        assertEquals(100, v.getSpeedLimitKmh());
        assertEquals(10, v.getToleranceKmh());
        assertEquals(20.0, v.getExcessKmh(), 1e-9);
        assertEquals("11-20", v.getSpeedBand());
        assertEquals(SpeedSource.SECTION, v.getSpeedSource());
        assertEquals(List.of("A", "B"), v.getCameraIds());
        assertEquals(List.of(entry.getBestFrameId(), exit.getBestFrameId()), v.getFrameIds());
        assertEquals(2, v.getEvidenceSha256().size());
        assertEquals(exit.getFirstSeen(), v.getEventTime());
        assertEquals(entry.getFirstSeen(), v.getEntryTime());
        assertEquals("region-B", v.getRegion());
        assertEquals(0.95, v.getConfidence());
        assertEquals(ViolationIds.of(ViolationType.SECTION_SPEEDING, "6531UJD", List.of("A", "B"), exit.getFirstSeen()),
                v.getViolationId());
    }

    @Test
    void exitSeenBeforeEntryGivesTheSameViolation() {
        Passage entry = passage("A", "6531UJD", 0.95, 1_000_000);
        Passage exit = passage("B", "6531UJD", 0.97, 1_300_000);
        assertEquals(rule.evaluate(entry, a, exit, b), rule.evaluate(exit, b, entry, a));
    }

    @Test
    void atOrBelowLimitPlusToleranceImplausibleOrDisabledIsNoViolation() {
        Passage entry = passage("A", "6531UJD", 0.95, 0);
        // 10 km at exactly 110 km/h
        long legal = Math.round(10 / 110.0 * 3_600_000);
        assertTrue(rule.evaluate(entry, a, passage("B", "6531UJD", 0.95, legal + 1), b).isEmpty());
        // 10 km in 60 s = 600 km/h: two cars with one plate text, not a speeder
        assertTrue(rule.evaluate(entry, a, passage("B", "6531UJD", 0.95, 60_000), b).isEmpty());
        Camera off = Camera.newBuilder(b).setEnabled(false).build();
        assertTrue(rule.evaluate(entry, a, passage("B", "6531UJD", 0.95, 200_000), off).isEmpty());
    }

    @Test
    void lowConfidenceGoesToReview() {
        Violation v = rule.evaluate(passage("A", "6531UJD", 0.95, 0), a, passage("B", "6531UJD", 0.6, 200_000), b)
                .orElseThrow();
        assertEquals(ViolationStatus.NEEDS_REVIEW, v.getStatus());
    }

    @Test
    void sectionsAreBetweenNeighboursOnOneCarriageway() {
        Camera c = at("C", "R1", 35.0, 100, 5);
        Camera otherRoad = at("X", "R2", 15.0, 100, 5);
        Camera otherDirection = Camera.newBuilder(at("Y", "R1", 15.0, 100, 5)).setDirection("S").build();
        List<Camera> registry = List.of(a, b, c, otherRoad, otherDirection);
        assertEquals(List.of("A", "C"), SectionSpeedRule.neighbours(b, registry).stream().map(Camera::getCameraId).toList());
        assertEquals(List.of("B"), SectionSpeedRule.neighbours(a, registry).stream().map(Camera::getCameraId).toList());
        assertThrows(IllegalArgumentException.class, () -> rule.evaluate(passage("A", "6531UJD", 0.95, 0), a,
                passage("X", "6531UJD", 0.95, 100_000), otherRoad));
        assertThrows(IllegalArgumentException.class, () -> rule.evaluate(passage("A", "6531UJD", 0.95, 0), a,
                passage("B", "6581UJD", 0.95, 100_000), b));
    }

    @Test
    void aPassageIsKeptOnlyWhileAViolationIsStillPossible() {
        // 10 km at 110 km/h takes 5 min 27.3 s; a later exit is legal whatever it is
        assertEquals(Duration.ofMillis(327_273), SectionSpeedRule.violationWindow(a, b, Duration.ofHours(1)));
        assertEquals(Duration.ofMinutes(2), SectionSpeedRule.violationWindow(a, b, Duration.ofMinutes(2)));
        assertEquals(Instant.ofEpochMilli(0), passage("A", "1ABD", 0.9, 0).getFirstSeen());
    }
}
