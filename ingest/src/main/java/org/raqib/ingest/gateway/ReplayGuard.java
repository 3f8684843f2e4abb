package org.raqib.ingest.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Remembers the signatures of accepted uploads for as long as their timestamp is inside the skew
 * window, so that a captured request cannot be sent again. Past the window the timestamp check
 * rejects the request anyway, so the memory is bounded by the upload rate times twice the window;
 * a hard cap on entries guards against more than that.
 */
public final class ReplayGuard {

    /** Outcome of {@link #claim}. */
    public enum Claim {
        /** First use: the signature is now remembered. */
        FIRST,
        /** Already used within the window. */
        REPLAY,
        /** The guard holds its maximum of entries: refuse for now rather than risk a replay. */
        FULL
    }

    private record Entry(String signature, long expiresAt) {
    }

    private final long windowMillis;
    private final int maxEntries;
    private final Map<String, Long> expiryBySignature = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAt, b.expiresAt));

    /**
     * @param window the allowed clock skew; a signature is remembered until its timestamp plus this
     * @param maxEntries the most signatures remembered at once
     */
    public ReplayGuard(Duration window, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.windowMillis = window.toMillis();
        this.maxEntries = maxEntries;
    }

    /**
     * Claims {@code signature}, signed at {@code timestamp}, at time {@code now} (both epoch ms).
     */
    public synchronized Claim claim(String signature, long timestamp, long now) {
        evictExpired(now);
        if (expiryBySignature.containsKey(signature)) {
            return Claim.REPLAY;
        }
        if (expiryBySignature.size() >= maxEntries) {
            return Claim.FULL;
        }
        long expiresAt = timestamp + windowMillis;
        expiryBySignature.put(signature, expiresAt);
        byExpiry.add(new Entry(signature, expiresAt));
        return Claim.FIRST;
    }

    /**
     * Forgets a claimed signature: the upload it signed was not accepted because of the gateway (Kafka
     * unavailable), so the camera may send the very same request again.
     */
    public synchronized void release(String signature) {
        // The queue entry stays until it expires; evictExpired skips entries no longer in the map.
        expiryBySignature.remove(signature);
    }

    /** Signatures remembered now. */
    public synchronized int size() {
        return expiryBySignature.size();
    }

    private void evictExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt < now) {
            Entry e = byExpiry.poll();
            expiryBySignature.remove(e.signature, e.expiresAt);
        }
    }
}
