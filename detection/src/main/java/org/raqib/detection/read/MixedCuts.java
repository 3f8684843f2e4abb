package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.opencv.core.Rect;

/**
 * Cuts of the Latin row put together from the boxes of cuts already read. Each binarisation of a hard crop boxes some
 * characters well and others badly: a faint first digit stands apart only at the sensitive threshold, where the
 * characters beside it merge with the divider; at the usual threshold the reverse. No single cut then holds every
 * character's box, though every one has been boxed (and named) by some cut. Here, for each length of a plate text (4
 * to 7 characters: 1-4 digits, then 3 letters), a dynamic programme finds the left-to-right sequence of those boxes
 * with the highest summed box score (as {@link RowSearch}'s: the clipped log-odds of the best character of the kind
 * the place asks for), among boxes of one row: the height and baseline of the reference cut's letters, neighbours that
 * barely overlap and stand no further apart than a character's height, but for the step from the last digit to the
 * first letter, which may cross a wide plate's emblem panel; and no box that reads as a character (p > 0.5) is left
 * out before, between or after the boxes taken (a shorter cut that skipped one lost short wide plates their digits out
 * of fold). The reader scores these cuts like its others (BENCHMARKS.md, "Session 33").
 */
final class MixedCuts {

    /** A box's height is within these fractions of the reference letters' height. */
    private static final double FIT_LOW = 0.75;
    private static final double FIT_HIGH = 1.25;
    /** A box's bottom lies at most this many reference heights from the reference letters' baseline... */
    private static final double BASELINE = 0.25;
    /** ... or this many on a wide crop, whose digits and letters lie far apart and so, at a slant, on other lines. */
    private static final double WIDE_BASELINE = 0.5;
    /** Neighbouring boxes overlap by at most this share of the narrower one. */
    private static final double OVERLAP = 0.15;
    /** Neighbours of one group (digits or letters) stand at most this many reference heights apart. */
    private static final double MAX_GAP = 1.0;

    private MixedCuts() {
    }

    /**
     * The best mixed cut of each length 4-7 that has one, from the boxes of {@code cuts}, held to the row of the
     * letters (last three boxes) of {@code reference}; {@code score} scores a box as a digit or a letter;
     * {@code wide} whether the crop has a wide plate's shape. Empty when the reference has no letters to measure.
     */
    static List<List<Rect>> of(List<List<Rect>> cuts, List<Rect> reference, boolean wide, RowSearch.BoxScore score) {
        if (reference == null || reference.size() < 3) {
            return List.of();
        }
        int n = reference.size();
        double[] heights = new double[3];
        double[] bottoms = new double[3];
        for (int i = 0; i < 3; i++) {
            Rect r = reference.get(n - 3 + i);
            heights[i] = r.height;
            bottoms[i] = r.y + r.height;
        }
        Arrays.sort(heights);
        Arrays.sort(bottoms);
        double h = heights[1];
        double base = bottoms[1];
        if (h <= 0) {
            return List.of();
        }
        double baseTol = (wide ? WIDE_BASELINE : BASELINE) * h;
        LinkedHashSet<Rect> unique = new LinkedHashSet<>();
        for (List<Rect> cut : cuts) {
            for (Rect b : cut) {
                if (b.height >= FIT_LOW * h && b.height <= FIT_HIGH * h && Math.abs(b.y + b.height - base) <= baseTol) {
                    unique.add(b);
                }
            }
        }
        List<Rect> boxes = new ArrayList<>(unique);
        boxes.sort(Comparator.<Rect>comparingInt(r -> r.x).thenComparingInt(r -> r.width));
        int m = boxes.size();
        if (m < 4) {
            return List.of();
        }
        double[] asDigit = new double[m];
        double[] asLetter = new double[m];
        for (int j = 0; j < m; j++) {
            asDigit[j] = score.score(boxes.get(j), true);
            asLetter[j] = score.score(boxes.get(j), false);
        }
        // What the lengths share, worked out once: which boxes may start or end a cut, and which may follow which.
        boolean[] starts = new boolean[m];
        boolean[] ends = new boolean[m];
        byte[][] steps = new byte[m][m];
        for (int j = 0; j < m; j++) {
            Rect b = boxes.get(j);
            starts[j] = !skips(boxes, asDigit, asLetter, Integer.MIN_VALUE, b.x);
            ends[j] = !skips(boxes, asDigit, asLetter, b.x + b.width, Integer.MAX_VALUE);
            for (int i = 0; i < m; i++) {
                steps[i][j] = step(boxes, asDigit, asLetter, i, j, wide, h);
            }
        }
        List<List<Rect>> found = new ArrayList<>();
        for (int length = 4; length <= 7; length++) {
            List<Rect> best = best(boxes, asDigit, asLetter, starts, ends, steps, length);
            if (best != null) {
                found.add(best);
            }
        }
        return found;
    }

