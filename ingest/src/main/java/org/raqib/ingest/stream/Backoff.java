package org.raqib.ingest.stream;

import java.time.Duration;

/**
 * Exponential reconnect delay: initial, doubled after each failure, capped. No jitter: each camera is its
 * own device, so cameras do not hammer one server together the way a client fleet does.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; the one after it is twice as long, up to the cap. */
    Duration next() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    /** Back to the initial delay, after a source delivered a frame again. */
    void reset() {
        next = initial;
    }
}
