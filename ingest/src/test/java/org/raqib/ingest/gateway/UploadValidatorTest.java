package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.CameraFrame;

/** The battery of bad uploads, one rule at a time, against the pure validator. */
@Timeout(20)
class UploadValidatorTest {

    private static final String SECRET = "test-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final byte[] JPEG = TestJpegs.jpeg(640, 480, 7);

    private final CameraRegistry registry = new CameraRegistry(List.of(camera("CAM-A", true), camera("CAM-OFF", false)));
    private final ReplayGuard replays = new ReplayGuard(Duration.ofMinutes(5), 1000);
    private final UploadValidator validator = new UploadValidator(registry::find, replays,
            GatewayOptions.defaults().withMaxImageSize(4096, 4096));

    @Test
    void acceptsASignedJpegAndKeepsItsHeaders() {
        UploadValidator.Verdict v = validator.check(signed("CAM-A", JPEG, NOW.toEpochMilli(), "87.5", "2", null), NOW);
        CameraFrame f = assertInstanceOf(UploadValidator.Accept.class, v).frame();
        assertEquals("CAM-A", f.getCameraId());
        assertEquals(640, f.getWidth());
        assertEquals(480, f.getHeight());
        assertEquals(87.5, f.getRadarSpeedKmh());
        assertEquals(2, f.getLane());
        assertEquals(NOW, f.getCaptureTime());
        assertEquals(NOW, f.getReceiveTime());
        assertEquals("upload", f.getOrigin());
        assertEquals(ByteBuffer.wrap(JPEG), f.getJpeg());
    }

    @Test
    void frameIdIsTheSameForTheSameFrameAndDiffersOtherwise() {
        long t = NOW.toEpochMilli();
        String a = accepted(signed("CAM-A", JPEG, t, null, null, null)).getFrameId();
        // A retry signs again (new timestamp) but carries the same capture time and body: same id.
        String retry = accepted(signed("CAM-A", JPEG, t + 1000, null, null, Long.toString(t))).getFrameId();
        String other = accepted(signed("CAM-A", TestJpegs.jpeg(640, 480, 8), t, null, null, null)).getFrameId();
        assertEquals(a, retry);
        assertNotEquals(a, other);
    }

    @Test
    void speedAndLaneAreOptional() {
        CameraFrame f = accepted(signed("CAM-A", JPEG, NOW.toEpochMilli(), null, null, null));
        assertNull(f.getRadarSpeedKmh());
        assertNull(f.getLane());
    }

    @Test
    void unsigned() {
        UploadValidator.Upload u = new UploadValidator.Upload("CAM-A", null, null, null, null, null, JPEG, JPEG.length);
        assertRejected(RejectReason.MISSING_SIGNATURE, u);
    }

    @Test
    void wrongSecret() {
        long t = NOW.toEpochMilli();
        String sig = FrameSignature.sign("some-other-secret-xyz", "CAM-A", t, FrameSignature.sha256Hex(JPEG, JPEG.length));
        assertRejected(RejectReason.BAD_SIGNATURE, new UploadValidator.Upload("CAM-A", Long.toString(t), sig, null,
                null, null, JPEG, JPEG.length));
    }

    @Test
    void bodyChangedAfterSigning() {
        UploadValidator.Upload u = signed("CAM-A", JPEG, NOW.toEpochMilli(), null, null, null);
        byte[] changed = Arrays.copyOf(JPEG, JPEG.length);
        changed[100] ^= 1;
        assertRejected(RejectReason.BAD_SIGNATURE, new UploadValidator.Upload("CAM-A", u.timestamp(), u.signature(),
                null, null, null, changed, changed.length));
    }

    @Test
    void speedIsOutsideTheSignatureButChecked() {
        for (String bad : List.of("NaN", "-1", "400.1", "Infinity", "fast")) {
            assertRejected(RejectReason.BAD_SPEED, signed("CAM-A", JPEG, NOW.toEpochMilli(), bad, null, null));
        }
        accepted(signed("CAM-A", JPEG, NOW.toEpochMilli() - 1, "400", null, null));
        accepted(signed("CAM-A", JPEG, NOW.toEpochMilli() - 2, "0", null, null));
    }

    @Test
    void badLane() {
        assertRejected(RejectReason.BAD_LANE, signed("CAM-A", JPEG, NOW.toEpochMilli(), null, "0", null));
        assertRejected(RejectReason.BAD_LANE, signed("CAM-A", JPEG, NOW.toEpochMilli(), null, "two", null));
    }

