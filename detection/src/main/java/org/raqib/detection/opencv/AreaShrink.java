package org.raqib.detection.opencv;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * OpenCV's {@code INTER_AREA} shrink of an 8-bit, one-channel image by a factor that is not a whole number, in
 * plain Java and with the same pixels to the last bit: the candidate scorer's windows and the glyph classifier's
 * inputs were made by {@code Imgproc.resize(..., INTER_AREA)}, and the trained models must see exactly what they
 * were trained on.
 *
 * <p>What it reproduces is OpenCV 4.9's general area path ({@code computeResizeAreaTab} and
 * {@code ResizeArea_Invoker<uchar, float>} in {@code imgproc/src/resize.cpp}), which {@code cv::resize} takes
 * when both scale factors are at least 1 and not both whole numbers ({@link #applies}). Every float is computed
 * by the same operations in the same order: each destination pixel of a source row is the float sum, from 0,
 * of {@code pixel * alpha} over its source pixels from left to right (the row's horizontal pass); each
 * destination row is {@code beta * pass} of its first source row plus {@code beta * pass} of each next one, in
 * order; the result is rounded half to even and clamped to 0..255 ({@code saturate_cast<uchar>}). The tables
 * (which source pixels, which weights) are computed by the same double arithmetic as OpenCV's. Java's float and
 * double arithmetic is IEEE 754 without fused multiply-adds, as OpenCV's compiled loop is, so the sums agree bit
 * for bit; the test holds it to {@code Imgproc.resize} on many sizes and random images.
 *
 * <p>Cheaper than the call into OpenCV for the scorer's small windows because it does less, not because it
 * computes differently: OpenCV runs the horizontal pass once per table entry, so a source row that straddles two
 * destination rows is passed twice, where here the pass of the row just used is kept (the same floats); the
 * horizontal pass takes the columns side by side ({@link #columnTable}); and the call's fixed costs (tables in
 * native buffers, the parallel loop's set-up, a native matrix per window) go (less time per window than
 * {@code Imgproc.resize}, copy of the region included, in a throwaway timing on the training photos' windows).
 *
 * <p>Holds work buffers: not for use by several threads at once.
 */
public final class AreaShrink {

    /** OpenCV's {@code DBL_EPSILON} test of a whole-number scale factor. */
    private static final double EPSILON = Math.ulp(1.0);

    private byte[] source = new byte[0];
    private int[] xFirst = new int[0];
    /** The horizontal table as OpenCV makes it (see {@link #table}), before {@link #columnTable} rearranges it. */
    private int[] rowSource = new int[0];
    private float[] rowAlpha = new float[0];
    private int[] xSource = new int[0];
    private float[] xAlpha = new float[0];
    private int[] yTarget = new int[0];
    private int[] ySource = new int[0];
    private float[] yAlpha = new float[0];
    private float[] pass = new float[0];
    private float[] sum = new float[0];

    /**
     * True when {@code cv::resize} with {@code INTER_AREA} from {@code sw x sh} to {@code dw x dh} takes the
     * general area path that {@link #resize} reproduces: both scale factors (computed as OpenCV does, as the
     * inverse of destination over source) at least 1, and not both whole numbers (that is OpenCV's integer
     * block-average path) and not the same size (a copy). Otherwise (an enlargement along either axis: OpenCV
     * interpolates) the caller uses OpenCV.
     */
    public static boolean applies(int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return false;
        }
        double scaleX = 1. / ((double) dw / sw);
        double scaleY = 1. / ((double) dh / sh);
        if (scaleX < 1 || scaleY < 1) {
            return false;
        }
        boolean whole = Math.abs(scaleX - Math.rint(scaleX)) < EPSILON && Math.abs(scaleY - Math.rint(scaleY)) < EPSILON;
        return !whole;
    }

    /**
     * The region {@code r} of the 8-bit one-channel {@code image} shrunk to {@code dw x dh} into {@code dst}
     * (row-major, at least {@code dw * dh} long): the pixels {@code Imgproc.resize(image.submat(r), out,
     * new Size(dw, dh), 0, 0, INTER_AREA)} gives. Only where {@link #applies} holds for the region's size.
     */
    public void resize(Mat image, Rect r, byte[] dst, int dw, int dh) {
        int sw = r.width;
        int sh = r.height;
        if (source.length < sw * sh) {
            source = new byte[sw * sh];
        }
        Mat sub = image.submat(r);
        try {
            sub.get(0, 0, source);
        } finally {
            sub.release();
        }
        resize(source, sw, sh, dst, dw, dh);
    }

    /** As {@link #resize(Mat, Rect, byte[], int, int)} from the row-major {@code sw x sh} pixels of {@code src}. */
    public void resize(byte[] src, int sw, int sh, byte[] dst, int dw, int dh) {
        if (!applies(sw, sh, dw, dh)) {
            throw new IllegalArgumentException("not OpenCV's general area shrink: " + sw + "x" + sh + " to " + dw + "x" + dh);
        }
        // cv::resize's scale factors: the inverse of its inverse scale (destination over source), not source over
        // destination (the two can differ in the last bit, and the tables follow them).
        double scaleX = 1. / ((double) dw / sw);
        double scaleY = 1. / ((double) dh / sh);
        ensure(sw, sh, dw);
        int terms = columnTable(sw, dw, scaleX);
        int yn = table(sh, dh, scaleY, yTarget, ySource, yAlpha, false);
        float[] p = pass;
        float[] s = sum;
        java.util.Arrays.fill(s, 0, dw, 0f);
        int previous = yTarget[0];
        int passRow = -1;
        for (int j = 0; j < yn; j++) {
            float beta = yAlpha[j];
            int dy = yTarget[j];
            int sy = ySource[j];
            if (sy != passRow) {
                horizontal(src, sy * sw, p, dw, terms);
                passRow = sy;
            }
            if (dy != previous) {
                store(s, dst, previous * dw, dw);
                for (int dx = 0; dx < dw; dx++) {
                    s[dx] = beta * p[dx];
                }
                previous = dy;
            } else {
                for (int dx = 0; dx < dw; dx++) {
                    s[dx] += beta * p[dx];
                }
            }
        }
        store(s, dst, previous * dw, dw);
    }

    /**
     * One source row's horizontal pass: each destination column's weighted sum, from 0, of its source pixels in
     * OpenCV's order. Term by term across all columns ({@link #columnTable}): {@code terms} loops over the columns
     * with no branch inside. (Faster in a throwaway timing than a loop per column over its own two to five terms,
     * either as OpenCV's table has them or padded to the same number.)
     */
    private void horizontal(byte[] src, int row, float[] p, int dw, int terms) {
        int[] si = xSource;
        float[] alpha = xAlpha;
        // The first term: 0 + x is x (x >= 0), so the sum starts at the first product.
        for (int dx = 0; dx < dw; dx++) {
            p[dx] = (src[row + si[dx]] & 0xFF) * alpha[dx];
        }
        for (int t = 1, k = dw; t < terms; t++) {
            for (int dx = 0; dx < dw; dx++, k++) {
                p[dx] += (src[row + si[k]] & 0xFF) * alpha[k];
            }
        }
    }

    /** 2^23: a non-negative float below it plus this, in float arithmetic, is rounded to a whole number, half to even. */
    private static final float ROUNDER = 8388608f;

    /**
     * {@code saturate_cast<uchar>(float)}: rounded half to even (cvRound), clamped to 0..255. The sums are never
     * negative and far below 2^23, so adding and then subtracting 2^23 rounds them exactly as cvRound does
     * (IEEE round to nearest, ties to even) and needs no call per pixel.
     */
    private static void store(float[] s, byte[] dst, int offset, int dw) {
        for (int dx = 0; dx < dw; dx++) {
            int v = (int) ((s[dx] + ROUNDER) - ROUNDER);
            dst[offset + dx] = (byte) Math.min(255, v);
        }
    }

    private void ensure(int sw, int sh, int dw) {
        // OpenCV sizes its tables 2 * source size; a shrink has fewer entries than source plus destination size.
        if (rowSource.length < 2 * sw + 2) {
            rowSource = new int[2 * sw + 2];
            rowAlpha = new float[2 * sw + 2];
        }
        if (ySource.length < 2 * sh + 2) {
            yTarget = new int[2 * sh + 2];
            ySource = new int[2 * sh + 2];
            yAlpha = new float[2 * sh + 2];
        }
        if (pass.length < dw) {
            pass = new float[dw];
            sum = new float[dw];
            xFirst = new int[dw + 1];
        }
    }

    /**
     * The horizontal table term-major: term {@code t} of destination column {@code dx} at {@code t * dw + dx}
     * ({@link #xSource}, {@link #xAlpha}), each column's terms in OpenCV's order (see {@link #table}), and columns
     * with fewer terms than the most padded at their end with weight 0 on a pixel of their own: adding
     * {@code pixel * 0 = +0} to a sum that is never negative leaves it unchanged to the bit. Returns the number of
     * terms per column.
     */
    private int columnTable(int sw, int dw, double scaleX) {
        int n = table(sw, dw, scaleX, xFirst, rowSource, rowAlpha, true);
        xFirst[dw] = n;
        int terms = 1;
        for (int dx = 0; dx < dw; dx++) {
            terms = Math.max(terms, xFirst[dx + 1] - xFirst[dx]);
        }
        if (xSource.length < terms * dw) {
            xSource = new int[terms * dw];
            xAlpha = new float[terms * dw];
        }
        for (int dx = 0; dx < dw; dx++) {
            int first = xFirst[dx];
            int count = xFirst[dx + 1] - first;
            for (int t = 0; t < terms; t++) {
                // A padding term reads the column's last pixel (or pixel 0 of a column with none: its sum is 0,
                // as OpenCV's) with weight 0.
                xSource[t * dw + dx] = count == 0 ? 0 : rowSource[first + Math.min(t, count - 1)];
                xAlpha[t * dw + dx] = t < count ? rowAlpha[first + t] : 0f;
            }
        }
        return terms;
    }

    /**
     * OpenCV's {@code computeResizeAreaTab} for one channel: for each destination index in turn, its source
     * indices and their weights (a partial first source pixel, the whole ones, a partial last one). Writes each
     * entry's destination index into {@code target}, or, with {@code firstOnly}, each destination index's first
     * entry into {@code target} (indexed by destination). Returns the number of entries.
     */
    private static int table(int ssize, int dsize, double scale, int[] target, int[] source, float[] alpha,
            boolean firstOnly) {
        int k = 0;
        for (int dx = 0; dx < dsize; dx++) {
            if (firstOnly) {
                target[dx] = k;
            }
            double fsx1 = dx * scale;
            double fsx2 = fsx1 + scale;
            double cellWidth = Math.min(scale, ssize - fsx1);
            int sx1 = (int) Math.ceil(fsx1);
            int sx2 = (int) Math.floor(fsx2);
            sx2 = Math.min(sx2, ssize - 1);
            sx1 = Math.min(sx1, sx2);
            if (sx1 - fsx1 > 1e-3) {
                if (!firstOnly) {
                    target[k] = dx;
                }
                source[k] = sx1 - 1;
                alpha[k++] = (float) ((sx1 - fsx1) / cellWidth);
            }
            for (int sx = sx1; sx < sx2; sx++) {
                if (!firstOnly) {
                    target[k] = dx;
                }
                source[k] = sx;
                alpha[k++] = (float) (1.0 / cellWidth);
            }
            if (fsx2 - sx2 > 1e-3) {
                if (!firstOnly) {
                    target[k] = dx;
                }
                source[k] = sx2;
                alpha[k++] = (float) (Math.min(Math.min(fsx2 - sx2, 1.), cellWidth) / cellWidth);
            }
        }
        return k;
    }
}
