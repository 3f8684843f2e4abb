package org.raqib.detection.speed;

/**
 * One surveyed calibration mark: where it is in the image and where it is on the road.
 *
 * @param imageX pixel column
 * @param imageY pixel row
 * @param roadX metres along the road (direction of travel axis)
 * @param roadY metres across the road
 * @param heightMetres height of the mark above the road surface (0 for paint on the road)
 */
public record CalibrationPoint(double imageX, double imageY, double roadX, double roadY, double heightMetres) {

    public CalibrationPoint {
        if (!Double.isFinite(imageX) || !Double.isFinite(imageY) || !Double.isFinite(roadX) || !Double.isFinite(roadY)
                || !Double.isFinite(heightMetres)) {
            throw new IllegalArgumentException("calibration point with a non-finite coordinate");
        }
        if (heightMetres < 0) {
            throw new IllegalArgumentException("calibration mark below the road surface: " + heightMetres);
        }
    }
}
