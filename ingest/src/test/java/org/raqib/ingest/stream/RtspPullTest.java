package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;

/**
 * The puller against a real RTSP server (GStreamer's gst-rtsp-server) streaming an H.264 clip made by
 * Debian's ffmpeg; decoded by FFmpeg through JavaCV.
 */
class RtspPullTest {

    @TempDir
    static Path dir;

    private static Path clip;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void tools() throws Exception {
        assumeTrue(MediaTools.hasFfmpeg(), "skipped: Debian's ffmpeg is not installed (apt-get install ffmpeg; .ci/run does)");
        assumeTrue(MediaTools.hasRtspServer(), "skipped: no GStreamer RTSP server (apt-get install "
                + MediaTools.RTSP_PACKAGES + "; .ci/run does)");
        clip = MediaTools.h264Clip(dir, 320, 240, 25, 60);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void framesArriveSampledAndThePullerReconnectsWhenTheServerRestarts() throws Exception {
        int port = MediaTools.freePort();
        PullOptions options = PullOptions.defaults().withHealthInterval(Duration.ofMillis(500))
                .withOfflineAfter(Duration.ofSeconds(3)).withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withReadTimeout(Duration.ofSeconds(3));
        CollectingSink sink = new CollectingSink();
        MediaTools.RtspServer server = MediaTools.RtspServer.start(dir, clip, port);
        try (StreamPuller puller = StreamPuller.start(
                List.of(StreamSpec.of("CAM-RTSP", server.url()).withSampleFps(5)), options, sink)) {
            // given a 25 fps H.264 stream sampled at 5 fps
            sink.awaitFrames(f -> !f.isEmpty(), Duration.ofSeconds(20), "the first RTSP frame");
            long t0 = System.nanoTime();
            Thread.sleep(3000);
            int n = sink.frames().size();
            double rate = (n - 1) / ((System.nanoTime() - t0) / 1e9);
            assertTrue(rate > 3 && rate < 7.5, "sampled rate " + rate + " frames/s");
            CameraFrame f = sink.frames().get(0);
            assertEquals(320, f.getWidth());
            assertEquals(240, f.getHeight());
            assertEquals("stream", f.getOrigin());
            byte[] jpeg = new byte[f.getJpeg().remaining()];
            f.getJpeg().duplicate().get(jpeg);
            assertEquals(240, JpegCodec.inspect(jpeg).height(), "a decodable JPEG of the decoded frame");
            sink.awaitHealth(h -> h.getState() == CameraState.ONLINE, Duration.ofSeconds(5), "ONLINE");

            // when the server goes away, the camera is offline after the silence
            server.close();
            CameraHealth offline = sink.awaitHealth(h -> h.getState() == CameraState.OFFLINE, Duration.ofSeconds(15),
                    "OFFLINE while the server is down");
            int before = sink.frames().size();
            // and when it comes back on the same port, frames flow again without a restart of the puller
            server = MediaTools.RtspServer.start(dir, clip, port);
            sink.awaitFrames(x -> x.size() >= before + 5, Duration.ofSeconds(20), "frames after the restart");
            CameraHealth back = sink.awaitHealth(h -> h.getState() == CameraState.ONLINE
                    && h.getReportedAt().isAfter(offline.getReportedAt()), Duration.ofSeconds(10), "ONLINE again");
            assertTrue(back.getErrors() >= 1, "the outage is counted: " + back);
        } finally {
            server.close();
        }
    }
}
