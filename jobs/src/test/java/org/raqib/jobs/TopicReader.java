package org.raqib.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.raqib.models.Topic;
import org.raqib.models.wire.AvroSerde;

/** Plain Kafka clients for integration tests: read committed records, write records. */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Reads committed values of {@code topic} from the start until {@code done} holds for what was read
     * or {@code timeout} passes; returns what was read either way.
     */
    public static <T extends SpecificRecord> List<T> readCommitted(String bootstrap, Topic<T> topic,
                                                                   Predicate<List<T>> done, Duration timeout) {
        return read(bootstrap, topic, "read_committed", done, timeout);
    }

    /**
     * As {@link #readCommitted}, but gives up at once, with the job's failure, when {@code job} ends:
     * a job that died in {@code open()} should fail the test in seconds, not at its timeout.
     */
    public static <T extends SpecificRecord> List<T> readCommitted(String bootstrap, Topic<T> topic,
                                                                   Predicate<List<T>> done, Duration timeout,
                                                                   JobClient job) {
        return readCommitted(bootstrap, topic, values -> {
            try {
                JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) {
                    Throwable cause = null;
                    try {
                        job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        cause = e;
                    }
                    throw new AssertionError("the job ended (" + status + ") while waiting for " + topic.name(), cause);
                }
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new AssertionError("cannot get the job status", e);
            }
            return done.test(values);
        }, timeout);
    }

    /** As {@link #readCommitted}, but also sees records of open (not yet committed) transactions. */
    public static <T extends SpecificRecord> List<T> readUncommitted(String bootstrap, Topic<T> topic,
                                                                     Predicate<List<T>> done, Duration timeout) {
        return read(bootstrap, topic, "read_uncommitted", done, timeout);
    }

    private static <T extends SpecificRecord> List<T> read(String bootstrap, Topic<T> topic, String isolation,
                                                           Predicate<List<T>> done, Duration timeout) {
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                new StringDeserializer(), new AvroSerde<>(topic))) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(values)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    /** Writes {@code values} to {@code topic} with keys from {@code key}, and waits for the acks. */
    public static <T extends SpecificRecord> void write(String bootstrap, Topic<T> topic,
                                                        java.util.function.Function<T, String> key, List<T> values) {
        write(bootstrap, topic, null, key, values);
    }

    /**
     * As {@link #write(String, Topic, java.util.function.Function, List)}, all to {@code partition}
     * ({@code null}: the producer's partitioner decides by key).
     */
    public static <T extends SpecificRecord> void write(String bootstrap, Topic<T> topic, Integer partition,
                                                        java.util.function.Function<T, String> key, List<T> values) {
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
                new StringSerializer(), new AvroSerde<>(topic))) {
            for (T value : values) {
                producer.send(new ProducerRecord<>(topic.name(), partition, key.apply(value), value));
            }
            producer.flush();
        }
    }

    /** Writes raw bytes (e.g. garbage) to {@code topic}. */
    public static void writeBytes(String bootstrap, String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
            producer.flush();
        }
    }
}
