package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Where the characters of a standard plate stand, found from its Arabic (top) row alone: for a plate whose Latin row
 * is too faint to cut (washed out, dirty) while the Arabic row above it prints dark, as on some older plates. Each
 * Arabic character stands above its Latin twin, so the top row's glyphs, found as runs of inked columns between the
 * plate's left side and the strip at its right, the last three the letters and the widest gap before them the break
 * between the digits' and the letters' panels, give the places of the Latin boxes too: returned as boxes under the
 * top row whose cells ({@link TopRow#cell}) are the top-row glyphs', so that the top row's classifier reads them as it
 * reads any cut's cells. Only for a Latin row much fainter than the top row ({@link #FAINT}).
 */
final class TopRowCut {

    /** The Latin row's band must start at least this far down the crop (in crop heights) to leave a top row above it. */
    static final double MIN_TOP_ROW = 0.3;
    /** A vertical line (the divider, the strip's border, the frame's sides) is inked over this share of the height. */
    static final double LINE_COVER = 0.6;
    /** Where the break between the digits' and the letters' panels may lie, in crop widths. */
    static final double DIVIDER_FROM = 0.3;
    static final double DIVIDER_TO = 0.7;
    /** Where the strip's border (or the frame's right side) is sought, from this share of the width to the edge. */
    static final double STRIP_FROM = 0.75;
    /** Where the frame's left side is sought, up to this share of the width. */
    static final double LEFT_TO = 0.15;
    /** The rows just above the Latin row's band, in crop heights, where the rows' divider runs: left out. */
    static final double DIVIDER_ROWS = 0.04;
    /** A row of the top row's band with a run of ink this share of the width long holds a line. */
    static final double FLAT_ROW = 0.4;
    /**
     * The Latin row is read from the top row only where its print's contrast (see {@link #spread}) is below this share of
     * the top row's: washed out, not merely cut badly.
     */
    static final double FAINT = 0.5;
    /** A run at most this share of the width wide, reaching the row's top or the rows' divider, is a line's remnant. */
    static final double THIN = 0.03;
    /** Columns this close to a line found are the line's (its blur). */
    static final int LINE_HALF = 3;
    /**
     * A run inked over less than this share of the top row's height is a dot or a speck: in the letters' panel a
     * letter's dot (merged into the nearest letter), in the digits' panel kept only when it lies mid-row (the
     * Arabic zero is a small diamond there).
     */
    static final double SMALL = 0.45;

    private TopRowCut() {
    }

    /**
     * Boxes under the top row's glyphs of the standard crop analysed by {@code a} (scaled, see {@link GlyphSegmenter}),
     * left to right: 1-4 digits then 3 letters; null when the crop does not show that layout clearly (no room above
     * the Latin row, another count of glyphs, no clear break between the panels about the middle) or its Latin row is
     * not faint.
     */
    static List<Rect> boxes(GlyphSegmenter.Analysis a) {
        int w = a.gray().cols();
        int h = a.gray().rows();
        GlyphSegmenter.Cut usual = a.cut(0);
        int latinTop = (int) Math.round(usual.top());
        if (Double.isNaN(usual.top()) || latinTop < MIN_TOP_ROW * h || latinTop >= h) {
            return null;
        }
        byte[] raw = a.usualBinarisation();
        int[] cover = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (raw[y * w + x] != 0) {
                    cover[x]++;
                }
            }
        }
        int line = (int) Math.ceil(LINE_COVER * h);
        int right = w;
        for (int x = (int) (STRIP_FROM * w); x < w; x++) {
            if (cover[x] >= line) {
                right = x;
                break;
            }
        }
        int left = -1;
        for (int x = 0; x < LEFT_TO * w; x++) {
            if (cover[x] >= line) {
                left = x;
            }
        }
        // Two views of the top row: the usual cut's ink, whose lines are erased, and the binarisation as it is, for
        // the line filter also erases the long level strokes of some Arabic letters (the bodies of ra, sad, ta) at
        // this scale. In both, rows with a long run of ink (the frame's top, the rows' divider), the few rows just
        // above the Latin row (where the divider runs) and the columns of every vertical line (the panels' divider,
        // the strip's border, the frame's sides) are left out. The first view to show the layout is read.
        for (byte[] ink : new byte[][] {usual.ink().clone(), raw}) {
            List<Rect> boxes = layout(a, usual, ink, cover, line, left, right, latinTop);
            if (boxes != null) {
                return boxes;
            }
        }
        return null;
    }

    /**
     * {@link #boxes} as one view of the top row, {@code ink} ({@code w} per row; its vertical lines' columns are cleared
     * here), shows them; {@code cover}: the inked rows of each column of the binarisation, {@code line} the cover of a
     * vertical line, {@code left} and {@code right} the frame's left side and the strip's border (-1 and the width
     * where none), {@code latinTop} the Latin row's top.
     */
    private static List<Rect> layout(GlyphSegmenter.Analysis a, GlyphSegmenter.Cut usual, byte[] ink, int[] cover,
            int line, int left, int right, int latinTop) {
        int w = a.gray().cols();
        int h = a.gray().rows();
        int above = Math.max(0, latinTop - (int) Math.ceil(DIVIDER_ROWS * h));
        boolean[] rows = new boolean[above];
        for (int y = 0; y < above; y++) {
            int longest = 0;
            int run = 0;
            for (int x = 0; x < w; x++) {
                run = ink[y * w + x] != 0 ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            rows[y] = longest < FLAT_ROW * w;
        }
        for (int x = 0; x < w; x++) {
            if (cover[x] >= line) {
                for (int c = Math.max(0, x - LINE_HALF); c <= Math.min(w - 1, x + LINE_HALF); c++) {
                    for (int y = 0; y < above; y++) {
                        ink[y * w + c] = 0;
                    }
                }
            }
        }
        List<int[]> runs = runs(ink, w, rows, left + LINE_HALF + 1, right - LINE_HALF);
        int[] band = band(runs);
        if (band == null) {
            return null;
        }
        int rowH = band[1] - band[0] + 1;
        // What is left of a vertical line (the panels' divider where the Latin row below is too faint for it to be
        // erased or found whole): a thin run from the frame's top or down to the rows' divider.
        runs.removeIf(r -> r[1] - r[0] + 1 <= Math.max(2, THIN * w) && (r[2] <= band[0] || r[3] >= above - 3));
        List<int[]> tall = new ArrayList<>();
        for (int[] r : runs) {
            if (r[3] - r[2] + 1 >= SMALL * rowH) {
                tall.add(r);
            }
        }
        if (tall.size() < 4 || tall.size() > 7) {
            return null;
        }
        // The letters: the last three tall runs, with the small ones among and beside them (dots) merged in; the
        // digits: the tall runs before them and the small ones there that lie mid-row (a zero).
        int firstLetter = tall.get(tall.size() - 3)[0];
        int lastDigit = tall.get(tall.size() - 4)[1];
        List<int[]> letters = new ArrayList<>();
        List<int[]> digits = new ArrayList<>();
        for (int[] r : runs) {
            if (r[0] >= firstLetter || r[0] > lastDigit && r[0] - lastDigit > firstLetter - r[1]) {
                letters.add(r);
            } else {
                digits.add(r);
            }
        }
        digits = digitsOf(digits, band, rowH);
        letters = lettersOf(letters, rowH);
        if (digits.isEmpty() || digits.size() > 4 || letters.size() != 3) {
            return null;
        }
        // The panels' break: wider than any gap inside either panel, and about the middle of the plate.
        int breakGap = letters.get(0)[0] - digits.get(digits.size() - 1)[1];
        for (List<int[]> group : List.of(digits, letters)) {
            for (int i = 1; i < group.size(); i++) {
                if (group.get(i)[0] - group.get(i - 1)[1] >= breakGap) {
                    return null;
                }
            }
        }
        double breakAt = (letters.get(0)[0] + digits.get(digits.size() - 1)[1]) / 2.0 / w;
        if (breakAt < DIVIDER_FROM || breakAt > DIVIDER_TO) {
            return null;
        }
        // Only a Latin row much fainter than the top row above it is read so: elsewhere the Latin row's own cuts
        // are the better witness, and a loose or partial crop's runs are not the plate's characters.
        int x0 = digits.get(0)[0];
        int x1 = letters.get(2)[1] + 1;
        int latinBottom = (int) Math.min(h, Math.round(usual.bottom()));
        if (latinBottom - latinTop < 4
                || spread(a.gray(), x0, x1, latinTop, latinBottom) >= FAINT * spread(a.gray(), x0, x1, band[0], band[1] + 1)) {
            return null;
        }
        // Cells from 1.45 box heights above the box to just above it (TopRow.cell): the box's height is chosen so
        // that the cell reaches a little above the row's top.
        int boxH = (int) Math.ceil((latinTop - Math.max(0, band[0] - 2)) / 1.45);
        List<Rect> boxes = new ArrayList<>(digits.size() + 3);
        for (List<int[]> group : List.of(digits, letters)) {
            for (int[] r : group) {
                boxes.add(new Rect(r[0], latinTop, r[1] - r[0] + 1, Math.max(4, Math.min(boxH, h - latinTop))));
            }
        }
        return boxes;
    }

    /**
     * The runs of inked columns of {@code ink} ({@code w} per row) in the rows {@code rows} marks (from the top)
     * between columns {@code from} and {@code to}: {x0, x1, topmost inked row, bottommost}.
     */
    static List<int[]> runs(byte[] ink, int w, boolean[] rows, int from, int to) {
        List<int[]> out = new ArrayList<>();
        int[] open = null;
        for (int x = Math.max(0, from); x < Math.min(w, to); x++) {
            int top = -1;
            int bottom = -1;
            for (int y = 0; y < rows.length; y++) {
                if (rows[y] && ink[y * w + x] != 0) {
                    if (top < 0) {
                        top = y;
                    }
                    bottom = y;
                }
            }
            if (top < 0) {
                if (open != null) {
                    out.add(open);
                    open = null;
                }
                continue;
            }
            if (open == null) {
                open = new int[] {x, x, top, bottom};
            } else {
                open[1] = x;
                open[2] = Math.min(open[2], top);
                open[3] = Math.max(open[3], bottom);
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    /**
     * The spread of the gray levels of {@code gray}'s columns {@code [x0, x1)} and rows {@code [y0, y1)}: the 95th
     * percentile less the 5th, the print's contrast against its plate.
     */
    static int spread(Mat gray, int x0, int x1, int y0, int y1) {
        int[] hist = new int[256];
        byte[] row = new byte[x1 - x0];
        int n = 0;
        for (int y = y0; y < y1; y++) {
            gray.get(y, x0, row);
            for (byte b : row) {
                hist[b & 0xFF]++;
                n++;
            }
        }
        int low = -1;
        int high = -1;
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (low < 0 && seen > 0.05 * n) {
                low = v;
            }
            if (high < 0 && seen >= 0.95 * n) {
                high = v;
            }
        }
        return high - low;
    }

    /** The median top and bottom of the runs at least half as tall as the tallest; null when there are none. */
    static int[] band(List<int[]> runs) {
        int tallest = 0;
        for (int[] r : runs) {
            tallest = Math.max(tallest, r[3] - r[2] + 1);
        }
        if (tallest == 0) {
            return null;
        }
        List<Integer> tops = new ArrayList<>();
        List<Integer> bottoms = new ArrayList<>();
        for (int[] r : runs) {
            if (2 * (r[3] - r[2] + 1) >= tallest) {
                tops.add(r[2]);
                bottoms.add(r[3]);
            }
        }
        tops.sort(null);
        bottoms.sort(null);
        return new int[] {tops.get(tops.size() / 2), bottoms.get(bottoms.size() / 2)};
    }

    /** The digits' panel's runs that are digits: tall ones, and small ones lying mid-row (a zero), not specks. */
    private static List<int[]> digitsOf(List<int[]> runs, int[] band, int rowH) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            int height = r[3] - r[2] + 1;
            if (height >= SMALL * rowH) {
                out.add(r);
                continue;
            }
            double centre = (r[2] + r[3]) / 2.0;
            int width = r[1] - r[0] + 1;
            if (height >= 0.2 * rowH && width >= 0.2 * rowH && centre > band[0] + 0.25 * rowH
                    && centre < band[1] - 0.25 * rowH) {
                out.add(r);
            }
        }
        return out;
    }

    /** The letters' panel's runs with every small one (a dot, a speck) merged into its nearest neighbour. */
    private static List<int[]> lettersOf(List<int[]> runs, int rowH) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            out.add(r.clone());
        }
        boolean merged = true;
        while (merged && out.size() > 1) {
            merged = false;
            for (int i = 0; i < out.size(); i++) {
                int[] r = out.get(i);
                if (r[3] - r[2] + 1 >= SMALL * rowH) {
                    continue;
                }
                int j;
                if (i == 0) {
                    j = 1;
                } else if (i == out.size() - 1) {
                    j = i - 1;
                } else {
                    j = r[0] - out.get(i - 1)[1] <= out.get(i + 1)[0] - r[1] ? i - 1 : i + 1;
                }
                int[] o = out.get(j);
                o[0] = Math.min(o[0], r[0]);
                o[1] = Math.max(o[1], r[1]);
                o[2] = Math.min(o[2], r[2]);
                o[3] = Math.max(o[3], r[3]);
                out.remove(i);
                merged = true;
                break;
            }
        }
        if (out.size() == 1 && out.get(0)[3] - out.get(0)[2] + 1 < SMALL * rowH) {
            out.clear();
        }
        return out;
    }
}
