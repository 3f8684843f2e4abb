package org.raqib.jobs.passage;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of passage building.
 *
 * <table>
 *   <caption>Keys, defaults and meaning</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code passage-gap}</td><td>3s</td><td>event time without a read of a vehicle after which its
 *       passage is complete; a vehicle at 20 km/h crosses a camera's field in about 2 s</td></tr>
 *   <tr><td>{@code passage-max-edits}</td><td>2</td><td>OCR edits ({@link PlateVariants}) between two
 *       reads that may still be one vehicle</td></tr>
 *   <tr><td>{@code reads-out-of-orderness}</td><td>2s</td><td>how far reads may arrive out of capture
 *       order; the watermark lags by this much</td></tr>
 *   <tr><td>{@code passage-idle-flush}</td><td>5s</td><td>wall-clock time without any read of a camera
 *       after which its open passages are emitted even though event time has not moved on (the last
 *       vehicles before a quiet spell, or the end of a replay)</td></tr>
 * </table>
 *
 * @param gap see table
 * @param maxEdits see table
 * @param outOfOrderness see table
 * @param idleFlush see table
 */
public record PassageSettings(Duration gap, int maxEdits, Duration outOfOrderness, Duration idleFlush)
        implements Serializable {

    /** Default of {@code passage-gap}. */
    public static final Duration DEFAULT_GAP = Duration.ofSeconds(3);
    /** Default of {@code passage-max-edits}. */
    public static final int DEFAULT_MAX_EDITS = 2;
    /** Default of {@code reads-out-of-orderness}. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(2);

    /** Default of {@code passage-idle-flush}. */
    public static final Duration DEFAULT_IDLE_FLUSH = Duration.ofSeconds(5);

    /** The defaults. */
    public static PassageSettings defaults() {
        return new PassageSettings(DEFAULT_GAP, DEFAULT_MAX_EDITS, DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLE_FLUSH);
    }

    /**
     * Checks the settings.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad setting
     */
    public PassageSettings validate() {
        Objects.requireNonNull(gap, "passage-gap");
        Objects.requireNonNull(outOfOrderness, "reads-out-of-orderness");
        if (gap.isNegative() || gap.isZero() || gap.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("passage-gap must be in (0, 1m], got " + gap);
        }
        if (maxEdits < 0 || maxEdits > 3) {
            throw new IllegalArgumentException("passage-max-edits must be 0..3, got " + maxEdits);
        }
        Objects.requireNonNull(idleFlush, "passage-idle-flush");
        if (idleFlush.isNegative() || idleFlush.isZero()) {
            throw new IllegalArgumentException("passage-idle-flush must be positive, got " + idleFlush);
        }
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("reads-out-of-orderness must not be negative, got " + outOfOrderness);
        }
        return this;
    }
}
