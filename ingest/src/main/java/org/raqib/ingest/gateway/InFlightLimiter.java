package org.raqib.ingest.gateway;

/**
 * Bounds what the gateway holds at once: uploads being read, checked or waiting for Kafka, and their
 * bytes. A request that does not fit is refused at once (503 with Retry-After) instead of queueing, so
 * a slow or absent broker can never make the gateway run out of memory.
 */
public final class InFlightLimiter {

    private final int maxRequests;
    private final long maxBytes;
    private int requests;
    private long bytes;

    /**
     * @param maxRequests most requests held at once
     * @param maxBytes most bytes held at once
     */
    public InFlightLimiter(int maxRequests, long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** Takes one request of {@code size} bytes if both fit; true when taken. */
    public synchronized boolean tryAcquire(long size) {
        if (requests + 1 > maxRequests || bytes + size > maxBytes) {
            return false;
        }
        requests++;
        bytes += size;
        return true;
    }

    /** Gives back one request of {@code size} bytes taken by {@link #tryAcquire}. */
    public synchronized void release(long size) {
        if (requests == 0 || bytes < size) {
            throw new IllegalStateException("release without a matching acquire");
        }
        requests--;
        bytes -= size;
    }

    /** Requests held now. */
    public synchronized int requests() {
        return requests;
    }

    /** Bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }
}
