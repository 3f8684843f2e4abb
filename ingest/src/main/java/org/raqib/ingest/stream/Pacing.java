package org.raqib.ingest.stream;

import java.io.InterruptedIOException;

/** Waits for a frame's due time, so that a recorded source plays at its own speed, not the CPU's. */
final class Pacing {

    private Pacing() {
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code dueNanos}; an interrupt ends the read. */
    static void sleepUntil(long dueNanos) throws InterruptedIOException {
        long wait = dueNanos - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("replay stopped");
        }
    }
}
