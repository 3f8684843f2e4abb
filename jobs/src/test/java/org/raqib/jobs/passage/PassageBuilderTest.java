package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PassageBuilderTest {

    private static PlateRead read(String frame, String plate, double confidence, Double speed, long at, String sha) {
        return PlateRead.newBuilder(Fixtures.read(frame, "cam-1", plate, confidence, speed, at)).setEvidenceSha256(sha)
                .build();
    }

    @Test
    void confidenceWeightedVoteMedianSpeedAndBestFrameOfTheConsensus() {
        List<PlateRead> reads = List.of(
                read("f1", "6581UJD", 0.95, 101.0, 1_000, "a1"),   // one confident misread
                read("f2", "6531UJD", 0.60, 99.0, 1_100, "a2"),
                read("f3", "6531UJD", 0.70, 250.0, 1_200, "a3"),  // wild radar echo
                read("f4", "6531UJD", 0.50, 100.0, 1_300, "a4"));
        Passage p = PassageBuilder.build(reads);
        assertEquals("6531UJD", p.getPlateText(), "1.8 of votes beat a single 0.95");
        assertEquals(SaudiPlate.toArabic("6531UJD"), p.getPlateArabic());
        assertEquals(0.70 * 1.8 / 2.75, p.getConfidence(), 1e-9);
        assertEquals("f3", p.getBestFrameId(), "the most confident read of the consensus, not the misread");
        assertEquals("a3", p.getEvidenceSha256());
        assertEquals(4, p.getReadCount());
        assertEquals(Instant.ofEpochMilli(1_000), p.getFirstSeen());
        assertEquals(Instant.ofEpochMilli(1_300), p.getLastSeen());
        assertEquals(100.5, p.getSpeedKmh(), 1e-9, "median of 99, 100, 101, 250");
        assertEquals(SpeedSource.RADAR, p.getSpeedSource());
        assertEquals("cam-1", p.getCameraId());
    }

    @Test
    void orderOfArrivalDoesNotMatter() {
        List<PlateRead> reads = new ArrayList<>(List.of(
                read("f1", "6581UJD", 0.5, 90.0, 1_000, "a1"),
                read("f2", "6531UJD", 0.5, 95.0, 1_100, "a2"),
                read("f3", "6531UJD", 0.4, null, 1_200, "a3")));
        Passage first = PassageBuilder.build(reads);
        Collections.reverse(reads);
        assertEquals(first, PassageBuilder.build(reads));
        assertEquals(PassageBuilder.id("cam-1", "6531UJD", 1_000), first.getPassageId());
        assertNotEquals(PassageBuilder.id("cam-1", "6531UJD", 1_001), first.getPassageId());
        assertEquals(92.5, first.getSpeedKmh(), 1e-9, "reads without radar speed do not count");
    }

    @Test
    void votesTiedOnTheirSumGoToTheHigherSingleConfidenceThenToTheSmallerText() {
        // 0.5 + 0.3 against 0.4 + 0.4: the same sum, the first holds the more confident read
        List<PlateRead> byMax = new ArrayList<>(List.of(
                read("f1", "6581UJD", 0.4, null, 1_000, "a1"),
                read("f2", "6531UJD", 0.5, null, 1_100, "a2"),
                read("f3", "6581UJD", 0.4, null, 1_200, "a3"),
                read("f4", "6531UJD", 0.3, null, 1_300, "a4")));
        assertEquals(0.5 + 0.3, 0.4 + 0.4, 0.0, "the fixture's sums are exactly equal");
        assertEquals("6531UJD", PassageBuilder.build(byMax).getPlateText());
        // equal sums and equal best reads: the smaller text, whichever came first
        List<PlateRead> byText = new ArrayList<>(List.of(
                read("f1", "6581UJD", 0.5, null, 1_000, "a1"),
                read("f2", "6531UJD", 0.5, null, 1_100, "a2")));
        assertEquals("6531UJD", PassageBuilder.build(byText).getPlateText());
        Collections.reverse(byText);
        assertEquals("6531UJD", PassageBuilder.build(byText).getPlateText());
        assertEquals(0.5 * 0.5, PassageBuilder.build(byText).getConfidence(), 1e-12);
    }

    @Test
    void aSingleReadKeepsItsConfidenceAndNoSpeedIsNoSpeed() {
        Passage p = PassageBuilder.build(List.of(read("f1", "6531UJD", 0.93, null, 5_000, "a1")));
        assertEquals(0.93, p.getConfidence());
        assertNull(p.getSpeedKmh());
        assertEquals(SpeedSource.UNKNOWN, p.getSpeedSource());
        assertEquals(1, p.getReadCount());
    }

    @Test
    void readsOfSeveralCamerasOrNoneAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PassageBuilder.build(List.of()));
        assertThrows(IllegalArgumentException.class, () -> PassageBuilder.build(List.of(
                Fixtures.read("f1", "cam-1", "1ABD", 0.9, null, 1), Fixtures.read("f2", "cam-2", "1ABD", 0.9, null, 2))));
    }

    @Test
    void clustersAreAnchoredOnTheirFirstReadSoDifferentVehiclesDoNotChain() {
        List<PlateRead> reads = List.of(
                read("f1", "1060AAA", 0.9, 80.0, 0, "a"),
                read("f2", "1068AAA", 0.9, 80.0, 800, "b"),     // one edit (0/8) from the first: may be a misread
                read("f3", "1088AAA", 0.9, 80.0, 1_600, "c"));  // one edit from the second, two from the first
        List<List<PlateRead>> clusters = PassageBuilder.cluster(reads, java.time.Duration.ofSeconds(3), 1);
        assertEquals(List.of(List.of("f1", "f2"), List.of("f3")),
                clusters.stream().map(c -> c.stream().map(PlateRead::getFrameId).toList()).toList());
        assertEquals(3, PassageBuilder.cluster(reads, java.time.Duration.ofMillis(500), 1).size(), "gap");
    }

    @Test
    void theArabicTextOfAPassageIsWhatTheModelsGiveForEveryShapeOfCanonicalPlate() {
        // the plate's top row in reading order: the letters right to left (dal, hah, waw), then the digits
        assertEquals("\u062F \u062D \u0648 \u0666\u0665\u0663\u0661", PassageBuilder.arabic("6531UJD"));
        String letters = SaudiPlate.LATIN_LETTERS;
        for (int n = 0; n < 20_000; n++) {
            String digits = Integer.toString(n % 4 == 0 ? n % 10 : n % 4 == 1 ? n % 100 : n % 4 == 2 ? n % 1000 : n % 10_000);
            String text = digits + letters.charAt(n % 17) + letters.charAt(n / 17 % 17) + letters.charAt(n / 289 % 17);
            assertEquals(SaudiPlate.toArabic(text), PassageBuilder.arabic(text), text);
        }
    }
}
