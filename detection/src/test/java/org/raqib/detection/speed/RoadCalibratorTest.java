package org.raqib.detection.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.synth.video.RoadCamera;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RoadCalibratorTest {

    private static final RoadCamera CAMERA = RoadCamera.gantry();
    private static final double PLATE_HEIGHT = 0.5;

    @Test
    void roadMarksAndTheLensPositionRecoverThePlatePlaneWithinOnePercentOfScale() {
        // given: paint marks surveyed with 0.5 px of error in the image
        List<CalibrationPoint> marks = CAMERA.surveyMarks(0.5, new Random(3));
        assertTrue(marks.size() >= 8, "marks in view: " + marks.size());
        // when
        CameraCalibration c = RoadCalibrator.calibrate(marks, CAMERA.imageWidth(), CAMERA.imageHeight(),
                Optional.of(PLATE_HEIGHT), Optional.of(new CameraPosition(0, 0, CAMERA.heightMetres())));
        // then: distances between plate positions 10 and 25 m out, as the calibration sees them
        double scale = measured(c, 10, 25) / 15.0;
        assertEquals(1.0, scale, 0.01, "scale");
        assertEquals(PLATE_HEIGHT, c.referenceHeightMetres());
        assertTrue(c.reprojectionErrorMetres() < 0.1, "rms " + c.reprojectionErrorMetres());
        // and without the height correction the plate looks H / (H - h) = 9% further: the reason it exists
        CameraCalibration road = RoadCalibrator.calibrate(marks, CAMERA.imageWidth(), CAMERA.imageHeight(),
                Optional.empty(), Optional.empty());
        assertEquals(CAMERA.heightMetres() / (CAMERA.heightMetres() - PLATE_HEIGHT), measured(road, 10, 25) / 15.0, 0.01);
    }

    @Test
    void marksAtPlateHeightNeedNoLensPosition() {
        List<CalibrationPoint> marks = new ArrayList<>();
        for (double[] m : new double[][] {{12, -1}, {12, 1}, {22, -1}, {22, 1}, {17, 0}}) {
            double[] p = CAMERA.project(m[0], m[1], PLATE_HEIGHT);
            marks.add(new CalibrationPoint(p[0], p[1], m[0], m[1], PLATE_HEIGHT));
        }
        CameraCalibration c = RoadCalibrator.calibrate(marks, CAMERA.imageWidth(), CAMERA.imageHeight(),
                Optional.empty(), Optional.empty());
        assertEquals(1.0, measured(c, 13, 21) / 8.0, 1e-6);
        assertEquals(0, c.reprojectionErrorMetres(), 1e-6);
    }

    @Test
    void mixedHeightsWithoutTheLensAndTooFewPointsAreRefusedClearly() {
        List<CalibrationPoint> marks = CAMERA.surveyMarks(0, new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoadCalibrator.calibrate(marks,
                CAMERA.imageWidth(), CAMERA.imageHeight(), Optional.of(PLATE_HEIGHT), Optional.empty()));
        assertTrue(e.getMessage().contains("camera position"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoadCalibrator.calibrate(marks.subList(0, 3),
                CAMERA.imageWidth(), CAMERA.imageHeight(), Optional.empty(), Optional.empty()));
    }

    @Test
    void theRegistryRecordRoundTrips() {
        CameraCalibration c = RoadCalibrator.calibrate(CAMERA.surveyMarks(0.3, new Random(2)), CAMERA.imageWidth(),
                CAMERA.imageHeight(), Optional.of(PLATE_HEIGHT), Optional.of(new CameraPosition(0, 0, CAMERA.heightMetres())));
        CameraCalibration back = CameraCalibration.of(c.toAvro());
        assertEquals(c, back);
        assertTrue(c.toYaml(4).startsWith("    calibration:\n      homography: ["), c.toYaml(4));
    }

    private static double measured(CameraCalibration c, double x0, double x1) {
        double[] a = CAMERA.project(x0, 0.3, PLATE_HEIGHT);
        double[] b = CAMERA.project(x1, 0.3, PLATE_HEIGHT);
        double[] ra = c.toRoad(a[0], a[1]);
        double[] rb = c.toRoad(b[0], b[1]);
        return Math.hypot(rb[0] - ra[0], rb[1] - ra[1]);
    }
}
