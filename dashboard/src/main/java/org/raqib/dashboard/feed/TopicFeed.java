package org.raqib.dashboard.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.raqib.dashboard.live.LiveState;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.PatrolAcknowledgement;
import org.raqib.models.PatrolAlert;
import org.raqib.models.PlateRead;
import org.raqib.models.Topic;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link LiveState} from Kafka: one consumer thread, read committed (so the page never shows a
 * violation a transaction later aborted), partitions assigned directly (no consumer group: every
 * dashboard instance sees everything). It reads the history of the small topics from the beginning,
 * but only the last few frames, since frames are large and only recent ones can still be needed as
 * evidence. Records that do not decode are counted and logged without their content, and skipped.
 */
public final class TopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    /** Frames per partition read back at start-up, for cameras' last frame and recent evidence. */
    static final int FRAME_HISTORY = 40;
    private static final List<Topic<?>> TOPICS = List.of(Topics.CAMERAS, Topics.CAMERA_HEALTH, Topics.FRAMES,
            Topics.READS, Topics.VIOLATIONS, Topics.REVIEW, Topics.PATROL_ALERTS, Topics.PATROL_ACKS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LiveState state;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final Map<TopicPartition, Long> liveFrom = new HashMap<>();
    // Codecs are built once: building one parses the schema history.
    private final AvroWire<CameraFrame> frames = Topics.FRAMES.wire();
    private final AvroWire<PlateRead> reads = Topics.READS.wire();
    private final AvroWire<Violation> violations = Topics.VIOLATIONS.wire();
    private final AvroWire<PatrolAlert> alerts = Topics.PATROL_ALERTS.wire();
    private final AvroWire<PatrolAcknowledgement> acks = Topics.PATROL_ACKS.wire();
    private final AvroWire<Camera> cameras = Topics.CAMERAS.wire();
    private final AvroWire<CameraHealth> health = Topics.CAMERA_HEALTH.wire();
    private volatile boolean running = true;
    private volatile Throwable failure;

    private TopicFeed(String bootstrapServers, LiveState state) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "raqib-dashboard");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Frames carry JPEGs of up to the broker's 8 MiB message limit.
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 << 20));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 << 20));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.state = state;
        this.thread = new Thread(this::loop, "raqib-dashboard-feed");
        this.thread.setDaemon(true);
    }

    /** Starts consuming in a background thread. */
    public static TopicFeed start(String bootstrapServers, LiveState state) {
        TopicFeed feed = new TopicFeed(bootstrapServers, state);
        feed.thread.start();
        return feed;
    }

    /** Waits until the partitions are assigned; false when that did not happen within {@code limit}. */
    public boolean awaitAssigned(Duration limit) throws InterruptedException {
        return assigned.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records that did not decode with the models' schemas so far. */
    public long undecodable() {
        return undecodable.get();
    }

    /** Records consumed so far. */
    public long records() {
        return records.get();
    }

    /** Why the feed stopped, or null while it runs. */
    public Throwable failure() {
        return failure;
    }

    private void loop() {
        try {
            assign();
            assigned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.incrementAndGet();
                    dispatch(r);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("dashboard feed stopped: {}", e.toString());
        } finally {
            assigned.countDown();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns every partition of the topics; waits (a bounded while) for topics that do not exist yet. */
    private void assign() {
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Topic<?> t : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(t.name(), Duration.ofSeconds(10));
            while ((infos == null || infos.isEmpty()) && running && System.nanoTime() < deadline) {
                sleep(500);
                infos = consumer.partitionsFor(t.name(), Duration.ofSeconds(10));
            }
            if (infos == null || infos.isEmpty()) {
                LOG.warn("topic {} does not exist; the dashboard shows nothing from it", t.name());
                continue;
            }
            for (PartitionInfo i : infos) {
                partitions.add(new TopicPartition(i.topic(), i.partition()));
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
        for (TopicPartition tp : partitions) {
            long end = ends.getOrDefault(tp, 0L);
            liveFrom.put(tp, end);
            if (tp.topic().equals(Topics.FRAMES.name())) {
                consumer.seek(tp, Math.max(begins.getOrDefault(tp, 0L), end - FRAME_HISTORY));
            } else {
                consumer.seek(tp, begins.getOrDefault(tp, 0L));
            }
        }
        LOG.info("dashboard feed reading {} partitions of {} topics (read committed)", partitions.size(),
                TOPICS.size());
    }

    private void dispatch(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return; // a tombstone on a compacted topic
        }
        boolean live = r.offset() >= liveFrom.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
        try {
            String topic = r.topic();
            if (topic.equals(Topics.FRAMES.name())) {
                state.frame(frames.decode(r.value()));
            } else if (topic.equals(Topics.READS.name())) {
                state.read(reads.decode(r.value()), live);
            } else if (topic.equals(Topics.VIOLATIONS.name())) {
                state.violation(violations.decode(r.value()), false, live);
            } else if (topic.equals(Topics.REVIEW.name())) {
                state.violation(violations.decode(r.value()), true, live);
            } else if (topic.equals(Topics.PATROL_ALERTS.name())) {
                state.alert(alerts.decode(r.value()));
            } else if (topic.equals(Topics.PATROL_ACKS.name())) {
                state.acknowledgement(acks.decode(r.value()));
            } else if (topic.equals(Topics.CAMERAS.name())) {
                state.camera(cameras.decode(r.value()));
            } else if (topic.equals(Topics.CAMERA_HEALTH.name())) {
                state.health(health.decode(r.value()));
            }
        } catch (AvroWire.WireFormatException e) {
            long n = undecodable.incrementAndGet();
            // The key can be a plate-free id or a camera; the value is never logged (it may hold a plate).
            if (n <= 10 || n % 1000 == 0) {
                LOG.warn("skipped an undecodable record at {}-{}@{} ({} so far): {}", r.topic(), r.partition(),
                        r.offset(), n, e.getMessage());
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /** Stops the consumer thread. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
