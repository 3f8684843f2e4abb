package org.raqib.detection.speed;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole video-speed measurement of one camera: sightings -> tracks -> a speed (or the reason for
 * none) per track. Pure; the Flink operator in {@code jobs} only keeps the sightings in state around it.
 */
public final class VideoSpeedMeter {

    /** One vehicle: its track and the outcome of the fit. */
    public record Measured(Track track, SpeedFit.Outcome outcome) {
    }

    private final PlateTracker tracker;
    private final SpeedFit fit;

    public VideoSpeedMeter(CameraCalibration calibration, TrackerOptions tracking, SpeedFitOptions fitting) {
        this.tracker = new PlateTracker(calibration, tracking);
        this.fit = new SpeedFit(fitting);
    }

    /**
     * Tracks and speeds of {@code sightings}, ordered by each track's first sighting; the frame period
     * is learnt from the sightings' frame times ({@link FrameClock}).
     */
    public List<Measured> measure(List<PlateSighting> sightings) {
        FrameClock clock = new FrameClock();
        sightings.stream().mapToLong(PlateSighting::timeMillis).sorted().distinct().forEach(clock::observe);
        List<Measured> out = new ArrayList<>();
        for (Track t : tracker.track(sightings)) {
            out.add(new Measured(t, fit.fit(t, clock.period())));
        }
        return out;
    }

    /** Only the tracking (for callers that fit only finished tracks). */
    public List<Track> track(List<PlateSighting> sightings) {
        return tracker.track(sightings);
    }

    /** Only the fit, with the camera's frame period when known. */
    public SpeedFit.Outcome fit(Track track, java.util.OptionalDouble framePeriodMillis) {
        return fit.fit(track, framePeriodMillis);
    }
}
