package org.raqib.ingest.simulator;

import java.time.Instant;
import org.raqib.models.PlateLayout;

/**
 * What the simulator knows about a frame it published and the pipeline must find out by itself. It is
 * handed to a {@link SimulatorListener} in memory and never written to Kafka.
 *
 * @param frameId id of the published {@code CameraFrame}
 * @param cameraId camera the frame claims to come from
 * @param plateText canonical text of the plate drawn in the frame
 * @param layout plate layout drawn
 * @param radarSpeedKmh radar speed carried by the frame
 * @param speedLimitKmh the camera's limit
 * @param toleranceKmh the camera's tolerance
 * @param captureTime capture time carried by the frame
 */
public record GroundTruth(String frameId, String cameraId, String plateText, PlateLayout layout, double radarSpeedKmh,
        int speedLimitKmh, int toleranceKmh, Instant captureTime) {

    /** True when the vehicle was faster than limit plus tolerance, so a spot-speed violation is due. */
    public boolean overLimit() {
        return radarSpeedKmh > speedLimitKmh + toleranceKmh;
    }

    @Override
    public String toString() {
        return "GroundTruth[" + frameId + ", " + cameraId + ", " + layout + ", " + radarSpeedKmh + " km/h, limit "
                + speedLimitKmh + "+" + toleranceKmh + "]";
    }
}
