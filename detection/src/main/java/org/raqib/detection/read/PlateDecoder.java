package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.raqib.detection.Alternative;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * Turns the reader network's {@value #OUTPUTS} logits into a plate reading. The network has, for each
 * row (Latin bottom row and Arabic top row, read by separate heads on the lower and upper half of the
 * feature map), 4 digit slots (10 digits or "empty", left-aligned) and 3 letter slots (17 letters; an
 * Arabic letter is predicted as its Latin twin, slot i being the letter above the i-th Latin letter
 * from the left, not the Arabic reading order of {@code SaudiPlate.toArabic}), then a layout head and a
 * plate/not-plate head.
 *
 * <p>The two rows are combined per character as a product of experts; the chosen text is the best
 * <em>format-valid</em> text under that product. Cross-check: characters where the rows' own best
 * guesses differ are counted as disagreements, and the count feeds the calibration.
 */
public final class PlateDecoder {

    public static final int DIGIT_SLOTS = 4;
    public static final int LETTER_SLOTS = 3;
    public static final int DIGIT_CLASSES = 11;
    public static final int EMPTY = 10;
    public static final int LETTER_CLASSES = SaudiPlate.LATIN_LETTERS.length();
    /** Logits per row: digit slots then letter slots. */
    public static final int ROW = DIGIT_SLOTS * DIGIT_CLASSES + LETTER_SLOTS * LETTER_CLASSES;
    /** Offset of the Latin (bottom) row. */
    public static final int LATIN = 0;
    /** Offset of the Arabic (top) row. */
    public static final int ARABIC = ROW;
    /** Offset of the 2 layout logits (standard, wide). */
    public static final int LAYOUT = 2 * ROW;
    /** Offset of the 2 plate logits (not plate, plate). */
    public static final int PLATE = LAYOUT + 2;
    /** Total number of logits. */
    public static final int OUTPUTS = PLATE + 2;
    /** Number of text slots per row. */
    public static final int SLOTS = DIGIT_SLOTS + LETTER_SLOTS;

    private static final int MAX_ALTERNATIVES = 4;

    private final Calibration calibration;

    public PlateDecoder(Calibration calibration) {
        this.calibration = calibration;
    }

    /** Offset of slot {@code s} (0..6) within a row, and its class count. */
    public static int slotOffset(int s) {
        return s < DIGIT_SLOTS ? s * DIGIT_CLASSES : DIGIT_SLOTS * DIGIT_CLASSES + (s - DIGIT_SLOTS) * LETTER_CLASSES;
    }

    public static int slotClasses(int s) {
        return s < DIGIT_SLOTS ? DIGIT_CLASSES : LETTER_CLASSES;
    }

    /** Training targets of a canonical text: one class per slot (digits left-aligned, padded with EMPTY). */
    public static int[] targets(String text) {
        String d = SaudiPlate.digits(text);
        String l = SaudiPlate.letters(text);
        int[] t = new int[SLOTS];
        for (int i = 0; i < DIGIT_SLOTS; i++) {
            t[i] = i < d.length() ? d.charAt(i) - '0' : EMPTY;
        }
        for (int i = 0; i < LETTER_SLOTS; i++) {
            t[DIGIT_SLOTS + i] = SaudiPlate.LATIN_LETTERS.indexOf(l.charAt(i));
        }
        return t;
    }

    /** Raw evidence behind a reading, before calibration. */
    public record Evidence(String text, double logScore, int disagreements, boolean formatBroken, double plateScore,
            double[] characterConfidences, PlateLayout layout, List<Map.Entry<String, Double>> alternatives) {
    }

    /**
     * How many characters of {@code text} the network's Arabic (top) row clearly contradicts: slots
     * where the row is sure ({@code >= sure}) of another class and gives the text's class less than
     * {@code floor}. Used to cross-check a reading made without the top row.
     */
    public static int arabicContradictions(float[] logits, int offset, String text, double sure, double floor) {
        return arabicContradictedSlots(logits, offset, text, sure, floor).length;
    }

    /** The slots (0..6, in order) that {@link #arabicContradictions} counts. */
    public static int[] arabicContradictedSlots(float[] logits, int offset, String text, double sure, double floor) {
        int[] target = targets(text);
        int[] slots = new int[SLOTS];
        int n = 0;
        for (int s = 0; s < SLOTS; s++) {
            double[] p = softmax(logits, offset + ARABIC + slotOffset(s), slotClasses(s));
            int best = argmax(p);
            if (best != target[s] && p[best] >= sure && p[target[s]] < floor) {
                slots[n++] = s;
            }
        }
        return Arrays.copyOf(slots, n);
    }

    /**
     * Which character of the canonical {@code text} (digits then letters) slot {@code s} holds, or -1 for a digit slot
     * past the text's digits (the plate's empty place).
     */
    public static int characterIndex(String text, int s) {
        int digits = SaudiPlate.digits(text).length();
        if (s < DIGIT_SLOTS) {
            return s < digits ? s : -1;
        }
        return digits + s - DIGIT_SLOTS;
    }

