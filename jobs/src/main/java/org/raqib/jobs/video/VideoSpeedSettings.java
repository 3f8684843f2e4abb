package org.raqib.jobs.video;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

import org.raqib.detection.speed.SpeedFitOptions;
import org.raqib.detection.speed.TrackerOptions;

/**
 * Options of the video-speed stage.
 *
 * @param trackGap event time without a sighting after which a vehicle's track is complete and its
 *                 passage is emitted (default 1 s; also the tracker's largest gap inside a track)
 * @param outOfOrderness how far reads may arrive out of capture order (default 5 s: a video camera's
 *                       frames are large and come in bursts, so its reads can trail other cameras' reads
 *                       in the same partition by seconds; a read later than this is dead-lettered)
 * @param tracking how sightings are linked into tracks ({@link TrackerOptions#defaults()}, gap = trackGap)
 * @param fitting when a track gives a speed and how wide its interval is ({@link SpeedFitOptions#defaults()})
 * @param laggingQuiet wall-clock quiet after which a camera whose reads came behind the watermark counts as
 *                     through its backlog, so that the watermark finishes its tracks again (default 5 s; the
 *                     enforcement job gives it its {@code --passage-idle-flush}, the passage stage's quiet)
 */
public record VideoSpeedSettings(Duration trackGap, Duration outOfOrderness,
                                 TrackerOptions tracking, SpeedFitOptions fitting, Duration laggingQuiet)
        implements Serializable {

    /** The defaults. */
    public static VideoSpeedSettings defaults() {
        Duration gap = Duration.ofSeconds(1);
        return new VideoSpeedSettings(gap, Duration.ofSeconds(5),
                TrackerOptions.defaults().withMaxGapMillis(gap.toMillis()), SpeedFitOptions.defaults(),
                Duration.ofSeconds(5));
    }

    /** A copy in which a lagging camera counts as through its backlog after {@code quiet} of wall clock. */
    public VideoSpeedSettings withLaggingQuiet(Duration quiet) {
        return new VideoSpeedSettings(trackGap, outOfOrderness, tracking, fitting, quiet);
    }

    /** Fails fast with a message naming the bad key; returns this. */
    public VideoSpeedSettings validate() {
        Objects.requireNonNull(trackGap, "trackGap");
        Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        Objects.requireNonNull(laggingQuiet, "laggingQuiet");
        if (laggingQuiet.isNegative() || laggingQuiet.isZero()) {
            throw new IllegalArgumentException("video laggingQuiet must be > 0, got " + laggingQuiet);
        }
        if (trackGap.isNegative() || trackGap.isZero()) {
            throw new IllegalArgumentException("video trackGap must be > 0, got " + trackGap);
        }
        if (outOfOrderness.isNegative()) {
            throw new IllegalArgumentException("video outOfOrderness must be >= 0, got " + outOfOrderness);
        }
        tracking.validate();
        fitting.validate();
        if (tracking.maxGapMillis() > trackGap.toMillis()) {
            throw new IllegalArgumentException("the tracker's maxGapMillis (" + tracking.maxGapMillis()
                    + ") must not exceed trackGap (" + trackGap.toMillis() + " ms)");
        }
        return this;
    }
}
