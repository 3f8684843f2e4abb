package org.raqib.ingest.simulator;

import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * A plate the simulator draws: its canonical text and how it looks.
 *
 * @param text canonical Latin text, e.g. {@code 6531UJD}
 * @param layout {@link PlateLayout#STANDARD} (about 2:1, KSA strip at the right) or
 *     {@link PlateLayout#WIDE} (about 4.7:1, emblem panel in the middle)
 * @param blueStrip true for the blue strip some plates carry instead of the white one
 */
public record SimulatedPlate(String text, PlateLayout layout, boolean blueStrip) {

    /** Checks the text and layout. */
    public SimulatedPlate {
        if (!SaudiPlate.isValid(text)) {
            throw new IllegalArgumentException("not a canonical Saudi plate text");
        }
        if (layout != PlateLayout.STANDARD && layout != PlateLayout.WIDE) {
            throw new IllegalArgumentException("layout must be STANDARD or WIDE, got " + layout);
        }
    }

    /** Width divided by height of the physical plate. */
    public double aspect() {
        return layout == PlateLayout.WIDE ? PlateArtist.WIDE_ASPECT : PlateArtist.STANDARD_ASPECT;
    }

    @Override
    public String toString() {
        // Plate numbers are personal data in real deployments; keep them out of accidental log lines.
        return "SimulatedPlate[" + layout + (blueStrip ? ", blue strip" : "") + "]";
    }
}
