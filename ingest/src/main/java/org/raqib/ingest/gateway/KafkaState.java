package org.raqib.ingest.gateway;

/** What the gateway last heard from Kafka, for {@code /health}: the latest acknowledgement or failure wins. */
final class KafkaState {

    private volatile long lastAck;
    private volatile long lastFailure;

    void acknowledged() {
        lastAck = System.nanoTime();
    }

    void failed() {
        lastFailure = System.nanoTime();
    }

    /** "up" after an acknowledgement, "down" after a failure, "unknown" before either. */
    String state() {
        long ack = lastAck;
        long failure = lastFailure;
        if (ack == 0 && failure == 0) {
            return "unknown";
        }
        return failure != 0 && failure - ack > 0 ? "down" : "up";
    }
}
