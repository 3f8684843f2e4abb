package org.raqib.models.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.raqib.models.Topic;

/**
 * Kafka serializer and deserializer for one topic's values, in Avro single-object encoding.
 * Construct it with the topic: {@code new AvroSerde<>(Topics.VIOLATIONS)}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serializer<T>, Deserializer<T> {

    private final AvroWire<T> wire;

    public AvroSerde(Topic<T> topic) {
        this.wire = topic.wire();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : wire.encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : wire.decode(data);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // configured by construction
    }

    @Override
    public void close() {
        // nothing held
    }
}
