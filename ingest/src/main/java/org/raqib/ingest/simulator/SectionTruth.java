package org.raqib.ingest.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * What the simulator knows about a vehicle it drove through a section, once both its frames (entry and
 * exit) are in Kafka. Like {@link GroundTruth}, handed to a {@link SimulatorListener} in memory only,
 * never written to Kafka.
 *
 * @param entryFrameId frame at the entry camera
 * @param exitFrameId frame at the exit camera
 * @param entryCameraId entry camera
 * @param exitCameraId exit camera
 * @param plateText canonical text of the plate drawn in both frames
 * @param km section length
 * @param entryTime capture time of the entry frame
 * @param exitTime capture time of the exit frame
 * @param speedLimitKmh the section's limit (the lower of the two cameras')
 * @param toleranceKmh the section's tolerance (the larger of the two)
 */
public record SectionTruth(String entryFrameId, String exitFrameId, String entryCameraId, String exitCameraId,
        String plateText, double km, Instant entryTime, Instant exitTime, int speedLimitKmh, int toleranceKmh) {

    /** The average speed between the two capture times, km/h. */
    public double averageKmh() {
        return km / (Duration.between(entryTime, exitTime).toMillis() / 3_600_000d);
    }

    /** True when the average is above limit plus tolerance, so a section-speed violation is due. */
    public boolean overLimit() {
        return averageKmh() > speedLimitKmh + toleranceKmh;
    }

    @Override
    public String toString() {
        return "SectionTruth[" + entryCameraId + " -> " + exitCameraId + ", " + Math.round(averageKmh()) + " km/h, limit "
                + speedLimitKmh + "+" + toleranceKmh + "]";
    }
}
