package org.raqib.ingest.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.raqib.ingest.kafka.IngestProducers;
import org.raqib.models.Camera;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the registry to the compacted {@code raqib.cameras} topic, one {@link Camera} record per
 * camera keyed by its id, so that the jobs keep the latest entry of every camera. Secrets are not
 * published.
 */
public final class CameraRegistryPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CameraRegistryPublisher.class);

    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final AvroWire<Camera> wire = Topics.CAMERAS.wire();

    /**
     * @param producer where to send; the caller owns it (and closes it)
     * @param clock stamps {@code updatedAt}
     */
    public CameraRegistryPublisher(Producer<String, byte[]> producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    /** Producer settings for registry updates: idempotent, acknowledged by all in-sync replicas. */
    public static Properties producerProperties(String bootstrapServers) {
        return IngestProducers.reliable(bootstrapServers, "raqib-registry");
    }

    /**
     * Publishes every camera of {@code registry} and waits until the broker has acknowledged all of them.
     *
     * @return the number of records published
     * @throws IllegalStateException when the broker rejects a record
     */
    public int publish(CameraRegistry registry) {
        Instant now = clock.instant();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (RegisteredCamera c : registry.cameras()) {
            acks.add(producer.send(new ProducerRecord<>(Topics.CAMERAS.name(), c.id(), wire.encode(c.toCamera(now)))));
            if (acks.size() == 1) {
                // Wait for the first: an unreachable broker then fails once, not once per camera.
                await(acks.get(0));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            await(ack);
        }
        LOG.info("published {} cameras to {}", acks.size(), Topics.CAMERAS.name());
        return acks.size();
    }

    /**
     * Publishes one camera (added, changed or disabled) and waits for the broker's acknowledgement.
     *
     * @throws IllegalStateException when the broker rejects it or does not answer within the producer's
     *     delivery timeout
     */
    public void publish(RegisteredCamera camera) {
        try {
            producer.send(new ProducerRecord<>(Topics.CAMERAS.name(), camera.id(),
                    wire.encode(camera.toCamera(clock.instant())))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing camera " + camera.id(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take camera " + camera.id() + ": " + e.getCause(), e.getCause());
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("Kafka did not take camera " + camera.id() + ": " + e, e);
        }
        LOG.info("published camera {} (enabled {}) to {}", camera.id(), camera.enabled(), Topics.CAMERAS.name());
    }

    private static void await(Future<RecordMetadata> ack) {
        try {
            ack.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the camera registry", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker rejected a camera registry record: " + e.getCause(), e.getCause());
        }
    }

    /** Opens a producer on {@code bootstrapServers}, publishes, and closes it. */
    public static int publish(String bootstrapServers, CameraRegistry registry) {
        try (Producer<String, byte[]> p = new KafkaProducer<>(producerProperties(bootstrapServers))) {
            return new CameraRegistryPublisher(p, Clock.systemUTC()).publish(registry);
        }
    }
}
