package org.raqib.cli.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.raqib.cli.CommittedTopics;
import org.raqib.models.Topic;
import org.raqib.models.Topics;
import org.raqib.models.PatrolAlert;
import org.raqib.models.Violation;
import org.raqib.models.ViolationType;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records that reach the demo's topics, as an outside client sees them: a consumer with
 * {@code isolation.level=read_committed}, so the jobs' output counts only once its Kafka transaction
 * has committed (at a checkpoint). Counting starts at the end of each topic when the monitor starts,
 * so records of earlier runs kept in the data directory are not counted. Violations are also decoded
 * and kept, for scoring against the simulator's ground truth.
 */
public final class PipelineMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineMonitor.class);

    /** The topics counted, in display order. */
    public static final List<Topic<?>> COUNTED = List.of(Topics.FRAMES, Topics.READS, Topics.VIOLATIONS, Topics.REVIEW,
            Topics.PATROL_ALERTS, Topics.DEAD_LETTER);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final List<Violation> reviews = new CopyOnWriteArrayList<>();
    private final AtomicLong undecodable = new AtomicLong();
    private final AvroWire<Violation> violationWire = Topics.VIOLATIONS.wire();
    private final List<PatrolAlert> alerts = new CopyOnWriteArrayList<>();
    private final AvroWire<PatrolAlert> alertWire = Topics.PATROL_ALERTS.wire();
    private final Map<ViolationType, AtomicLong> byType = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Subscribes to the end of every counted topic and starts counting in a background thread.
     *
     * @param bootstrapServers the broker
     */
    public PipelineMonitor(String bootstrapServers) {
        consumer = CommittedTopics.consumer(bootstrapServers, "raqib-demo-monitor");
        COUNTED.forEach(t -> counts.put(t.name(), new AtomicLong()));
        List<TopicPartition> partitions;
        try {
            partitions = CommittedTopics.partitions(consumer, COUNTED.stream().map(Topic::name).toList(),
                    bootstrapServers, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition tp : partitions) {
            consumer.position(tp, Duration.ofSeconds(30)); // fixes the starting point now, not at the first poll
        }
        thread = new Thread(this::loop, "raqib-demo-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(300));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    counts.get(r.topic()).incrementAndGet();
                    if (r.topic().equals(Topics.VIOLATIONS.name()) || r.topic().equals(Topics.REVIEW.name())) {
                        try {
                            Violation v = violationWire.decode(r.value());
                            (r.topic().equals(Topics.VIOLATIONS.name()) ? violations : reviews).add(v);
                            byType.computeIfAbsent(v.getType(), k -> new AtomicLong()).incrementAndGet();
                        } catch (AvroWire.WireFormatException e) {
                            undecodable.incrementAndGet();
                            LOG.warn("undecodable record on {}: {}", r.topic(), e.getMessage());
                        }
                    } else if (r.topic().equals(Topics.PATROL_ALERTS.name())) {
                        try {
                            alerts.add(alertWire.decode(r.value()));
                        } catch (AvroWire.WireFormatException e) {
                            undecodable.incrementAndGet();
                            LOG.warn("undecodable record on {}: {}", r.topic(), e.getMessage());
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.warn("demo monitor stopped: {}", e.toString());
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Committed records seen on {@code topic} since the monitor started. */
    public long count(Topic<?> topic) {
        AtomicLong n = counts.get(topic.name());
        return n == null ? 0 : n.get();
    }

    /** Violations seen on {@code raqib.violations}, decoded, in arrival order. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Violations seen on {@code raqib.review}. */
    public List<Violation> reviews() {
        return List.copyOf(reviews);
    }

    /** Patrol alerts seen on {@code raqib.patrol-alerts}, decoded. */
    public List<PatrolAlert> alerts() {
        return List.copyOf(alerts);
    }

    /** Violations of {@code type} seen, issued and for review together. */
    public long count(ViolationType type) {
        AtomicLong n = byType.get(type);
        return n == null ? 0 : n.get();
    }

    /** Records on the violation and alert topics that did not decode with the models schema. */
    public long undecodable() {
        return undecodable.get();
    }

    /**
     * One line: frames, reads, cases by type (spot, section: issued and review together), patrol
     * alerts, issued violations, review, dead letters.
     */
    public String summaryLine() {
        return String.format("frames %d | reads %d | spot %d | section %d | patrol alerts %d | issued %d | review %d"
                        + " | dead letters %d", count(Topics.FRAMES), count(Topics.READS),
                count(ViolationType.SPOT_SPEEDING), count(ViolationType.SECTION_SPEEDING), count(Topics.PATROL_ALERTS),
                count(Topics.VIOLATIONS), count(Topics.REVIEW), count(Topics.DEAD_LETTER));
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
