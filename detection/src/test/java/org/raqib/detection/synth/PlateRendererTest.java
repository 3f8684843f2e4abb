package org.raqib.detection.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.raqib.detection.PlateMeasure;
import org.raqib.models.PlateLayout;

/**
 * Where the renderer puts each top-row character. A character's place is found by changing only that
 * character of the text and looking where the ink changes: in the top row (its Arabic twin) and in the
 * bottom row (the Latin character itself).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlateRendererTest {

    private static final String BASE = "1234ABD";
    /** The same plate with one character changed: each digit, then each letter. */
    private static final String[] ONE_CHANGED = {"7234ABD", "1834ABD", "1294ABD", "1230ABD", "1234KBD", "1234ALD",
            "1234ABS"};

    @ParameterizedTest
    @EnumSource(value = PlateLayout.class, names = {"STANDARD", "WIDE"})
    void eachArabicCharacterStandsDirectlyAboveItsLatinTwin(PlateLayout layout) {
        BufferedImage base = PlateRenderer.render(PlateSpec.of(BASE, layout));
        double[] top = new double[ONE_CHANGED.length];
        double[] bottom = new double[ONE_CHANGED.length];
        for (int i = 0; i < ONE_CHANGED.length; i++) {
            BufferedImage changed = PlateRenderer.render(PlateSpec.of(ONE_CHANGED[i], layout));
            top[i] = changedInkCentreX(base, changed, 0, base.getHeight() / 2);
            bottom[i] = changedInkCentreX(base, changed, base.getHeight() / 2, base.getHeight());
        }
        for (int i = 0; i < ONE_CHANGED.length; i++) {
            assertEquals(i, nearest(bottom, top[i]),
                    layout + ": the top-row change for " + ONE_CHANGED[i] + " is at x=" + Math.round(top[i])
                            + ", not above its Latin twin at x=" + Math.round(bottom[i]));
        }
    }

    /**
     * Wide plates space digits and letters at one pitch (the training photos' wide plates do: about 0.09 of the
     * plate's width for both), each group centred in its part: left of the emblem panel and right of it, or, on
     * plates with the KSA strip at the right end instead, left and right of the middle with no panel between.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void wideDigitsAndLettersShareOnePitchAndCentreInTheirParts(boolean rightStrip) {
        PlateSpec spec = new PlateSpec(BASE, BASE, PlateLayout.WIDE, false, "Liberation Sans Narrow", "DejaVu Sans", true,
                false, rightStrip);
        BufferedImage base = PlateRenderer.render(spec);
        int w = base.getWidth();
        double[] x = new double[ONE_CHANGED.length];
        for (int i = 0; i < ONE_CHANGED.length; i++) {
            PlateSpec changed = new PlateSpec(ONE_CHANGED[i], ONE_CHANGED[i], PlateLayout.WIDE, false,
                    "Liberation Sans Narrow", "DejaVu Sans", true, false, rightStrip);
            x[i] = changedInkCentreX(base, PlateRenderer.render(changed), base.getHeight() / 2, base.getHeight());
        }
        double pitch = PlateMeasure.WIDE_PITCH * w;
        for (int i = 1; i < x.length; i++) {
            if (i != 4) {
                assertEquals(pitch, x[i] - x[i - 1], 0.1 * pitch, "pitch between characters " + (i - 1) + " and " + i);
            }
        }
        double digitsTo = (rightStrip ? PlateRenderer.WIDE_SPLIT : PlateMeasure.WIDE_PANEL_FROM) * w;
        double lettersFrom = (rightStrip ? PlateRenderer.WIDE_SPLIT : PlateMeasure.WIDE_PANEL_TO) * w;
        double lettersTo = rightStrip ? PlateRenderer.WIDE_STRIP_FROM * w : w;
        assertEquals(digitsTo / 2, (x[0] + x[3]) / 2, 0.1 * pitch, "digit group's centre");
        assertEquals((lettersFrom + lettersTo) / 2, (x[4] + x[6]) / 2, 0.1 * pitch, "letter group's centre");
        // The emblem panel's left border is a dark line across the plate's body, on panel plates only.
        int col = (int) Math.round(PlateMeasure.WIDE_PANEL_FROM * w);
        int dark = 0;
        for (int y = base.getHeight() / 10; y < base.getHeight() * 9 / 10; y++) {
            dark += (base.getRGB(col, y) & 0xff) < 128 ? 1 : 0;
        }
        assertEquals(!rightStrip, dark > base.getHeight() * 0.7, "dark rows at the panel's left border: " + dark);
    }

    /**
     * A family that is not installed is refused, not drawn in Java's fallback face: a plate drawn so (for
     * training or a test) would differ from the one its spec names, silently.
     */
    @Test
    void refusesAFontFamilyThatIsNotInstalled() {
        PlateSpec spec = new PlateSpec(BASE, BASE, PlateLayout.STANDARD, false, "Raqib No Such Face", "DejaVu Sans",
                true, false, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PlateRenderer.render(spec));
        assertTrue(e.getMessage().contains("not installed"), e.getMessage());
        // Java's logical families are always there.
        PlateRenderer.render(new PlateSpec(BASE, BASE, PlateLayout.STANDARD, false, "SansSerif", "DejaVu Sans", true,
                false, false));
    }

    /** The x of the centre of the pixels that differ between {@code a} and {@code b} in rows [y0, y1). */
    private static double changedInkCentreX(BufferedImage a, BufferedImage b, int y0, int y1) {
        double sum = 0;
        double weight = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int d = Math.abs((a.getRGB(x, y) & 0xff) - (b.getRGB(x, y) & 0xff));
                sum += (double) d * x;
                weight += d;
            }
        }
        assertTrue(weight > 0, "changing one character changed nothing in rows " + y0 + ".." + y1);
        return sum / weight;
    }

    private static int nearest(double[] xs, double x) {
        int best = 0;
        for (int i = 1; i < xs.length; i++) {
            if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) {
                best = i;
            }
        }
        return best;
    }
}
