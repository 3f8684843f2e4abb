package org.raqib.jobs.section;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.raqib.jobs.speed.SpeedBand;
import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;
import org.raqib.models.plate.SaudiPlate;

/**
 * The section (average) speed rule. Two cameras on the same road and direction, next to each other
 * by km marker, form a section; a vehicle's passages at both give distance / time. Pure: no Flink, no
 * clock; the same passages give the same violation (same id and {@code detectedAt}).
 *
 * <ul>
 *   <li>Entry is the earlier passage in event time, whatever order they arrived in.</li>
 *   <li>Distance is the difference of the km markers; time is between the passages' first sightings.</li>
 *   <li>Limit: the lower of the two cameras' limits (a vehicle keeping the stricter limit along the
 *       section is never ticketed); tolerance: the larger of the two (benefit of the doubt).</li>
 *   <li>Exactly at limit + tolerance is allowed. An average above {@value #MAX_PLAUSIBLE_KMH} km/h is
 *       not a speeding car but two vehicles with the same plate text (a misread or a cloned plate): no
 *       violation.</li>
 *   <li>Status {@code ISSUED} when both passages' confidence reaches the review threshold and the
 *       text is a valid Saudi plate; else {@code NEEDS_REVIEW}.</li>
 * </ul>
 */
public final class SectionSpeedRule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Averages above this are implausible for a road vehicle, km/h. */
    public static final double MAX_PLAUSIBLE_KMH = 300;

    private final double reviewThreshold;

    /**
     * @param reviewThreshold plate confidence (0..1) from which a violation is issued automatically
     */
    public SectionSpeedRule(double reviewThreshold) {
        if (!(reviewThreshold >= 0 && reviewThreshold <= 1)) {
            throw new IllegalArgumentException("review threshold must be in 0..1, got " + reviewThreshold);
        }
        this.reviewThreshold = reviewThreshold;
    }

    /** True when cameras {@code a} and {@code b} lie on the same road and direction at different markers. */
    public static boolean sameCarriageway(Camera a, Camera b) {
        return !a.getCameraId().equals(b.getCameraId()) && a.getRoadId().equals(b.getRoadId())
                && a.getDirection().equals(b.getDirection()) && a.getKmMarker() != b.getKmMarker();
    }

    /**
     * The cameras that form a section with {@code camera}: on its road and direction, the nearest
     * marker below and the nearest above (sections are between neighbours, so a vehicle passing three
     * cameras is measured twice over two sections, never a third time over both).
     */
    public static List<Camera> neighbours(Camera camera, Collection<Camera> registry) {
        Camera below = null;
        Camera above = null;
        for (Camera c : registry) {
            if (!sameCarriageway(camera, c)) {
                continue;
            }
            if (c.getKmMarker() < camera.getKmMarker()) {
                if (below == null || c.getKmMarker() > below.getKmMarker()) {
                    below = c;
                }
            } else if (above == null || c.getKmMarker() < above.getKmMarker()) {
                above = c;
            }
        }
        List<Camera> out = new ArrayList<>(2);
        if (below != null) {
            out.add(below);
        }
        if (above != null) {
            out.add(above);
        }
        return out;
    }

    /**
     * How long after a passage at {@code camera} a partner passage at {@code neighbour} can still make
     * a violation: beyond {@code km / (limit + tolerance)} the average is legal whatever happens, so
     * the passage need not be kept longer. Capped at {@code max}.
     */
    public static Duration violationWindow(Camera camera, Camera neighbour, Duration max) {
        double km = Math.abs(camera.getKmMarker() - neighbour.getKmMarker());
        int allowed = Math.min(camera.getSpeedLimitKmh(), neighbour.getSpeedLimitKmh())
                + Math.max(camera.getToleranceKmh(), neighbour.getToleranceKmh());
        if (allowed <= 0) {
            return max;
        }
        long millis = (long) Math.ceil(km / allowed * 3_600_000d);
        return millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /**
     * Applies the rule to two passages of the same plate.
     *
     * @return the violation, or empty when there is none
     * @throws IllegalArgumentException when plates differ, a camera is not its passage's or the two
     *     cameras do not form a section
     */
    public Optional<Violation> evaluate(Passage a, Camera cameraA, Passage b, Camera cameraB) {
        if (!a.getPlateText().equals(b.getPlateText())) {
            throw new IllegalArgumentException("a section needs two passages of one plate");
        }
        if (!a.getCameraId().equals(cameraA.getCameraId()) || !b.getCameraId().equals(cameraB.getCameraId())) {
            throw new IllegalArgumentException("passages checked against the wrong cameras");
        }
        if (!sameCarriageway(cameraA, cameraB)) {
            throw new IllegalArgumentException("cameras " + cameraA.getCameraId() + " and " + cameraB.getCameraId()
                    + " do not form a section");
        }
        boolean aFirst = a.getFirstSeen().isBefore(b.getFirstSeen());
        Passage entry = aFirst ? a : b;
        Passage exit = aFirst ? b : a;
        Camera entryCam = aFirst ? cameraA : cameraB;
        Camera exitCam = aFirst ? cameraB : cameraA;
        long millis = exit.getFirstSeen().toEpochMilli() - entry.getFirstSeen().toEpochMilli();
        if (millis <= 0 || !entryCam.getEnabled() || !exitCam.getEnabled()) {
            return Optional.empty();
        }
        double km = Math.abs(exitCam.getKmMarker() - entryCam.getKmMarker());
        double speed = km / (millis / 3_600_000d);
        int limit = Math.min(entryCam.getSpeedLimitKmh(), exitCam.getSpeedLimitKmh());
        int tolerance = Math.max(entryCam.getToleranceKmh(), exitCam.getToleranceKmh());
        if (limit <= 0 || speed <= limit + tolerance || speed > MAX_PLAUSIBLE_KMH) {
            return Optional.empty();
        }
        double excess = speed - limit;
        double confidence = Math.min(entry.getConfidence(), exit.getConfidence());
        boolean automatic = confidence >= reviewThreshold && SaudiPlate.isValid(exit.getPlateText());
        List<String> cameraIds = List.of(entryCam.getCameraId(), exitCam.getCameraId());
        Instant at = exit.getFirstSeen();
        return Optional.of(Violation.newBuilder()
                .setViolationId(ViolationIds.of(ViolationType.SECTION_SPEEDING, exit.getPlateText(), cameraIds, at))
                .setType(ViolationType.SECTION_SPEEDING)
                .setStatus(automatic ? ViolationStatus.ISSUED : ViolationStatus.NEEDS_REVIEW)
                .setPlateText(exit.getPlateText())
                .setPlateArabic(exit.getPlateArabic())
                .setConfidence(confidence)
                .setCameraIds(new ArrayList<>(cameraIds))
                .setRoadId(exitCam.getRoadId())
                .setRegion(exitCam.getRegion())
                .setEventTime(at)
                .setEntryTime(entry.getFirstSeen())
                .setMeasuredSpeedKmh(speed)
                .setSpeedLimitKmh(limit)
                .setToleranceKmh(tolerance)
                .setExcessKmh(excess)
                .setSpeedBand(SpeedBand.of(excess))
                .setSpeedSource(SpeedSource.SECTION)
                .setEvidenceSha256(new ArrayList<>(List.of(entry.getEvidenceSha256(), exit.getEvidenceSha256())))
                .setFrameIds(new ArrayList<>(List.of(entry.getBestFrameId(), exit.getBestFrameId())))
                .setDetectedAt(at)
                .setSignature(null)
                .build());
    }
}
