package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Rect;

/**
 * {@link GlyphReader#digitsMissing}: a wide crop's cut that kept only the right-hand digits of a four-digit number
 * (the left ones joined to the frame) has its last digit a four-digit plate's distance from the first letter; a
 * true short number's last digit lies further from it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphReaderDigitsMissingTest {
    private static final int W = 400;
    private static final int H = 96;

    /** Boxes 16 wide and 24 tall, digits centred at {@code digits}, letters at 240, 270 and 300 (pitch 30). */
    private static List<Rect> cut(int... digits) {
        List<Rect> boxes = new ArrayList<>();
        for (int c : digits) {
            boxes.add(new Rect(c - 8, 50, 16, 24));
        }
        for (int c : new int[] {240, 270, 300}) {
            boxes.add(new Rect(c - 8, 50, 16, 24));
        }
        return boxes;
    }

    @Test
    void aFourDigitRowCutShortHasLostItsLeftDigits() {
        // Four digits at a pitch of 30 end 3.8 letter pitches before the first letter.
        assertEquals(0, GlyphReader.digitsMissing(cut(36, 66, 96, 126), W, H));
        assertEquals(1, GlyphReader.digitsMissing(cut(66, 96, 126), W, H));
        assertEquals(2, GlyphReader.digitsMissing(cut(96, 126), W, H));
        assertEquals(3, GlyphReader.digitsMissing(cut(126), W, H));
    }

    @Test
    void trueShortNumbersLieFurtherFromTheLetters() {
        // Three digits: about 4.3 pitches; two: about 4.75; one: about 5.5.
        assertEquals(0, GlyphReader.digitsMissing(cut(51, 81, 111), W, H));
        assertEquals(0, GlyphReader.digitsMissing(cut(67, 97), W, H));
        assertEquals(0, GlyphReader.digitsMissing(cut(75), W, H));
    }

    @Test
    void otherLayoutsAreNotMeasured() {
        // A standard crop's shape, and a last digit closer to the letters than any wide layout puts it.
        assertEquals(0, GlyphReader.digitsMissing(cut(96, 126), 180, H));
        assertEquals(0, GlyphReader.digitsMissing(cut(150, 170), W, H));
    }
}
