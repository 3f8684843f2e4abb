package org.raqib.detection.speed;

/**
 * A speed measured from a track.
 *
 * @param speedKmh best estimate, km/h
 * @param halfWidth95Kmh half-width of the 95% interval, km/h: the true speed is in
 *                       {@code speedKmh +- halfWidth95Kmh} with 95% confidence
 * @param framesUsed inlier frames the fit rests on
 * @param framesRejected frames rejected as outliers
 * @param distanceMetres distance covered between the first and last inlier
 * @param durationMillis time between the first and last inlier
 */
public record SpeedEstimate(double speedKmh, double halfWidth95Kmh, int framesUsed, int framesRejected,
                            double distanceMetres, long durationMillis) {

    /** Lower end of the 95% interval (never below 0): what a ticket may rely on. */
    public double lowerKmh() {
        return Math.max(0, speedKmh - halfWidth95Kmh);
    }

    /** Upper end of the 95% interval. */
    public double upperKmh() {
        return speedKmh + halfWidth95Kmh;
    }
}
