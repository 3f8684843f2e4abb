package org.raqib.detection.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.synth.video.RoadCamera;
import org.raqib.detection.synth.video.SyntheticVideo;
import org.raqib.detection.synth.video.VideoVehicle;

/**
 * The measurement on sightings from the exact projection of a convoy, with box noise (1 px), frame-time
 * jitter (2 ms), plate heights 0.45-0.55 m, a few lost and wild frames: no rendering, so it runs in
 * a second; the bench does the same through rendered frames and the real recogniser.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VideoSpeedMeterTest {

    private static final RoadCamera CAMERA = RoadCamera.gantry();

    @Test
    void speedsFrom30To180AreWithinTargetAndIntervalsHoldTheTruth() {
        CameraCalibration cal = RoadCalibrator.calibrate(CAMERA.surveyMarks(0.5, new Random(2)), 1920, 1080,
                Optional.of(0.5), Optional.of(new CameraPosition(0, 0, CAMERA.heightMetres())));
        double[] speeds = new double[16 * 3];
        for (int i = 0; i < speeds.length; i++) {
            speeds[i] = 30 + 10 * (i % 16);
        }
        List<VideoVehicle> vehicles = SyntheticVideo.convoy(CAMERA, speeds, 11);
        List<PlateSighting> sightings = sightings(vehicles, new Random(12));
        List<VideoSpeedMeter.Measured> measured =
                new VideoSpeedMeter(cal, TrackerOptions.defaults(), SpeedFitOptions.defaults()).measure(sightings);
        assertEquals(vehicles.size(), measured.size(), "one track per vehicle");
        double sum = 0;
        double max = 0;
        int outside = 0;
        for (int i = 0; i < vehicles.size(); i++) {
            SpeedEstimate e = measured.get(i).outcome().estimate().orElseThrow();
            double truth = vehicles.get(i).speedKmh();
            double err = Math.abs(e.speedKmh() - truth);
            sum += err;
            max = Math.max(max, err);
            if (e.lowerKmh() > truth || e.upperKmh() < truth) {
                outside++;
            }
        }
        double mae = sum / vehicles.size();
        assertTrue(mae <= 1.0, "MAE " + mae);
        assertTrue(max <= 3.0, "max " + max);
        assertTrue(outside <= vehicles.size() / 10, "truth outside the 95% interval for " + outside);
    }

    static List<PlateSighting> sightings(List<VideoVehicle> vehicles, Random rnd) {
        List<PlateSighting> out = new ArrayList<>();
        double[] range = SyntheticVideo.visibleRange(CAMERA, SyntheticVideo.STANDARD_WIDTH_METRES, 0.5);
        double end = vehicles.get(vehicles.size() - 1).startMillis() + 5000;
        for (int k = 0; k * 40 < end; k++) {
            double t = k * 40.0;
            long stamp = Math.round(t + rnd.nextGaussian() * 2);
            for (VideoVehicle v : vehicles) {
                double x = v.xAt(t);
                if (x < range[0] || x > range[1] || rnd.nextDouble() < 0.1) {
                    continue; // out of view, or not read in this frame
                }
                double[] p = CAMERA.project(x, v.laneY(), v.plateHeightMetres());
                boolean wild = rnd.nextDouble() < 0.03;
                out.add(new PlateSighting("s" + out.size(), stamp, v.plate().text(), 0.9,
                        p[0] + rnd.nextGaussian() + (wild ? 25 : 0), p[1] + rnd.nextGaussian() + (wild ? 30 : 0)));
            }
        }
        return out;
    }
}
