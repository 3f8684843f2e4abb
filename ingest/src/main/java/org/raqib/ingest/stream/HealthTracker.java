package org.raqib.ingest.stream;

import java.time.Duration;
import java.time.Instant;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;

/**
 * One camera's feed health, from the frames and errors its puller reports. Time comes from the caller,
 * so the state rules are checked without waiting.
 *
 * <p>State rules, evaluated at each report:
 * <ul>
 *   <li>{@code OFFLINE}: no frame for {@code offlineAfter} (since the last frame, or since the start when
 *       none came yet), or the puller stopped;</li>
 *   <li>{@code UNKNOWN}: started less than {@code offlineAfter} ago and no frame yet;</li>
 *   <li>{@code DEGRADED}: frames arrive, but the interval had errors (a reconnect, a corrupt frame) or the
 *       published rate fell below half the sample rate (not judged in the interval of the very first frame,
 *       which had the feed for part of its length only);</li>
 *   <li>{@code ONLINE}: otherwise.</li>
 * </ul>
 * Thread-safe: the camera's puller thread reports events, the health scheduler reads.
 */
final class HealthTracker {

    /** Below this share of the sample rate a feed is degraded. */
    static final double DEGRADED_RATE_SHARE = 0.5;

    private final String cameraId;
    private final double targetFps;
    private final Duration offlineAfter;
    private final Instant startedAt;

    private Instant lastFrameAt;
    private boolean firstFrameInInterval;
    private Instant lastCaptureTime;
    private Instant intervalStart;
    private long framesInInterval;
    private long errorsInInterval;
    private long errors;
    private String lastError = "";
    private String note = "starting";
    private boolean stopped;

    HealthTracker(String cameraId, double targetFps, Duration offlineAfter, Instant startedAt) {
        this.cameraId = cameraId;
        this.targetFps = targetFps;
        this.offlineAfter = offlineAfter;
        this.startedAt = startedAt;
        this.intervalStart = startedAt;
    }

    /** A frame was published. */
    synchronized void frame(Instant captureTime, Instant now) {
        if (lastFrameAt == null) {
            firstFrameInInterval = true;
        }
        lastFrameAt = now;
        lastCaptureTime = captureTime;
        framesInInterval++;
    }

    /** The source failed or delivered a bad frame. */
    synchronized void error(String message, Instant now) {
        errors++;
        errorsInInterval++;
        lastError = message;
    }

    /** A short operator note (connected, replay finished ...) kept until the next one. */
    synchronized void note(String message) {
        note = message;
    }

    /** The puller ended (replay finished or shut down): the camera is offline from now on. */
    synchronized void stopped(String message) {
        stopped = true;
        note = message;
    }

    /** The health now, over the interval since the previous report; starts the next interval. */
    synchronized CameraHealth report(Instant now) {
        double seconds = Math.max(1e-3, Duration.between(intervalStart, now).toMillis() / 1000.0);
        double fps = framesInInterval / seconds;
        Duration silence = Duration.between(lastFrameAt != null ? lastFrameAt : startedAt, now);
        CameraState state;
        String message;
        if (stopped) {
            state = CameraState.OFFLINE;
            message = note;
        } else if (silence.compareTo(offlineAfter) >= 0) {
            state = CameraState.OFFLINE;
            message = (lastFrameAt == null ? "no frame since the start " : "no frame for ")
                    + silence.toSeconds() + " s" + (lastError.isEmpty() ? "" : "; last error: " + lastError);
        } else if (lastFrameAt == null) {
            state = CameraState.UNKNOWN;
            message = lastError.isEmpty() ? note : "connecting; last error: " + lastError;
        } else if (errorsInInterval > 0) {
            state = CameraState.DEGRADED;
            message = errorsInInterval + " error(s) in the last " + Math.round(seconds) + " s: " + lastError;
        } else if (seconds >= 1.0 && !firstFrameInInterval && fps < DEGRADED_RATE_SHARE * targetFps) {
            // (the interval in which the very first frame came had the feed for part of its length only)
            state = CameraState.DEGRADED;
            message = String.format(java.util.Locale.ROOT, "%.2f frames/s, below half of the %.2f sampled",
                    fps, targetFps);
        } else {
            state = CameraState.ONLINE;
            message = note;
        }
        intervalStart = now;
        framesInInterval = 0;
        errorsInInterval = 0;
        firstFrameInInterval = false;
        return CameraHealth.newBuilder()
                .setCameraId(cameraId)
                .setState(state)
                .setFramesPerSecond(fps)
                .setLastFrameTime(lastCaptureTime)
                .setErrors(errors)
                .setMessage(message)
                .setReportedAt(now)
                .build();
    }
}