    /** Decodes logits at {@code offset} into evidence (no calibration). */
    public static Evidence evidence(float[] logits, int offset) {
        double[][] latin = new double[SLOTS][];
        double[][] arabic = new double[SLOTS][];
        double[][] both = new double[SLOTS][];
        int disagreements = 0;
        int[] rawBest = new int[SLOTS];
        for (int s = 0; s < SLOTS; s++) {
            latin[s] = softmax(logits, offset + LATIN + slotOffset(s), slotClasses(s));
            arabic[s] = softmax(logits, offset + ARABIC + slotOffset(s), slotClasses(s));
            both[s] = new double[slotClasses(s)];
            double z = 0;
            for (int k = 0; k < both[s].length; k++) {
                both[s][k] = latin[s][k] * arabic[s][k];
                z += both[s][k];
            }
            for (int k = 0; k < both[s].length; k++) {
                both[s][k] = z > 0 ? both[s][k] / z : 1.0 / both[s].length;
            }
            rawBest[s] = argmax(both[s]);
            if (argmax(latin[s]) != argmax(arabic[s])) {
                disagreements++;
            }
        }
        boolean formatBroken = !digitsWellFormed(rawBest);
        Map<String, Double> candidates = new LinkedHashMap<>();
        int[] best = bestValid(both);
        candidates.put(text(best), logScore(both, best));
        // Alternatives: the best valid text with one slot moved to another likely class.
        for (int s = 0; s < SLOTS; s++) {
            for (int k = 0; k < both[s].length; k++) {
                if (k == best[s] || both[s][k] < 1e-4) {
                    continue;
                }
                int[] alt = best.clone();
                alt[s] = k;
                if (digitsWellFormed(alt)) {
                    candidates.putIfAbsent(text(alt), logScore(both, alt));
                }
            }
        }
        String bestText = text(best);
        List<Map.Entry<String, Double>> alts = candidates.entrySet().stream()
                .filter(e -> !e.getKey().equals(bestText))
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(MAX_ALTERNATIVES)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
        int nDigits = 0;
        while (nDigits < DIGIT_SLOTS && best[nDigits] != EMPTY) {
            nDigits++;
        }
        double[] charConf = new double[nDigits + LETTER_SLOTS];
        for (int i = 0; i < nDigits; i++) {
            charConf[i] = both[i][best[i]];
        }
        for (int i = 0; i < LETTER_SLOTS; i++) {
            charConf[nDigits + i] = both[DIGIT_SLOTS + i][best[DIGIT_SLOTS + i]];
        }
        double[] layout = softmax(logits, offset + LAYOUT, 2);
        double plate = softmax(logits, offset + PLATE, 2)[1];
        return new Evidence(bestText, candidates.get(bestText), disagreements, formatBroken, plate, charConf,
                layout[1] > layout[0] ? PlateLayout.WIDE : PlateLayout.STANDARD, alts);
    }

    /** Decodes and calibrates logits at {@code offset}. */
    public ReadResult decode(float[] logits, int offset) {
        Evidence e = evidence(logits, offset);
        double conf = calibration.confidence(e.logScore(), e.disagreements(), e.formatBroken(), e.plateScore());
        List<Alternative> alts = new ArrayList<>();
        for (var a : e.alternatives()) {
            // An alternative differs from the main reading in one slot, where the rows' evidence disagrees with it.
            alts.add(new Alternative(a.getKey(), calibration.confidence(a.getValue(), e.disagreements() + 1, false, e.plateScore())));
        }
        return new ReadResult(e.text(), SaudiPlate.toArabic(e.text()), conf, e.characterConfidences(), List.copyOf(alts),
                e.layout(), e.plateScore());
    }

    /** Best format-valid slot assignment: k non-empty digits (k = 1..4) then empties, best letters. */
    private static int[] bestValid(double[][] p) {
        int[] best = new int[SLOTS];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int n = 1; n <= DIGIT_SLOTS; n++) {
            double score = 0;
            int[] cand = new int[SLOTS];
            for (int i = 0; i < DIGIT_SLOTS; i++) {
                if (i < n) {
                    int k = argmax(p[i], EMPTY);
                    cand[i] = k;
                } else {
                    cand[i] = EMPTY;
                }
                score += Math.log(Math.max(1e-12, p[i][cand[i]]));
            }
            if (score > bestScore) {
                bestScore = score;
                System.arraycopy(cand, 0, best, 0, DIGIT_SLOTS);
            }
        }
        for (int i = DIGIT_SLOTS; i < SLOTS; i++) {
            best[i] = argmax(p[i]);
        }
        return best;
    }

    private static boolean digitsWellFormed(int[] slots) {
        if (slots[0] == EMPTY) {
            return false;
        }
        boolean ended = false;
        for (int i = 0; i < DIGIT_SLOTS; i++) {
            if (slots[i] == EMPTY) {
                ended = true;
            } else if (ended) {
                return false;
            }
        }
        return true;
    }

    private static double logScore(double[][] p, int[] slots) {
        double s = 0;
        for (int i = 0; i < SLOTS; i++) {
            s += Math.log(Math.max(1e-12, p[i][slots[i]]));
        }
        return s;
    }

    private static String text(int[] slots) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DIGIT_SLOTS && slots[i] != EMPTY; i++) {
            sb.append((char) ('0' + slots[i]));
        }
        for (int i = DIGIT_SLOTS; i < SLOTS; i++) {
            sb.append(SaudiPlate.LATIN_LETTERS.charAt(slots[i]));
        }
        return sb.toString();
    }

    static double[] softmax(float[] v, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, v[off + i]);
        }
        double[] out = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(v[off + i] - max);
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static int argmax(double[] p) {
        return argmax(p, -1);
    }

    /** Index of the largest value, skipping {@code exclude}. */
    private static int argmax(double[] p, int exclude) {
        int best = -1;
        for (int i = 0; i < p.length; i++) {
            if (i != exclude && (best < 0 || p[i] > p[best])) {
                best = i;
            }
        }
        return best;
    }
}