    /** No step from one box to the other; a step within the digits or the letters (or across); a step across only. */
    private static final byte NO_STEP = 0;
    private static final byte STEP = 1;
    private static final byte CROSSING_ONLY = 2;

    /**
     * The highest-scoring sequence of {@code length} boxes (1-4 digits, then 3 letters), or null for none; {@code starts}
     * and {@code ends}: which boxes may be the first and the last, {@code steps}: which may follow which ({@link #step}).
     */
    private static List<Rect> best(List<Rect> boxes, double[] asDigit, double[] asLetter, boolean[] starts, boolean[] ends,
            byte[][] steps, int length) {
        int m = boxes.size();
        int digits = length - 3;
        double[][] dp = new double[length][m];
        int[][] from = new int[length][m];
        for (int j = 0; j < m; j++) {
            dp[0][j] = starts[j] ? asDigit[j] : Double.NEGATIVE_INFINITY;
            from[0][j] = -1;
        }
        for (int k = 1; k < length; k++) {
            boolean digit = k < digits;
            boolean crossing = k == digits;
            for (int j = 0; j < m; j++) {
                dp[k][j] = Double.NEGATIVE_INFINITY;
                from[k][j] = -1;
                double own = digit ? asDigit[j] : asLetter[j];
                for (int i = 0; i < m; i++) {
                    byte step = steps[i][j];
                    if (dp[k - 1][i] == Double.NEGATIVE_INFINITY || step == NO_STEP || step == CROSSING_ONLY && !crossing) {
                        continue;
                    }
                    double s = dp[k - 1][i] + own;
                    if (s > dp[k][j]) {
                        dp[k][j] = s;
                        from[k][j] = i;
                    }
                }
            }
        }
        int end = -1;
        for (int j = 0; j < m; j++) {
            if (ends[j] && dp[length - 1][j] > Double.NEGATIVE_INFINITY && (end < 0 || dp[length - 1][j] > dp[length - 1][end])) {
                end = j;
            }
        }
        if (end < 0) {
            return null;
        }
        Rect[] seq = new Rect[length];
        for (int k = length - 1, j = end; k >= 0; j = from[k][j], k--) {
            seq[k] = boxes.get(j);
        }
        return List.of(seq);
    }

    /**
     * Whether box {@code j} may follow box {@code i} in a cut: {@link #STEP} where they barely overlap, stand at most
     * {@link #MAX_GAP} heights apart and skip no box between that reads as a character; {@link #CROSSING_ONLY} where they
     * stand further apart on a wide crop, skipping no such box (the step from the last digit to the first letter may
     * cross the emblem panel); else {@link #NO_STEP}.
     */
    private static byte step(List<Rect> boxes, double[] asDigit, double[] asLetter, int i, int j, boolean wide, double h) {
        Rect a = boxes.get(i);
        Rect b = boxes.get(j);
        double gap = b.x - (a.x + a.width);
        if (gap < -OVERLAP * Math.min(a.width, b.width) || b.x + b.width <= a.x + a.width) {
            return NO_STEP;
        }
        if (gap > MAX_GAP * h && !wide || skips(boxes, asDigit, asLetter, a.x + a.width, b.x)) {
            return NO_STEP;
        }
        return gap <= MAX_GAP * h ? STEP : CROSSING_ONLY;
    }

    /** Whether a box lying wholly between columns {@code from} and {@code to} reads as a digit or a letter (p > 0.5). */
    private static boolean skips(List<Rect> boxes, double[] asDigit, double[] asLetter, int from, int to) {
        for (int k = 0; k < boxes.size(); k++) {
            Rect c = boxes.get(k);
            if (c.x >= from && c.x + c.width <= to && (asDigit[k] > 0 || asLetter[k] > 0)) {
                return true;
            }
        }
        return false;
    }
}
