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
    /** Values per block: 2x2 cells of {@link #BINS} bins. */
    private static final int BLOCK = 4 * BINS;
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
        blocks(cells, cw, ch, out, offset);
    }

    /**
     * The descriptor from the cell histograms {@code cells} ({@code cw x ch} cells) into {@code out} from
     * {@code offset}: every block of 2x2 cells (at a stride of one cell, row by row), its four cells' bins in order,
     * L2-normalised (1e-6 added to the sum of squares), clipped at 0.2, L2-normalised again.
     *
     * <p>Each block's sums are the same double additions in the same order as normalising one block at a time (as
     * the test's reference does), but the blocks are taken side by side (each value's index in its block in the
     * outer loop, the blocks in the inner one), so that the additions of different blocks, which do not depend on
     * each other, overlap: one block's sum is a chain of 36 dependent additions, and a block at a time the CPU
     * mostly waited on it. The values are read from the cells where they lie: copying every block's four cells
     * out first (84 copies of 9 values per window, then normalised in place) gave the same floats and took longer
     * (a throwaway timing on the training photos' candidate windows).
     */
    static void blocks(float[] cells, int cw, int ch, float[] out, int offset) {
        int blocks = (cw - 1) * (ch - 1);
        // Value i of block b is cells[corner[b] + part[i]]: the block's top left cell, and the value's cell
        // within the block and bin.
        int[] corner = new int[blocks];
        for (int by = 0, b = 0; by < ch - 1; by++) {
            for (int bx = 0; bx < cw - 1; bx++, b++) {
                corner[b] = (by * cw + bx) * BINS;
            }
        }
        int[] part = new int[BLOCK];
        for (int cy = 0, i = 0; cy < 2; cy++) {
            for (int cx = 0; cx < 2; cx++) {
                for (int bin = 0; bin < BINS; bin++, i++) {
                    part[i] = (cy * cw + cx) * BINS + bin;
                }
            }
        }
        double[] ss = new double[blocks];
        double[] inv = new double[blocks];
        java.util.Arrays.fill(ss, 1e-6);
        for (int i = 0; i < BLOCK; i++) {
            int p = part[i];
            for (int b = 0; b < blocks; b++) {
                float v = cells[corner[b] + p];
                ss[b] += v * v;
            }
        }
        for (int b = 0; b < blocks; b++) {
            inv[b] = 1 / Math.sqrt(ss[b]);
            ss[b] = 1e-6;
        }
        for (int i = 0; i < BLOCK; i++) {
            int p = part[i];
            for (int b = 0, j = offset + i; b < blocks; b++, j += BLOCK) {
                float v = (float) Math.min(0.2, cells[corner[b] + p] * inv[b]);
                out[j] = v;
                ss[b] += v * v;
            }
        }
        for (int b = 0; b < blocks; b++) {
            double inv2 = 1 / Math.sqrt(ss[b]);
            for (int j = offset + b * BLOCK, end = j + BLOCK; j < end; j++) {
                out[j] = (float) (out[j] * inv2);
            }
        }
    }
}
