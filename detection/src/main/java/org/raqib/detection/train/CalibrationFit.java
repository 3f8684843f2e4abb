package org.raqib.detection.train;

import java.util.List;
import org.raqib.detection.read.Calibration;

/** Fits {@link Calibration} by weighted logistic regression (Newton's method, small L2 penalty). */
final class CalibrationFit {

    /** One held-out reading: its features, whether its text was right, and its weight in the fit. */
    record Point(double logScore, int disagreements, double plateScore, boolean correct, double weight) {
    }

    private CalibrationFit() {
    }

    static Calibration fit(List<Point> points) {
        int d = 4;
        double[] w = {1, 0, 0, 0};
        double lambda = 1e-3;
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (Point p : points) {
                double[] x = x(p);
                double z = 0;
                for (int i = 0; i < d; i++) {
                    z += w[i] * x[i];
                }
                double q = 1 / (1 + Math.exp(-z));
                double y = p.correct() ? 1 : 0;
                for (int i = 0; i < d; i++) {
                    grad[i] += p.weight() * (q - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        hess[i][j] += p.weight() * q * (1 - q) * x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                grad[i] += lambda * w[i];
                hess[i][i] += lambda;
            }
            double[] step = solve(hess, grad);
            double norm = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= step[i];
                norm += step[i] * step[i];
            }
            if (norm < 1e-12) {
                break;
            }
        }
        return new Calibration(w[0], w[1], w[2], w[3]);
    }

    private static double[] x(Point p) {
        double[] f = Calibration.features(p.logScore(), p.disagreements(), p.plateScore());
        return new double[] {f[0], f[1], f[2], 1};
    }

    /** Gaussian elimination with partial pivoting. */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            if (Math.abs(a[c][c]) < 1e-12) {
                continue;
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : s / a[r][r];
        }
        return x;
    }
}
