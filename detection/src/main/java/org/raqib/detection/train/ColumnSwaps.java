package org.raqib.detection.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.RowBoxes;
import org.raqib.models.PlateLayout;

/**
 * Real plates with their characters put in another order ({@code ./raqib train --column-swaps K}): new plate texts
 * drawn in real glyphs, real paint and real light, which no font gives the synthetic plates.
 *
 * <p>On a standard Saudi plate every Arabic character stands directly above its Latin twin, so the strip of the photo
 * over one Latin character's width, from above the plate to below it, carries both rows' forms of that character. Two
 * such strips of the digits (or of the letters) swapped give a plate whose two rows still agree, with the text permuted
 * alike. The strips are found by reading the labelled box with the character reader ({@link GlyphReader}): only a
 * plate it reads exactly as labelled, one box a character, is used; a group's strips are swapped only where their
 * widths differ by at most {@link #SAME_WIDTH}, so that a strip moved sits about where a character of the plate stood.
 * Wide plates (one row beside the other) and unlabelled photos give none.
 *
 * <p>Measured out of fold (BENCHMARKS.md, "Session 53"): {@code --column-swaps 2} read no better than the recipe
 * without it (8 fewer exact reads of 996 on one fold pair, as many on the other), so it is off by default.
 */
final class ColumnSwaps {

    /** Strips of one group (digits, letters) are swapped only where the widest is at most this much wider than the narrowest. */
    static final double SAME_WIDTH = 0.30;

    /**
     * The band of rows swapped, in plate heights above and below the labelled box: a jittered crop reaches up to 0.26
     * beyond it, its corners up to 0.15 further ({@link RealCrops#jitteredFrame}).
     */
    static final double BAND_MARGIN = 0.4;

    /**
     * Where one plate's characters stand in its photo.
     *
     * @param source the photo
     * @param edges  per group (digits, then letters) the strips' x edges in photo pixels, one more than the group's
     *               characters: strip i of the group runs from {@code edges[i]} to {@code edges[i + 1]}
     * @param digits how many of the text's characters are digits
     */
    record Columns(RealCrops.Loaded source, int[][] edges, int digits) {

        /** Whether group {@code g}'s strips may be swapped: two or more, of about one width. */
        boolean swappable(int g) {
            int[] e = edges[g];
            if (e.length < 3) {
                return false;
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 0; i + 1 < e.length; i++) {
                min = Math.min(min, e[i + 1] - e[i]);
                max = Math.max(max, e[i + 1] - e[i]);
            }
            return min > 0 && max <= (1 + SAME_WIDTH) * min;
        }
    }

    private ColumnSwaps() {
    }

