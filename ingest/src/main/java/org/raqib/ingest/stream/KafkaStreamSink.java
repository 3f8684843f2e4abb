package org.raqib.ingest.stream;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.raqib.ingest.kafka.IngestProducers;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes pulled frames to {@code raqib.frames} and health to {@code raqib.camera-health}, keyed by
 * camera id, with an idempotent producer and {@code acks=all}: a frame the broker acknowledged is on every
 * in-sync replica and a retry never writes it twice.
 */
public final class KafkaStreamSink implements StreamSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamSink.class);

    private final Producer<String, byte[]> producer;
    private final AvroWire<CameraFrame> frames = Topics.FRAMES.wire();
    private final AvroWire<CameraHealth> health = Topics.CAMERA_HEALTH.wire();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** A sink writing to the cluster at {@code bootstrapServers}. */
    public KafkaStreamSink(String bootstrapServers) {
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties p = IngestProducers.frames(bootstrapServers, "raqib-stream-pull");
        // bounded memory when the broker is away: send() blocks the camera thread (it then drops nothing
        // it already sampled), for at most max.block.ms, then the frame counts as failed
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return p;
    }

    @Override
    public void frame(CameraFrame frame) {
        send(Topics.FRAMES.name(), frame.getCameraId(), frames.encode(frame));
    }

    @Override
    public void health(CameraHealth report) {
        send(Topics.CAMERA_HEALTH.name(), report.getCameraId(), health.encode(report));
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
                if (e == null) {
                    sent.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    LOG.warn("stream pull: a record for {} on {} was not written: {}", key, topic, e.toString());
                }
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("stream pull: a record for {} on {} was not sent: {}", key, topic, e.toString());
        }
    }

    /** Records the broker acknowledged. */
    public long sent() {
        return sent.get();
    }

    /** Records that were not written (broker away longer than the producer's timeouts). */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("stream pull: closing the producer failed: {}", e.toString());
        }
    }
}
