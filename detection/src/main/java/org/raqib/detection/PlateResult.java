package org.raqib.detection;

import java.util.List;
import org.raqib.models.PlateLayout;

/**
 * One plate found in an image.
 *
 * @param text                 canonical text, digits then Latin letters (e.g. {@code 6531UJD}); empty
 *                             when the plate was found but nothing format-valid could be read
 * @param arabic               the same in Arabic-Indic digits and Arabic letters, or empty
 * @param confidence           calibrated probability (0..1) that {@code text} is exactly right
 * @param characterConfidences one probability per character of {@code text}
 * @param alternatives         other plausible readings (at most {@code PlateRecognizer.MAX_ALTERNATIVES}), most likely
 *                             first, each with its calibrated confidence
 * @param quad                 the plate's corners in the image's pixel coordinates
 * @param box                  axis-aligned bounds of {@code quad}, clipped to the image
 * @param layout               standard or wide plate
 * @param ownRowsConfidence    where the reader held the reading at the inconsistency cap (0.5) only because the plate
 *                             network's Arabic row disagrees with it, the reader's own classifiers reading both rows
 *                             alike: the confidence it has without that cap (at most 0.85, unless the reader's own
 *                             rows outvote the network's: {@code PlateReader.ownRowsOutvote}), at which the recogniser
 *                             reports it ({@code PlateRecognizer.ownRowsRaised}); 0 otherwise
 */
public record PlateResult(String text, String arabic, double confidence, double[] characterConfidences,
        List<Alternative> alternatives, Quad quad, Box box, PlateLayout layout, double ownRowsConfidence) {

    /** A result whose reading was not held at the inconsistency cap by the network's Arabic row alone. */
    public PlateResult(String text, String arabic, double confidence, double[] characterConfidences,
            List<Alternative> alternatives, Quad quad, Box box, PlateLayout layout) {
        this(text, arabic, confidence, characterConfidences, alternatives, quad, box, layout, 0);
    }

    /** Copies the mutable parts so that a result cannot change after it is returned. */
    public PlateResult {
        characterConfidences = characterConfidences.clone();
        alternatives = List.copyOf(alternatives);
    }

    @Override
    public double[] characterConfidences() {
        return characterConfidences.clone();
    }
}
