package org.raqib.detection.speed;

import java.util.Arrays;
import java.util.List;

/**
 * A plane-to-plane projective mapping (3x3 matrix, row-major), here from image pixels to metres on a
 * road-parallel plane. Immutable.
 *
 * <p>{@link #fit} is the normalised direct linear transform (Hartley): both point sets are moved to
 * their centroid and scaled to a mean distance of sqrt(2) before the 8 unknowns (h33 = 1) are solved
 * by least squares, which keeps the normal equations well conditioned whatever the pixel and metre
 * magnitudes. With exactly four points the fit is exact; with more it minimises the algebraic error.
 */
public final class Homography {

    private final double[] m;

    private Homography(double[] m) {
        this.m = m;
    }

    /**
     * The homography of a row-major 3x3 matrix.
     *
     * @throws IllegalArgumentException when it is not 9 finite numbers
     */
    public static Homography of(double[] rowMajor) {
        if (rowMajor == null || rowMajor.length != 9) {
            throw new IllegalArgumentException("a homography needs 9 numbers (row-major 3x3)");
        }
        for (double v : rowMajor) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("homography with a non-finite entry: " + Arrays.toString(rowMajor));
            }
        }
        return new Homography(rowMajor.clone());
    }

    /** The homography of a list of 9 numbers (as Avro stores it). */
    public static Homography of(List<Double> rowMajor) {
        double[] a = new double[rowMajor == null ? 0 : rowMajor.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rowMajor.get(i);
        }
        return of(a);
    }

    /**
     * The homography that best maps {@code from[i]} to {@code to[i]}.
     *
     * @param from points {x, y}, at least four, no three of the first four collinear
     * @param to their images {X, Y}
     * @throws IllegalArgumentException for fewer than four pairs or a degenerate configuration
     */
    public static Homography fit(double[][] from, double[][] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(from.length + " source points but " + to.length + " targets");
        }
        if (from.length < 4) {
            throw new IllegalArgumentException("a homography needs at least 4 point pairs, got " + from.length);
        }
        double[] nf = normalisation(from);
        double[] nt = normalisation(to);
        int n = from.length;
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        double[] row = new double[8];
        for (int i = 0; i < n; i++) {
            double x = (from[i][0] - nf[0]) * nf[2];
            double y = (from[i][1] - nf[1]) * nf[2];
            double u = (to[i][0] - nt[0]) * nt[2];
            double v = (to[i][1] - nt[1]) * nt[2];
            // u = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), linearised
            fill(row, x, y, 1, 0, 0, 0, -u * x, -u * y);
            accumulate(ata, atb, row, u);
            fill(row, 0, 0, 0, x, y, 1, -v * x, -v * y);
            accumulate(ata, atb, row, v);
        }
        double[] h = solve(ata, atb);
        if (h == null) {
            throw new IllegalArgumentException("degenerate calibration points (collinear or repeated)");
        }
        double[] hn = {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1};
        // Undo the normalisations: H = Tto^-1 * Hn * Tfrom
        double[] tFrom = {nf[2], 0, -nf[2] * nf[0], 0, nf[2], -nf[2] * nf[1], 0, 0, 1};
        double[] tToInv = {1 / nt[2], 0, nt[0], 0, 1 / nt[2], nt[1], 0, 0, 1};
        double[] full = multiply(tToInv, multiply(hn, tFrom));
        double scale = full[8];
        if (Math.abs(scale) < 1e-15) {
            throw new IllegalArgumentException("degenerate calibration: the image origin maps to infinity");
        }
        for (int i = 0; i < 9; i++) {
            full[i] /= scale;
        }
        return of(full);
    }

    /** Maps {@code (x, y)}; returns {X, Y}, or NaNs for a point on the horizon line. */
    public double[] apply(double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        if (Math.abs(w) < 1e-12) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    }

    /** The inverse mapping. */
    public Homography inverse() {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        if (Math.abs(det) < 1e-300) {
            throw new IllegalStateException("singular homography");
        }
        double[] inv = {
                (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
                (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
                (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
        return of(inv);
    }

    /** The matrix, row-major, a copy. */
    public double[] toArray() {
        return m.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Homography other && Arrays.equals(m, other.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Homography" + Arrays.toString(m);
    }

    static double[] multiply(double[] a, double[] b) {
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += a[3 * i + k] * b[3 * k + j];
                }
                r[3 * i + j] = s;
            }
        }
        return r;
    }

    /** {centroid x, centroid y, scale} so that the scaled points have mean distance sqrt(2) from the centroid. */
    private static double[] normalisation(double[][] pts) {
        double cx = 0, cy = 0;
        for (double[] p : pts) {
            if (p.length < 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalArgumentException("calibration point with missing or non-finite coordinates");
            }
            cx += p[0];
            cy += p[1];
        }
        cx /= pts.length;
        cy /= pts.length;
        double d = 0;
        for (double[] p : pts) {
            d += Math.hypot(p[0] - cx, p[1] - cy);
        }
        d /= pts.length;
        if (d < 1e-12) {
            throw new IllegalArgumentException("degenerate calibration: all points coincide");
        }
        return new double[] {cx, cy, Math.sqrt(2) / d};
    }

    private static void fill(double[] row, double... values) {
        System.arraycopy(values, 0, row, 0, row.length);
    }

    private static void accumulate(double[][] ata, double[] atb, double[] row, double rhs) {
        for (int i = 0; i < 8; i++) {
            atb[i] += row[i] * rhs;
            for (int j = 0; j < 8; j++) {
                ata[i][j] += row[i] * row[j];
            }
        }
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        double norm = 0;
        for (double[] r : a) {
            for (double v : r) {
                norm = Math.max(norm, Math.abs(v));
            }
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(m[p][c]) <= 1e-12 * Math.max(norm, 1e-300)) {
                return null;
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
