package org.raqib.jobs.kafka;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.raqib.jobs.serialization.HandWrittenSerializer;
import org.raqib.jobs.serialization.SingleValueTypeInfo;

/**
 * Flink type information of {@link RawRecord} (attached to the class with {@code @TypeInfo}, so that
 * {@code TypeInformation.of(RawRecord.class)} returns it): a hand-written serializer, where Flink's
 * record serializer goes field by field through reflective accessors and a builder. Every read crosses
 * the network once as a raw record (keyed by camera in front of the enforcement stages).
 */
public final class RawRecordTypeInfo extends SingleValueTypeInfo<RawRecord> {

    private static final long serialVersionUID = 1L;

    /** What {@code @TypeInfo} on {@link RawRecord} names. */
    public static final class Factory extends TypeInfoFactory<RawRecord> {
        @Override
        public TypeInformation<RawRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RawRecordTypeInfo();
        }
    }

    @Override
    public Class<RawRecord> getTypeClass() {
        return RawRecord.class;
    }

    @Override
    public TypeSerializer<RawRecord> createSerializer(SerializerConfig config) {
        return new Serializer();
    }

    @Override
    public String toString() {
        return "RawRecord";
    }

    /**
     * Topic, partition, offset, timestamp, key (a presence byte, then modified UTF-8), value (length, -1
     * for a tombstone, then the bytes).
     */
    public static final class Serializer extends HandWrittenSerializer<RawRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawRecord createInstance() {
            return new RawRecord("", 0, 0, 0, null, null);
        }

        @Override
        public RawRecord copy(RawRecord from) {
            // the value is an array: cloned, although no operator changes one
            return new RawRecord(from.topic(), from.partition(), from.offset(), from.timestamp(), from.key(),
                    from.value() == null ? null : from.value().clone());
        }

        @Override
        public void serialize(RawRecord r, DataOutputView out) throws IOException {
            out.writeUTF(r.topic());
            out.writeInt(r.partition());
            out.writeLong(r.offset());
            out.writeLong(r.timestamp());
            out.writeBoolean(r.key() != null);
            if (r.key() != null) {
                out.writeUTF(r.key());
            }
            byte[] value = r.value();
            out.writeInt(value == null ? -1 : value.length);
            if (value != null) {
                out.write(value);
            }
        }

        @Override
        public RawRecord deserialize(DataInputView in) throws IOException {
            String topic = in.readUTF();
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            String key = in.readBoolean() ? in.readUTF() : null;
            int length = in.readInt();
            byte[] value = null;
            if (length >= 0) {
                value = new byte[length];
                in.readFully(value);
            }
            return new RawRecord(topic, partition, offset, timestamp, key, value);
        }
    }
}
