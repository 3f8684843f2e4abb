package org.raqib.jobs.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AvroRecordSerializerTest {

    @Test
    void roundTripsAndCopiesRecordsWithBytesTimesAndNestedRecords() throws Exception {
        AvroRecordSerializer<CameraFrame> serializer = new AvroRecordSerializer<>(CameraFrame.class);
        CameraFrame frame = Fixtures.frame("f-1", "cam-1", new byte[] {1, 2, 3, (byte) 0xFF}, 640, 480, 93.5, 1234L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(frame, out);
        serializer.serialize(frame, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertEquals(frame, serializer.deserialize(in));
        assertEquals(frame, serializer.deserialize(in));

        PlateRead read = Fixtures.read("f-1", "cam-1", "1234ABD", 0.9, null, 99L);
        AvroRecordSerializer<PlateRead> reads = new AvroRecordSerializer<>(PlateRead.class);
        PlateRead copy = reads.copy(read);
        assertEquals(read, copy);
        assertNotSame(read, copy);
        assertEquals(reads, reads.duplicate());
    }

    @Test
    void writesTheKafkaSingleObjectEncodingAndReadsValuesOfOlderWritersThroughAvroWire() throws Exception {
        // given a read serialized by the fast path
        AvroRecordSerializer<PlateRead> serializer = new AvroRecordSerializer<>(PlateRead.class);
        PlateRead read = Fixtures.read("f-1", "cam-1", "1234ABD", 0.9, 101.5, 99L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(read, out);
        byte[] written = out.getCopyOfBuffer();
        // then the bytes after the length are exactly what Kafka carries (so old state stays readable)
        byte[] wire = Topics.READS.wire().encode(read);
        assertEquals(wire.length, new DataInputDeserializer(written).readInt());
        assertArrayEquals(wire, java.util.Arrays.copyOfRange(written, 4, written.length));

        // and a value whose header is not the current schema's is left to AvroWire, which rejects
        // an unknown writer rather than misreading it
        byte[] foreign = wire.clone();
        foreign[5] ^= 0x5A;
        DataOutputSerializer bad = new DataOutputSerializer(64);
        bad.writeInt(foreign.length);
        bad.write(foreign);
        assertThrows(AvroWire.WireFormatException.class,
                () -> serializer.deserialize(new DataInputDeserializer(bad.getCopyOfBuffer())));
    }

    @Test
    void snapshotRestoresTheSameSerializerAndIsCompatibleWithItself() throws Exception {
        AvroRecordSerializer<PlateRead> serializer = new AvroRecordSerializer<>(PlateRead.class);
        TypeSerializerSnapshot<PlateRead> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        AvroRecordSerializer.Snapshot<PlateRead> restored = new AvroRecordSerializer.Snapshot<>();
        restored.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertEquals(serializer, restored.restoreSerializer());
        assertTrue(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs());
        assertTrue(new AvroRecordSerializer<>(CameraFrame.class).snapshotConfiguration()
                .resolveSchemaCompatibility((TypeSerializerSnapshot) restored).isIncompatible());
    }
}
