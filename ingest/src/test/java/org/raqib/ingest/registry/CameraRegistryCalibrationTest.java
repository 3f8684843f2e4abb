package org.raqib.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.Camera;

/** The optional {@code calibration:} block of a registry entry (speed from video). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CameraRegistryCalibrationTest {

    private static String camera(String calibration) {
        return """
                cameras:
                  - id: RUH-KFR-S-011
                    secret: 0123456789abcdef
                    name: King Fahd Rd S km 11 (video)
                    latitude: 24.72
                    longitude: 46.67
                    roadId: RUH-KFR
                    direction: S
                    kmMarker: 11.0
                    speedLimitKmh: 80
                    toleranceKmh: 10
                    region: riyadh
                    hasRadar: false
                """ + calibration;
    }

    @Test
    void aCalibrationBlockReachesTheCameraRecord() {
        CameraRegistry r = CameraRegistryFile.parse(camera("""
                    calibration:
                      homography: [0.001, 0.0, -1.0, 0.0, 0.002, 3.5, 0.0, 0.0001, 1.0]
                      referenceHeightMetres: 0.5
                      reprojectionErrorMetres: 0.012
                      imageWidth: 1920
                      imageHeight: 1080
                """), "test.yaml");
        Camera c = r.cameras().get(0).toCamera(Instant.EPOCH);
        assertEquals(List.of(0.001, 0.0, -1.0, 0.0, 0.002, 3.5, 0.0, 0.0001, 1.0), c.getCalibration().getHomography());
        assertEquals(0.5, c.getCalibration().getReferenceHeightMetres());
        assertEquals(1920, c.getCalibration().getImageWidth());
        assertTrue(r.cameras().get(0).toString().contains("calibrated"));
        assertNull(CameraRegistryFile.parse(camera(""), "test.yaml").cameras().get(0).toCamera(Instant.EPOCH)
                .getCalibration());
    }

    @Test
    void aBadCalibrationBlockIsReportedFieldByField() {
        InvalidRegistryException e = assertThrows(InvalidRegistryException.class, () -> CameraRegistryFile.parse(camera("""
                    calibration:
                      homography: [1, 2, 3]
                      imageWidth: 0
                      imageHeight: 1080
                      focal: 4000
                """), "test.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("calibration.homography") && m.contains("calibration.imageWidth")
                && m.contains("calibration.reprojectionErrorMetres") && m.contains("calibration.focal"), m);
    }
}
