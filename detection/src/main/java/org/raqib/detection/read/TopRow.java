package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.ComponentStats;

/**
 * The Arabic (top) row read by Raqib's own classifier, as an independent second reading of a plate.
 * On a Saudi plate every Arabic-Indic digit is printed above its Western twin and every Arabic letter
 * above its Latin twin, so once the Latin row is cut into boxes the top row needs no segmentation of
 * its own: the cell above each box holds that character's twin. The Arabic classifier has the Latin
 * classifier's classes (class k of a cell is the Arabic twin of Latin class k), so a cell's
 * probabilities compare directly with the Latin reading.
 */
public final class TopRow {

    /**
     * What the top row says about a Latin reading.
     *
     * @param support        per character of the reading, the probability the top row gives its twin
     * @param contradictions places where the top row is sure ({@link #SURE}) of another character
     */
    public record Evidence(double[] support, int contradictions) {
        /** The least support of any character: what an automatic read must clear. */
        public double minSupport() {
            double m = 1;
            for (double s : support) {
                m = Math.min(m, s);
            }
            return m;
        }
    }

    /** The top row contradicts a character when it gives another one at least this probability. */
    public static final double SURE = 0.7;

    private TopRow() {
    }

    /**
     * The cell above Latin box {@code i}: centred on the box, as wide as the box or 0.9 of its group's
     * pitch (Arabic letters are often wider than their Latin twins), from 1.45 box heights above the
     * box to just above it: faces print the Latin row at different heights under the divider, so the
     * cell is generous and {@link #input} keeps only the ink in it (the divider and the rim, which span
     * the cell, are left out).
     */
    public static Rect cell(List<Rect> boxes, int i) {
        Rect b = boxes.get(i);
        int h = medianHeight(boxes);
        int digits = boxes.size() - 3;
        int from = i < digits ? 0 : digits;
        int to = i < digits ? digits : boxes.size();
        double width = b.width;
        if (to - from >= 2) {
            double pitch = (centre(boxes.get(to - 1)) - centre(boxes.get(from))) / (to - from - 1);
            width = Math.max(width, 0.9 * pitch);
        }
        int w = (int) Math.round(width);
        int top = b.y - (int) Math.round(1.45 * h);
        return new Rect((int) Math.round(centre(b) - w / 2.0), top, Math.max(2, w), Math.max(4, (int) Math.round(1.4 * h)));
    }

    private static double centre(Rect r) {
        return r.x + r.width / 2.0;
    }

    /** Every box's cell, left to right. */
    public static List<Rect> cells(List<Rect> boxes) {
        List<Rect> out = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            out.add(cell(boxes, i));
        }
        return out;
    }

    private static int medianHeight(List<Rect> boxes) {
        int[] hs = boxes.stream().mapToInt(r -> r.height).sorted().toArray();
        return hs[hs.length / 2];
    }

    /** The classifier's input ({@link #input}) for the cell above each of {@code boxes} of {@code gray}, left to right. */
    public static List<float[]> inputs(Mat gray, List<Rect> boxes) {
        List<float[]> out = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            out.add(input(gray, cell(boxes, i)));
        }
        return out;
    }

    /**
     * The classifier's input for a top-row cell: the ink in it, tightly boxed, so that where and how
     * large a face prints its Arabic characters in the row does not matter (the project's synthetic
     * plates, the demo's simulated ones and real plates all differ there). Ink is what Otsu's threshold
     * finds dark in the cell; flat pieces that span the cell's width (the divider, the rim) and specks
     * are left out. The whole cell when it holds no ink.
     */
    public static float[] input(Mat gray, Rect cell) {
        int x0 = Math.max(0, cell.x);
        int y0 = Math.max(0, cell.y);
        Rect inside = new Rect(x0, y0, Math.max(0, Math.min(gray.cols(), cell.x + cell.width) - x0),
                Math.max(0, Math.min(gray.rows(), cell.y + cell.height) - y0));
        Rect ink = null;
        if (inside.area() >= 16) {
            Mat roi = gray.submat(inside);
            ink = ink(roi, inside);
            roi.release();
        }
        return GlyphClassifier.input(gray, ink == null ? cell : ink);
    }

    /**
     * A piece spanning the cell is a line, not a glyph, when it is more than this many times as wide as
     * tall: the divider's and the rim's pieces in a cell measured 5 and more, the letters squeezed into
     * the demo's standard slots up to about 1.3. (At 2 and 3 one matched synthetic plate of
     * PlateReaderTest's contradiction test lost its read to a false contradiction.)
     */
    private static final double FLAT = 1.5;

    private static Rect ink(Mat roi, Rect at) {
        Mat bin = new Mat();
        try {
            Imgproc.threshold(roi, bin, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            // OpenCV's connectedComponentsWithStats' statistics (n rows of 5, in its order), counted in Java.
            int[] st = ComponentStats.of(bin);
            int n = st.length / Imgproc.CC_STAT_MAX;
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = -1;
            int y1 = -1;
            double minArea = 0.01 * at.area();
            for (int k = 1; k < n; k++) {
                int row = k * Imgproc.CC_STAT_MAX;
                int x = st[row + Imgproc.CC_STAT_LEFT];
                int y = st[row + Imgproc.CC_STAT_TOP];
                int w = st[row + Imgproc.CC_STAT_WIDTH];
                int h = st[row + Imgproc.CC_STAT_HEIGHT];
                int area = st[row + Imgproc.CC_STAT_AREA];
                // A line across the cell (the divider, the rim) is flat; a glyph as wide as its cell is
                // not (the demo's standard plates squeeze wide Arabic letters to fill their narrow slots):
                // dropping every piece that spans the cell dropped those letters, and the whole cell
                // (divider and neighbours' edges included) was read instead.
                if (area < minArea || (w >= 0.9 * at.width && h * FLAT < w)) {
                    continue;
                }
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x + w);
                y1 = Math.max(y1, y + h);
            }
            if (x1 < 0) {
                return null;
            }
            return new Rect(at.x + x0, at.y + y0, Math.max(2, x1 - x0), Math.max(2, y1 - y0));
        } finally {
            bin.release();
        }
    }

    /**
     * Compares cell probabilities {@code p} (one row per Latin box, from the cells above the boxes: see
     * {@link #inputs}) with {@code text}, the Latin reading of those boxes: each Arabic character stands
     * above its Latin twin (real plates, and since 21916e2 the synthetic renderer and the demo's simulated
     * cameras too), so only that order is accepted; letters in any other order contradict the reading.
     */
    static Evidence compare(double[][] p, String text) {
        int n = text.length();
        int digits = n - 3;
        double[] support = new double[n];
        int contradictions = 0;
        for (int i = 0; i < n; i++) {
            double[] q = p[i];
            int twin = GlyphClassifier.classOf(text.charAt(i));
            int from = i < digits ? 0 : 10;
            int to = i < digits ? 10 : GlyphClassifier.JUNK;
            int best = from;
            for (int k = from + 1; k < to; k++) {
                if (q[k] > q[best]) {
                    best = k;
                }
            }
            support[i] = q[twin];
            if (best != twin && q[best] >= SURE) {
                contradictions++;
            }
        }
        return new Evidence(support, contradictions);
    }
}
