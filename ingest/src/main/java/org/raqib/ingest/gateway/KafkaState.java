package org.raqib.ingest.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway last heard from Kafka: the latest acknowledgement or failure wins. It answers
 * {@code /health}, and while Kafka is down it lets one upload at a time through as a probe, so that the
 * others get their 503 at once instead of each waiting out the Kafka timeout.
 */
final class KafkaState {

    private final AtomicLong events = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long lastAck;
    private volatile long lastFailure;

    void acknowledged() {
        lastAck = events.incrementAndGet();
    }

    void failed() {
        lastFailure = events.incrementAndGet();
    }

    /** True after a failure that no acknowledgement has followed. */
    boolean down() {
        return lastFailure > lastAck;
    }

    /** Takes the single probe slot; true when this caller may try Kafka while it is down. */
    boolean tryProbe() {
        return probing.compareAndSet(false, true);
    }

    /** Gives the probe slot back. */
    void endProbe() {
        probing.set(false);
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
