package org.raqib.ingest.gateway;

/**
 * Why the gateway refused an upload: the HTTP status it answers and the reason code written to the
 * {@code raqib.dead-letter} record, to the JSON error body and to the {@code reason} label of the
 * rejection metric.
 */
public enum RejectReason {
    /** No {@code X-Raqib-Signature} or {@code X-Raqib-Timestamp} header. */
    MISSING_SIGNATURE(401, "missing-signature"),
    /** The signature does not match the camera's secret (or is not 64 hex digits). */
    BAD_SIGNATURE(401, "bad-signature"),
    /** {@code X-Raqib-Timestamp} is not epoch milliseconds. */
    BAD_TIMESTAMP(401, "bad-timestamp"),
    /** The signed timestamp is further from the gateway's clock than the allowed skew. */
    STALE_TIMESTAMP(401, "stale-timestamp"),
    /** The same signature was already used within the skew window: a replay. */
    REPLAYED_SIGNATURE(401, "replayed-signature"),
    /** The camera id is not in the registry. */
    UNKNOWN_CAMERA(404, "unknown-camera"),
    /** The camera is in the registry but disabled. */
    CAMERA_DISABLED(403, "camera-disabled"),
    /** The body is empty. */
    EMPTY_BODY(400, "empty-body"),
    /** The body is larger than the configured maximum. */
    TOO_LARGE(413, "too-large"),
    /** The body does not start with a JPEG start-of-image marker (PNG, text, ...). */
    NOT_JPEG(400, "not-jpeg"),
    /** The JPEG ends before its end-of-image marker or a segment runs past the end. */
    TRUNCATED_JPEG(400, "truncated-jpeg"),
    /** The JPEG's markers are not a valid sequence (no frame header before the scan, bad lengths). */
    MALFORMED_JPEG(400, "malformed-jpeg"),
    /** The frame header declares more pixels than allowed: a decompression bomb. */
    DIMENSIONS_TOO_LARGE(400, "dimensions-too-large"),
    /** The radar speed header is not a number in 0..400 km/h. */
    BAD_SPEED(400, "bad-speed"),
    /** The lane header is not a whole number in 1..16. */
    BAD_LANE(400, "bad-lane"),
    /** The capture time header is not epoch milliseconds or lies in the future. */
    BAD_CAPTURE_TIME(400, "bad-capture-time");

    private final int status;
    private final String code;

    RejectReason(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** HTTP status answered. */
    public int status() {
        return status;
    }

    /** Reason code (dead letter, JSON error, metric label). */
    public String code() {
        return code;
    }
}
