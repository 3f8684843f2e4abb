package org.raqib.detection.synth;

import java.util.Objects;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * What a synthetic plate shows and how it is drawn.
 *
 * @param text        canonical text of the Latin (bottom) row, e.g. {@code 6531UJD}
 * @param topText     canonical text whose Arabic form the top row shows; equal to {@code text} on a real
 *                    plate, different only to build inconsistent plates for cross-check tests
 * @param layout      {@link PlateLayout#STANDARD} (about 2:1, KSA strip at the right) or
 *                    {@link PlateLayout#WIDE} (about 4.7:1, emblem in the middle)
 * @param blueStrip   draw the KSA strip (or emblem panel) blue instead of white
 * @param latinFont   font family of the bottom row
 * @param arabicFont  font family of the top row (must display Arabic)
 * @param bold        bold glyphs
 * @param centeredDigits standard plates only: centre short digit groups instead of left-aligning them (wide plates
 *                    always centre them, as the real ones do)
 * @param wideRightStrip wide plates only: a KSA strip at the right end instead of the emblem panel in the middle (seen on
 *        some plates)
 */
public record PlateSpec(String text, String topText, PlateLayout layout, boolean blueStrip, String latinFont,
        String arabicFont, boolean bold, boolean centeredDigits, boolean wideRightStrip) {

    public PlateSpec {
        Objects.requireNonNull(layout, "layout");
        if (!SaudiPlate.isValid(text) || !SaudiPlate.isValid(topText)) {
            throw new IllegalArgumentException("plate texts must be canonical Saudi plate texts");
        }
        if (layout == PlateLayout.UNKNOWN) {
            throw new IllegalArgumentException("layout must be STANDARD or WIDE");
        }
    }

    /** A consistent plate (top row = bottom row) with default fonts. */
    public static PlateSpec of(String text, PlateLayout layout) {
        return new PlateSpec(text, text, layout, false, "DejaVu Sans Condensed", "DejaVu Sans", true, false, false);
    }

    /** The same plate with another top-row text. */
    public PlateSpec withTopText(String top) {
        return new PlateSpec(text, top, layout, blueStrip, latinFont, arabicFont, bold, centeredDigits, wideRightStrip);
    }
}
