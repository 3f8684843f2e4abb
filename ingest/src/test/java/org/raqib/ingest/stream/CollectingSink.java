package org.raqib.ingest.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;

/** A sink that keeps what it is given, for tests that check the puller without a broker. */
final class CollectingSink implements StreamSink {

    private final List<CameraFrame> frames = new ArrayList<>();
    private final List<CameraHealth> health = new ArrayList<>();

    @Override
    public synchronized void frame(CameraFrame frame) {
        frames.add(frame);
        notifyAll();
    }

    @Override
    public synchronized void health(CameraHealth report) {
        health.add(report);
        notifyAll();
    }

    synchronized List<CameraFrame> frames() {
        return List.copyOf(frames);
    }

    synchronized List<CameraHealth> health() {
        return List.copyOf(health);
    }

    /** Waits until the frames satisfy {@code done}; fails with {@code what} after {@code timeout}. */
    synchronized List<CameraFrame> awaitFrames(Predicate<List<CameraFrame>> done, Duration timeout, String what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.test(frames)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; frames so far: " + frames.size()
                        + ", health: " + health);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(frames);
    }

    /** Waits for a health report matching {@code match}. */
    synchronized CameraHealth awaitHealth(Predicate<CameraHealth> match, Duration timeout, String what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (CameraHealth h : health) {
                if (match.test(h)) {
                    return h;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; health so far: " + health);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
    }
}
