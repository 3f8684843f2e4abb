package org.raqib.ingest.kafka;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka producer settings shared by everything on the camera side that writes to Kafka (gateway, registry,
 * stream pull, simulator, the demo's video camera): string keys, Avro single-object values as bytes, an
 * idempotent producer with {@code acks=all}, so that a record the broker acknowledged is on every in-sync
 * replica and a retry never writes it twice. Callers add what is their own (timeouts, buffer sizes).
 */
public final class IngestProducers {

    /** Largest frame request: full-HD JPEGs can exceed Kafka's 1 MiB default (the broker allows 8 MiB). */
    public static final int MAX_FRAME_REQUEST_BYTES = 8 * 1024 * 1024;

    private IngestProducers() {
    }

    /** Reliable settings for small records (registry, hot-list, health). */
    public static Properties reliable(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /**
     * Reliable settings for camera frames: no compression (JPEG does not compress; it would only cost CPU),
     * requests up to {@link #MAX_FRAME_REQUEST_BYTES}, and a short linger so that frames sent close together
     * share a request.
     */
    public static Properties frames(String bootstrapServers, String clientId) {
        Properties p = reliable(bootstrapServers, clientId);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_FRAME_REQUEST_BYTES);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return p;
    }
}
