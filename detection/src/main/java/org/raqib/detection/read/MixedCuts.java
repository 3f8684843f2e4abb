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
        List<List<Rect>> found = new ArrayList<>();
        for (int length = 4; length <= 7; length++) {
            List<Rect> best = best(boxes, asDigit, asLetter, length, wide, h);
            if (best != null) {
                found.add(best);
            }
        }
        return found;
    }

    /** The highest-scoring sequence of {@code length} boxes (1-4 digits, then 3 letters), or null for none. */
    private static List<Rect> best(List<Rect> boxes, double[] asDigit, double[] asLetter, int length, boolean wide, double h) {
        int m = boxes.size();
        int digits = length - 3;
        double[][] dp = new double[length][m];
        int[][] from = new int[length][m];
        for (int j = 0; j < m; j++) {
            dp[0][j] = skips(boxes, asDigit, asLetter, Integer.MIN_VALUE, boxes.get(j).x) ? Double.NEGATIVE_INFINITY
                    : digits > 0 ? asDigit[j] : asLetter[j];
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
                    if (dp[k - 1][i] == Double.NEGATIVE_INFINITY || !follows(boxes, asDigit, asLetter, i, j, crossing, wide, h)) {
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
            if (skips(boxes, asDigit, asLetter, boxes.get(j).x + boxes.get(j).width, Integer.MAX_VALUE)) {
                continue;
            }
            if (dp[length - 1][j] > Double.NEGATIVE_INFINITY && (end < 0 || dp[length - 1][j] > dp[length - 1][end])) {
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
     * Whether box {@code j} may follow box {@code i} in a cut; {@code crossing}: from the last digit to the first letter,
     * which on a wide crop may cross the emblem panel but skip no box between that reads as a character.
     */
    private static boolean follows(List<Rect> boxes, double[] asDigit, double[] asLetter, int i, int j, boolean crossing,
            boolean wide, double h) {
        Rect a = boxes.get(i);
        Rect b = boxes.get(j);
        double gap = b.x - (a.x + a.width);
        if (gap < -OVERLAP * Math.min(a.width, b.width) || b.x + b.width <= a.x + a.width) {
            return false;
        }
        if (gap <= MAX_GAP * h) {
            return !skips(boxes, asDigit, asLetter, a.x + a.width, b.x);
        }
        if (!crossing || !wide) {
            return false;
        }
        return !skips(boxes, asDigit, asLetter, a.x + a.width, b.x);
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
