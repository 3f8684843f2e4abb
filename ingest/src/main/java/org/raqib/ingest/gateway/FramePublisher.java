package org.raqib.ingest.gateway;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.raqib.ingest.kafka.IngestProducers;
import org.raqib.models.CameraFrame;
import org.raqib.models.DeadLetter;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

/**
 * Sends accepted frames to {@code raqib.frames} (key: camera id) and rejections to
 * {@code raqib.dead-letter} (key: source), each as a future completed by the broker's acknowledgement.
 */
final class FramePublisher {

    /** Dead-letter source of the upload API. */
    static final String SOURCE = "ingest.upload";

    private final Producer<String, byte[]> producer;
    private final AvroWire<DeadLetter> deadLetters = Topics.DEAD_LETTER.wire();

    FramePublisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Producer settings: idempotent with acks=all, so an acknowledged frame is written once on every
     * in-sync replica; every wait bounded by the gateway's Kafka timeout, so a missing broker turns
     * into a 503 within it instead of a thread stuck for the producer's default two minutes.
     */
    static Properties producerProperties(GatewayOptions o) {
        long timeout = o.kafkaTimeout().toMillis();
        Properties p = IngestProducers.frames(o.bootstrapServers(), "raqib-gateway");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Each upload waits for its acknowledgement: a 1 ms linger lets concurrent uploads share a request
        // without adding the frames factory's 5 ms to every answer.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, o.maxBodyBytes() + 256 * 1024);
        // The in-flight limiter already bounds frame bytes; the rest is room for dead letters.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, o.maxInFlightBytes() + 32L * 1024 * 1024);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeout / 2 - 10));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(500, timeout / 2));
        // Find a restarted broker within a second.
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return p;
    }

    /** Sends a frame; the future completes when the broker has acknowledged it (or failed). */
    CompletableFuture<RecordMetadata> publish(CameraFrame frame) {
        return send(new ProducerRecord<>(Topics.FRAMES.name(), frame.getCameraId(), CameraFrameEncoder.encode(frame)));
    }

    /** Sends a dead letter; the future completes when the broker has acknowledged it (or failed). */
    CompletableFuture<RecordMetadata> deadLetter(DeadLetter letter) {
        return send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), letter.getSource(), deadLetters.encode(letter)));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // send() itself fails when the broker's metadata does not arrive within max.block.ms.
            ack.completeExceptionally(e);
        }
        return ack;
    }
}
