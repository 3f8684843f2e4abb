package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.models.CameraHealth;

/**
 * The pull loop's failure handling, with sources that misbehave on purpose (the real-source tests cover
 * the sources themselves).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CameraPullerTest {

    private static final PullOptions OPTIONS = PullOptions.defaults().withHealthInterval(Duration.ofMillis(200))
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));

    @TempDir
    Path dir;

    /** A source whose open() and next() run the given actions. */
    private static FrameSource source(AtomicInteger opens, ThrowingAction onOpen, ThrowingAction onNext) {
        return new FrameSource() {
            @Override
            public void open() throws IOException {
                opens.incrementAndGet();
                onOpen.run();
            }

            @Override
            public SourceFrame next() throws IOException {
                onNext.run();
                return null;
            }

            @Override
            public void close() {
            }
        };
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run() throws IOException;
    }

    private List<StreamSpec> replaySpec() throws IOException {
        Files.createDirectories(dir.resolve("f"));
        return List.of(StreamSpec.of("CAM-X", dir.resolve("f").toString()));
    }

    @Test
    void aRecordingWithoutFramesIsRetriedWithBackoffNotInABusyLoop() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        CollectingSink sink = new CollectingSink();
        long t0 = System.nanoTime();
        long ms;
        try (StreamPuller p = StreamPuller.start(replaySpec(), OPTIONS, sink, Clock.systemUTC(),
                (s, o) -> source(opens, () -> { }, () -> { }))) {
            CameraHealth h = sink.awaitHealth(x -> x.getErrors() >= 3, Duration.ofSeconds(10), "three failed passes");
            ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(h.getMessage().contains("no frame in the recording"), h.toString());
        }
        // at least 100 ms of backoff between attempts: a busy loop would open thousands of times
        assertTrue(opens.get() >= 3 && opens.get() <= 2 + ms / 100, opens.get() + " opens in " + ms + " ms");
    }

    @Test
    void runtimeErrorsAndLinkageErrorsOfASourceDoNotEndThePuller() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        CollectingSink sink = new CollectingSink();
        try (StreamPuller p = StreamPuller.start(replaySpec(), OPTIONS, sink, Clock.systemUTC(),
                (s, o) -> source(opens, () -> {
                    if (opens.get() % 2 == 1) {
                        throw new IllegalStateException("decoder exploded");
                    }
                    throw new UnsatisfiedLinkError("no libavcodec");
                }, () -> { }))) {
            sink.awaitHealth(h -> h.getErrors() >= 4, Duration.ofSeconds(10), "four failed attempts");
        }
        assertTrue(opens.get() >= 4);
        assertTrue(sink.health().stream().anyMatch(h -> h.getMessage().contains("decoder exploded")));
        assertTrue(sink.health().stream().anyMatch(h -> h.getMessage().contains("no libavcodec")));
        assertEquals(0, sink.frames().size());
    }
}
