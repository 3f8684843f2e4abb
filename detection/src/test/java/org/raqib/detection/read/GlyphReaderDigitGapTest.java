package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.detection.read.WideCuts.H;
import static org.raqib.detection.read.WideCuts.W;
import static org.raqib.detection.read.WideCuts.cut;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader's penalties for a cut that has left a digit unread ({@link GlyphReader#digitGaps},
 * {@link GlyphReader#missingDigits(java.util.List, int, int, double[])}): a narrow "1" between two digits, or a first digit
 * cut into by the crop's edge, named unsurely, so that the cut without it would outscore the whole row.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphReaderDigitGapTest {
    @Test
    void aDigitLeftUnreadBetweenTwoDigitsIsAGap() {
        assertEquals(0, GlyphReader.digitGaps(cut(51, 81, 111)));
        assertEquals(0, GlyphReader.digitGaps(cut(36, 66, 96, 126)));
        // The middle digit of three (two pitches between its neighbours) left out.
        assertEquals(1, GlyphReader.digitGaps(cut(51, 111)));
        assertEquals(1, GlyphReader.digitGaps(cut(36, 96, 126)));
        // One digit, or a close pair: nothing to measure or nothing missing.
        assertEquals(0, GlyphReader.digitGaps(cut(111)));
        assertEquals(0, GlyphReader.digitGaps(cut(81, 111)));
        assertTrue(GlyphReader.DIGIT_GAP > 0);
    }

    @Test
    void aLostFirstDigitCostsWhereThePanelSitsBetweenDigitsAndLetters() {
        double[] middle = {150, 220};
        // A three-digit row read without its first digit: its last digit is a three-digit number's distance from
        // the first letter.
        assertEquals(1, GlyphReader.missingDigits(cut(81, 111), W, H, middle));
        assertEquals(0, GlyphReader.missingDigits(cut(51, 81, 111), W, H, middle));
        assertTrue(GlyphReader.DIGIT_MISSING > 0);
    }

    @Test
    void otherLayoutsAreNotPenalised() {
        // The panel at the right end (the letters left of it), no panel, or a standard crop's shape.
        assertEquals(0, GlyphReader.missingDigits(cut(81, 111), W, H, new double[] {320, 390}));
        assertEquals(0, GlyphReader.missingDigits(cut(81, 111), W, H, null));
        assertEquals(0, GlyphReader.missingDigits(cut(81, 111), 180, H, new double[] {150, 220}));
    }
}
