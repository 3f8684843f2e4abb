package org.raqib.ingest.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.raqib.models.CameraFrame;
import org.raqib.models.wire.AvroWire;

/**
 * Writes a {@link CameraFrame} as Avro single-object encoding, byte for byte what
 * {@code Topics.FRAMES.wire().encode(frame)} writes, straight into one array of the exact size.
 *
 * <p>Why by hand: the generic Avro writer goes through a growing output buffer and {@link AvroWire} then
 * copies its result again, so every 200 KB JPEG was copied three times on the way to the producer, besides
 * the reflection-driven field walk. The field order and types below follow {@code CameraFrame.avsc}; when
 * the schema changes, {@code CameraFrameEncoderTest} (which compares against {@link AvroWire}) fails.
 */
final class CameraFrameEncoder {

    private static final byte[] HEADER = header(AvroWire.fingerprint(CameraFrame.getClassSchema()));

    private CameraFrameEncoder() {
    }

    /** The single-object encoded frame. */
    static byte[] encode(CameraFrame frame) {
        byte[] frameId = utf8(frame.getFrameId());
        byte[] cameraId = utf8(frame.getCameraId());
        byte[] origin = utf8(frame.getOrigin());
        ByteBuffer jpeg = frame.getJpeg().duplicate();
        int jpegLength = jpeg.remaining();
        long captureTime = frame.getCaptureTime().toEpochMilli();
        long receiveTime = frame.getReceiveTime().toEpochMilli();
        Integer lane = frame.getLane();
        Double speed = frame.getRadarSpeedKmh();

        int size = HEADER.length
                + varLongSize(frameId.length) + frameId.length
                + varLongSize(cameraId.length) + cameraId.length
                + varLongSize(captureTime) + varLongSize(receiveTime)
                + varLongSize(jpegLength) + jpegLength
                + varLongSize(frame.getWidth()) + varLongSize(frame.getHeight())
                + 1 + (lane == null ? 0 : varLongSize(lane))
                + 1 + (speed == null ? 0 : Double.BYTES)
                + varLongSize(origin.length) + origin.length;
        byte[] out = new byte[size];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        int pos = HEADER.length;
        pos = writeBytes(out, pos, frameId);
        pos = writeBytes(out, pos, cameraId);
        pos = writeVarLong(out, pos, captureTime);
        pos = writeVarLong(out, pos, receiveTime);
        pos = writeVarLong(out, pos, jpegLength);
        jpeg.get(out, pos, jpegLength);
        pos += jpegLength;
        pos = writeVarLong(out, pos, frame.getWidth());
        pos = writeVarLong(out, pos, frame.getHeight());
        // Unions ["null", T]: branch index 0 for null, 1 and then the value otherwise.
        if (lane == null) {
            pos = writeVarLong(out, pos, 0);
        } else {
            pos = writeVarLong(out, pos, 1);
            pos = writeVarLong(out, pos, lane);
        }
        if (speed == null) {
            pos = writeVarLong(out, pos, 0);
        } else {
            pos = writeVarLong(out, pos, 1);
            long bits = Double.doubleToRawLongBits(speed);
            for (int i = 0; i < Double.BYTES; i++) {
                out[pos++] = (byte) (bits >>> (8 * i));
            }
        }
        pos = writeBytes(out, pos, origin);
        if (pos != size) {
            throw new IllegalStateException("CameraFrame encoding size mismatch: " + pos + " != " + size);
        }
        return out;
    }

    /** Marker {@code C3 01}, then the writer schema's fingerprint, little-endian. */
    private static byte[] header(long fingerprint) {
        byte[] h = new byte[AvroWire.HEADER_LENGTH];
        h[0] = AvroWire.MAGIC[0];
        h[1] = AvroWire.MAGIC[1];
        for (int i = 0; i < 8; i++) {
            h[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return h;
    }

    private static byte[] utf8(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Avro {@code string} or {@code bytes}: the length as a long, then the bytes. */
    private static int writeBytes(byte[] out, int pos, byte[] value) {
        pos = writeVarLong(out, pos, value.length);
        System.arraycopy(value, 0, out, pos, value.length);
        return pos + value.length;
    }

    /** Avro {@code int} and {@code long} share one wire form: zig-zag, then 7 bits per byte, low bits first. */
    private static int writeVarLong(byte[] out, int pos, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out[pos++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out[pos++] = (byte) n;
        return pos;
    }

    private static int varLongSize(long value) {
        long n = (value << 1) ^ (value >> 63);
        int size = 1;
        while ((n & ~0x7FL) != 0) {
            size++;
            n >>>= 7;
        }
        return size;
    }
}
