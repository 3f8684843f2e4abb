package org.raqib.detection.opencv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The statistics of {@code Imgproc.connectedComponentsWithStats} (8-connected, {@code CV_32S} labels) of a binary
 * image, the same ints in the same order, computed in Java from the image's runs of set pixels. OpenCV labels every
 * pixel and updates the statistics of every pixel's label, the background's included; here each row's runs are
 * found and joined to the runs above them that they touch, so the work per pixel is one scan, and per run a few
 * operations. A 598x598 photo's character threshold has a few thousand specks and tens of thousands of runs.
 *
 * <p>The order: OpenCV's block-based labellings (Grana's, Bolelli's) number the components in the order in which
 * their first 2x2 block (blocks in raster order: pairs of rows, pairs of columns) is met, every pixel of a 2x2 block
 * being 8-connected to the others; in parallel they number each band of rows in turn, which gives the same order.
 * Here each component's first block is the least block index among its runs' first pixels. {@code ComponentStatsTest}
 * holds the result to OpenCV's on random and real masks.
 */
public final class ComponentStats {

    private ComponentStats() {
    }

    /**
     * Five ints per component, background first: x, y, width, height and area, as OpenCV's statistics matrix
     * ({@code CC_STAT_LEFT} ... {@code CC_STAT_AREA}). A component is an 8-connected set of non-zero pixels of
     * {@code bin} (8-bit, one channel; a region of a larger image is fine). The background's row is OpenCV's too,
     * also when there is no background pixel (OpenCV 4.9's left -1, top {@code Integer.MAX_VALUE}, width, height
     * and area 0).
     */
    public static int[] of(Mat bin) {
        if (bin.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("expected an 8-bit one-channel image, got " + bin);
        }
        int w = bin.cols();
        int h = bin.rows();
        Runs r = SCRATCH.get();
        if (r.pixels.length < w * h) {
            r.pixels = new byte[w * h];
        }
        if (w * h > 0) {
            bin.get(0, 0, r.pixels);
        }
        return of(r.pixels, w, h, r);
    }

    /**
     * Each thread's work arrays, kept: a 598x598 mask's copy and its runs' arrays are about a megabyte, whose
     * allocation (and zeroing) cost as much as a third of the counting.
     */
    private static final ThreadLocal<Runs> SCRATCH = ThreadLocal.withInitial(() -> new Runs(1 << 14));

    /**
     * As {@link #of(Mat)} for the row-major {@code w x h} image {@code px}, with the thread's work arrays too: the
     * reader counts the components of every cut of every crop, small images whose fresh arrays cost more than the
     * counting.
     */
    public static int[] of(byte[] px, int w, int h) {
        return of(px, w, h, SCRATCH.get());
    }

    private static int[] of(byte[] px, int w, int h, Runs r) {
        r.count = 0;
        int prevFrom = 0;
        int prevTo = 0;
        for (int y = 0; y < h; y++) {
            int from = r.count;
            int row = y * w;
            int rowEnd = row + w;
            int x = row;
            // Runs of the previous row that may touch this row's next run: those ending at or after its start - 1.
            int p = prevFrom;
            while (x < rowEnd) {
                x = nextSet(px, x, rowEnd);
                if (x == rowEnd) {
                    break;
                }
                int s = x - row;
                x = nextUnset(px, x, rowEnd);
                int e = x - row;
                int run = r.add(y, s, e);
                // 8-connected: a run above touches [s, e) when it overlaps [s - 1, e + 1).
                while (p < prevTo && r.end[p] < s) {
                    p++;
                }
                for (int q = p; q < prevTo && r.start[q] <= e; q++) {
                    r.union(run, q);
                }
            }
            prevFrom = from;
            prevTo = r.count;
        }
        return r.stats(w, h);
    }

    /** Eight pixels at a time, least address in the lowest byte (as the JVM's array views read them). */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    /** The first index from {@code x} below {@code end} whose byte is not zero, or {@code end}. */
    private static int nextSet(byte[] px, int x, int end) {
        while (x + 8 <= end) {
            long v = (long) WORD.get(px, x);
            if (v != 0) {
                return x + (Long.numberOfTrailingZeros(v) >>> 3);
            }
            x += 8;
        }
        while (x < end && px[x] == 0) {
            x++;
        }
        return x;
    }

