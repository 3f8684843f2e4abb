package org.raqib.ingest.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls every configured camera stream into Kafka: one thread per camera ({@link CameraPuller}) and one
 * scheduler that publishes each camera's {@code CameraHealth} every {@code healthInterval}.
 *
 * <pre>{@code
 * try (KafkaStreamSink sink = new KafkaStreamSink("localhost:9092");
 *      StreamPuller puller = StreamPuller.start(StreamConfigFile.load(file, base), PullOptions.defaults(), sink)) {
 *     ...
 * }
 * }</pre>
 * Closing stops the cameras, publishes a last {@code OFFLINE} report for each, and leaves the sink open
 * (its owner closes it).
 */
public final class StreamPuller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPuller.class);

    private final PullOptions options;
    private final StreamSink sink;
    private final Clock clock;
    private final Map<String, HealthTracker> trackers = new LinkedHashMap<>();
    private final List<CameraPuller> pullers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private boolean closed;

    private StreamPuller(List<StreamSpec> specs, PullOptions options, StreamSink sink, Clock clock,
            BiFunction<StreamSpec, PullOptions, FrameSource> sources) {
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        for (StreamSpec spec : specs) {
            HealthTracker tracker = new HealthTracker(spec.cameraId(), spec.sampleFps(), options.offlineAfter(),
                    clock.instant());
            trackers.put(spec.cameraId(), tracker);
            pullers.add(new CameraPuller(spec, options, sources, sink, tracker, clock));
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raqib-pull-health");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Validates the streams and options and starts pulling.
     *
     * @throws IllegalArgumentException for a bad stream or option, or a camera declared twice
     */
    public static StreamPuller start(List<StreamSpec> specs, PullOptions options, StreamSink sink) {
        return start(specs, options, sink, Clock.systemUTC(), FrameSources::create);
    }

    static StreamPuller start(List<StreamSpec> specs, PullOptions options, StreamSink sink, Clock clock,
            BiFunction<StreamSpec, PullOptions, FrameSource> sources) {
        options.validate();
        Set<String> ids = new HashSet<>();
        for (StreamSpec s : specs) {
            s.validate();
            if (!ids.add(s.cameraId())) {
                throw new IllegalArgumentException("camera " + s.cameraId() + " has more than one stream");
            }
        }
        StreamPuller puller = new StreamPuller(specs, options, sink, clock, sources);
        puller.startThreads();
        return puller;
    }

    private void startThreads() {
        for (CameraPuller p : pullers) {
            Thread t = new Thread(p, "raqib-pull-" + p.cameraId());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long ms = options.healthInterval().toMillis();
        // fixed delay, not rate: a report delayed (broker metadata, a long GC) must not be followed by a burst of
        // near-empty intervals with meaningless rates
        scheduler.scheduleWithFixedDelay(this::reportHealth, ms, ms, TimeUnit.MILLISECONDS);
        LOG.info("stream pull: {} camera(s), health every {} ms", pullers.size(), ms);
    }

    private void reportHealth() {
        for (HealthTracker t : trackers.values()) {
            try {
                sink.health(t.report(clock.instant()));
            } catch (RuntimeException e) {
                // the scheduler would stop for good on an exception: log it and go on
                LOG.warn("stream pull: health report failed: {}", e.toString());
            }
        }
    }

    /** Stops every camera, waits for them (at most the read timeout plus a margin) and reports them offline. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        pullers.forEach(CameraPuller::stop);
        long deadline = System.nanoTime() + options.readTimeout().plus(Duration.ofSeconds(2)).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("stream pull: {} did not stop within the read timeout", t.getName());
            }
        }
        trackers.values().forEach(t -> {
            t.stopped("pull stopped");
            sink.health(t.report(clock.instant()));
        });
    }
}
