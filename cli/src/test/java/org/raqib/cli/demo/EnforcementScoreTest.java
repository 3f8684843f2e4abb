package org.raqib.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.ingest.simulator.GroundTruth;
import org.raqib.ingest.simulator.SectionTruth;
import org.raqib.models.PatrolAlert;
import org.raqib.models.PlateLayout;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EnforcementScoreTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private static SectionTruth trip(String entry, String exit, String plate, long seconds) {
        // 1.5 km, limit 80 + 10: 60 s is 90 km/h (legal), 50 s is 108 km/h (over)
        return new SectionTruth(entry, exit, "A", "B", plate, 1.5, T, T.plusSeconds(seconds), 80, 10);
    }

    private static Violation section(String id, String entry, String exit, String plate) {
        return section(id, entry, exit, plate, ViolationStatus.NEEDS_REVIEW);
    }

    private static Violation section(String id, String entry, String exit, String plate, ViolationStatus status) {
        return Violation.newBuilder().setViolationId(id).setType(ViolationType.SECTION_SPEEDING)
                .setStatus(status).setPlateText(plate).setPlateArabic("").setConfidence(0.5)
                .setCameraIds(List.of("A", "B")).setRoadId("R").setRegion("r").setEventTime(T).setEntryTime(T)
                .setMeasuredSpeedKmh(108).setSpeedLimitKmh(80).setToleranceKmh(10).setExcessKmh(28)
                .setSpeedBand("21-30").setSpeedSource(SpeedSource.SECTION).setEvidenceSha256(List.of("00", "11"))
                .setFrameIds(List.of(entry, exit)).setDetectedAt(T).build();
    }

    private static PatrolAlert alert(String frame, String hotlistPlate) {
        return PatrolAlert.newBuilder().setAlertId("a-" + frame).setRegion("r").setPlateText(hotlistPlate)
                .setPlateArabic("").setHotlistPlate(hotlistPlate).setSubstitutions(0).setReason("stolen").setPriority(1)
                .setCameraId("A").setLatitude(0).setLongitude(0).setRoadId("R").setDirection("N").setEventTime(T)
                .setConfidence(0.5).setEvidenceSha256("00").setFrameId(frame).build();
    }

    private static GroundTruth frame(String id, String plate) {
        return new GroundTruth(id, "A", plate, PlateLayout.STANDARD, 70, 80, 10, T);
    }

    @Test
    void sectionCasesAreScoredAgainstTripsAndAlertsAgainstWantedFrames() {
        List<SectionTruth> trips = List.of(trip("e1", "x1", "1234ABD", 50), trip("e2", "x2", "5678EGH", 50),
                trip("e3", "x3", "99ABD", 60), trip("e4", "x4", "12KLN", 45));
        List<Violation> cases = List.of(
                section("v1", "e1", "x1", "1234ABD"),   // right plate
                section("v2", "e2", "x2", "5678EGE"),   // over the limit, another plate
                section("v3", "e3", "x3", "99ABD"));    // a legal trip: must not happen
        List<GroundTruth> frames = List.of(frame("f1", "7777HHH"), frame("f2", "7777HHH"), frame("f3", "1111AAA"));
        List<PatrolAlert> alerts = List.of(alert("f1", "7777HHH"), alert("f3", "1117AAA"));

        EnforcementScore s = EnforcementScore.of(trips, frames, List.of("7777HHH"), cases, alerts);

        assertEquals(4, s.trips());
        assertEquals(3, s.tripsOverLimit(), "x1, x2 and x4 are over 90 km/h");
        assertEquals(1, s.sectionCasesRightPlate());
        assertEquals(1, s.sectionCasesOtherPlate());
        assertEquals(1, s.sectionCasesLegal());
        assertEquals(2, s.wantedFrames());
        assertEquals(1, s.alertsRightPlate());
        assertEquals(1, s.alertsOther());
        assertEquals(0, s.sectionIssuedRightPlate(), "every case here is a review case");
        assertEquals(0, s.sectionIssuedOtherPlate());
        assertEquals(2, s.describe().size());
    }

    @Test
    void issuedSectionCasesAreCountedApartFromReviewCases() {
        // given three over-limit trips: one issued with the right plate, one issued with another plate (a wrong
        // automatic ticket) beside a review case with the right one, one only sent for review with another plate
        List<SectionTruth> trips = List.of(trip("e1", "x1", "1234ABD", 50), trip("e2", "x2", "5678EGH", 50),
                trip("e3", "x3", "4321HJK", 50));
        List<Violation> cases = List.of(
                section("v1", "e1", "x1", "1234ABD", ViolationStatus.ISSUED),
                section("v2", "e2", "x2", "5678EGE", ViolationStatus.ISSUED),
                section("v3", "e2", "x2", "5678EGH"),
                section("v4", "e3", "x3", "4321HJX"));
        // when scored
        EnforcementScore s = EnforcementScore.of(trips, List.of(), List.of(), cases, List.of());
        // then issued and review cases together name the right plate for two trips and only another for one, and
        // the issued ones alone: one right, one wrong automatic ticket, which the summary line states
        assertEquals(2, s.sectionCasesRightPlate());
        assertEquals(1, s.sectionCasesOtherPlate());
        assertEquals(1, s.sectionIssuedRightPlate());
        assertEquals(1, s.sectionIssuedOtherPlate());
        assertTrue(s.describe().get(0).contains("(issued automatically: 1 with the right plate, 1 with another)"),
                s.describe().get(0));
    }
}
