package org.raqib.jobs.speed;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the spot-speed check.
 *
 * <table>
 *   <caption>Keys, defaults and meaning</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code review-threshold}</td><td>0.9</td><td>plate confidence from which a violation is
 *       issued automatically; below it goes to {@code raqib.review}</td></tr>
 *   <tr><td>{@code max-pending-reads}</td><td>1000</td><td>reads kept per camera while the camera is
 *       not yet in the registry; further ones are dead-lettered at once</td></tr>
 *   <tr><td>{@code unknown-camera-timeout}</td><td>5m</td><td>how long reads wait for their camera
 *       to appear in the registry before they are dead-lettered as {@code unknown-camera}</td></tr>
 * </table>
 *
 * @param reviewThreshold see table
 * @param maxPendingReads see table
 * @param unknownCameraTimeout see table
 */
public record SpotSpeedSettings(double reviewThreshold, int maxPendingReads, Duration unknownCameraTimeout)
        implements Serializable {

    /** Default of {@code max-pending-reads}. */
    public static final int DEFAULT_MAX_PENDING_READS = 1000;
    /** Default of {@code unknown-camera-timeout}. */
    public static final Duration DEFAULT_UNKNOWN_CAMERA_TIMEOUT = Duration.ofMinutes(5);

    /** The defaults. */
    public static SpotSpeedSettings defaults() {
        return new SpotSpeedSettings(SpotSpeedRule.DEFAULT_REVIEW_THRESHOLD, DEFAULT_MAX_PENDING_READS,
                DEFAULT_UNKNOWN_CAMERA_TIMEOUT);
    }

    /**
     * Checks the settings.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad setting
     */
    public SpotSpeedSettings validate() {
        if (!(reviewThreshold >= 0 && reviewThreshold <= 1)) {
            throw new IllegalArgumentException("review-threshold must be in 0..1, got " + reviewThreshold);
        }
        if (maxPendingReads < 1) {
            throw new IllegalArgumentException("max-pending-reads must be >= 1, got " + maxPendingReads);
        }
        Objects.requireNonNull(unknownCameraTimeout, "unknown-camera-timeout");
        if (unknownCameraTimeout.isNegative() || unknownCameraTimeout.isZero()) {
            throw new IllegalArgumentException("unknown-camera-timeout must be positive, got " + unknownCameraTimeout);
        }
        return this;
    }
}
