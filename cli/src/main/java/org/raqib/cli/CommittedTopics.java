package org.raqib.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whole Raqib topics read as any outside client sees them: committed records only, every partition
 * assigned by the reader (no consumer group, no offsets committed). The demo's monitor and
 * {@code ./raqib verify} read this way, so what they count or check is what a deployment's consumers get.
 */
public final class CommittedTopics {

    /** Frames carry JPEGs of up to the broker's 8 MiB message limit. */
    private static final int MAX_PARTITION_FETCH_BYTES = 16 * 1024 * 1024;

    private CommittedTopics() {
    }

    /** A consumer of raw keys and values that reads committed records only and commits nothing. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES);
        return new KafkaConsumer<>(p);
    }

    /**
     * Every partition of {@code topics}.
     *
     * @throws IllegalStateException naming the first topic that does not exist on {@code bootstrapServers}
     */
    public static List<TopicPartition> partitions(Consumer<?, ?> consumer, Collection<String> topics,
                                                  String bootstrapServers, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(t, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + t + " does not exist on " + bootstrapServers);
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        return partitions;
    }
}
