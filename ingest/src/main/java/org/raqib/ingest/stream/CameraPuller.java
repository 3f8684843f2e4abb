package org.raqib.ingest.stream;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import org.raqib.models.CameraFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's pull loop, on its own thread: open the source, sample its frames, publish them; on any
 * failure count the error, wait (exponential backoff) and open it again. Nothing a source does ends the
 * loop except a finished replay without {@code loop}, or {@link #stop()}.
 */
final class CameraPuller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CameraPuller.class);

    private final StreamSpec spec;
    private final PullOptions options;
    private final BiFunction<StreamSpec, PullOptions, FrameSource> sources;
    private final StreamSink sink;
    private final HealthTracker health;
    private final Clock clock;
    private final Backoff backoff;
    private final FrameSampler sampler;
    private volatile boolean running = true;
    private volatile FrameSource current;
    private volatile Thread thread;

    CameraPuller(StreamSpec spec, PullOptions options, BiFunction<StreamSpec, PullOptions, FrameSource> sources,
            StreamSink sink, HealthTracker health, Clock clock) {
        this.spec = spec;
        this.options = options;
        this.sources = sources;
        this.sink = sink;
        this.health = health;
        this.clock = clock;
        this.backoff = new Backoff(options.backoffInitial(), options.backoffMax());
        this.sampler = new FrameSampler(spec.sampleFps());
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        SourceKind kind = spec.kind();
        while (running) {
            boolean finished;
            try {
                finished = pullOnce(kind);
            } catch (IOException | RuntimeException | LinkageError e) {
                // LinkageError: FFmpeg natives that fail to load must not kill the thread in silence either
                if (!running) {
                    break;
                }
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                health.error(message, clock.instant());
                Duration wait = backoff.next();
                LOG.warn("stream pull: camera {} failed ({}); reconnecting in {} ms", spec.cameraId(), message,
                        wait.toMillis());
                sleep(wait);
                continue;
            }
            if (finished) {
                health.stopped("replay finished");
                LOG.info("stream pull: camera {} replay finished", spec.cameraId());
                return;
            }
        }
        health.stopped("pull stopped");
    }

    /**
     * Reads one connection (or one pass over a recording) to its end.
     *
     * @return true when a replay ended and is not looped; false to open the source again at once
     */
    private boolean pullOnce(SourceKind kind) throws IOException {
        FrameSource source = sources.apply(spec, options);
        current = source;
        try {
            source.open();
            if (!running) {
                return false;
            }
            health.note("connected");
            LOG.info("stream pull: camera {} connected ({})", spec.cameraId(), kind);
            sampler.reset();
            long read = 0;
            while (running) {
                SourceFrame f;
                try {
                    f = source.next();
                } catch (BadFrameException e) {
                    health.error(e.getMessage(), clock.instant());
                    read++;
                    continue;
                }
                if (f == null) {
                    if (read == 0) {
                        // a looped recording without a single frame would otherwise be reopened in a busy loop
                        throw new IOException(kind.isReplay() ? "no frame in the recording" : "stream ended");
                    }
                    if (kind.isReplay()) {
                        return !spec.loop();
                    }
                    throw new IOException("stream ended");
                }
                read++;
                if (!sampler.take(f.streamMicros())) {
                    continue;
                }
                EncodedFrame jpeg;
                try {
                    jpeg = f.jpeg(options.jpegQuality());
                } catch (BadFrameException e) {
                    health.error(e.getMessage(), clock.instant());
                    continue;
                }
                publish(jpeg);
                backoff.reset();
            }
            return false;
        } finally {
            current = null;
            source.close();
        }
    }

    private void publish(EncodedFrame jpeg) {
        Instant now = clock.instant();
        // the puller is the first to see a streamed frame, so its arrival is both capture and receive time
        CameraFrame frame = CameraFrame.newBuilder()
                .setFrameId(UUID.randomUUID().toString())
                .setCameraId(spec.cameraId())
                .setCaptureTime(now)
                .setReceiveTime(now)
                .setJpeg(java.nio.ByteBuffer.wrap(jpeg.jpeg()))
                .setWidth(jpeg.width())
                .setHeight(jpeg.height())
                .setOrigin(spec.kind().origin())
                .build();
        sink.frame(frame);
        health.frame(now, now);
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            // stop() interrupts the wait; the loop condition ends the thread
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    String cameraId() {
        return spec.cameraId();
    }

    /** Ends the loop: unblocks a waiting read where the source allows, otherwise within the read timeout. */
    void stop() {
        running = false;
        FrameSource s = current;
        if (s != null) {
            s.abort();
        }
        Thread t = thread;
        if (t != null && current == null) {
            // only a backoff wait is interrupted: interrupting FFmpeg inside a read is not safe to rely on
            t.interrupt();
        }
    }
}
