package org.raqib.jobs.speed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;

/**
 * What the spot-speed rule needs to know about one vehicle at one camera: the plate, how sure the
 * reading is, when, the measured speed and the evidence. Built from a passage (the
 * reads of one vehicle merged) in the jobs, or from a single {@link PlateRead}.
 *
 * @param plateText canonical Latin plate text
 * @param plateArabic plate in Arabic form
 * @param confidence probability that the plate text is right, 0..1
 * @param cameraId camera that measured
 * @param eventTime capture time
 * @param speedKmh radar speed, or {@code null} when the unit measured none
 * @param evidenceSha256 hex SHA-256 of each evidence frame
 * @param frameIds evidence frame ids, in the order of {@code evidenceSha256}
 * @param speedSource how the speed was measured (RADAR unless a passage says otherwise)
 * @param speedUncertaintyKmh half-width of the 95% interval of a video speed; null otherwise
 */
public record SpotObservation(String plateText, String plateArabic, double confidence, String cameraId,
                              Instant eventTime, Double speedKmh, List<String> evidenceSha256,
                              List<String> frameIds, SpeedSource speedSource, Double speedUncertaintyKmh) {

    public SpotObservation {
        Objects.requireNonNull(plateText, "plateText");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(speedSource, "speedSource");
        evidenceSha256 = List.copyOf(evidenceSha256);
        frameIds = List.copyOf(frameIds);
    }

    /** An observation with a radar speed. */
    public SpotObservation(String plateText, String plateArabic, double confidence, String cameraId,
                           Instant eventTime, Double speedKmh, List<String> evidenceSha256, List<String> frameIds) {
        this(plateText, plateArabic, confidence, cameraId, eventTime, speedKmh, evidenceSha256, frameIds,
                SpeedSource.RADAR, null);
    }

    /** The observation of one plate read. */
    public static SpotObservation of(PlateRead read) {
        return new SpotObservation(read.getPlateText(), read.getPlateArabic(), read.getConfidence(),
                read.getCameraId(), read.getCaptureTime(), read.getRadarSpeedKmh(),
                List.of(read.getEvidenceSha256()), List.of(read.getFrameId()));
    }

    /**
     * The observation of a passage: its consensus plate, first sighting and radar speed, with the best
     * frame as evidence.
     */
    public static SpotObservation of(org.raqib.models.Passage passage) {
        boolean video = passage.getSpeedSource() == SpeedSource.VIDEO;
        return new SpotObservation(passage.getPlateText(), passage.getPlateArabic(), passage.getConfidence(),
                passage.getCameraId(), passage.getFirstSeen(), passage.getSpeedKmh(),
                List.of(passage.getEvidenceSha256()), List.of(passage.getBestFrameId()),
                video ? SpeedSource.VIDEO : SpeedSource.RADAR, video ? passage.getSpeedUncertaintyKmh() : null);
    }

    @Override
    public String toString() {
        // Plate text is personal data: keep it out of logs and exception messages.
        return "SpotObservation[camera=" + cameraId + ", at=" + eventTime + ", speed=" + speedKmh + ", frames="
                + frameIds + "]";
    }
}
