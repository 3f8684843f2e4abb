package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HealthTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static void frames(HealthTracker h, double from, double to, double fps) {
        for (double t = from; t < to; t += 1 / fps) {
            h.frame(at(t), at(t));
        }
    }

    @Test
    void unknownUntilTheFirstFrameThenOnlineAtTheSampledRate() {
        HealthTracker h = new HealthTracker("C1", 2, Duration.ofSeconds(10), T0);
        CameraHealth first = h.report(at(5));
        assertEquals(CameraState.UNKNOWN, first.getState());
        assertNull(first.getLastFrameTime());

        frames(h, 5, 10, 2);
        CameraHealth online = h.report(at(10));
        assertEquals(CameraState.ONLINE, online.getState());
        assertEquals(2.0, online.getFramesPerSecond(), 0.01);
        assertEquals(at(9.5), online.getLastFrameTime());
        assertEquals("C1", online.getCameraId());
        assertEquals(at(10), online.getReportedAt());
    }

    @Test
    void theIntervalOfTheFirstFrameIsNotJudgedOnItsRate() {
        HealthTracker h = new HealthTracker("C1", 2, Duration.ofSeconds(10), T0);
        frames(h, 4, 5, 2); // connected late in the interval: 2 frames in 5 s
        CameraHealth first = h.report(at(5));
        assertEquals(CameraState.ONLINE, first.getState());
        assertEquals(0.4, first.getFramesPerSecond(), 0.01);
        frames(h, 5, 6, 2); // then the same 2 frames in the next 5 s is too few
        assertEquals(CameraState.DEGRADED, h.report(at(10)).getState());
    }

    @Test
    void errorsOrTooFewFramesAreDegraded() {
        HealthTracker h = new HealthTracker("C1", 2, Duration.ofSeconds(10), T0);
        frames(h, 0, 5, 2);
        h.error("stream ended", at(4));
        CameraHealth withError = h.report(at(5));
        assertEquals(CameraState.DEGRADED, withError.getState());
        assertEquals(1, withError.getErrors());
        assertTrue(withError.getMessage().contains("stream ended"), withError.getMessage());

        frames(h, 5, 10, 0.5); // a quarter of the sampled rate
        CameraHealth slow = h.report(at(10));
        assertEquals(CameraState.DEGRADED, slow.getState());
        assertEquals(0.6, slow.getFramesPerSecond(), 0.21);
        assertEquals(1, slow.getErrors(), "errors count since the start");

        frames(h, 10, 15, 2);
        assertEquals(CameraState.ONLINE, h.report(at(15)).getState());
    }

    @Test
    void silenceForTheConfiguredTimeIsOffline() {
        HealthTracker h = new HealthTracker("C1", 2, Duration.ofSeconds(10), T0);
        frames(h, 0, 5, 2);
        assertEquals(CameraState.ONLINE, h.report(at(5)).getState());
        assertEquals(CameraState.DEGRADED, h.report(at(10)).getState(), "5 s without frames: no rate");
        assertEquals(CameraState.DEGRADED, h.report(at(14.4)).getState());
        CameraHealth offline = h.report(at(14.5));
        assertEquals(CameraState.OFFLINE, offline.getState());
        assertEquals(0.0, offline.getFramesPerSecond());
        assertEquals(at(4.5), offline.getLastFrameTime());
        assertTrue(offline.getMessage().startsWith("no frame for 10 s"), offline.getMessage());
    }

    @Test
    void aCameraThatNeverSentIsOfflineAfterTheSilenceAndAStoppedOneAtOnce() {
        HealthTracker never = new HealthTracker("C1", 2, Duration.ofSeconds(10), T0);
        never.error("connection refused", at(1));
        CameraHealth h = never.report(at(10));
        assertEquals(CameraState.OFFLINE, h.getState());
        assertTrue(h.getMessage().contains("connection refused"), h.getMessage());

        HealthTracker stopped = new HealthTracker("C2", 2, Duration.ofSeconds(10), T0);
        frames(stopped, 0, 3, 2);
        stopped.stopped("replay finished");
        CameraHealth s = stopped.report(at(3));
        assertEquals(CameraState.OFFLINE, s.getState());
        assertEquals("replay finished", s.getMessage());
    }
}
