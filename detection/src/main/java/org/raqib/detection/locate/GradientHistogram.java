package org.raqib.detection.locate;

/**
 * Histogram-of-oriented-gradients descriptor of a small gray window, in plain Java: OpenCV's
 * HOGDescriptor spends most of its time setting up per call, which dominates on windows this small.
 * 8x8-pixel cells, 9 unsigned orientation bins (hard binning, magnitude-weighted), blocks of 2x2
 * cells at a stride of one cell, each block L2-normalised, clipped at 0.2 and normalised again.
 */
final class GradientHistogram {

    static final int CELL = 8;
    static final int BINS = 9;
    /** Orientation bin of a gradient folded into the upper half-plane: index (dy * 511 + dx + 255). */
    private static final byte[] BIN = new byte[256 * 511];
    private static final float[] MAG = new float[256 * 511];

    static {
        for (int dy = 0; dy < 256; dy++) {
            for (int dx = -255; dx <= 255; dx++) {
                double deg = Math.toDegrees(Math.atan2(dy, dx));
                int bin = (int) Math.min(BINS - 1, Math.floor(deg / (180.0 / BINS)));
                BIN[dy * 511 + dx + 255] = (byte) bin;
                MAG[dy * 511 + dx + 255] = (float) Math.sqrt(dx * dx + dy * dy);
            }
        }
    }

    private GradientHistogram() {
    }

    /** Descriptor length for a window of {@code w x h} pixels (both multiples of {@link #CELL}). */
    static int length(int w, int h) {
        return (w / CELL - 1) * (h / CELL - 1) * 4 * BINS;
    }

    /** Computes the descriptor of the row-major gray window {@code px} into {@code out} at {@code offset}. */
    static void compute(byte[] px, int w, int h, float[] out, int offset) {
        compute(px, w, h, out, offset, new float[(w / CELL) * (h / CELL) * BINS]);
    }

    /**
     * As {@link #compute(byte[], int, int, float[], int)}, with the cell histograms in {@code cells} (at least
     * {@code (w / CELL) * (h / CELL) * BINS} long, cleared here), so that a caller describing many windows
     * allocates nothing per window.
     */
    static void compute(byte[] px, int w, int h, float[] out, int offset, float[] cells) {
        int cw = w / CELL;
        int ch = h / CELL;
        java.util.Arrays.fill(cells, 0, cw * ch * BINS, 0f);
        // Border pixels have no centred gradient and are left out.
        for (int y = 1; y < h - 1; y++) {
            int row = y * w;
            int cellRow = (y / CELL) * cw;
            for (int x = 1; x < w - 1; x++) {
                int dx = (px[row + x + 1] & 0xFF) - (px[row + x - 1] & 0xFF);
                int dy = (px[row + w + x] & 0xFF) - (px[row - w + x] & 0xFF);
                // Unsigned orientation: fold into the upper half-plane. Without a branch: its direction
                // is a coin toss per pixel, and the mispredictions made this loop several times slower.
                int sign = dy >> 31;
                dx = (dx ^ sign) - sign;
                dy = (dy ^ sign) - sign;
                int k = dy * 511 + dx + 255;
                cells[(cellRow + x / CELL) * BINS + BIN[k]] += MAG[k];
            }
        }
        int o = offset;
        for (int by = 0; by < ch - 1; by++) {
            for (int bx = 0; bx < cw - 1; bx++) {
                int start = o;
                // A block's two cells side by side are adjacent in the cell array: two copies of 18 floats in
                // a loop instead of four System.arraycopy calls of 9 (with the clip below, this block stage
                // took about a sixth less time in a throwaway probe; same floats).
                for (int cy = 0; cy < 2; cy++) {
                    int from = ((by + cy) * cw + bx) * BINS;
                    for (int i = 0; i < 2 * BINS; i++) {
                        out[o + i] = cells[from + i];
                    }
                    o += 2 * BINS;
                }
                normalise(out, start, o);
            }
        }
    }

    /**
     * L2 normalisation, clipping at 0.2, and L2 normalisation again, in double with the sums taken in index
     * order: the descriptor the scorer was trained on, to the last bit. The clip is a comparison rather than
     * {@link Math#min(double, double)}, whose NaN and signed-zero cases cannot occur here (the values are
     * non-negative sums of magnitudes times a positive factor) and only cost time.
     */
    private static void normalise(float[] v, int from, int to) {
        double ss = 1e-6;
        for (int i = from; i < to; i++) {
            float x = v[i];
            ss += x * x;
        }
        double inv = 1 / Math.sqrt(ss);
        double ss2 = 1e-6;
        for (int i = from; i < to; i++) {
            double y = v[i] * inv;
            float t = (float) (y < CLIP ? y : CLIP);
            v[i] = t;
            ss2 += t * t;
        }
        double inv2 = 1 / Math.sqrt(ss2);
        for (int i = from; i < to; i++) {
            v[i] = (float) (v[i] * inv2);
        }
    }

    private static final double CLIP = 0.2;
}
