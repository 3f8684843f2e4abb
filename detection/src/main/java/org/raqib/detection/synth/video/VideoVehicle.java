package org.raqib.detection.synth.video;

import java.util.Objects;

import org.raqib.detection.synth.PlateSpec;

/**
 * A vehicle driving towards the camera at constant speed.
 *
 * @param plate its front plate
 * @param speedKmh true speed
 * @param laneY Y of the plate's centre, metres
 * @param plateHeightMetres height of the plate's centre above the road
 * @param startMillis when (scenario time) the plate is at {@code startX}
 * @param startX X of the plate at {@code startMillis}, metres
 */
public record VideoVehicle(PlateSpec plate, double speedKmh, double laneY, double plateHeightMetres, long startMillis,
                           double startX) {

    public VideoVehicle {
        Objects.requireNonNull(plate, "plate");
        if (!(speedKmh > 0) || !(plateHeightMetres > 0)) {
            throw new IllegalArgumentException("vehicle needs a positive speed and plate height");
        }
    }

    /** X of the plate at scenario time {@code millis} (double: exact, not the jittered frame stamp). */
    public double xAt(double millis) {
        return startX - speedKmh / 3.6 * (millis - startMillis) / 1000.0;
    }

    @Override
    public String toString() {
        return "VideoVehicle[" + speedKmh + " km/h, lane " + laneY + "]";
    }
}
