package org.raqib.models.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.CameraFrame;
import org.raqib.models.Topics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AvroWireTest {

    private static CameraFrame frame() {
        return CameraFrame.newBuilder().setFrameId("f-1").setCameraId("cam-1")
                .setCaptureTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setReceiveTime(Instant.ofEpochMilli(1_700_000_000_050L))
                .setJpeg(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3}))
                .setWidth(640).setHeight(480).setLane(2).setRadarSpeedKmh(131.5).setOrigin("simulator").build();
    }

    @Test
    void roundTripsWithSingleObjectHeader() {
        AvroWire<CameraFrame> wire = Topics.FRAMES.wire();
        byte[] bytes = wire.encode(frame());
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        assertEquals(AvroWire.fingerprint(CameraFrame.getClassSchema()), AvroWire.fingerprintOf(bytes));
        assertEquals(frame(), wire.decode(bytes));
    }

    @Test
    void resolvesAnOlderWriterSchema() {
        // An older CameraFrame without lane, radar speed and origin.
        Schema current = CameraFrame.getClassSchema();
        String older = current.toString()
                .replaceAll(",\\{\"name\":\"lane\".*\\]\\}$", "]}");
        Schema old = new Schema.Parser().parse(older);
        assertEquals(7, old.getFields().size());
        GenericRecord r = new GenericData.Record(old);
        r.put("frameId", "f-old");
        r.put("cameraId", "cam-9");
        r.put("captureTime", 1L);
        r.put("receiveTime", 2L);
        r.put("jpeg", ByteBuffer.wrap(new byte[] {1}));
        r.put("width", 10);
        r.put("height", 20);
        byte[] bytes = toBytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old), r);

        AvroWire<CameraFrame> plain = Topics.FRAMES.wire();
        assertThrows(AvroWire.WireFormatException.class, () -> plain.decode(bytes), "unknown writer must be refused");

        CameraFrame read = plain.withWriterSchemas(List.of(old)).decode(bytes);
        assertEquals("f-old", read.getFrameId());
        assertNull(read.getRadarSpeedKmh());
        assertEquals("upload", read.getOrigin());
        assertArrayEquals(new byte[] {1}, read.getJpeg().array());
    }

    @Test
    void rejectsGarbageWithAClearError() {
        AvroWire<CameraFrame> wire = Topics.FRAMES.wire();
        var e = assertThrows(AvroWire.WireFormatException.class, () -> wire.decode(new byte[] {1, 2, 3}));
        assertEquals("not an Avro single-object value: 3 bytes", e.getMessage());
        byte[] good = wire.encode(frame());
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 4);
        assertThrows(AvroWire.WireFormatException.class, () -> wire.decode(truncated));
        // A frame is not a violation: the fingerprint tells them apart.
        assertThrows(AvroWire.WireFormatException.class, () -> Topics.VIOLATIONS.wire().decode(good));
    }

    private static byte[] toBytes(BinaryMessageEncoder<GenericRecord> enc, GenericRecord r) {
        try {
            ByteBuffer b = enc.encode(r);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
