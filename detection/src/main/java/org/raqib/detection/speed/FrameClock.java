package org.raqib.detection.speed;

import java.io.Serializable;
import java.util.OptionalDouble;

/**
 * Learns a camera's frame period from the capture times of its frames. A camera shoots on a crystal
 * clock but stamps frames with a jittery software clock; over many frames the period is known far
 * better than any single gap, and with it {@link SpeedFit} can put a track's frames back on their
 * regular grid (only the phase is then estimated per track, from all its frames).
 *
 * <p>Feed distinct frame times in increasing order. Each gap is counted as a whole number of periods
 * (so missed frames are fine); the period is the time spanned divided by the number of periods spanned.
 * A gap that is not close to a whole number of periods (a camera restart), or longer than
 * {@value #MAX_GAP_PERIODS} periods (no plate in view for a while: counting its periods could be off by
 * one), starts a new segment without forgetting the earlier ones. Mutable, small, serialisable (kept in keyed state by the jobs).
 */
public final class FrameClock implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Frames needed before the period is trusted. */
    public static final int MIN_FRAMES = 25;

    /** Longest gap, in periods, counted inside a segment; a longer one starts a new segment. */
    static final int MAX_GAP_PERIODS = 12;

    private long segmentStart = Long.MIN_VALUE;
    private long lastMillis;
    private long segmentPeriods;
    private double closedSpan;
    private long closedPeriods;
    private int frames;

    /** Records a frame taken at {@code millis}; older or repeated times are ignored. */
    public void observe(long millis) {
        if (segmentStart == Long.MIN_VALUE) {
            startSegment(millis);
            frames = 1;
            return;
        }
        if (millis <= lastMillis) {
            return;
        }
        long gap = millis - lastMillis;
        double p = estimate();
        if (Double.isNaN(p)) {
            // Second frame: a provisional period, refined as frames come.
            segmentPeriods = 1;
            frames++;
            lastMillis = millis;
            return;
        }
        double q = gap / p;
        long whole = Math.round(q);
        if (frames < MIN_FRAMES && q < 0.75) {
            // An early short gap means the guess so far spanned missed frames: learn again from here.
            closedSpan = 0;
            closedPeriods = 0;
            startSegment(millis);
            frames = 1;
            return;
        }
        if (whole < 1 || Math.abs(q - whole) > 0.45 || whole > MAX_GAP_PERIODS) {
            // Off the grid (a restart), or a gap too long to count its periods safely (one miscounted
            // period in a span of N would bias the period by 1/N): keep what was learnt, count anew.
            closedSpan += lastMillis - segmentStart;
            closedPeriods += segmentPeriods;
            startSegment(millis);
            frames++;
            return;
        }
        segmentPeriods += whole;
        frames++;
        lastMillis = millis;
    }

    private void startSegment(long millis) {
        segmentStart = millis;
        lastMillis = millis;
        segmentPeriods = 0;
    }

    private double estimate() {
        long periods = closedPeriods + segmentPeriods;
        return periods == 0 ? Double.NaN : (closedSpan + lastMillis - segmentStart) / periods;
    }

    /** The clock's whole state as numbers (for keyed state without a custom serializer). */
    public double[] toState() {
        return new double[] {segmentStart, lastMillis, segmentPeriods, closedSpan, closedPeriods, frames};
    }

    /** The clock of a {@link #toState()} array; a fresh clock for null. */
    public static FrameClock fromState(double[] state) {
        FrameClock c = new FrameClock();
        if (state != null) {
            if (state.length != 6) {
                throw new IllegalArgumentException("frame clock state needs 6 numbers, got " + state.length);
            }
            c.segmentStart = (long) state[0];
            c.lastMillis = (long) state[1];
            c.segmentPeriods = (long) state[2];
            c.closedSpan = state[3];
            c.closedPeriods = (long) state[4];
            c.frames = (int) state[5];
        }
        return c;
    }

    /** The learnt period in ms, once {@value #MIN_FRAMES} frames agree on it. */
    public OptionalDouble period() {
        return frames >= MIN_FRAMES ? OptionalDouble.of(estimate()) : OptionalDouble.empty();
    }
}
