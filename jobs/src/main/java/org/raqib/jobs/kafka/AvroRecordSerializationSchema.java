package org.raqib.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.raqib.models.Topic;
import org.raqib.models.wire.AvroWire;

/**
 * Writes records to one Raqib topic: the value in Avro single-object encoding, the key as UTF-8
 * ({@link Topic#key()} says what the key is).
 *
 * <p>The Kafka timestamp is left to the producer (its wall clock when it sends), not set to the record's
 * event time: the broker's time retention goes by that timestamp, so a replay of older data stamped with
 * its event time would be deleted as soon as it was written. Nothing reads these timestamps back as event
 * time: the jobs take event time from the values (capture time), and the dashboard and command line do
 * not read Kafka timestamps.
 *
 * @param <T> the record type of the topic
 */
public final class AvroRecordSerializationSchema<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topicName;
    private final Class<T> valueType;
    private final RecordKey<T> key;
    private transient AvroWire<T> wire;

    /** Serializes values of {@code topic}, keyed by {@code key}. */
    public AvroRecordSerializationSchema(Topic<T> topic, RecordKey<T> key) {
        this.topicName = topic.name();
        this.valueType = topic.valueType();
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        if (wire == null) {
            wire = AvroWire.of(valueType);
        }
        String k = key.of(element);
        return new ProducerRecord<>(topicName, null, null,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8), wire.encode(element));
    }
}
