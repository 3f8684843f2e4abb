package org.raqib.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RawRecordTypeInfoTest {

    @Test
    void flinkFindsTheHandWrittenSerializerAndItRoundTripsRecordsKeysAndTombstones() throws Exception {
        TypeInformation<RawRecord> info = TypeInformation.of(RawRecord.class);
        assertInstanceOf(RawRecordTypeInfo.class, info);
        TypeSerializer<RawRecord> serializer = info.createSerializer(new SerializerConfigImpl());
        RawRecord read = new RawRecord("raqib.reads", 3, 1_234_567_890_123L, 1_700_000_000_000L, "cam-١",
                new byte[] {(byte) 0xC3, 1, 0, -1, 42});
        RawRecord tombstone = new RawRecord("raqib.cameras", 0, 7, -1, "cam-2", null);
        RawRecord keyless = new RawRecord("raqib.frames", 1, 0, 0, null, new byte[0]);
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (RawRecord r : new RawRecord[] {read, tombstone, keyless}) {
            serializer.serialize(r, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        RawRecord back = serializer.deserialize(in);
        assertEquals(read.position(), back.position());
        assertEquals(read.timestamp(), back.timestamp());
        assertEquals(read.key(), back.key());
        assertArrayEquals(read.value(), back.value());
        RawRecord gone = serializer.deserialize(in);
        assertEquals(tombstone.position(), gone.position());
        assertEquals("cam-2", gone.key());
        assertNull(gone.value());
        RawRecord noKey = serializer.deserialize(in);
        assertNull(noKey.key());
        assertArrayEquals(new byte[0], noKey.value());
        assertEquals(0, in.available());
        // a copy does not share the value's array
        assertNotSame(read.value(), serializer.copy(read).value());
        assertArrayEquals(read.value(), serializer.copy(read).value());
    }
}
