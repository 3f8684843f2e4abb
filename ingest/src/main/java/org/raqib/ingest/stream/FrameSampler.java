package org.raqib.ingest.stream;

/**
 * Picks frames from a faster stream so that about {@code fps} per second pass, spaced evenly on the
 * stream's own clock (so a replayed file samples the same frames however fast it is decoded).
 */
final class FrameSampler {

    private final long periodMicros;
    private long nextDue = Long.MIN_VALUE;

    FrameSampler(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        this.periodMicros = Math.round(1_000_000.0 / fps);
    }

    /** True when the frame at {@code micros} (stream time) is to be published. */
    boolean take(long micros) {
        if (nextDue == Long.MIN_VALUE || micros < nextDue - periodMicros) {
            // first frame, or the clock went back (a reconnect or a loop restarted the stream)
            nextDue = micros + periodMicros;
            return true;
        }
        if (micros < nextDue) {
            return false;
        }
        // stay on the grid so the average rate is exact, but never owe a burst after a gap
        nextDue += periodMicros;
        if (nextDue <= micros) {
            nextDue = micros + periodMicros;
        }
        return true;
    }

    /** Forgets the stream's clock; the next frame is taken. */
    void reset() {
        nextDue = Long.MIN_VALUE;
    }
}
