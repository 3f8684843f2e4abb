package org.raqib.detection.speed;

/**
 * When a track is good enough for a speed, and how the interval is widened.
 *
 * @param minFrames fewest inlier frames a speed may rest on (default 5)
 * @param minDistanceMetres shortest distance the inliers must cover (default 4 m)
 * @param inlierFloorMetres residuals up to this are never outliers, whatever the robust scale (default 0.15 m)
 * @param positionNoiseFloorMetres smallest residual standard deviation assumed, so a track that fits
 *                                 suspiciously well (few frames, pixel-quantised) does not claim a zero-width
 *                                 interval (default 0.02 m)
 * @param scaleUncertainty relative 95% uncertainty of the calibration's scale, added in quadrature to the
 *                         statistical half-width (default 0.01: plates 5 cm above or below the reference
 *                         height under a lens 6 m up are 0.9% off; survey error adds little)
 * @param regulariseFrameTimes snap jittered frame times to the camera's regular frame grid before fitting,
 *                             when they are on one (default true)
 */
public record SpeedFitOptions(int minFrames, double minDistanceMetres, double inlierFloorMetres,
                              double positionNoiseFloorMetres, double scaleUncertainty, boolean regulariseFrameTimes)
        implements java.io.Serializable {

    /** The defaults. */
    public static SpeedFitOptions defaults() {
        return new SpeedFitOptions(5, 4.0, 0.15, 0.02, 0.01, true);
    }

    /** A copy with {@code minFrames} changed. */
    public SpeedFitOptions withMinFrames(int v) {
        return new SpeedFitOptions(v, minDistanceMetres, inlierFloorMetres, positionNoiseFloorMetres, scaleUncertainty,
                regulariseFrameTimes);
    }

    /** A copy with {@code minDistanceMetres} changed. */
    public SpeedFitOptions withMinDistanceMetres(double v) {
        return new SpeedFitOptions(minFrames, v, inlierFloorMetres, positionNoiseFloorMetres, scaleUncertainty,
                regulariseFrameTimes);
    }

    /** A copy with {@code regulariseFrameTimes} changed. */
    public SpeedFitOptions withRegulariseFrameTimes(boolean v) {
        return new SpeedFitOptions(minFrames, minDistanceMetres, inlierFloorMetres, positionNoiseFloorMetres,
                scaleUncertainty, v);
    }

    /** Fails fast with a message naming the bad key; returns this. */
    public SpeedFitOptions validate() {
        if (minFrames < 3) {
            throw new IllegalArgumentException("minFrames must be >= 3 (a line and an error estimate), got " + minFrames);
        }
        if (!(minDistanceMetres >= 0)) {
            throw new IllegalArgumentException("minDistanceMetres must be >= 0, got " + minDistanceMetres);
        }
        if (!(inlierFloorMetres > 0)) {
            throw new IllegalArgumentException("inlierFloorMetres must be > 0, got " + inlierFloorMetres);
        }
        if (!(positionNoiseFloorMetres >= 0)) {
            throw new IllegalArgumentException("positionNoiseFloorMetres must be >= 0, got " + positionNoiseFloorMetres);
        }
        if (!(scaleUncertainty >= 0 && scaleUncertainty < 1)) {
            throw new IllegalArgumentException("scaleUncertainty must be in [0, 1), got " + scaleUncertainty);
        }
        return this;
    }
}
