package org.raqib.detection.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.synth.video.RoadCamera;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlateTrackerTest {

    private static final RoadCamera CAMERA = RoadCamera.gantry();
    private static final CameraCalibration CAL = new CameraCalibration(CAMERA.planeHomography(0.5), 0.5, 0, 1920, 1080);

    @Test
    void twoCarsSideBySideWithMisreadsAreTwoTracks() {
        List<PlateSighting> s = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long t = i * 40L;
            // car A at 90 km/h in the lane, one frame misread; car B in the next lane at 120 km/h
            s.add(at("a" + i, t, i == 5 ? "1234ABD" : "1284ABD", 24 - 25 * t / 1000.0, 0));
            s.add(at("b" + i, t, "5555XYZ", 26 - 33.3 * t / 1000.0, 1.5));
        }
        Collections.shuffle(s, new Random(4));
        List<Track> tracks = new PlateTracker(CAL, TrackerOptions.defaults()).track(s);
        assertEquals(2, tracks.size());
        for (Track t : tracks) {
            assertEquals(12, t.sightings().size());
            String first = t.sightings().get(0).id().substring(0, 1);
            t.sightings().forEach(x -> assertEquals(first, x.id().substring(0, 1)));
        }
    }

    @Test
    void theSamePlateAfterALongGapOrFarAwayIsANewTrack() {
        List<PlateSighting> s = new ArrayList<>();
        s.add(at("1", 0, "1284ABD", 20, 0));
        s.add(at("2", 40, "1284ABD", 19, 0));
        s.add(at("3", 2000, "1284ABD", 18, 0)); // after the gap
        s.add(at("4", 2040, "1284ABD", 5 + 12, 0));
        s.add(at("5", 2080, "1284ABD", 30, 0)); // a jump of 13 m in 40 ms: not this car
        List<Track> tracks = new PlateTracker(CAL, TrackerOptions.defaults()).track(s);
        assertEquals(3, tracks.size());
        assertEquals(2, tracks.get(0).sightings().size());
        assertEquals(2, tracks.get(1).sightings().size());
        assertEquals(1, tracks.get(2).sightings().size());
    }

    @Test
    void aPlateMisreadDifferentlyInEveryFrameIsStillOneTrackByItsMotion() {
        String[] reads = {"771URH", "771NNH", "771NRH", "78NRH", "7BNR", "8NTH", "778NRH", "0BRH"};
        List<PlateSighting> s = new ArrayList<>();
        for (int i = 0; i < reads.length; i++) {
            long t = i * 40L;
            s.add(at("a" + i, t, reads[i], 23.4 - 41.7 * t / 1000.0, 0.25));
            // a car in the next lane, read as a plate 3 edits away, never joins
            s.add(at("b" + i, t, reads[(i + 3) % reads.length], 22 - 30 * t / 1000.0, 3.0));
        }
        List<Track> tracks = new PlateTracker(CAL, TrackerOptions.defaults()).track(s);
        assertEquals(2, tracks.size());
        assertEquals(reads.length, tracks.get(0).sightings().size());
        assertEquals(reads.length, tracks.get(1).sightings().size());
        // with text required to agree, the same sightings fall apart
        assertTrue(new PlateTracker(CAL, TrackerOptions.defaults().withMotionGateMetres(0)).track(s).size() > 2);
    }

    @Test
    void aLampReadAsAPlateRidingAlongWithThePlateIsNoTrackOfItsOwn() {
        List<PlateSighting> s = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = i * 40L;
            double x = 22 - 30 * t / 1000.0;
            s.add(at("plate" + i, t, "1284ABD", x, 0.25));
            if (i % 3 != 0) {
                // the left lamp, 1 m up and 0.75 m aside: in the plate plane it looks nearer and slower
                double[] p = CAMERA.project(x, -0.5, 1.0);
                s.add(new PlateSighting("lamp" + i, t, "9272VUA", 0.01, p[0], p[1]));
            }
        }
        List<Track> tracks = new PlateTracker(CAL, TrackerOptions.defaults()).track(s);
        assertEquals(1, tracks.size());
        assertEquals(10, tracks.get(0).sightings().size());
        assertTrue(tracks.get(0).sightings().stream().allMatch(x -> x.id().startsWith("plate")));
    }

    @Test
    void editDistanceStopsAtItsLimit() {
        assertEquals(0, PlateTracker.editDistance("1284ABD", "1284ABD", 2));
        assertEquals(1, PlateTracker.editDistance("1284ABD", "284ABD", 2));
        assertEquals(3, PlateTracker.editDistance("1284ABD", "9999XYZ", 2));
    }

    private static PlateSighting at(String id, long t, String text, double x, double y) {
        double[] p = CAMERA.project(x, y, 0.5);
        return new PlateSighting(id, t, text, 0.9, p[0], p[1]);
    }
}
