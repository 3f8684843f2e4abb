package org.raqib.detection.synth.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyntheticVideoTest {

    private static final RoadCamera CAMERA = RoadCamera.gantry();

    @Test
    void framesAreDeterministicJitteredAndTheirTruthLiesOnTheProjection() {
        List<VideoVehicle> vehicles = SyntheticVideo.convoy(CAMERA, new double[] {60, 150}, 7);
        SyntheticVideo a = new SyntheticVideo(CAMERA, vehicles, VideoOptions.defaults(), 7, 1_000_000);
        SyntheticVideo b = new SyntheticVideo(CAMERA, vehicles, VideoOptions.defaults(), 7, 1_000_000);
        int n = a.frameCount();
        assertTrue(n > 40, "frames " + n);
        int withPlate = 0;
        for (int i = 0; i < n; i += 4) {
            SyntheticVideo.Frame fa = a.frame(i);
            if (i % 16 == 0) {
                SyntheticVideo.Frame fb = b.frame(i);
                assertArrayEquals(fa.jpeg(), fb.jpeg());
                assertEquals(fa.captureMillis(), fb.captureMillis());
            }
            assertTrue(Math.abs(fa.captureMillis() - fa.trueMillis()) < 15, "jitter within 5 sd");
            for (SyntheticVideo.PlateTruth t : fa.plates()) {
                withPlate++;
                int[] box = t.box();
                assertTrue(t.centreX() > box[0] && t.centreX() < box[0] + box[2]);
                assertTrue(t.centreY() > box[1] && t.centreY() < box[1] + box[3]);
                assertTrue(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 1920 && box[1] + box[3] <= 1080);
                VideoVehicle v = vehicles.stream().filter(x -> x.plate().text().equals(t.text())).findFirst().orElseThrow();
                assertEquals(v.xAt(fa.trueMillis() - 1_000_000), t.roadX(), 1e-9);
            }
        }
        assertTrue(withPlate >= 5, "frames with a plate " + withPlate);
        BufferedImage img = SyntheticVideo.decode(a.frame(n / 4));
        assertEquals(1920, img.getWidth());
        assertEquals(1080, img.getHeight());
    }

    @Test
    void convoyVehiclesFollowOneAnotherWithoutOverlapInView() {
        List<VideoVehicle> v = SyntheticVideo.convoy(CAMERA, new double[] {30, 180, 90}, 1);
        double[] range = SyntheticVideo.visibleRange(CAMERA, SyntheticVideo.WIDE_WIDTH_METRES, 0.5);
        for (int i = 1; i < v.size(); i++) {
            // when vehicle i enters the view, vehicle i-1 has left it
            double entry = v.get(i).startMillis();
            assertTrue(v.get(i - 1).xAt(entry) < range[0], "vehicle " + i);
        }
        assertFalse(range[0] >= range[1]);
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VideoOptions.defaults().withFps(0).validate());
        assertThrows(IllegalArgumentException.class, () -> VideoOptions.defaults().withJitterMillis(10).validate());
        assertThrows(IllegalArgumentException.class, () -> new RoadCamera(6, 95, 4000, 1920, 1080, 0));
    }
}
