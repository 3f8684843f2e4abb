package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.opencv.core.Rect;

/**
 * Segmentation by recognition: the Latin row cut wherever a cut could fall, the cut sequence chosen by
 * the glyph classifier under the plate grammar (1-4 digits, then exactly 3 letters). The blob and
 * column-run cuts of {@link GlyphSegmenter} fail where the print does not separate cleanly: a first
 * digit that touches the plate's frame, two characters merged by blur, a letter broken in two. Here
 * every column where one character may end and the next begin is a candidate (the edges of every blob
 * and run, the ends of inked column runs, the thinnest columns inside them), every stretch between two
 * candidates of a character's width is boxed tightly around its ink and scored by the classifier (its
 * junk class scores halves, pairs and frame pieces low), and a dynamic programme finds, for each
 * number of characters, the sequence of stretches with the highest summed score that skips no
 * character-sized ink between its boxes.
 */
final class RowSearch {

    /** Scores a box as a digit or a letter: the clipped log-odds the reader sums over a cut. */
    interface BoxScore {
        double score(Rect box, boolean digit);
    }

    /** A box is at most this many character heights wide (wide letters reach about 0.75). */
    private static final double MAX_WIDTH = 0.95;
    /** ... on a wide plate, whose photos are often stretched sideways (see {@link GlyphSegmenter#singleWidth}). */
    private static final double MAX_WIDTH_WIDE = 1.3;
    /** ... and at least this many (a digit 1 is about 0.2 at the plates' stroke widths). */
    private static final double MIN_WIDTH = 0.12;
    /** Skipped columns between two boxes may hold ink this tall at most: taller is part of a character. */
    private static final double SKIPPED_INK = 0.45;
    /** Two neighbouring characters are at most this many character heights apart (wide plates' panel aside). */
    private static final double MAX_GAP = 1.0;

    /**
     * A box is a character of its kind when its height is within these fractions of its kind's height...
     */
    private static final double FIT_LOW = 0.75;
    private static final double FIT_HIGH = 1.25;
    /**
     * ... except a standard plate's digits, within these (the upper one beyond {@link #tight}'s bound, so
     * that bound rules). Their height is the median of the reference boxes left of the last three, which on
     * a hard crop are often a digit merged with the frame or the top row's print above it, or a piece of
     * one: then every whole digit of the row was a third off that height and could not be boxed. Loosening
     * the letters' check the same way did not help out of fold: letters then stood in for digits (BENCHMARKS,
     * "Session 7 (rseg)").
     */
    private static final double STANDARD_DIGIT_FIT_LOW = 0.5;
    private static final double STANDARD_DIGIT_FIT_HIGH = 1.5;

    /** A box's bottom lies at most this many character heights from the row's baseline... */
    private static final double BASELINE = 0.25;
    /**
     * ... or this many on a wide plate. Its digits and its letters lie far apart, either side of the emblem
     * panel, so that a plate seen at a slant puts the digits' baseline several pixels below or above the
     * letters', and the reference boxes are often the letters alone: a lone left digit then fell outside the
     * tolerance and could not be boxed. The row's band reaches as much further down as the tolerance grows
     * (0.37 heights below the baseline instead of 0.12), so that a lower digit's foot is in it. Out of fold
     * (BENCHMARKS, "Session 8 (rwide)") this is worth its crops only together with {@link #panelSkipInk}: the
     * digit must also be reachable across the emblem.
     */
    private static final double WIDE_BASELINE = 0.5;

    /**
     * The found emblem panel's ink is dropped this many character heights beyond its border lines: their
     * centres are what is found, and a line's other edge, left after the lines are erased, blocked the skip
     * from the last digit to the first letter.
     */
    private static final double PANEL_MARGIN = 0.25;

    private RowSearch() {
    }

