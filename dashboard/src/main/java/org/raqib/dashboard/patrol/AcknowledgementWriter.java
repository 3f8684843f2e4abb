package org.raqib.dashboard.patrol;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.raqib.models.PatrolAcknowledgement;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

/**
 * Writes {@link PatrolAcknowledgement} records to {@code raqib.patrol-acks}, keyed by region, with an
 * idempotent producer, and waits for the broker's acknowledgement so the page only says
 * "acknowledged" once it is durable.
 */
public final class AcknowledgementWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AvroWire<PatrolAcknowledgement> wire = Topics.PATROL_ACKS.wire();
    private final Duration timeout;

    /** A writer to the broker at {@code bootstrapServers}; each write waits at most {@code timeout}. */
    public AcknowledgementWriter(String bootstrapServers, Duration timeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "raqib-dashboard-acks");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 5000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(timeout.toMillis(), 5000)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.timeout = timeout;
    }

    /**
     * Writes {@code ack} and waits until the broker has it.
     *
     * @throws IllegalStateException when the broker does not confirm within the timeout
     */
    public RecordMetadata write(PatrolAcknowledgement ack) {
        try {
            return producer.send(new ProducerRecord<>(Topics.PATROL_ACKS.name(), ack.getRegion(), wire.encode(ack)))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the acknowledgement was not written: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not confirm the acknowledgement in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the acknowledgement", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
