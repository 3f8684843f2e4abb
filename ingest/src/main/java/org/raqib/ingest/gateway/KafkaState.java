package org.raqib.ingest.gateway;

import java.util.concurrent.atomic.AtomicLong;

/** What the gateway last heard from Kafka, for {@code /health}: the latest acknowledgement or failure wins. */
final class KafkaState {

    private final AtomicLong events = new AtomicLong();
    private volatile long lastAck;
    private volatile long lastFailure;

    void acknowledged() {
        lastAck = events.incrementAndGet();
    }

    void failed() {
        lastFailure = events.incrementAndGet();
    }

    /** "up" after an acknowledgement, "down" after a failure, "unknown" before either. */
    String state() {
        long ack = lastAck;
        long failure = lastFailure;
        if (ack == 0 && failure == 0) {
            return "unknown";
        }
        return failure > ack ? "down" : "up";
    }
}
