package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.detection.read.WideCuts.cut;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Rect;

/**
 * The reader's penalty against a wide crop's cut whose last digit is a narrow box against the emblem panel's left border
 * (the panel's frame line named "1", {@link GlyphReader#digitOnPanelBorder}): it reads a digit too many, or drops the
 * plate's first digit for it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphReaderPanelTouchTest {
    /** The panel's left border in {@link WideCuts}' crop (letters at 240-300, pitch 30). */
    private static final double PANEL_FROM = 150;

    /** {@code digits} (centres) with a last box {@code width} wide whose right side lies at {@code right}. */
    private static List<Rect> withLast(int right, int width, int... digits) {
        List<Rect> boxes = cut(digits);
        boxes.add(digits.length, new Rect(right - width, 50, width, 24));
        return boxes;
    }

    @Test
    void aNarrowBoxAgainstThePanelIsItsFrameLine() {
        // Three digits and a 6 px sliver ending at the panel's border: a digit too many.
        assertTrue(GlyphReader.digitOnPanelBorder(withLast(151, 6, 51, 81, 111), PANEL_FROM));
        // The sliver instead of the plate's first digit.
        assertTrue(GlyphReader.digitOnPanelBorder(withLast(148, 6, 81, 111), PANEL_FROM));
        // ... and the cut is charged for it as for a box on the panel (the panel's right border is past the sliver).
        assertEquals(1, GlyphReader.panelPieces(withLast(151, 6, 51, 81, 111), new double[] {PANEL_FROM, 230}));
        assertEquals(0, GlyphReader.panelPieces(withLast(151, 6, 51, 81, 111), null));
    }

    @Test
    void aWholeDigitOrADigitKeepingItsDistanceIsNot() {
        // A whole-width digit against the border (a jittered crop shifts the band), a narrow "1" where a fourth digit
        // belongs (about a pitch from the panel), and the usual four digits.
        assertFalse(GlyphReader.digitOnPanelBorder(withLast(151, 16, 51, 81, 111), PANEL_FROM));
        assertFalse(GlyphReader.digitOnPanelBorder(withLast(126, 6, 36, 66, 96), PANEL_FROM));
        assertFalse(GlyphReader.digitOnPanelBorder(cut(36, 66, 96, 126), PANEL_FROM));
        // No digit to judge.
        assertFalse(GlyphReader.digitOnPanelBorder(cut(), PANEL_FROM));
    }
}
