package org.raqib.detection.speed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Speed from a track's road positions over time, robust to outlier frames and to jitter in the
 * camera's frame times. Pure.
 *
 * <ol>
 *   <li>Frame times: cameras shoot on a fixed period but stamp frames with a jittery clock. With the
 *       camera's period known ({@link FrameClock}, learnt over many frames), each frame gets its index on
 *       the grid and only the phase is estimated, from all frames of the track: the jitter averages away.
 *       Without it, the gaps' median serves as the period and a least-squares line through (index, time)
 *       is used, which removes less (the period itself then carries the jitter). Gaps that are not whole
 *       multiples of the period (within 45% with a known period, 30% without) leave the times as they are.</li>
 *   <li>Direction of travel: Theil-Sen slopes of X and Y against time; positions are projected onto it,
 *       giving the distance travelled s(t).</li>
 *   <li>Outliers: residuals of the Theil-Sen line of s(t) (median of pairwise slopes: up to 29% of
 *       frames may be wild without moving it); a frame further than
 *       {@code max(3 * 1.4826 * MAD, inlierFloor)} from it is rejected (a misplaced box, another car).</li>
 *   <li>Speed: ordinary least squares on the inliers. The 95% interval is Student's t (n - 2 degrees of
 *       freedom) times the slope's standard error, the residual deviation floored at
 *       {@code positionNoiseFloor}, combined in quadrature with the calibration's scale uncertainty.</li>
 *   <li>No speed (not a guess) when fewer than {@code minFrames} inliers remain, or they cover less than
 *       {@code minDistanceMetres}, or fewer than half the frames are inliers.</li>
 * </ol>
 */
public final class SpeedFit {

    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private final SpeedFitOptions options;

    public SpeedFit(SpeedFitOptions options) {
        this.options = options.validate();
    }

    /** A speed, or why there is none. Exactly one of the two is present. */
    public record Outcome(Optional<SpeedEstimate> estimate, Optional<String> rejection) {

        static Outcome of(SpeedEstimate e) {
            return new Outcome(Optional.of(e), Optional.empty());
        }

        static Outcome none(String why) {
            return new Outcome(Optional.empty(), Optional.of(why));
        }
    }

    /** The speed of {@code track}, its frame period unknown. */
    public Outcome fit(Track track) {
        return fit(track, OptionalDouble.empty());
    }

    /** The speed of {@code track}, with the camera's frame period if known ({@link FrameClock}). */
    public Outcome fit(Track track, OptionalDouble framePeriodMillis) {
        return fit(track.times(), track.road().toArray(new double[0][]), framePeriodMillis);
    }

    /** The speed of a plate at {@code road[i]} (metres) at {@code timesMillis[i]}, frame period unknown. */
    public Outcome fit(long[] timesMillis, double[][] road) {
        return fit(timesMillis, road, OptionalDouble.empty());
    }

