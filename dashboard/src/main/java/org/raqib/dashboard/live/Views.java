package org.raqib.dashboard.live;

import java.util.List;
import java.util.Map;

/** What the page receives: plain records, serialised to JSON as they are. Times are epoch milliseconds. */
public final class Views {

    private Views() {
    }

    /** A violation on the live list ({@code list} = issued) or in the review queue ({@code list} = review). */
    public record ViolationView(String id, String list, String type, String status, PlateText plate,
            double confidence, List<String> cameraIds, String cameraName, String roadId, String region,
            long eventTime, Long entryTime, long detectedAt, double speedKmh, int limitKmh, int toleranceKmh,
            double excessKmh, String speedBand, String speedSource, boolean signed, List<String> frameIds,
            String evidence) {
    }

    /** A patrol alert with its acknowledgement, if any. */
    public record AlertView(String id, String region, PlateText plate, String hotlistPlate, int substitutions,
            String reason, int priority, String cameraId, String cameraName, double latitude, double longitude,
            String roadId, String direction, long eventTime, double confidence, String frameId, String evidence,
            AckView ack) {

        AlertView withAck(AckView a) {
            return new AlertView(id, region, plate, hotlistPlate, substitutions, reason, priority, cameraId,
                    cameraName, latitude, longitude, roadId, direction, eventTime, confidence, frameId, evidence, a);
        }
    }

    /** An acknowledgement of a patrol alert. */
    public record AckView(String alertId, String region, String by, String role, long at, String note) {
    }

    /**
     * A camera with its feed state: from raqib.camera-health when a recent report exists
     * ({@code stateSource} = health), otherwise derived from the frames seen ({@code stateSource} = frames).
     * {@code lastFrameAt} is when the newest frame reached the gateway, {@code frameBehindMs} how long after its
     * capture time (a camera whose uplink stalled sends its backlog late: online, but behind; or its clock is behind);
     * null before a frame.
     */
    public record CameraView(String id, String name, String region, String roadId, String direction,
            double kmMarker, double latitude, double longitude, int limitKmh, int toleranceKmh, boolean hasRadar,
            boolean enabled, String state, String stateSource, double fps, Long lastFrameAt, Long lastReadAt,
            long frames, long reads, String message, boolean hasFrame, Long frameBehindMs) {
    }

    /** Pipeline latency, capture to visible for a committed-read consumer, in milliseconds. */
    public record Latency(long samples, Long p50, Long p99) {
    }

    /**
     * The Trends view: violations (issued + review) per hour by type over the last 24 hours; plate reads
     * per second over the last 5 minutes; latency percentiles over the last 5 minutes, overall and per
     * 10-second bucket.
     */
    public record TrendsView(long now, List<Long> hours, Map<String, List<Integer>> perHourByType,
            long readsFrom, List<Integer> readsPerSecond, Latency readLatency, Latency violationLatency,
            List<Long> latencyBuckets, List<Long> latencyP50, List<Long> latencyP99) {
    }

    /** Everything the page needs when it connects; afterwards it gets the changes. */
    public record Snapshot(List<ViolationView> issued, List<ViolationView> review, List<AlertView> alerts,
            List<CameraView> cameras, TrendsView trends, List<String> regions) {
    }
}
