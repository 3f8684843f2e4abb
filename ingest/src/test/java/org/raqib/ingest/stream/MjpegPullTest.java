package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;

/** The puller against a real MJPEG HTTP server on loopback (started by the test). */
class MjpegPullTest {

    private static final PullOptions FAST = PullOptions.defaults()
            .withHealthInterval(Duration.ofMillis(500))
            .withOfflineAfter(Duration.ofSeconds(2))
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
            .withReadTimeout(Duration.ofSeconds(3));

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void framesArriveAtTheSampledRateAsTheCameraEncodedThem() throws Exception {
        try (MjpegTestServer camera = new MjpegTestServer(25).start(0);
                CollectingSink sink = new CollectingSink()) {
            // given a 25 fps camera sampled at 4 fps
            StreamSpec spec = StreamSpec.of("CAM-M", camera.url()).withSampleFps(4);
            try (StreamPuller puller = StreamPuller.start(List.of(spec), FAST, sink)) {
                // when it runs for 3 s after the first frame
                sink.awaitFrames(f -> !f.isEmpty(), Duration.ofSeconds(10), "the first frame");
                long t0 = System.nanoTime();
                Thread.sleep(3000);
                int n = sink.frames().size();
                double seconds = (System.nanoTime() - t0) / 1e9;
                // then about 4 per second came through, not 25
                double rate = (n - 1) / seconds;
                assertTrue(rate > 2.5 && rate < 5.5, "sampled rate " + rate + " frames/s");
                CameraHealth h = sink.awaitHealth(x -> x.getState() == CameraState.ONLINE, Duration.ofSeconds(5),
                        "an ONLINE report");
                assertTrue(h.getFramesPerSecond() > 2 && h.getFramesPerSecond() < 6, "reported " + h);
            }
            CameraFrame f = sink.frames().get(0);
            assertEquals("CAM-M", f.getCameraId());
            assertEquals("stream", f.getOrigin());
            assertEquals(160, f.getWidth());
            assertEquals(120, f.getHeight());
            byte[] jpeg = new byte[f.getJpeg().remaining()];
            f.getJpeg().duplicate().get(jpeg);
            assertEquals(160, JpegCodec.inspect(jpeg).width(), "published bytes are a whole JPEG");
            CameraHealth last = sink.health().get(sink.health().size() - 1);
            assertEquals(CameraState.OFFLINE, last.getState(), "closing reports the camera offline");
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void reconnectsAfterTheCameraRestartsAndCountsTheOutage() throws Exception {
        try (MjpegTestServer camera = new MjpegTestServer(25).start(0);
                CollectingSink sink = new CollectingSink();
                StreamPuller puller = StreamPuller.start(List.of(StreamSpec.of("CAM-R", camera.url())), FAST, sink)) {
            sink.awaitFrames(f -> f.size() >= 2, Duration.ofSeconds(10), "frames before the restart");
            // when the camera goes away (port closed) for 1.5 s and comes back on the same port
            camera.stop();
            int port = camera.port();
            Thread.sleep(1500);
            int before = sink.frames().size();
            camera.start(port);
            // then the puller reconnects by itself and frames flow again
            sink.awaitFrames(f -> f.size() >= before + 3, Duration.ofSeconds(10), "frames after the restart");
            CameraHealth degraded = sink.awaitHealth(h -> h.getState() == CameraState.DEGRADED && h.getErrors() >= 1,
                    Duration.ofSeconds(5), "a DEGRADED report with the outage's errors");
            assertTrue(degraded.getMessage().length() > 0, degraded.toString());
            sink.awaitHealth(h -> h.getState() == CameraState.ONLINE && h.getReportedAt().isAfter(degraded.getReportedAt()),
                    Duration.ofSeconds(5), "ONLINE again after the reconnect");
            assertTrue(camera.connections() >= 2, "a second connection was made");
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aSilentCameraIsMarkedOfflineAndACorruptFrameIsCountedNotFatal() throws Exception {
        try (MjpegTestServer camera = new MjpegTestServer(25).start(0);
                CollectingSink sink = new CollectingSink();
                StreamPuller puller = StreamPuller.start(List.of(StreamSpec.of("CAM-S", camera.url()).withSampleFps(25)),
                        FAST.withReadTimeout(Duration.ofSeconds(20)), sink)) {
            sink.awaitFrames(f -> f.size() >= 3, Duration.ofSeconds(10), "first frames");
            // truncated JPEGs in the stream are errors for the health record, not a reconnect
            camera.corruptNext();
            CameraHealth bad = sink.awaitHealth(h -> h.getErrors() >= 1, Duration.ofSeconds(5), "the corrupt frame counted");
            assertTrue(bad.getMessage().contains("truncated JPEG"), bad.getMessage());
            assertEquals(1, camera.connections(), "no reconnect for bad frames");
            // when the camera keeps the connection open but sends nothing (read timeout is longer than offlineAfter)
            camera.silent(true);
            long silentFrom = System.nanoTime();
            // then after offlineAfter (2 s) the camera is reported OFFLINE
            CameraHealth offline = sink.awaitHealth(h -> h.getState() == CameraState.OFFLINE, Duration.ofSeconds(10),
                    "an OFFLINE report");
            double after = (System.nanoTime() - silentFrom) / 1e9;
            assertTrue(after >= 1.5, "offline only after the configured silence, was " + after + " s");
            assertTrue(offline.getMessage().startsWith("no frame for"), offline.getMessage());
            // and it comes back online when the frames resume
            camera.silent(false);
            sink.awaitHealth(h -> h.getState() == CameraState.ONLINE && h.getReportedAt().isAfter(offline.getReportedAt()),
                    Duration.ofSeconds(10), "ONLINE after the silence");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void credentialsInTheUrlAreSentAsBasicAuthenticationAndARefusalIsAnError() throws Exception {
        try (MjpegTestServer camera = new MjpegTestServer(25).start(0)) {
            camera.requireBasicAuth("viewer", "s3cret:x");
            String withCredentials = camera.url().replace("http://", "http://viewer:s3cret%3Ax@");
            CollectingSink good = new CollectingSink();
            CollectingSink refused = new CollectingSink();
            try (StreamPuller a = StreamPuller.start(List.of(StreamSpec.of("CAM-AUTH", withCredentials)), FAST, good);
                    StreamPuller b = StreamPuller.start(List.of(StreamSpec.of("CAM-NOAUTH", camera.url())), FAST, refused)) {
                good.awaitFrames(f -> f.size() >= 2, Duration.ofSeconds(10), "frames with credentials");
                CameraHealth h = refused.awaitHealth(x -> x.getErrors() >= 1, Duration.ofSeconds(10), "the 401 counted");
                assertTrue(h.getMessage().contains("HTTP 401"), h.getMessage());
                assertTrue(refused.frames().isEmpty());
            }
        }
    }
}
