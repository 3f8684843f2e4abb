package org.raqib.detection.read;

import java.util.List;
import org.raqib.detection.Alternative;
import org.raqib.models.PlateLayout;

/**
 * What the reader makes of one plate crop.
 *
 * @param text                 canonical text (1-4 digits then 3 Latin letters), or empty when nothing
 *                             format-valid could be read
 * @param arabic               the Arabic form of {@code text} (see {@code SaudiPlate.toArabic}), or empty
 * @param confidence           calibrated probability that {@code text} is exactly right (0..1)
 * @param characterConfidences one value per character of {@code text}: the probability of that
 *                             character with both rows' evidence combined
 * @param alternatives         other plausible texts, most likely first (not including {@code text}), with the reader's
 *                             own figures, several times how often they are right: {@code PlateRecognizer} holds each
 *                             to the plate's reading and scales it ({@code RecognizerOptions.alternativeScale})
 * @param layout               standard or wide plate
 * @param plateScore           probability (0..1) that the crop shows a plate at all
 * @param ownRowsConfidence    where {@code confidence} is held at the inconsistency cap only because the plate network's
 *                             Arabic row disagrees (the network counts the same digits, and the character reader's own
 *                             classifiers read every character's Arabic twin above it, {@code PlateReader.confirmsEvery}):
 *                             the confidence the reading has without that cap, at most the unconfirmed cap (0.85), or,
 *                             where the reader's own rows outvote the network's Arabic row ({@code
 *                             PlateReader.ownRowsOutvote}), as the top-row rule gives it (automatic where its own top row
 *                             confirms every character); 0 otherwise
 */
public record ReadResult(String text, String arabic, double confidence, double[] characterConfidences,
        List<Alternative> alternatives, PlateLayout layout, double plateScore, double ownRowsConfidence) {

    /** A reading not capped by the network's Arabic row alone. */
    public ReadResult(String text, String arabic, double confidence, double[] characterConfidences,
            List<Alternative> alternatives, PlateLayout layout, double plateScore) {
        this(text, arabic, confidence, characterConfidences, alternatives, layout, plateScore, 0);
    }
}
