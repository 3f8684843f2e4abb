package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;

/**
 * FFmpeg must not hang on a camera that accepts the connection and never answers (a wedged RTSP server):
 * the read timeout fails the attempt, the puller retries, and closing the puller returns in bounded time.
 */
class FfmpegSourceTimeoutTest {

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aMuteRtspServerTimesOutIsRetriedAndReportedOffline() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket mute = new ServerSocket()) {
            mute.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                while (!mute.isClosed()) {
                    try {
                        Socket s = mute.accept();
                        synchronized (accepted) {
                            accepted.add(s); // held open, never answered
                        }
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "mute-rtsp");
            acceptor.setDaemon(true);
            acceptor.start();

            CollectingSink sink = new CollectingSink();
            PullOptions options = PullOptions.defaults().withHealthInterval(Duration.ofMillis(500))
                    .withOfflineAfter(Duration.ofSeconds(3)).withBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
                    .withReadTimeout(Duration.ofSeconds(2));
            StreamPuller puller = StreamPuller.start(List.of(StreamSpec.of("CAM-MUTE",
                    "rtsp://127.0.0.1:" + mute.getLocalPort() + "/stream")), options, sink);
            try {
                // then attempts time out and are retried (at least two connections), errors are counted
                CameraHealth h = sink.awaitHealth(x -> x.getErrors() >= 2, Duration.ofSeconds(20),
                        "two timed-out attempts");
                synchronized (accepted) {
                    assertTrue(accepted.size() >= 2, "reconnected: " + accepted.size() + " connections");
                }
                sink.awaitHealth(x -> x.getState() == CameraState.OFFLINE, Duration.ofSeconds(10), "OFFLINE");
                assertTrue(sink.frames().isEmpty());
                assertTrue(h.getMessage().length() > 0, h.toString());
            } finally {
                long t0 = System.nanoTime();
                puller.close();
                double s = (System.nanoTime() - t0) / 1e9;
                assertTrue(s < 5, "close took " + s + " s (read timeout 2 s)");
            }
        } finally {
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
