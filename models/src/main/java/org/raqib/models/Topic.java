package org.raqib.models;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.raqib.models.wire.AvroWire;

/**
 * One Kafka topic: its name, what its key is, and the record type of its values. Keys are UTF-8
 * strings; values are Avro single-object encoded ({@link AvroWire}).
 *
 * @param name the topic name
 * @param key what the key holds (documentation, e.g. "cameraId")
 * @param valueType the generated Avro class of the values
 * @param compacted true for changelog topics (registry, hot-list) that keep the last value per key
 * @param <T> the value type
 */
public record Topic<T extends SpecificRecord>(String name, String key, Class<T> valueType, boolean compacted) {

    /** The value schema. */
    public Schema valueSchema() {
        return org.apache.avro.specific.SpecificData.get().getSchema(valueType);
    }

    /** A codec for the values (cheap to keep; thread-safe). */
    public AvroWire<T> wire() {
        return AvroWire.of(valueType);
    }
}