    /**
     * The best cut of the row for each number of characters from 4 to 7 that has one, as left-to-right
     * boxes in {@code c}'s image; {@code reference} are boxes already found in it (they give the
     * characters' height and baseline, and their edges are candidate cut columns).
     */
    static List<List<Rect>> search(GlyphSegmenter.Cut c, int w, int h, List<Rect> reference, BoxScore scorer) {
        List<List<Rect>> out = new ArrayList<>();
        if (reference.size() < 2) {
            return out;
        }
        // Latin letters are printed shorter than the digits (about two thirds of their height on standard
        // plates): each kind of box is measured against its own height, the letters' from the right-most
        // three reference boxes, the digits' from the others (or from all when there are no others).
        List<Rect> byX = new ArrayList<>(reference);
        byX.sort((p, q) -> Integer.compare(p.x, q.x));
        int split = Math.max(0, byX.size() - 3);
        boolean wide = GlyphSegmenter.wideShape(w, h);
        // A wide plate prints its letters at the digits' height, and its right-most reference boxes may be
        // the KSA strip's print at the plate's right end rather than letters: one height for both there.
        double letterH = wide ? medianHeight(byX) : medianHeight(byX.subList(split, byX.size()));
        double charH = wide ? letterH : medianHeight(split > 0 ? byX.subList(0, split) : byX);
        int[] bottoms = reference.stream().mapToInt(r -> r.y + r.height).sorted().toArray();
        double rowBottom = bottoms[bottoms.length / 2];
        if (charH < 8) {
            return out;
        }
        double baseline = wide ? WIDE_BASELINE : BASELINE;
        // Characters share the baseline: the row reaches a tall character's height above it.
        int y0 = (int) Math.max(0, Math.floor(rowBottom - 1.12 * Math.max(charH, letterH)));
        int y1 = (int) Math.min(h, Math.ceil(rowBottom + (0.12 + baseline - BASELINE) * charH));
        byte[] px = c.ink();
        int[] ink = new int[w];
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < w; x++) {
                if (px[y * w + x] != 0) {
                    ink[x]++;
                }
            }
        }
        boolean panel = !Double.isNaN(c.panelFrom());
        if (panel) {
            // The emblem panel's print is not plate text: the search neither boxes nor skips it.
            double margin = PANEL_MARGIN * charH;
            for (int x = (int) Math.max(0, Math.floor(c.panelFrom() - margin)); x <= Math.min(w - 1, Math.ceil(c.panelTo() + margin)); x++) {
                ink[x] = 0;
            }
        }
        int[] panelSkip = wide && !panel ? panelSkipInk(ink, w) : ink;
        double maxWidth = (wide ? MAX_WIDTH_WIDE : MAX_WIDTH) * charH;
        int[] cuts = candidates(ink, w, reference, charH);
        int m = cuts.length;
        if (m < 2) {
            return out;
        }
        // Each row's inked pixels counted from the left: whether a row holds ink between two columns is then
        // one subtraction, where the boxes below (hundreds per row) each scanned their whole area before.
        int[] inkBefore = inkBefore(px, w, y0, y1);
        // A box between candidates i < j: its ink's bounding box, or null when it is not character-like.
        Rect[][] box = new Rect[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                int width = cuts[j] - cuts[i];
                if (width > maxWidth) {
                    break;
                }
                if (width >= MIN_WIDTH * charH) {
                    box[i][j] = tight(inkBefore, ink, w, cuts[i], cuts[j], y0, y1, charH, rowBottom, baseline);
                }
            }
        }
        double[][] digitScore = new double[m][m];
        double[][] letterScore = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                Rect r = box[i][j];
                if (r != null) {
                    boolean digitFits = wide ? fits(r.height, charH, FIT_LOW, FIT_HIGH)
                            : fits(r.height, charH, STANDARD_DIGIT_FIT_LOW, STANDARD_DIGIT_FIT_HIGH);
                    digitScore[i][j] = digitFits ? scorer.score(r, true) : Double.NEGATIVE_INFINITY;
                    letterScore[i][j] = fits(r.height, letterH, FIT_LOW, FIT_HIGH) ? scorer.score(r, false) : Double.NEGATIVE_INFINITY;
                }
            }
        }
        for (int n = 4; n <= 7; n++) {
            List<Rect> best = best(n, m, cuts, box, digitScore, letterScore, ink, panelSkip, charH, maxWidth, wide, w);
            if (best != null) {
                out.add(best);
            }
        }
        if (!wide && letterH > DIGIT_LIKE_LETTERS * charH) {
            // The reference's last three boxes are as tall as its digits: on a standard plate, whose letters print
            // at about two thirds of the digits' height, they are most likely digits, the letters having been lost
            // by the blob and run filters (a loose row band makes short letters look like specks). The row is
            // searched again for letters of the printed height, as further cuts.
            double printed = PRINTED_LETTERS * charH;
            double[][] shortLetters = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    Rect r = box[i][j];
                    shortLetters[i][j] = r != null && fits(r.height, printed, FIT_LOW, FIT_HIGH) ? scorer.score(r, false)
                            : Double.NEGATIVE_INFINITY;
                }
            }
            for (int n = 4; n <= 7; n++) {
                List<Rect> best = best(n, m, cuts, box, digitScore, shortLetters, ink, panelSkip, charH, maxWidth, wide, w);
                if (best != null && !out.contains(best)) {
                    out.add(best);
                }
            }
        }
        return out;
    }

    /**
     * A standard row's reference letters at least this many times its digits' height are taken for digits (see
     * {@link #PRINTED_LETTERS}).
     */
    private static final double DIGIT_LIKE_LETTERS = 0.85;

    /** A standard plate's Latin letters' height, in its digits' heights, where the reference holds no letters. */
    private static final double PRINTED_LETTERS = 0.65;

    /**
     * {@link #search} of a tilted row levelled first: where the reference boxes' bottoms slope by more than
     * {@link #TILT} character heights across them, each column of the ink is shifted up or down so that the
     * baseline (the boxes' bottoms' Theil-Sen line) is level, the row is searched there, and its boxes are taken
     * back, each grown by the shift's change across it. A tilted row's end characters sit further from the
     * median baseline than {@link #BASELINE} allows, and its band cuts their tops or feet: the level search boxes
     * them. Empty where the row is level (then {@link #search} alone sees it right).
     */
    static List<List<Rect>> searchLevelled(GlyphSegmenter.Cut c, int w, int h, List<Rect> reference, BoxScore scorer) {
        List<List<Rect>> out = new ArrayList<>();
        if (reference.size() < 3) {
            return out;
        }
        double slope = baselineSlope(reference);
        double[] xs = reference.stream().mapToDouble(r -> r.x + r.width / 2.0).sorted().toArray();
        double span = xs[xs.length - 1] - xs[0];
        double charH = medianHeight(reference);
        if (Double.isNaN(slope) || Math.abs(slope) * span < TILT * charH) {
            return out;
        }
        double centre = xs[xs.length / 2];
        int[] shift = new int[w];
        for (int x = 0; x < w; x++) {
            shift[x] = (int) Math.round(slope * (x - centre));
        }
        // Levelled pixel (y, x) is the ink's (y + shift[x], x).
        byte[] px = c.ink();
        byte[] level = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int from = y + shift[x];
                if (from >= 0 && from < h) {
                    level[y * w + x] = px[from * w + x];
                }
            }
        }
        List<Rect> levelRef = new ArrayList<>();
        for (Rect r : reference) {
            levelRef.add(new Rect(r.x, r.y - shift[Math.min(w - 1, Math.max(0, r.x + r.width / 2))], r.width, r.height));
        }
        GlyphSegmenter.Cut levelled = new GlyphSegmenter.Cut(c.boxes(), c.runs(), c.framed(), level, c.top(), c.bottom(),
                c.panelFrom(), c.panelTo(), c.sideCut());
        BoxScore back = (box, digit) -> scorer.score(unlevel(box, shift, h), digit);
        for (List<Rect> found : search(levelled, w, h, levelRef, back)) {
            List<Rect> boxes = new ArrayList<>(found.size());
            for (Rect r : found) {
                boxes.add(unlevel(r, shift, h));
            }
            out.add(List.copyOf(boxes));
        }
        return out;
    }

    /** A row is levelled where its baseline drops or rises by at least this many character heights across its reference boxes. */
    private static final double TILT = 0.25;

    /**
     * The slope (rows per column) of the line through the boxes' bottoms: the median of the slopes between pairs of
     * boxes at least a box apart (Theil-Sen: a stray box, such as a divider's piece, does not tilt it). NaN when no
     * pair is far enough apart.
     */
    static double baselineSlope(List<Rect> boxes) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Rect a = boxes.get(i);
                Rect b = boxes.get(j);
                double dx = (b.x + b.width / 2.0) - (a.x + a.width / 2.0);
                if (Math.abs(dx) >= Math.max(a.width, b.width)) {
                    slopes.add(((b.y + b.height) - (a.y + a.height)) / dx);
                }
            }
        }
        if (slopes.isEmpty()) {
            return Double.NaN;
        }
        slopes.sort(null);
        return slopes.get(slopes.size() / 2);
    }

    /** A levelled box in the crop's rows: moved by the shift at its columns and grown by the shift's range across them. */
    private static Rect unlevel(Rect r, int[] shift, int h) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int x = Math.max(0, r.x); x < Math.min(shift.length, r.x + r.width); x++) {
            lo = Math.min(lo, shift[x]);
            hi = Math.max(hi, shift[x]);
        }
        if (lo > hi) {
            return r;
        }
        int y = Math.max(0, r.y + lo);
        int bottom = Math.min(h, r.y + r.height + hi);
        return new Rect(r.x, y, r.width, Math.max(1, bottom - y));
    }

    private static List<Rect> best(int n, int m, int[] cuts, Rect[][] box, double[][] digitScore, double[][] letterScore,
            int[] ink, int[] panelSkip, double charH, double maxWidth, boolean wide, int w) {
        int digits = n - 3;
        int[] dividerSkip = wide ? ink : dividerSkipInk(ink, charH);
        // f[k][j]: best sum over k boxes, the k-th ending at candidate j; from[k][j] its start candidate.
        double[][] f = new double[n + 1][m];
        int[][] from = new int[n + 1][m];
        int[][] prev = new int[n + 1][m];
        for (double[] row : f) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        for (int k = 1; k <= n; k++) {
            boolean digit = k - 1 < digits;
            // Between the last digit and the first letter a wide plate has its emblem panel.
            boolean acrossPanel = wide && k - 1 == digits;
            double maxGap = acrossPanel ? 0.45 * w : MAX_GAP * charH;
            // ... and a standard plate its divider line.
            int[] skippable = acrossPanel ? panelSkip : !wide && k - 1 == digits ? dividerSkip : ink;
            for (int j = 1; j < m; j++) {
                for (int a = j - 1; a >= 0; a--) {
                    if (cuts[j] - cuts[a] > maxWidth) {
                        break;
                    }
                    if (box[a][j] == null) {
                        continue;
                    }
                    double s = digit ? digitScore[a][j] : letterScore[a][j];
                    if (s == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    if (k == 1) {
                        if (s > f[1][j]) {
                            f[1][j] = s;
                            from[1][j] = a;
                            prev[1][j] = -1;
                        }
                        continue;
                    }
                    // The previous box ends at candidate i <= a; what lies between is skipped.
                    int tallest = 0;
                    for (int i = a; i >= 0; i--) {
                        if (i < a) {
                            tallest = Math.max(tallest, maxInk(skippable, cuts[i], cuts[i + 1]));
                        }
                        if (tallest > SKIPPED_INK * charH || cuts[a] - cuts[i] > maxGap) {
                            break;
                        }
                        if (f[k - 1][i] == Double.NEGATIVE_INFINITY) {
                            continue;
                        }
                        double total = f[k - 1][i] + s;
                        if (total > f[k][j]) {
                            f[k][j] = total;
                            from[k][j] = a;
                            prev[k][j] = i;
                        }
                    }
                }
            }
        }
        int end = -1;
        for (int j = 0; j < m; j++) {
            if (f[n][j] > Double.NEGATIVE_INFINITY && (end < 0 || f[n][j] > f[n][end])) {
                end = j;
            }
        }
        if (end < 0) {
            return null;
        }
        Rect[] row = new Rect[n];
        int j = end;
        for (int k = n; k >= 1; k--) {
            int a = from[k][j];
            row[k - 1] = box[a][j];
            j = prev[k][j];
        }
        return List.of(row);
    }

    /**
     * The ink a wide row's step from its last digit to its first letter may skip where no emblem panel was found
     * (its border lines faint, or shorter than the line filter's reach in a loose crop): {@code ink} without the
     * columns where the panel lies on the training photos' crops ({@link GlyphSegmenter#PANEL_FROM} to
     * {@link GlyphSegmenter#PANEL_TO}). The emblem's print there is as tall as a character and blocked that
     * step, so the cut had to box it as a character or give up the digits left of it. Only that step skips it:
     * boxes are still cut from the whole ink.
     */
    static int[] panelSkipInk(int[] ink, int w) {
        int[] out = ink.clone();
        for (int x = (int) (GlyphSegmenter.PANEL_FROM * w); x <= Math.min(w - 1, GlyphSegmenter.PANEL_TO * w); x++) {
            out[x] = 0;
        }
        return out;
    }

    /**
     * The ink a standard row's step from its last digit to its first letter may skip: {@code ink} without its thin
     * runs of columns too tall to skip (at most {@link #LINE_RUN} character heights wide), which a neighbour's blurred
     * edge may touch. The plate's divider line between
     * the digits and the letters spans only the Latin row, about 0.45 of a crop's height, which the segmenter's
     * line filter (0.6 of the height) keeps where the crop is loose: it then blocked every cut that reads both
     * the digits and the letters.
     */
    static int[] dividerSkipInk(int[] ink, double charH) {
        int[] out = ink.clone();
        int start = -1;
        double tall = SKIPPED_INK * charH;
        for (int x = 0; x <= ink.length; x++) {
            boolean on = x < ink.length && ink[x] > tall;
            if (on && start < 0) {
                start = x;
            } else if (!on && start >= 0) {
                if (x - start <= LINE_RUN * charH) {
                    Arrays.fill(out, start, x, 0);
                }
                start = -1;
            }
        }
        return out;
    }

    /** A divider line's run of inked columns is at most this many character heights wide (see {@link #dividerSkipInk}). */
    private static final double LINE_RUN = 0.25;

    private static double medianHeight(List<Rect> boxes) {
        int[] hs = boxes.stream().mapToInt(r -> r.height).sorted().toArray();
        return hs[hs.length / 2];
    }

    /** Whether a box of height {@code h} is within [low, high] times the height {@code expected} of its kind. */
    private static boolean fits(int h, double expected, double low, double high) {
        return h >= low * expected && h <= high * expected;
    }

    private static int maxInk(int[] ink, int x0, int x1) {
        int m = 0;
        for (int x = x0; x < x1; x++) {
            m = Math.max(m, ink[x]);
        }
        return m;
    }

    /**
     * Candidate cut columns: the edges of the reference boxes, where inked column runs start and end,
     * and the thinnest columns inside runs wider than a narrow character (where touching neighbours meet).
     */
    private static int[] candidates(int[] ink, int w, List<Rect> reference, double charH) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Rect r : reference) {
            set.add(Math.max(0, r.x));
            set.add(Math.min(w, r.x + r.width));
        }
        int start = -1;
        for (int x = 0; x <= w; x++) {
            boolean on = x < w && ink[x] > 0;
            if (on && start < 0) {
                start = x;
            } else if (!on && start >= 0) {
                set.add(start);
                set.add(x);
                if (x - start > 0.3 * charH) {
                    for (int xx = start + 2; xx < x - 2; xx++) {
                        if (ink[xx] >= ink[xx - 1] || ink[xx] >= 0.5 * charH) {
                            continue;
                        }
                        // A valley of the column profile, perhaps flat (a thin join several columns long):
                        // a cut may fall at either side of its floor.
                        int end = xx;
                        while (end + 1 < x && ink[end + 1] == ink[xx]) {
                            end++;
                        }
                        if (end + 1 < x && ink[end + 1] > ink[xx]) {
                            set.add(xx);
                            set.add(end + 1);
                        }
                    }
                }
                start = -1;
            }
        }
        // Columns a pixel apart are the same cut for the classifier.
        List<Integer> kept = new ArrayList<>();
        for (int x : set) {
            if (kept.isEmpty() || x - kept.get(kept.size() - 1) > 1) {
                kept.add(x);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The ink between columns {@code x0} and {@code x1} boxed tightly (the columns trimmed to inked ones, the
     * rows to the tallest stack of inked rows), or null when it is not a character: too short, or off the
     * row's baseline (more than {@code baseline} character heights from it).
     */
    private static Rect tight(int[] inkBefore, int[] ink, int w, int x0, int x1, int y0, int y1, double charH, double rowBottom,
            double baseline) {
        int a = x0;
        int b = x1;
        while (a < b && ink[a] == 0) {
            a++;
        }
        while (b > a && ink[b - 1] == 0) {
            b--;
        }
        if (b - a < Math.max(2, MIN_WIDTH * charH)) {
            return null;
        }
        int[] stack = inkedStack(inkBefore, w, a, b, y0, y1, 2);
        int top = stack[0];
        int bottom = stack[1];
        if (top < 0) {
            return null;
        }
        int height = bottom - top + 1;
        if (height < 0.45 * charH || height > 1.3 * charH || Math.abs(bottom + 1 - rowBottom) > baseline * charH) {
            return null;
        }
        return new Rect(a, top, b - a, height);
    }

    /**
     * For rows [y0, y1) of the {@code w}-wide binary image {@code px}: entry (y - y0) * (w + 1) + x counts the
     * row's inked pixels left of column x.
     */
    static int[] inkBefore(byte[] px, int w, int y0, int y1) {
        int stride = w + 1;
        int[] out = new int[Math.max(0, y1 - y0) * stride];
        for (int y = y0; y < y1; y++) {
            int o = (y - y0) * stride;
            int row = y * w;
            for (int x = 0; x < w; x++) {
                out[o + x + 1] = out[o + x] + (px[row + x] != 0 ? 1 : 0);
            }
        }
        return out;
    }

    /**
     * {@link GlyphSegmenter#inkedStack} of the rows [y0, y1) counted by {@link #inkBefore} (from y0): the same
     * {top, bottom}, each row's ink in columns [x0, x1) found by one subtraction.
     */
    static int[] inkedStack(int[] inkBefore, int w, int x0, int x1, int y0, int y1, int maxGap) {
        int stride = w + 1;
        boolean[] inked = new boolean[Math.max(0, y1 - y0)];
        for (int y = y0; y < y1; y++) {
            int o = (y - y0) * stride;
            inked[y - y0] = x1 > x0 && inkBefore[o + x1] != inkBefore[o + x0];
        }
        return GlyphSegmenter.longestStack(inked, y0, maxGap);
    }
}
