package org.raqib.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.raqib.models.Topic;

/** Writes and reads the topics as an independent Kafka client would (transactions, read committed). */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** Writes {@code values} to {@code topic} in one committed transaction, each under its key. */
    public static <T extends SpecificRecord> void writeTransactionally(String bootstrap, Topic<T> topic,
            Map<String, T> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dashboard-test-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            var wire = topic.wire();
            values.forEach((k, v) -> producer.send(new ProducerRecord<>(topic.name(), k, wire.encode(v))));
            producer.commitTransaction();
        }
    }

    /** Writes {@code values} with a plain producer (acks=all), one key each. */
    public static <T extends SpecificRecord> void write(String bootstrap, Topic<T> topic, Map<String, T> values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 << 20));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            var wire = topic.wire();
            values.forEach((k, v) -> producer.send(new ProducerRecord<>(topic.name(), k, wire.encode(v))));
            producer.flush();
        }
    }

    /** A record and its key. */
    public record Keyed<T>(String key, T value) {
    }

    /** Every committed record of {@code topic} now (reads to the end offsets). */
    public static <T extends SpecificRecord> List<Keyed<T>> readCommitted(String bootstrap, Topic<T> topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Keyed<T>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            var wire = topic.wire();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new Keyed<>(r.key(), wire.decode(r.value())));
                }
            }
        }
        return out;
    }
}