    /**
     * The strips of {@code l}'s plate, where {@code reader} reads its labelled box exactly as labelled, one box a
     * character; empty for a wide or unlabelled plate, a plate read otherwise, or one whose text is not digits then
     * letters.
     */
    static Optional<Columns> columns(RealCrops.Loaded l, GlyphReader reader) {
        LabelledPhotos.Photo p = l.photo();
        String text = p.plateText();
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (!p.hasText() || l.layout() != PlateLayout.STANDARD || digits == 0 || digits == text.length()
                || !text.substring(digits).chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        RealCrops.Frame f = RealCrops.evalFrame(l);
        Mat crop = RealCrops.crop(l, f);
        List<double[]> boxes = new ArrayList<>();
        Optional<GlyphReader.Reading> r;
        try {
            r = reader.read(crop, null, (RowBoxes row) -> {
                if (row.taller() == 0) {
                    boxes.addAll(row.boxes());
                }
            });
        } finally {
            crop.release();
        }
        if (r.isEmpty() || !r.get().text().equals(text) || boxes.size() != text.length()) {
            return Optional.empty();
        }
        double left = f.q()[0];
        double width = f.q()[2] - f.q()[0];
        double[] x0 = new double[boxes.size()];
        double[] x1 = new double[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            x0[i] = left + boxes.get(i)[0] * width;
            x1[i] = left + boxes.get(i)[2] * width;
        }
        int cols = l.image().cols();
        int[][] edges = {groupEdges(x0, x1, 0, digits, cols), groupEdges(x0, x1, digits, text.length(), cols)};
        if (edges[0][digits] > edges[1][0]) {
            return Optional.empty(); // the groups' strips would overlap (none of the development photos' do)
        }
        for (int[] e : edges) {
            for (int i = 0; i + 1 < e.length; i++) {
                if (e[i + 1] <= e[i]) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Columns(l, edges, digits));
    }

    /**
     * Strip edges of the characters {@code from..to-1}: halfway between neighbours, and half the group's mean gap
     * outside its first and last character.
     */
    private static int[] groupEdges(double[] x0, double[] x1, int from, int to, int cols) {
        int n = to - from;
        double gap = 0;
        for (int i = from; i + 1 < to; i++) {
            gap += Math.max(0, x0[i + 1] - x1[i]);
        }
        gap = n > 1 ? gap / (n - 1) : 0;
        int[] e = new int[n + 1];
        e[0] = (int) Math.round(x0[from] - gap / 2);
        for (int i = 1; i < n; i++) {
            e[i] = (int) Math.round((x1[from + i - 1] + x0[from + i]) / 2);
        }
        e[n] = (int) Math.round(x1[to - 1] + gap / 2);
        for (int i = 0; i <= n; i++) {
            e[i] = Math.max(0, Math.min(cols, e[i]));
        }
        return e;
    }

    /**
     * Up to {@code count} plates made from {@code c} by swapping strips, each with a text of its own that is not the
     * plate's (swapping two like characters gives none), drawn by {@code rnd} from every order of the swappable groups;
     * fewer where fewer texts exist.
     */
    static List<RealCrops.Loaded> variants(Columns c, int count, Random rnd) {
        List<int[]> digitOrders = c.swappable(0) ? permutations(c.edges()[0].length - 1) : List.of(identity(c.edges()[0].length - 1));
        List<int[]> letterOrders = c.swappable(1) ? permutations(c.edges()[1].length - 1) : List.of(identity(c.edges()[1].length - 1));
        List<int[][]> orders = new ArrayList<>();
        for (int[] d : digitOrders) {
            for (int[] l : letterOrders) {
                if (!isIdentity(d) || !isIdentity(l)) {
                    orders.add(new int[][] {d, l});
                }
            }
        }
        List<RealCrops.Loaded> out = new ArrayList<>();
        java.util.Set<String> texts = new java.util.HashSet<>(List.of(c.source().photo().plateText()));
        while (out.size() < count && !orders.isEmpty()) {
            int[][] o = orders.remove(rnd.nextInt(orders.size()));
            if (texts.add(permutedText(c, o))) {
                out.add(swapped(c, o));
            }
        }
        return out;
    }

    /** {@code c}'s plate with group g's strip {@code order[g][i]} put in place i, and its text permuted alike. */
    static RealCrops.Loaded swapped(Columns c, int[][] order) {
        LabelledPhotos.Photo p = c.source().photo();
        Mat src = c.source().image();
        Mat out = src.clone();
        int y0 = (int) Math.max(0, Math.floor(p.y() - BAND_MARGIN * p.height()));
        int y1 = (int) Math.min(src.rows(), Math.ceil(p.y() + (1 + BAND_MARGIN) * p.height()));
        for (int g = 0; g < 2; g++) {
            int[] e = c.edges()[g];
            int x = e[0];
            for (int j : order[g]) {
                int w = e[j + 1] - e[j];
                src.submat(new Rect(e[j], y0, w, y1 - y0)).copyTo(out.submat(new Rect(x, y0, w, y1 - y0)));
                x += w;
            }
        }
        LabelledPhotos.Photo q = new LabelledPhotos.Photo(p.image(), permutedText(c, order), p.x(), p.y(), p.width(), p.height());
        return new RealCrops.Loaded(q, out);
    }

    /** {@code c}'s plate text with group g's character {@code order[g][i]} put in place i. */
    static String permutedText(Columns c, int[][] order) {
        String text = c.source().photo().plateText();
        StringBuilder out = new StringBuilder();
        for (int g = 0; g < 2; g++) {
            for (int j : order[g]) {
                out.append(text.charAt((g == 0 ? 0 : c.digits()) + j));
            }
        }
        return out.toString();
    }

    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(identity(n), 0, out);
        return out;
    }

    private static void permute(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permute(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static boolean isIdentity(int[] a) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != i) {
                return false;
            }
        }
        return true;
    }
}
