package org.raqib.jobs.kafka;

import java.time.Duration;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.raqib.models.Topic;

/**
 * Factories for the Kafka sources and sinks of Raqib's jobs, with the settings exactly-once needs:
 * sources read only committed records and resume from the offsets in the last checkpoint (or the
 * group's committed offsets, or the earliest), sinks write in Kafka transactions committed on
 * checkpoints.
 *
 * @param bootstrapServers Kafka {@code host:port} list
 * @param transactionTimeout producer {@code transaction.timeout.ms}; must not exceed the broker's
 *     {@code transaction.max.timeout.ms} (15 minutes by default) and must outlast the longest expected
 *     gap between checkpoints plus a restart
 */
public record RaqibKafka(String bootstrapServers, Duration transactionTimeout) {

    public RaqibKafka {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    }

    /**
     * A source of the undecoded records of {@code topic}, in consumer group {@code groupId}: resumes
     * where the group's last checkpoint left off, or at the earliest record the first time.
     */
    public KafkaSource<RawRecord> source(Topic<?> topic, String groupId) {
        return source(topic, groupId, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }

    /**
     * A source of a compacted changelog ({@code raqib.cameras}, {@code raqib.hotlist}) that a job keeps
     * whole in its state: a fresh start must read it from the beginning whatever a previous run
     * committed; a restore from a checkpoint continues from the checkpointed offsets.
     */
    public KafkaSource<RawRecord> changelogSource(Topic<?> topic, String groupId) {
        return source(topic, groupId, OffsetsInitializer.earliest());
    }

    private KafkaSource<RawRecord> source(Topic<?> topic, String groupId, OffsetsInitializer start) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic.name())
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic.name())
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordDeserializer())
                // Exactly-once downstream is worthless if we read what an aborted transaction wrote.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .build();
    }

    /**
     * An exactly-once sink to {@code topic}.
     *
     * @param transactionalIdPrefix unique per sink and per job in the cluster: Kafka fences producers
     *     by transactional id, so two sinks sharing a prefix would abort each other's transactions
     */
    public <T extends SpecificRecord> KafkaSink<T> sink(Topic<T> topic, RecordKey<T> key, String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(new AvroRecordSerializationSchema<>(topic, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(transactionTimeout.toMillis()))
                .build();
    }
}
