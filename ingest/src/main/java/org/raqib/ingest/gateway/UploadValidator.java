package org.raqib.ingest.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.CameraFrame;

/**
 * The rules an upload must pass before it becomes a {@link CameraFrame}, in the order they are
 * applied: a registered, enabled camera; a signature and timestamp; a timestamp within the clock skew;
 * the right signature; a non-empty JPEG whose header is sound and declares no more than the maximum
 * size; plausible radar speed, lane and capture time; and last, a signature not used before (so that a
 * rejected request does not use up its signature). No network, no decoding: a pure function of the
 * request, the registry and the clock, apart from the {@link ReplayGuard} it updates.
 *
 * <p>The frame id is derived from the camera, the capture time and the SHA-256 of the body (a name-based
 * UUID), so a camera that retries an upload after a 503 gets the same frame id again and downstream
 * consumers can drop the duplicate.
 */
public final class UploadValidator {

    /** Highest plausible radar speed, km/h. */
    public static final double MAX_SPEED_KMH = 400;
    /** Highest lane number. */
    public static final int MAX_LANE = 16;
    /** Oldest accepted capture time: a unit may upload frames it buffered while offline, up to this. */
    public static final Duration MAX_CAPTURE_AGE = Duration.ofDays(7);
    /** {@code CameraFrame.origin} of an uploaded frame. */
    static final String ORIGIN = "upload";
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> FrameSignature.digest("MD5"));

    private final Function<String, Optional<RegisteredCamera>> cameras;
    private final ReplayGuard replays;
    private final long skewMillis;
    private final int maxWidth;
    private final int maxHeight;

    /**
     * @param cameras looks a camera up by id (the gateway's live registry)
     * @param replays remembers used signatures
     * @param options clock skew and maximum image size
     */
    public UploadValidator(Function<String, Optional<RegisteredCamera>> cameras, ReplayGuard replays,
                           GatewayOptions options) {
        this.cameras = cameras;
        this.replays = replays;
        this.skewMillis = options.clockSkew().toMillis();
        this.maxWidth = options.maxImageWidth();
        this.maxHeight = options.maxImageHeight();
    }

    /**
     * One upload as it arrived. Header values are the raw text, {@code null} when absent.
     *
     * @param cameraId camera id from the path
     * @param timestamp {@code X-Raqib-Timestamp}
     * @param signature {@code X-Raqib-Signature}
     * @param captureTime {@code X-Raqib-Capture-Time} (epoch ms; defaults to the timestamp)
     * @param speedKmh {@code X-Raqib-Speed-Kmh}
     * @param lane {@code X-Raqib-Lane}
     * @param body the body buffer; only {@code body[0..length)} is the body
     * @param length body length
     * @param bodySha256Hex lower-case hex SHA-256 of the body when the caller hashed it while reading it (so
     *     that the body is not read from memory a second time), or null to have it computed here
     */
    public record Upload(String cameraId, String timestamp, String signature, String captureTime, String speedKmh,
                         String lane, byte[] body, int length, String bodySha256Hex) {

        /** An upload whose body is hashed by the validator. */
        public Upload(String cameraId, String timestamp, String signature, String captureTime, String speedKmh,
                      String lane, byte[] body, int length) {
            this(cameraId, timestamp, signature, captureTime, speedKmh, lane, body, length, null);
        }

        @Override
        public String toString() {
            return "Upload[" + cameraId + ", " + length + " bytes]";
        }
    }

    /** What became of an upload. */
    public sealed interface Verdict permits Accept, Reject {
    }

    /**
     * Accepted.
     *
     * @param frame the frame to publish
     * @param signature the signature claimed in the replay guard (release it if publishing fails)
     */
    public record Accept(CameraFrame frame, String signature) implements Verdict {
    }

    /**
     * Rejected.
     *
     * @param rejection why
     * @param cameraId the camera id from the path (for the dead letter), whether registered or not
     */
    public record Reject(Rejection rejection, String cameraId) implements Verdict {
    }

    /** Applies the rules to {@code upload} at gateway time {@code now}. */
    public Verdict check(Upload upload, Instant now) {
        String cameraId = upload.cameraId();
        Optional<RegisteredCamera> found = cameras.apply(cameraId);
        if (found.isEmpty()) {
            return reject(cameraId, RejectReason.UNKNOWN_CAMERA, "camera '" + cameraId + "' is not registered");
        }
        RegisteredCamera camera = found.get();
        if (!camera.enabled()) {
            return reject(cameraId, RejectReason.CAMERA_DISABLED, "camera '" + cameraId + "' is disabled");
        }
        if (upload.signature() == null || upload.signature().isBlank() || upload.timestamp() == null
                || upload.timestamp().isBlank()) {
            return reject(cameraId, RejectReason.MISSING_SIGNATURE,
                    "X-Raqib-Timestamp and X-Raqib-Signature headers are required");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(upload.timestamp().trim());
        } catch (NumberFormatException e) {
            return reject(cameraId, RejectReason.BAD_TIMESTAMP, "X-Raqib-Timestamp must be epoch milliseconds");
        }
        long nowMillis = now.toEpochMilli();
        if (Math.abs(nowMillis - timestamp) > skewMillis) {
            return reject(cameraId, RejectReason.STALE_TIMESTAMP, "X-Raqib-Timestamp is " + (nowMillis - timestamp)
                    + " ms from the gateway's clock; at most " + skewMillis + " ms allowed");
        }
        String bodyHash = upload.bodySha256Hex() != null ? upload.bodySha256Hex()
                : FrameSignature.sha256Hex(upload.body(), upload.length());
        if (!FrameSignature.verify(camera.secret(), cameraId, timestamp, bodyHash, upload.signature())) {
            return reject(cameraId, RejectReason.BAD_SIGNATURE, "X-Raqib-Signature does not match: expected hex "
                    + "HMAC-SHA256 with the camera's secret over cameraId\\ntimestamp\\nhex(sha256(body))");
        }
        if (upload.length() == 0) {
            return reject(cameraId, RejectReason.EMPTY_BODY, "the body is empty; expected a JPEG");
        }
        JpegHeader header;
        try {
            header = JpegHeader.read(upload.body(), upload.length());
        } catch (JpegHeader.InvalidJpegException e) {
            return reject(cameraId, e.reason(), e.getMessage());
        }
        if (header.width() > maxWidth || header.height() > maxHeight) {
            return reject(cameraId, RejectReason.DIMENSIONS_TOO_LARGE, "the JPEG declares " + header.width() + "x"
                    + header.height() + " pixels; at most " + maxWidth + "x" + maxHeight + " allowed");
        }
        Double speed = null;
        if (upload.speedKmh() != null) {
            try {
                speed = Double.parseDouble(upload.speedKmh().trim());
            } catch (NumberFormatException e) {
                return reject(cameraId, RejectReason.BAD_SPEED, "X-Raqib-Speed-Kmh must be a number of km/h");
            }
            if (!(speed >= 0 && speed <= MAX_SPEED_KMH)) {
                return reject(cameraId, RejectReason.BAD_SPEED, "X-Raqib-Speed-Kmh must be 0.." + (int) MAX_SPEED_KMH
                        + " km/h, got " + upload.speedKmh().trim());
            }
        }
        Integer lane = null;
        if (upload.lane() != null) {
            try {
                lane = Integer.parseInt(upload.lane().trim());
            } catch (NumberFormatException e) {
                return reject(cameraId, RejectReason.BAD_LANE, "X-Raqib-Lane must be a whole number 1.." + MAX_LANE);
            }
            if (lane < 1 || lane > MAX_LANE) {
                return reject(cameraId, RejectReason.BAD_LANE, "X-Raqib-Lane must be 1.." + MAX_LANE + ", got " + lane);
            }
        }
        long capture = timestamp;
        if (upload.captureTime() != null) {
            try {
                capture = Long.parseLong(upload.captureTime().trim());
            } catch (NumberFormatException e) {
                return reject(cameraId, RejectReason.BAD_CAPTURE_TIME, "X-Raqib-Capture-Time must be epoch milliseconds");
            }
            if (capture > nowMillis + skewMillis || capture < nowMillis - MAX_CAPTURE_AGE.toMillis()) {
                return reject(cameraId, RejectReason.BAD_CAPTURE_TIME, "X-Raqib-Capture-Time must lie between "
                        + MAX_CAPTURE_AGE.toDays() + " days ago and now");
            }
        }
        String signature = upload.signature().trim().toLowerCase(java.util.Locale.ROOT);
        switch (replays.claim(signature, timestamp, nowMillis)) {
            case REPLAY:
                return reject(cameraId, RejectReason.REPLAYED_SIGNATURE, "this signature was already used");
            case FULL:
                throw new ReplayCacheFullException();
            default:
                break;
        }
        // The all-arguments constructor: the builder deep-copies defaults and validates every field again.
        CameraFrame frame = new CameraFrame(frameId(cameraId, capture, bodyHash), cameraId, Instant.ofEpochMilli(capture),
                now, ByteBuffer.wrap(upload.body(), 0, upload.length()).slice(), header.width(), header.height(), lane,
                speed, ORIGIN);
        return new Accept(frame, signature);
    }

    /** The frame id of a camera's frame captured at {@code captureMillis} with body hash {@code bodySha256Hex}. */
    public static String frameId(String cameraId, long captureMillis, String bodySha256Hex) {
        // UUID.nameUUIDFromBytes (a version 3 UUID), with this thread's MD5 instead of a new one per call.
        MessageDigest md5 = MD5.get();
        md5.reset();
        byte[] h = md5.digest((cameraId + "\n" + captureMillis + "\n" + bodySha256Hex).getBytes(StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x30);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static Reject reject(String cameraId, RejectReason reason, String message) {
        return new Reject(Rejection.of(reason, message), cameraId);
    }

    /** The replay guard is full: the gateway answers 503 rather than risk accepting a replay. */
    public static final class ReplayCacheFullException extends RuntimeException {
        ReplayCacheFullException() {
            super("replay cache full", null, false, false);
        }
    }
}
