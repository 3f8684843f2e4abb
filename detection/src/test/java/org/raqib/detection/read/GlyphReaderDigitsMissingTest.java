package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.raqib.detection.read.WideCuts.H;
import static org.raqib.detection.read.WideCuts.W;
import static org.raqib.detection.read.WideCuts.cut;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link GlyphReader#missingDigits(java.util.List, int, int, double[])} where the emblem panel lies between the digits
 * and the letters: a wide crop's cut that kept only the right-hand digits of a four-digit number (the left ones joined
 * to the frame) has its last digit a four-digit plate's distance from the first letter; a true short number's last
 * digit lies further from it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphReaderDigitsMissingTest {
    /** The emblem panel between the digits and the letters (these centred at 240-300). */
    private static final double[] MIDDLE = {150, 220};

    @Test
    void aFourDigitRowCutShortHasLostItsLeftDigits() {
        // Four digits at a pitch of 30 end 3.8 letter pitches before the first letter.
        assertEquals(0, GlyphReader.missingDigits(cut(36, 66, 96, 126), W, H, MIDDLE));
        assertEquals(1, GlyphReader.missingDigits(cut(66, 96, 126), W, H, MIDDLE));
        assertEquals(2, GlyphReader.missingDigits(cut(96, 126), W, H, MIDDLE));
        assertEquals(3, GlyphReader.missingDigits(cut(126), W, H, MIDDLE));
    }

    @Test
    void trueShortNumbersLieFurtherFromTheLetters() {
        // Three digits: about 4.3 pitches; two: about 4.75; one: about 5.5.
        assertEquals(0, GlyphReader.missingDigits(cut(51, 81, 111), W, H, MIDDLE));
        assertEquals(0, GlyphReader.missingDigits(cut(67, 97), W, H, MIDDLE));
        assertEquals(0, GlyphReader.missingDigits(cut(75), W, H, MIDDLE));
    }

    @Test
    void otherLayoutsAreNotMeasured() {
        // A standard crop's shape, and a last digit closer to the letters than any wide layout puts it.
        assertEquals(0, GlyphReader.missingDigits(cut(96, 126), 180, H, MIDDLE));
        assertEquals(0, GlyphReader.missingDigits(cut(150, 170), W, H, new double[] {180, 225}));
    }
}