    @Test
    void staleAndFutureTimestamps() {
        long skew = Duration.ofMinutes(5).toMillis();
        assertRejected(RejectReason.STALE_TIMESTAMP, signed("CAM-A", JPEG, NOW.toEpochMilli() - skew - 1, null, null, null));
        assertRejected(RejectReason.STALE_TIMESTAMP, signed("CAM-A", JPEG, NOW.toEpochMilli() + skew + 1, null, null, null));
        accepted(signed("CAM-A", JPEG, NOW.toEpochMilli() - skew, null, null, null));
        UploadValidator.Upload u = signed("CAM-A", JPEG, NOW.toEpochMilli(), null, null, null);
        assertRejected(RejectReason.BAD_TIMESTAMP, new UploadValidator.Upload("CAM-A", "yesterday", u.signature(),
                null, null, null, JPEG, JPEG.length));
    }

    @Test
    void replayedSignature() {
        UploadValidator.Upload u = signed("CAM-A", JPEG, NOW.toEpochMilli(), null, null, null);
        accepted(u);
        assertRejected(RejectReason.REPLAYED_SIGNATURE, u);
        // Once the gateway gives the signature back (Kafka failed), the very same request is accepted.
        replays.release(u.signature());
        accepted(u);
    }

    @Test
    void aRejectedRequestDoesNotUseUpItsSignature() {
        UploadValidator.Upload bad = signed("CAM-A", JPEG, NOW.toEpochMilli(), "NaN", null, null);
        assertRejected(RejectReason.BAD_SPEED, bad);
        assertEquals(0, replays.size());
    }

    @Test
    void unknownAndDisabledCameras() {
        assertRejected(RejectReason.UNKNOWN_CAMERA, signed("CAM-NOPE", JPEG, NOW.toEpochMilli(), null, null, null));
        assertRejected(RejectReason.CAMERA_DISABLED, signed("CAM-OFF", JPEG, NOW.toEpochMilli(), null, null, null));
    }

    @Test
    void bodies() {
        long t = NOW.toEpochMilli();
        assertRejected(RejectReason.EMPTY_BODY, signed("CAM-A", new byte[0], t, null, null, null));
        assertRejected(RejectReason.NOT_JPEG, signed("CAM-A", TestJpegs.png(64, 64), t, null, null, null));
        assertRejected(RejectReason.TRUNCATED_JPEG, signed("CAM-A", Arrays.copyOf(JPEG, JPEG.length / 2), t, null, null, null));
        assertRejected(RejectReason.DIMENSIONS_TOO_LARGE,
                signed("CAM-A", TestJpegs.declaring(JPEG, 60000, 60000), t, null, null, null));
        assertRejected(RejectReason.DIMENSIONS_TOO_LARGE,
                signed("CAM-A", TestJpegs.declaring(JPEG, 4097, 10), t, null, null, null));
        accepted(signed("CAM-A", TestJpegs.declaring(JPEG, 4096, 4096), t, null, null, null));
    }

    @Test
    void captureTimeInTheFutureIsRefused() {
        long t = NOW.toEpochMilli();
        assertRejected(RejectReason.BAD_CAPTURE_TIME, signed("CAM-A", JPEG, t, null, null,
                Long.toString(t + Duration.ofHours(1).toMillis())));
        assertRejected(RejectReason.BAD_CAPTURE_TIME, signed("CAM-A", JPEG, t, null, null, "noon"));
    }

    @Test
    void aFullReplayGuardRefusesRatherThanForgets() {
        UploadValidator small = new UploadValidator(registry::find, new ReplayGuard(Duration.ofMinutes(5), 1),
                GatewayOptions.defaults());
        long t = NOW.toEpochMilli();
        assertInstanceOf(UploadValidator.Accept.class, small.check(signed("CAM-A", JPEG, t, null, null, null), NOW));
        assertThrows(UploadValidator.ReplayCacheFullException.class,
                () -> small.check(signed("CAM-A", JPEG, t + 1, null, null, null), NOW));
    }

    private CameraFrame accepted(UploadValidator.Upload u) {
        UploadValidator.Verdict v = validator.check(u, NOW);
        return assertInstanceOf(UploadValidator.Accept.class, v, () -> String.valueOf(v)).frame();
    }

    private void assertRejected(RejectReason reason, UploadValidator.Upload u) {
        UploadValidator.Verdict v = validator.check(u, NOW);
        UploadValidator.Reject r = assertInstanceOf(UploadValidator.Reject.class, v, () -> String.valueOf(v));
        assertEquals(reason, r.rejection().reason(), r.rejection().message());
    }

    private static UploadValidator.Upload signed(String camera, byte[] body, long t, String speed, String lane,
                                                 String capture) {
        String sig = FrameSignature.sign(SECRET, camera, t, FrameSignature.sha256Hex(body, body.length));
        return new UploadValidator.Upload(camera, Long.toString(t), sig, capture, speed, lane, body, body.length);
    }

    private static RegisteredCamera camera(String id, boolean enabled) {
        return new RegisteredCamera(id, SECRET, id, 24.7, 46.7, "R1", "N", 1.0, 80, 10, "riyadh", true, null, enabled);
    }
}
