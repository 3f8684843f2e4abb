package org.raqib.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.ingest.simulator.GroundTruth;
import org.raqib.models.PlateLayout;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DemoScoreTest {

    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private static GroundTruth truth(String frame, String plate, double speed) {
        return new GroundTruth(frame, "CAM-1", plate, PlateLayout.STANDARD, speed, 80, 10, T);
    }

    private static Violation violation(String id, String frame, String plate) {
        return Violation.newBuilder().setViolationId(id).setType(ViolationType.SPOT_SPEEDING)
                .setStatus(ViolationStatus.ISSUED).setPlateText(plate).setPlateArabic("").setConfidence(0.99)
                .setCameraIds(List.of("CAM-1")).setRoadId("R").setRegion("r").setEventTime(T).setMeasuredSpeedKmh(100)
                .setSpeedLimitKmh(80).setToleranceKmh(10).setExcessKmh(20).setSpeedBand("11-20")
                .setSpeedSource(SpeedSource.RADAR).setEvidenceSha256(List.of("00")).setFrameIds(List.of(frame))
                .setDetectedAt(T).build();
    }

    @Test
    void countsRightWrongFalseAndDuplicates() {
        List<GroundTruth> truths = List.of(truth("f1", "1234ABD", 100), truth("f2", "5678EGH", 110),
                truth("f3", "99ABD", 95), truth("f4", "12KLN", 60), truth("f5", "77RST", 120));
        List<Violation> violations = List.of(
                violation("v1", "f1", "1234ABD"),  // right
                violation("v1", "f1", "1234ABD"),  // the same again: a duplicate id
                violation("v2", "f2", "5678EGE"),  // wrong plate
                violation("v4", "f4", "12KLN"),    // under the limit: a false ticket
                violation("v9", "old-frame", "1ABD")); // from an earlier run

        DemoScore s = DemoScore.of(truths, violations);

        assertEquals(5, s.frames());
        assertEquals(4, s.overLimit(), "f1, f2, f3 and f5 are over 90 km/h");
        assertEquals(1, s.ticketedRightPlate());
        assertEquals(1, s.ticketedWrongPlate());
        assertEquals(1, s.falseTickets());
        assertEquals(1, s.duplicateIds());
        assertEquals(1, s.unknownFrames());
        assertEquals(0.25, s.rightPlateRate());
    }
}
