package org.raqib.detection.read;

import java.util.Arrays;
import org.opencv.core.Mat;

/**
 * A local threshold of the Latin row: each column's threshold is Otsu's split of the row band's pixels in a window
 * of columns around it (about a character wide), moved a little toward the plate's side. The offset thresholds
 * ({@link GlyphSegmenter.Analysis}) call ink whatever lies a few gray levels below a square window's mean: on bold or
 * blurred print the gap between two characters is darker than that mean too, and neighbours run into one blob or
 * column run that is cut by rule or not at all. Otsu's split lies between the print's and the plate's own levels in
 * each window, whatever the top row's print, the frame or the plate's shading do to a mean, so that such neighbours
 * stand apart. A window whose two classes' mean levels lie less than {@link #MIN_CONTRAST} apart is plain plate: no
 * ink there.
 */
final class LocalThreshold {

    /**
     * The window's width in row-band heights. Chosen in a variant not in the code (569ebd1's message: the local cut
     * also searched by {@link RowSearch}, threshold at Otsu's split, before the ink-band cut), out of fold (card
     * command with the fold caches, seeds 42/43/44): 0.6 and 1.2 read 1704 and 1703 crops right against 1709 at 0.8.
     */
    static final double WINDOW = 0.8;

    /** Windows are placed every this many columns; a column takes the threshold of the window placed at or left of it. */
    private static final int STEP = 2;

    /**
     * The least difference, in gray levels, of a window's two Otsu classes' mean levels for it to hold ink (6 and 20
     * read 1709 and 1704 crops right out of fold, in the variant above).
     */
    static final double MIN_CONTRAST = 12;

    /**
     * The threshold lies this many times the two classes' mean levels' difference above Otsu's split (toward the
     * plate: a little more ink). Out of fold, in the variant above: 1709, 1717, 1706, 1714 and 1708 crops right at 0, 0.1, 0.15,
     * 0.2 and 0.35 (the differences between them are a few crops a seed, within what one crop's change of cut moves).
     */
    static final double TOWARD_PLATE = 0.1;

    private LocalThreshold() {
    }

    /**
     * Overwrites the rows of {@code bin} (the size of {@code gray}, {@code gray.cols()} per row, non-zero is ink) strictly
     * inside the row band from {@code top} to {@code bottom} with the local threshold's ink (255) and plate (0) of
     * {@code gray}.
     */
    static void apply(Mat gray, byte[] bin, double top, double bottom) {
        int w = gray.cols();
        int h = gray.rows();
        // Inside the divider and the bottom edge's lines: they stay the usual binarisation's, and are erased as lines.
        int y0 = (int) Math.max(0, Math.floor(top) + 2);
        int y1 = (int) Math.min(h, Math.ceil(bottom) - 1);
        if (y1 - y0 < 8) {
            return;
        }
        int rows = y1 - y0;
        byte[] g = new byte[rows * w];
        gray.get(y0, 0, g);
        int half = (int) Math.max(4, Math.round(WINDOW * rows / 2));
        // The window's histogram of the band, slid along the row: the columns entering it added, those leaving it taken
        // out (the window's ends only move right).
        int[] hist = new int[256];
        int[] threshold = new int[w];
        int lo = 0;
        int hi = 0;
        for (int cx = 0; cx < w; cx += STEP) {
            int from = Math.max(0, cx - half);
            int to = Math.min(w, cx + half + 1);
            for (; hi < to; hi++) {
                for (int y = 0; y < rows; y++) {
                    hist[g[y * w + hi] & 0xFF]++;
                }
            }
            for (; lo < from; lo++) {
                for (int y = 0; y < rows; y++) {
                    hist[g[y * w + lo] & 0xFF]--;
                }
            }
            Arrays.fill(threshold, cx, Math.min(w, cx + STEP), otsu(hist, MIN_CONTRAST, TOWARD_PLATE));
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < w; x++) {
                bin[(y0 + y) * w + x] = (g[y * w + x] & 0xFF) <= threshold[x] ? (byte) 255 : 0;
            }
        }
    }

    /**
     * Otsu's split of {@code hist} (a gray-level histogram; ink is at or below the value returned) moved
     * {@code towardPlate} times the two classes' mean levels' difference up, or -1 (no ink) when that difference is
     * less than {@code minContrast}.
     */
    static int otsu(int[] hist, double minContrast, double towardPlate) {
        // Only the levels from the least to the greatest one held are visited, and in between only those held: an
        // empty level adds nothing to the sums (not even the sign of a zero), a split below the least or at the
        // greatest has an empty class, and a split at an empty level is the split below it again, which does not
        // beat itself. The same result, to the bit, as visiting all 256.
        int lo = 0;
        while (lo < 256 && hist[lo] == 0) {
            lo++;
        }
        int hi = 255;
        while (hi > lo && hist[hi] == 0) {
            hi--;
        }
        long total = 0;
        double sum = 0;
        for (int k = lo; k <= hi; k++) {
            total += hist[k];
            sum += (double) k * hist[k];
        }
        long n0 = 0;
        double s0 = 0;
        double best = -1;
        int split = -1;
        double gap = 0;
        for (int t = lo; t < Math.min(hi, 255); t++) {
            if (hist[t] == 0) {
                continue;
            }
            n0 += hist[t];
            s0 += (double) t * hist[t];
            long n1 = total - n0;
            if (n0 == 0 || n1 == 0) {
                continue;
            }
            double m0 = s0 / n0;
            double m1 = (sum - s0) / n1;
            double between = (double) n0 * n1 * (m1 - m0) * (m1 - m0);
            if (between > best) {
                best = between;
                split = t;
                gap = m1 - m0;
            }
        }
        return split < 0 || gap < minContrast ? -1 : (int) Math.round(split + towardPlate * gap);
    }
}
