package org.raqib.detection.speed;

import java.util.List;
import java.util.Optional;

/**
 * Fits a {@link CameraCalibration} from surveyed marks.
 *
 * <p>The plate is not on the road: its centre is some 0.3-1.2 m up, so a homography fitted for the road
 * surface would place it where its line of sight meets the road, too far from the camera by the factor
 * {@code H / (H - h)} (lens height H, plate height h). Raqib therefore fits the homography for the
 * horizontal plane at the plate height {@code h} and maps the centre of the plate's box with it. Marks
 * already at that height (e.g. targets on tripods, or the plates of parked survey vehicles) are used as
 * they are. A mark at another height z (paint on the road: z = 0) is carried along its line of sight to
 * the plate plane, which needs the lens position C (foot {@code (Cx, Cy)}, height H):
 * {@code P = C + (G - C) * (H - h) / (H - z)} in road coordinates. Both keep the image coordinates, so
 * the fit is a plain planar homography afterwards.
 *
 * <p>Residual limitation: plates at other heights than {@code h} are off by {@code (H - h) / (H - h')};
 * with H = 7 m a plate 10 cm higher reads 1.5% fast. The measured speed's interval carries a scale
 * uncertainty for this ({@link SpeedFitOptions#scaleUncertainty()}).
 */
public final class RoadCalibrator {

    private RoadCalibrator() {
    }

    /**
     * The calibration of {@code points}.
     *
     * @param plateHeightMetres height of the plane to calibrate for (the plate centre); when empty, the
     *                          marks' own common height
     * @param camera lens position, required only when some mark is not at the plate height
     * @throws IllegalArgumentException for fewer than 4 marks, degenerate marks, marks at several heights
     *                                  without a camera position, or a mark at or above the lens
     */
    public static CameraCalibration calibrate(List<CalibrationPoint> points, int imageWidth, int imageHeight,
                                              Optional<Double> plateHeightMetres, Optional<CameraPosition> camera) {
        if (points.size() < 4) {
            throw new IllegalArgumentException("calibration needs at least 4 points, got " + points.size());
        }
        double h = plateHeightMetres.orElse(points.get(0).heightMetres());
        if (!(h >= 0)) {
            throw new IllegalArgumentException("plate height must be >= 0, got " + h);
        }
        int n = points.size();
        double[][] image = new double[n][];
        double[][] plane = new double[n][];
        for (int i = 0; i < n; i++) {
            CalibrationPoint p = points.get(i);
            if (p.imageX() < 0 || p.imageY() < 0 || p.imageX() > imageWidth || p.imageY() > imageHeight) {
                throw new IllegalArgumentException("point " + (i + 1) + " (" + p.imageX() + ", " + p.imageY()
                        + ") lies outside the " + imageWidth + "x" + imageHeight + " image");
            }
            image[i] = new double[] {p.imageX(), p.imageY()};
            plane[i] = toPlane(p, h, camera, i + 1);
        }
        Homography homography = Homography.fit(image, plane);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double[] q = homography.apply(image[i][0], image[i][1]);
            double d = Math.hypot(q[0] - plane[i][0], q[1] - plane[i][1]);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("point " + (i + 1) + " maps to the horizon: degenerate calibration");
            }
            sum += d * d;
        }
        return new CameraCalibration(homography, h, Math.sqrt(sum / n), imageWidth, imageHeight);
    }

    /** Where mark {@code p} lies on the plane at height {@code h} (carried along its line of sight). */
    static double[] toPlane(CalibrationPoint p, double h, Optional<CameraPosition> camera, int index) {
        if (Math.abs(p.heightMetres() - h) < 1e-9) {
            return new double[] {p.roadX(), p.roadY()};
        }
        CameraPosition c = camera.orElseThrow(() -> new IllegalArgumentException("point " + index + " is at height "
                + p.heightMetres() + " m, not at the plate height " + h + " m: give the camera position so that it "
                + "can be carried to the plate plane"));
        if (p.heightMetres() >= c.heightMetres() || h >= c.heightMetres()) {
            throw new IllegalArgumentException("point " + index + " or the plate plane is not below the lens");
        }
        double f = (c.heightMetres() - h) / (c.heightMetres() - p.heightMetres());
        return new double[] {c.x() + (p.roadX() - c.x()) * f, c.y() + (p.roadY() - c.y()) * f};
    }
}
