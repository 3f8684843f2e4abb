package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlateDecoderTest {

    /** A calibration that trusts the text probability a lot, as a fitted one does. */
    private static final Calibration CAL = new Calibration(8, -1, 1, 4);

    /** Logits that say {@code latin} on the bottom row and {@code arabic} on the top row with margin {@code m}. */
    private static float[] logits(String latin, String arabic, float m) {
        float[] v = new float[PlateDecoder.OUTPUTS];
        put(v, PlateDecoder.LATIN, latin, m);
        put(v, PlateDecoder.ARABIC, arabic, m);
        v[PlateDecoder.LAYOUT] = m;
        v[PlateDecoder.PLATE + 1] = m;
        return v;
    }

    private static void put(float[] v, int row, String text, float m) {
        int[] t = PlateDecoder.targets(text);
        for (int s = 0; s < PlateDecoder.SLOTS; s++) {
            v[row + PlateDecoder.slotOffset(s) + t[s]] = m;
        }
    }

    @Test
    void targetsAreLeftAlignedDigitsThenLetters() {
        assertArrayEquals(new int[] {1, 2, PlateDecoder.EMPTY, PlateDecoder.EMPTY, 11, 12, 4},
                PlateDecoder.targets("12STG"));
        assertArrayEquals(new int[] {6, 5, 3, 1, 13, 6, 2}, PlateDecoder.targets("6531UJD"));
    }

    @Test
    void agreeingRowsGiveTheTextWithHighConfidence() {
        ReadResult r = new PlateDecoder(CAL).decode(logits("6531UJD", "6531UJD", 12), 0);
        assertEquals("6531UJD", r.text());
        assertEquals(SaudiPlate.toArabic("6531UJD"), r.arabic());
        assertEquals(PlateLayout.STANDARD, r.layout());
        assertEquals(7, r.characterConfidences().length);
        assertTrue(r.confidence() > 0.95, "confidence " + r.confidence());
        assertTrue(r.plateScore() > 0.99);
    }

    @Test
    void shortPlatesKeepTheirDigitCount() {
        ReadResult r = new PlateDecoder(CAL).decode(logits("7AUJ", "7AUJ", 12), 0);
        assertEquals("7AUJ", r.text());
        assertEquals(4, r.characterConfidences().length);
    }

    @Test
    void arabicLatinDisagreementLowersTheConfidence() {
        // given the same Latin evidence, once with a matching and once with a contradicting Arabic row
        PlateDecoder d = new PlateDecoder(CAL);
        float[] agree = logits("6531UJD", "6531UJD", 12);
        float[] disagree = logits("6531UJD", "6531UJD", 12);
        put(disagree, PlateDecoder.ARABIC, "6531UJD", -12); // remove the Arabic vote for the true text...
        put(disagree, PlateDecoder.ARABIC, "6531UJD", 0);
        put(disagree, PlateDecoder.ARABIC, "6531UJB", 12); // ...and let it read B where the Latin row reads D
        // when
        ReadResult a = d.decode(agree, 0);
        ReadResult b = d.decode(disagree, 0);
        // then
        assertTrue(b.confidence() < a.confidence(), a.confidence() + " vs " + b.confidence());
        assertTrue(b.confidence() <= Calibration.INCONSISTENT_CAP, "capped: " + b.confidence());
        assertTrue(PlateDecoder.evidence(disagree, 0).disagreements() >= 1);
    }

    @Test
    void aReadingThatBreaksTheFormatIsCapped() {
        // Digit slots say "1", empty, "2": not a plate text whatever the letters are.
        float[] v = logits("1ABD", "1ABD", 12);
        for (int row : new int[] {PlateDecoder.LATIN, PlateDecoder.ARABIC}) {
            v[row + PlateDecoder.slotOffset(2) + PlateDecoder.EMPTY] = 0;
            v[row + PlateDecoder.slotOffset(2) + 2] = 12;
        }
        PlateDecoder.Evidence e = PlateDecoder.evidence(v, 0);
        assertTrue(e.formatBroken());
        assertTrue(SaudiPlate.isValid(e.text()), "decoded text stays format-valid: " + e.text());
        assertTrue(new PlateDecoder(CAL).decode(v, 0).confidence() <= Calibration.INCONSISTENT_CAP);
    }

    @Test
    void alternativesOfferTheRunnerUp() {
        float[] v = logits("6531UJD", "6531UJD", 8);
        // The last letter is ambiguous between D and B on both rows.
        for (int row : new int[] {PlateDecoder.LATIN, PlateDecoder.ARABIC}) {
            v[row + PlateDecoder.slotOffset(6) + SaudiPlate.LATIN_LETTERS.indexOf('B')] = 7.5f;
        }
        ReadResult r = new PlateDecoder(CAL).decode(v, 0);
        assertEquals("6531UJD", r.text());
        assertEquals("6531UJB", r.alternatives().get(0).text());
        assertTrue(r.alternatives().get(0).confidence() < r.confidence());
        assertTrue(r.confidence() < 0.9, "an ambiguous letter must not give a confident read: " + r.confidence());
    }

    @Test
    void calibrationIsMonotoneInTheTextProbability() {
        double prev = 0;
        for (double logScore = -10; logScore <= 0; logScore += 0.5) {
            double c = CAL.confidence(logScore, 0, false, 0.99);
            assertTrue(c >= prev);
            prev = c;
        }
    }
}
