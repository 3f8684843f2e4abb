package org.raqib.jobs.avro;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.raqib.jobs.serialization.SingleValueTypeInfo;

/**
 * Flink type information for a generated Avro record of {@code org.raqib.models}. Without it Flink
 * would fall back to Kryo for these classes, which cannot rebuild Avro's arrays, byte buffers and
 * logical-type fields reliably. Records travel (and sit in state) in the same single-object encoding
 * as on Kafka, so state written by an older schema is resolved like an old topic value.
 *
 * @param <T> the generated record class
 */
public final class AvroRecordTypeInfo<T extends SpecificRecord> extends SingleValueTypeInfo<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    private AvroRecordTypeInfo(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The type information of {@code type}. */
    public static <T extends SpecificRecord> AvroRecordTypeInfo<T> forRecord(Class<T> type) {
        return new AvroRecordTypeInfo<>(type);
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new AvroRecordSerializer<>(type);
    }

    @Override
    public String toString() {
        return "AvroRecord<" + type.getSimpleName() + ">";
    }
}
