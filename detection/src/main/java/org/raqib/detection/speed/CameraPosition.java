package org.raqib.detection.speed;

/**
 * Where the camera's lens is, in the road frame of the calibration points: {@code (x, y)} of the foot
 * of the pole on the road, and the lens height above the road. Only needed to carry road-level marks
 * up to the plate plane (see {@link RoadCalibrator}).
 */
public record CameraPosition(double x, double y, double heightMetres) {

    public CameraPosition {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(heightMetres > 0) || !Double.isFinite(heightMetres)) {
            throw new IllegalArgumentException("camera position needs finite x, y and a positive height");
        }
    }
}
