package org.raqib.jobs.video;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.raqib.detection.speed.CameraCalibration;
import org.raqib.detection.speed.PlateSighting;
import org.raqib.detection.speed.SpeedEstimate;
import org.raqib.detection.speed.SpeedFit;
import org.raqib.detection.speed.Track;
import org.raqib.detection.speed.VideoSpeedMeter;
import org.raqib.jobs.passage.PassageBuilder;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;

/**
 * The pure part of the video-speed stage: which cameras it measures, and how a finished track of
 * reads becomes a {@link Passage} with a video speed. No Flink.
 */
public final class VideoTracks {

    /** Fewest sightings a finished track needs to be a passage at all (with or without a speed). */
    public static final int MIN_SIGHTINGS = 2;

    private VideoTracks() {
    }

    /**
     * True for cameras whose speed comes from video: enabled, no radar, and calibrated. Others' reads
     * go on to the ordinary passage stage untouched.
     */
    public static boolean measuresVideo(Camera camera) {
        return camera != null && camera.getEnabled() && !camera.getHasRadar() && camera.getCalibration() != null;
    }

    /** The sighting of a read: the centre of its box. */
    public static PlateSighting sighting(PlateRead read) {
        PlateBox b = read.getBox();
        return PlateSighting.ofBox(read.getReadId(), read.getCaptureTime().toEpochMilli(), read.getPlateText(),
                read.getConfidence(), b.getX(), b.getY(), b.getWidth(), b.getHeight());
    }

    /** A finished vehicle: its reads and its passage. */
    public record Finished(List<PlateRead> reads, Passage passage) {
    }

    /** The outcome of one pass over a camera's open reads. */
    public record Split(List<Finished> finished, List<PlateRead> open) {
    }

    /**
     * Splits {@code reads} (one camera's) into tracks: the passages of those finished by
     * {@code watermark} (last sighting at least {@code trackGap} before it), and the reads of the others,
     * which stay open. A read the tracker cannot place on the road (above the plate plane's horizon)
     * is in neither: it cannot be a plate on this road. Nor is a finished track of fewer than
     * {@value #MIN_SIGHTINGS} sightings: a vehicle stays in view for many frames, so a lone sighting is a
     * false detection (a lamp, a sign), not a passage.
     */
    public static Split split(List<PlateRead> reads, Camera camera, VideoSpeedSettings settings,
                                          OptionalDouble framePeriodMillis, long watermark) {
        CameraCalibration calibration = CameraCalibration.of(camera.getCalibration());
        VideoSpeedMeter meter = new VideoSpeedMeter(calibration, settings.tracking(), settings.fitting());
        Map<String, PlateRead> byId = new HashMap<>();
        List<PlateSighting> sightings = new ArrayList<>(reads.size());
        for (PlateRead r : reads) {
            byId.put(r.getReadId(), r);
            sightings.add(sighting(r));
        }
        List<Finished> out = new ArrayList<>();
        List<PlateRead> open = new ArrayList<>();
        for (Track track : meter.track(sightings)) {
            List<PlateRead> trackReads = new ArrayList<>();
            for (PlateSighting s : track.sightings()) {
                trackReads.add(byId.get(s.id()));
            }
            if (track.lastMillis() + settings.trackGap().toMillis() > watermark) {
                open.addAll(trackReads);
            } else if (trackReads.size() >= MIN_SIGHTINGS) {
                out.add(new Finished(trackReads, passage(trackReads, meter.fit(track, framePeriodMillis))));
            }
        }
        return new Split(out, open);
    }

    /** The passage of one track's reads, with its video speed when the fit gave one. */
    public static Passage passage(List<PlateRead> trackReads, SpeedFit.Outcome outcome) {
        Passage p = PassageBuilder.build(trackReads);
        if (outcome.estimate().isPresent()) {
            SpeedEstimate e = outcome.estimate().get();
            p.setSpeedKmh(e.speedKmh());
            p.setSpeedSource(SpeedSource.VIDEO);
            p.setSpeedUncertaintyKmh(e.halfWidth95Kmh());
        } else {
            // No speed, not a guess: the passage still counts for sections and the hot-list.
            p.setSpeedKmh(null);
            p.setSpeedSource(SpeedSource.UNKNOWN);
            p.setSpeedUncertaintyKmh(null);
        }
        return p;
    }
}
