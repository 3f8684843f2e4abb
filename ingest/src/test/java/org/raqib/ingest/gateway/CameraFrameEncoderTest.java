package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.CameraFrame;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

/**
 * The gateway's hand-written encodings against the general ones they replace: the frame's Avro bytes
 * against {@link AvroWire}, the frame id against {@link UUID#nameUUIDFromBytes}, the 202 body against Jackson.
 */
@Timeout(20)
class CameraFrameEncoderTest {

    private static final AvroWire<CameraFrame> WIRE = Topics.FRAMES.wire();

    @Test
    void writesExactlyWhatAvroWrites() {
        Random r = new Random(5);
        byte[] jpeg = TestJpegs.jpeg(320, 240, 3);
        Integer[] lanes = {null, 1, 16, 64, 200};
        Double[] speeds = {null, 0.0, 87.5, 399.99, Double.NaN};
        String[] cameras = {"CAM-A", "", "كاميرا-١", "x".repeat(100)};
        long[] times = {0, 1, -1, 63, 64, -65, 1_764_417_600_123L, Long.MAX_VALUE / 2};
        for (int i = 0; i < 200; i++) {
            int from = r.nextInt(8);
            CameraFrame f = new CameraFrame(UUID.randomUUID().toString(), cameras[r.nextInt(cameras.length)],
                    Instant.ofEpochMilli(times[r.nextInt(times.length)]), Instant.ofEpochMilli(times[r.nextInt(times.length)]),
                    ByteBuffer.wrap(jpeg, from, jpeg.length - from - r.nextInt(8)).slice(), r.nextInt(70000),
                    r.nextBoolean() ? r.nextInt(70000) : Integer.MAX_VALUE, lanes[r.nextInt(lanes.length)],
                    speeds[r.nextInt(speeds.length)], r.nextBoolean() ? "upload" : "replay");
            byte[] expected = WIRE.encode(f);
            assertArrayEquals(expected, CameraFrameEncoder.encode(f), "frame " + i);
            assertEquals(f, WIRE.decode(CameraFrameEncoder.encode(f)));
        }
    }

    @Test
    void leavesTheFramesJpegBufferAsItWas() {
        byte[] jpeg = TestJpegs.jpeg(64, 48, 1);
        ByteBuffer buffer = ByteBuffer.wrap(jpeg, 2, jpeg.length - 2).slice();
        CameraFrame f = new CameraFrame("id", "CAM", Instant.EPOCH, Instant.EPOCH, buffer, 64, 48, null, null, "upload");
        CameraFrameEncoder.encode(f);
        assertEquals(0, buffer.position());
        assertEquals(jpeg.length - 2, buffer.remaining());
    }

    @Test
    void frameIdIsTheVersion3UuidOfCameraCaptureTimeAndBodyHash() {
        for (String camera : new String[] {"CAM-A", "كاميرا", ""}) {
            for (long t : new long[] {0, 1_764_417_600_123L, -5}) {
                String hash = FrameSignature.sha256Hex(camera.getBytes(StandardCharsets.UTF_8), camera.length());
                String expected = UUID.nameUUIDFromBytes((camera + "\n" + t + "\n" + hash)
                        .getBytes(StandardCharsets.UTF_8)).toString();
                assertEquals(expected, UploadValidator.frameId(camera, t, hash));
            }
        }
    }

    @Test
    void acceptedBodyIsWhatJacksonWrites() {
        for (String camera : new String[] {"RUH-KFR-N-008", "cam\"quote", "back\\slash", "كاميرا", "tab\tx", "~%20"}) {
            CameraFrame f = new CameraFrame(UUID.randomUUID().toString(), camera, Instant.EPOCH, Instant.EPOCH,
                    ByteBuffer.allocate(0), 1280, 720, null, null, "upload");
            ObjectNode o = JsonReply.object();
            o.put("frameId", f.getFrameId());
            o.put("cameraId", camera);
            o.put("width", 1280);
            o.put("height", 720);
            assertEquals(JsonReply.text(o), UploadHandler.accepted(f), camera);
        }
    }
}
