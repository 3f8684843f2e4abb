package org.raqib.ingest.gateway;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A few upload body arrays kept for reuse. Without them every upload allocated a new array of its size
 * (~200 KB), and at several hundred uploads a second the young-generation collections that follow pause
 * every thread of the gateway, a visible share of the accept latency's tail.
 *
 * <p>Bounded on both sides, so the in-flight limits still say what the gateway holds: only bodies up to
 * {@link #POOLED_BYTES} use the pool (larger ones get an array of their own, dropped after use), and at
 * most {@code capacity} arrays wait in it. Pooled arrays stay below half of G1's smallest region (1 MiB),
 * so they are ordinary young objects, not humongous ones.
 */
final class BodyBuffers {

    /** Size of every pooled array. */
    static final int POOLED_BYTES = 512 * 1024 - 64;

    private final ArrayBlockingQueue<byte[]> pool;

    /** A pool holding at most {@code capacity} arrays. */
    BodyBuffers(int capacity) {
        this.pool = new ArrayBlockingQueue<>(capacity);
    }

    /** An array of at least {@code size} bytes; give it back with {@link #give} once nothing refers to it. */
    byte[] take(int size) {
        if (size > POOLED_BYTES) {
            return new byte[size];
        }
        byte[] b = pool.poll();
        return b != null ? b : new byte[POOLED_BYTES];
    }

    /** Returns an array from {@link #take}; kept when it is a pooled one and the pool has room. */
    void give(byte[] buffer) {
        if (buffer != null && buffer.length == POOLED_BYTES) {
            pool.offer(buffer);
        }
    }

    /** Arrays waiting in the pool. */
    int pooled() {
        return pool.size();
    }
}
