package org.raqib.jobs.speed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.Camera;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;
import org.raqib.models.plate.SaudiPlate;

/**
 * The spot-speed rule: a vehicle whose radar speed at a camera is above the camera's limit plus its
 * tolerance commits a spot-speeding violation. Pure: no Flink, no clock, no I/O; the same input always
 * gives the same violation (same id, same {@code detectedAt}).
 *
 * <ul>
 *   <li>No violation when the camera is disabled, has no radar (unless the speed is from video), or the
 *       observation has no speed.</li>
 *   <li>A video speed is checked, and stated, at the lower end of its 95% interval; one without an
 *       interval gives no violation.</li>
 *   <li>Exactly at limit + tolerance is not a violation; any amount above is.</li>
 *   <li>{@code excessKmh} = speed - limit (the tolerance is a measuring allowance, not a discount);
 *       its {@link SpeedBand} picks the fine.</li>
 *   <li>Status {@code ISSUED} when the plate confidence is at least the review threshold and the text
 *       is a valid Saudi plate; otherwise {@code NEEDS_REVIEW}: a person looks before anyone is fined.</li>
 * </ul>
 */
public final class SpotSpeedRule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default review threshold: plate confidence below it sends the violation to review. */
    public static final double DEFAULT_REVIEW_THRESHOLD = 0.9;

    private final double reviewThreshold;

    /** The rule with the default review threshold. */
    public SpotSpeedRule() {
        this(DEFAULT_REVIEW_THRESHOLD);
    }

    /**
     * @param reviewThreshold plate confidence (0..1) from which a violation is issued automatically
     */
    public SpotSpeedRule(double reviewThreshold) {
        if (!(reviewThreshold >= 0 && reviewThreshold <= 1)) {
            throw new IllegalArgumentException("review threshold must be in 0..1, got " + reviewThreshold);
        }
        this.reviewThreshold = reviewThreshold;
    }

    /** The review threshold in use. */
    public double reviewThreshold() {
        return reviewThreshold;
    }

    /**
     * What is wrong with a registry entry for speed enforcement, if anything: a camera without a
     * positive limit or with a negative tolerance cannot be used to ticket anyone.
     */
    public static Optional<String> problemWith(Camera camera) {
        if (camera.getCameraId() == null || camera.getCameraId().isBlank()) {
            return Optional.of("camera without an id");
        }
        if (camera.getSpeedLimitKmh() <= 0) {
            return Optional.of("camera " + camera.getCameraId() + " has no positive speed limit ("
                    + camera.getSpeedLimitKmh() + ")");
        }
        if (camera.getToleranceKmh() < 0) {
            return Optional.of("camera " + camera.getCameraId() + " has a negative tolerance ("
                    + camera.getToleranceKmh() + ")");
        }
        return Optional.empty();
    }

    /**
     * Applies the rule.
     *
     * @param observation the vehicle at the camera
     * @param camera the registry entry of {@code observation.cameraId()}
     * @return the violation, or empty when there is none
     * @throws IllegalArgumentException when the camera is not the observation's or is unusable
     */
    public Optional<Violation> evaluate(SpotObservation observation, Camera camera) {
        if (!camera.getCameraId().equals(observation.cameraId())) {
            throw new IllegalArgumentException("observation of camera " + observation.cameraId()
                    + " checked against camera " + camera.getCameraId());
        }
        problemWith(camera).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Double measured = observation.speedKmh();
        boolean video = observation.speedSource() == SpeedSource.VIDEO;
        if (!camera.getEnabled() || (!video && !camera.getHasRadar()) || measured == null || measured.isNaN()) {
            return Optional.empty();
        }
        Double uncertainty = observation.speedUncertaintyKmh();
        if (video && (uncertainty == null || uncertainty.isNaN() || uncertainty < 0)) {
            return Optional.empty(); // a video speed without its interval cannot be relied on
        }
        // A video speed counts only by the lower end of its 95% interval: the speed the vehicle was
        // certainly above. That value is also what the ticket states.
        double speed = video ? measured - uncertainty : measured;
        int limit = camera.getSpeedLimitKmh();
        int tolerance = camera.getToleranceKmh();
        if (speed <= limit + tolerance) {
            return Optional.empty();
        }
        double excess = speed - limit;
        List<String> cameraIds = List.of(camera.getCameraId());
        boolean automatic = observation.confidence() >= reviewThreshold && SaudiPlate.isValid(observation.plateText());
        return Optional.of(Violation.newBuilder()
                .setViolationId(ViolationIds.of(ViolationType.SPOT_SPEEDING, observation.plateText(), cameraIds,
                        observation.eventTime()))
                .setType(ViolationType.SPOT_SPEEDING)
                .setStatus(automatic ? ViolationStatus.ISSUED : ViolationStatus.NEEDS_REVIEW)
                .setPlateText(observation.plateText())
                .setPlateArabic(observation.plateArabic() == null ? "" : observation.plateArabic())
                .setConfidence(observation.confidence())
                .setCameraIds(new ArrayList<>(cameraIds))
                .setRoadId(camera.getRoadId())
                .setRegion(camera.getRegion())
                .setEventTime(observation.eventTime())
                .setEntryTime(null)
                .setMeasuredSpeedKmh(speed)
                .setSpeedLimitKmh(limit)
                .setToleranceKmh(tolerance)
                .setExcessKmh(excess)
                .setSpeedBand(SpeedBand.of(excess))
                .setSpeedSource(video ? SpeedSource.VIDEO : SpeedSource.RADAR)
                .setEvidenceSha256(new ArrayList<>(observation.evidenceSha256()))
                .setFrameIds(new ArrayList<>(observation.frameIds()))
                // Event-derived, so a replay produces a byte-identical record.
                .setDetectedAt(observation.eventTime())
                .setSignature(null)
                .build());
    }
}
