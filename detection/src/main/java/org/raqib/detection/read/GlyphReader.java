package org.raqib.detection.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;
import org.raqib.models.plate.SaudiPlate;

/**
 * Reads the Latin row character by character: {@link GlyphSegmenter} cuts it, {@link GlyphClassifier}
 * names each piece (a digit before the last three, a letter among them). Small-data character
 * classifiers generalise far better than a whole-plate model: every training photo gives seven
 * examples of one clean printed face instead of one example of a seven-character sequence.
 */
public final class GlyphReader {

    /**
     * One reading.
     *
     * @param text             canonical plate text
     * @param characterProbabilities probability of each character of {@code text}
     * @param logScore         sum of the characters' log-probabilities
     * @param weakest          index of the least certain character
     * @param runnerUp         the second most likely character at {@code weakest}
     * @param framed           false when the crop looks like a piece of a plate (see {@link GlyphSegmenter.Glyphs})
     */
    public record Reading(String text, double[] characterProbabilities, double logScore, int weakest, char runnerUp,
            boolean framed) {
        /** Log-probability of the least certain character. */
        public double minLog() {
            return Math.log(Math.max(1e-12, characterProbabilities[weakest]));
        }
    }

    /**
     * Platt scaling of a reading: the probability that it is exactly right.
     *
     * @param wLog   weight of the summed log-probability
     * @param wMin   weight of the weakest character's log-probability
     * @param bias   intercept
     */
    public record GlyphCalibration(double wLog, double wMin, double bias) {
        /** Calibrated probability. */
        public double confidence(Reading r) {
            double z = wLog * r.logScore() + wMin * r.minLog() + bias;
            return 1 / (1 + Math.exp(-z));
        }

        /** Features in the order of the weights. */
        public static double[] features(Reading r) {
            return new double[] {r.logScore(), r.minLog()};
        }
    }

    private final GlyphClassifier classifier;
    private final GlyphCalibration calibration;

    /** A reader from a classifier and its calibration. */
    public GlyphReader(GlyphClassifier classifier, GlyphCalibration calibration) {
        this.classifier = classifier;
        this.calibration = calibration;
    }

    /** Loads the committed classifier and calibration from the classpath. */
    public static GlyphReader loadDefault() {
        return fromJson(GlyphClassifier.resource());
    }

    /** Reads a model file written by the training tool. */
    public static GlyphReader fromJson(JsonNode node) {
        JsonNode c = node.path("calibration");
        GlyphCalibration cal = new GlyphCalibration(c.path("wLog").asDouble(1), c.path("wMin").asDouble(0),
                c.path("bias").asDouble(0));
        return new GlyphReader(GlyphClassifier.readFrom(node.path("classifier")), cal);
    }

    /** The calibration in use. */
    public GlyphCalibration calibration() {
        return calibration;
    }

    /** Reads a plate crop; empty when the row does not segment into 1-4 digits and 3 letters. */
    public Optional<Reading> read(Mat crop) {
        GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(crop);
        try {
            if (!g.plausible()) {
                return Optional.empty();
            }
            return Optional.of(read(g.gray(), g.boxes(), g.framed()));
        } finally {
            g.release();
        }
    }

    private Reading read(Mat gray, List<org.opencv.core.Rect> boxes, boolean framed) {
        int n = boxes.size();
        int digits = n - 3;
        StringBuilder sb = new StringBuilder();
        double[] probs = new double[n];
        double logScore = 0;
        int weakest = 0;
        char runnerUp = '?';
        for (int i = 0; i < n; i++) {
            boolean digit = i < digits;
            double[] p = classifier.probabilities(GlyphClassifier.input(gray, boxes.get(i)), digit);
            int best = 0;
            int second = -1;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    second = best;
                    best = k;
                } else if (second < 0 || p[k] > p[second]) {
                    second = k;
                }
            }
            char c = digit ? (char) ('0' + best) : SaudiPlate.LATIN_LETTERS.charAt(best);
            sb.append(c);
            probs[i] = p[best];
            logScore += Math.log(Math.max(1e-12, p[best]));
            if (p[best] < probs[weakest] || i == 0) {
                if (i == 0 || p[best] < probs[weakest]) {
                    weakest = i;
                    runnerUp = digit ? (char) ('0' + second) : SaudiPlate.LATIN_LETTERS.charAt(second);
                }
            }
        }
        return new Reading(sb.toString(), probs, logScore, weakest, runnerUp, framed);
    }
}