    /** The first index from {@code x} below {@code end} whose byte is zero, or {@code end}. */
    private static int nextUnset(byte[] px, int x, int end) {
        while (x + 8 <= end) {
            long v = (long) WORD.get(px, x);
            // the high bit of each byte that is zero
            long zero = ~(((v & LOW7) + LOW7) | v) & HIGH;
            if (zero != 0) {
                return x + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
            x += 8;
        }
        while (x < end && px[x] != 0) {
            x++;
        }
        return x;
    }

    /** The runs found so far, a union-find forest over them, and their components' statistics at the end. */
    private static final class Runs {
        byte[] pixels = new byte[0];
        int count;
        int[] rowOf;
        int[] start;
        int[] end;
        int[] parent;
        // per component, by the index of its root among the roots met in raster order
        int[] comp = new int[0];
        int[] key = new int[0];
        int[] left = new int[0];
        int[] top = new int[0];
        int[] right = new int[0];
        int[] bottom = new int[0];
        int[] area = new int[0];
        long[] order = new long[0];

        Runs(int capacity) {
            rowOf = new int[capacity];
            start = new int[capacity];
            end = new int[capacity];
            parent = new int[capacity];
        }

        int add(int y, int s, int e) {
            if (count == start.length) {
                int n = count * 2;
                rowOf = Arrays.copyOf(rowOf, n);
                start = Arrays.copyOf(start, n);
                end = Arrays.copyOf(end, n);
                parent = Arrays.copyOf(parent, n);
            }
            rowOf[count] = y;
            start[count] = s;
            end[count] = e;
            parent[count] = count;
            return count++;
        }

        int find(int i) {
            int root = i;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[i] != root) {
                int next = parent[i];
                parent[i] = root;
                i = next;
            }
            return root;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                // the earlier run stays the root: roots are then met in raster order
                if (ra < rb) {
                    parent[rb] = ra;
                } else {
                    parent[ra] = rb;
                }
            }
        }

        int[] stats(int w, int h) {
            // Per root: the least first-block index, bounds, area.
            int blocksPerRow = (w + 1) / 2;
            if (comp.length < count) {
                int c = Math.max(count, comp.length * 2);
                comp = new int[c];
                key = new int[c];
                left = new int[c];
                top = new int[c];
                right = new int[c];
                bottom = new int[c];
                area = new int[c];
                order = new long[c];
            }
            int n = 0;
            long foreground = 0;
            for (int i = 0; i < count; i++) {
                int root = find(i);
                int c;
                if (root == i) {
                    c = n++;
                    comp[i] = c;
                    key[c] = Integer.MAX_VALUE;
                    left[c] = Integer.MAX_VALUE;
                    top[c] = rowOf[i];
                    right[c] = Integer.MIN_VALUE;
                    area[c] = 0;
                } else {
                    c = comp[root];
                }
                int y = rowOf[i];
                key[c] = Math.min(key[c], (y >> 1) * blocksPerRow + (start[i] >> 1));
                left[c] = Math.min(left[c], start[i]);
                right[c] = Math.max(right[c], end[i] - 1);
                bottom[c] = y;
                area[c] += end[i] - start[i];
                foreground += end[i] - start[i];
            }
            // Components in the order of their first blocks; no two share a block.
            for (int c = 0; c < n; c++) {
                order[c] = ((long) key[c] << 32) | c;
            }
            Arrays.sort(order, 0, n);
            int[] st = new int[(n + 1) * 5];
            background(st, w, h, foreground);
            for (int k = 0; k < n; k++) {
                int c = (int) order[k];
                int o = (k + 1) * 5;
                st[o] = left[c];
                st[o + 1] = top[c];
                st[o + 2] = right[c] - left[c] + 1;
                st[o + 3] = bottom[c] - top[c] + 1;
                st[o + 4] = area[c];
            }
            return st;
        }

        /** The background's statistics: its pixels are those in no run. */
        private void background(int[] st, int w, int h, long foreground) {
            int bgLeft = Integer.MAX_VALUE;
            int bgRight = Integer.MIN_VALUE;
            int bgTop = Integer.MAX_VALUE;
            int bgBottom = Integer.MIN_VALUE;
            int i = 0;
            for (int y = 0; y < h; y++) {
                int first = i;
                while (i < count && rowOf[i] == y) {
                    i++;
                }
                // runs first..i-1 are row y's, in order; the row's unset pixels are the gaps between them
                int lo;
                int hi;
                if (first == i) {
                    lo = 0;
                    hi = w - 1;
                } else {
                    lo = start[first] > 0 ? 0 : end[first];
                    hi = end[i - 1] < w ? w - 1 : start[i - 1] - 1;
                    if (lo >= w) {
                        // the row is one run from edge to edge
                        continue;
                    }
                }
                bgLeft = Math.min(bgLeft, lo);
                bgRight = Math.max(bgRight, hi);
                bgTop = Math.min(bgTop, y);
                bgBottom = y;
            }
            long bgArea = (long) w * h - foreground;
            if (bgArea == 0) {
                // what OpenCV 4.9 reports for a background with no pixel
                st[0] = -1;
                st[1] = Integer.MAX_VALUE;
                return;
            }
            st[0] = bgLeft;
            st[1] = bgTop;
            st[2] = bgRight - bgLeft + 1;
            st[3] = bgBottom - bgTop + 1;
            st[4] = (int) bgArea;
        }
    }
}
