package org.raqib.detection.synth.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.raqib.detection.speed.CalibrationPoint;
import org.raqib.detection.speed.Homography;

/**
 * An ideal pinhole camera over a straight road, for generating video with a known geometry.
 *
 * <p>Road frame: X metres along the road away from the camera's foot, Y metres across (to the right
 * in the image), Z metres up. The lens is at {@code (0, lateralMetres, heightMetres)}, looks along +X,
 * tilted down by {@code tiltDegrees}; no roll, principal point in the image centre, square pixels.
 *
 * @param heightMetres lens height above the road
 * @param tiltDegrees downward tilt of the optical axis
 * @param focalPixels focal length in pixels
 * @param imageWidth frame width, pixels
 * @param imageHeight frame height, pixels
 * @param lateralMetres Y of the lens (0: above the lane centre, as on a gantry)
 */
public record RoadCamera(double heightMetres, double tiltDegrees, double focalPixels, int imageWidth, int imageHeight,
                         double lateralMetres) {

    public RoadCamera {
        if (!(heightMetres > 0) || !(tiltDegrees > 0 && tiltDegrees < 89) || !(focalPixels > 0) || imageWidth < 64
                || imageHeight < 64 || !Double.isFinite(lateralMetres)) {
            throw new IllegalArgumentException("road camera needs height > 0, tilt in (0, 89) degrees, focal > 0, "
                    + "an image of at least 64x64 and a finite lateral offset");
        }
    }

    /** A gantry camera 6 m up over the lane, 4000 px focal length, 1920x1080: plates 130 px wide at 10 m. */
    public static RoadCamera gantry() {
        return new RoadCamera(6.0, 20.0, 4000, 1920, 1080, 0);
    }

    /** Pixel {x, y} of road point {@code (x, y, z)}, or null when it is behind the camera. */
    public double[] project(double x, double y, double z) {
        double t = Math.toRadians(tiltDegrees);
        double qx = x;
        double qy = y - lateralMetres;
        double qz = z - heightMetres;
        double forward = qx * Math.cos(t) - qz * Math.sin(t);
        double down = -qx * Math.sin(t) - qz * Math.cos(t);
        if (forward <= 0.1) {
            return null;
        }
        return new double[] {imageWidth / 2.0 + focalPixels * qy / forward, imageHeight / 2.0 + focalPixels * down / forward};
    }

    /** The exact image -> plane homography of the horizontal plane at height {@code z} (from projected points). */
    public Homography planeHomography(double z) {
        double[][] image = new double[4][];
        double[][] plane = new double[4][];
        double[][] marks = {{10, -2}, {10, 2}, {40, -2}, {40, 2}};
        for (int i = 0; i < 4; i++) {
            image[i] = project(marks[i][0], marks[i][1], z);
            plane[i] = marks[i];
        }
        return Homography.fit(image, plane);
    }

    /**
     * Survey marks as an installer would measure them: a grid of road-paint marks (height 0) visible in
     * the frame, their pixel positions with Gaussian error {@code pixelNoise} (standard deviation).
     */
    public List<CalibrationPoint> surveyMarks(double pixelNoise, Random rnd) {
        List<CalibrationPoint> out = new ArrayList<>();
        for (double x = 4; x <= 60; x += 4) {
            for (double y = -1.8; y <= 1.81; y += 1.8) {
                double[] p = project(x, y, 0);
                if (p == null || p[0] < 2 || p[1] < 2 || p[0] > imageWidth - 2 || p[1] > imageHeight - 2) {
                    continue;
                }
                out.add(new CalibrationPoint(p[0] + rnd.nextGaussian() * pixelNoise, p[1] + rnd.nextGaussian() * pixelNoise,
                        x, y, 0));
            }
        }
        return out;
    }
}