    /**
     * The speed of a plate at {@code road[i]} (metres) at {@code timesMillis[i]}.
     *
     * @param framePeriodMillis the camera's frame period, when known: then only the phase of the frame
     *                          grid is estimated from this track
     */
    public Outcome fit(long[] timesMillis, double[][] road, OptionalDouble framePeriodMillis) {
        if (timesMillis.length != road.length) {
            throw new IllegalArgumentException(timesMillis.length + " times but " + road.length + " positions");
        }
        // Time order, one position per frame time.
        Integer[] order = new Integer[timesMillis.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(timesMillis[a], timesMillis[b]));
        List<Long> tl = new ArrayList<>();
        List<double[]> pl = new ArrayList<>();
        for (int i : order) {
            if (!tl.isEmpty() && tl.get(tl.size() - 1) == timesMillis[i]) {
                continue;
            }
            tl.add(timesMillis[i]);
            pl.add(road[i]);
        }
        int n = tl.size();
        if (n < options.minFrames()) {
            return Outcome.none("track of " + n + " frames, fewer than " + options.minFrames());
        }
        double[] t = new double[n];
        long t0 = tl.get(0);
        for (int i = 0; i < n; i++) {
            t[i] = (tl.get(i) - t0) / 1000.0;
        }
        if (options.regulariseFrameTimes()) {
            t = framePeriodMillis.isPresent() ? onGrid(t, framePeriodMillis.getAsDouble() / 1000) : regularise(t);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = pl.get(i)[0];
            y[i] = pl.get(i)[1];
        }
        double vx = theilSen(t, x);
        double vy = theilSen(t, y);
        double norm = Math.hypot(vx, vy);
        double ux = norm > 0 ? vx / norm : 1;
        double uy = norm > 0 ? vy / norm : 0;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = x[i] * ux + y[i] * uy;
        }
        double slope = theilSen(t, s);
        double[] r0 = new double[n];
        for (int i = 0; i < n; i++) {
            r0[i] = s[i] - slope * t[i];
        }
        double intercept = median(r0);
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(r0[i] - intercept);
        }
        double threshold = Math.max(3 * 1.4826 * median(abs), options.inlierFloorMetres());
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (abs[i] <= threshold) {
                in.add(i);
            }
        }
        int m = in.size();
        if (m < options.minFrames()) {
            return Outcome.none(m + " inlier frames of " + n + ", fewer than " + options.minFrames());
        }
        if (2 * m < n) {
            return Outcome.none("only " + m + " of " + n + " frames agree on a straight-line motion");
        }
        double mt = 0, ms = 0;
        for (int i : in) {
            mt += t[i];
            ms += s[i];
        }
        mt /= m;
        ms /= m;
        double sxx = 0, sxy = 0;
        for (int i : in) {
            sxx += (t[i] - mt) * (t[i] - mt);
            sxy += (t[i] - mt) * (s[i] - ms);
        }
        if (sxx <= 0) {
            return Outcome.none("all inlier frames at one time");
        }
        double b = sxy / sxx;
        double a = ms - b * mt;
        double ssr = 0;
        double sMin = Double.MAX_VALUE, sMax = -Double.MAX_VALUE, tMin = Double.MAX_VALUE, tMax = -Double.MAX_VALUE;
        for (int i : in) {
            double r = s[i] - a - b * t[i];
            ssr += r * r;
            sMin = Math.min(sMin, s[i]);
            sMax = Math.max(sMax, s[i]);
            tMin = Math.min(tMin, t[i]);
            tMax = Math.max(tMax, t[i]);
        }
        double distance = sMax - sMin;
        if (distance < options.minDistanceMetres()) {
            return Outcome.none(String.format(java.util.Locale.ROOT, "track covers %.2f m, less than %.2f m",
                    distance, options.minDistanceMetres()));
        }
        double sigma = Math.max(Math.sqrt(ssr / (m - 2)), options.positionNoiseFloorMetres());
        double se = sigma / Math.sqrt(sxx);
        double statistical = tQuantile975(m - 2) * se;
        double scale = options.scaleUncertainty() * Math.abs(b);
        double half = Math.hypot(statistical, scale);
        return Outcome.of(new SpeedEstimate(Math.abs(b) * 3.6, half * 3.6, m, n - m, distance,
                Math.round((tMax - tMin) * 1000)));
    }

    /**
     * Frame times snapped to a least-squares regular grid, or {@code t} itself when the gaps are not
     * whole multiples of one period.
     */
    static double[] regularise(double[] t) {
        int n = t.length;
        if (n < 3) {
            return t;
        }
        double[] gaps = new double[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = t[i] - t[i - 1];
        }
        double period = median(gaps);
        if (!(period > 0.002)) {
            return t;
        }
        long[] k = new long[n];
        for (int i = 1; i < n; i++) {
            double q = gaps[i - 1] / period;
            long whole = Math.round(q);
            if (whole < 1 || Math.abs(q - whole) > 0.3) {
                return t;
            }
            k[i] = k[i - 1] + whole;
        }
        double mk = 0, mt = 0;
        for (int i = 0; i < n; i++) {
            mk += k[i];
            mt += t[i];
        }
        mk /= n;
        mt /= n;
        double skk = 0, skt = 0;
        for (int i = 0; i < n; i++) {
            skk += (k[i] - mk) * (k[i] - mk);
            skt += (k[i] - mk) * (t[i] - mt);
        }
        double b = skt / skk;
        double a = mt - b * mk;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a + b * k[i];
        }
        return out;
    }

    /**
     * Frame times on the grid of a known period: each frame's index by rounding, the phase as the mean
     * offset; {@code t} itself when a gap is not a whole number of periods.
     */
    static double[] onGrid(double[] t, double period) {
        int n = t.length;
        long[] k = new long[n];
        for (int i = 1; i < n; i++) {
            double q = (t[i] - t[i - 1]) / period;
            long whole = Math.round(q);
            if (whole < 1 || Math.abs(q - whole) > 0.45) {
                return t;
            }
            k[i] = k[i - 1] + whole;
        }
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += t[i] - k[i] * period;
        }
        phase /= n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = phase + k[i] * period;
        }
        return out;
    }

    /** Median of the pairwise slopes (pairs at one time skipped). */
    static double theilSen(double[] t, double[] v) {
        int n = t.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dt = t[j] - t[i];
                if (dt != 0) {
                    slopes[c++] = (v[j] - v[i]) / dt;
                }
            }
        }
        return c == 0 ? 0 : median(Arrays.copyOf(slopes, c));
    }

    static double median(double[] values) {
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** Two-sided 95% quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1");
        }
        // Beyond the table 1.96 + 2.5/df is within 0.002 of the exact value.
        return df <= T975.length ? T975[df - 1] : 1.96 + 2.5 / df;
    }
}
