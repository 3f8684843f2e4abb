package org.raqib.ingest.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One camera's stream, as declared in {@code config/streams.yaml}.
 *
 * @param cameraId id of the camera in the registry; the Kafka key of its frames and health
 * @param url where to pull from: {@code http(s)://} (MJPEG), {@code rtsp://} (H.264), a video file or an
 *     image folder (relative paths are resolved against the working directory)
 * @param sampleFps frames per second published (default {@value #DEFAULT_SAMPLE_FPS}); a 25 fps stream
 *     sampled at 2 publishes every 12th or 13th frame
 * @param replayFps the rate at which an image folder is played back (default {@value #DEFAULT_REPLAY_FPS});
 *     ignored for other sources, which have their own rate
 * @param loop whether a video file or image folder starts again at its end (default true); a live stream
 *     that ends is always reconnected
 */
public record StreamSpec(String cameraId, String url, double sampleFps, double replayFps, boolean loop) {

    /** Default published frame rate. */
    public static final double DEFAULT_SAMPLE_FPS = 2.0;
    /** Default playback rate of an image folder. */
    public static final double DEFAULT_REPLAY_FPS = 10.0;
    /** Highest accepted sample or replay rate: beyond this a camera is a video feed, not an enforcement source. */
    public static final double MAX_FPS = 60.0;

    public StreamSpec {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(url, "url");
    }

    /** A live stream or replay sampled at the default rate. */
    public static StreamSpec of(String cameraId, String url) {
        return new StreamSpec(cameraId, url, DEFAULT_SAMPLE_FPS, DEFAULT_REPLAY_FPS, true);
    }

    /** This spec with another sample rate. */
    public StreamSpec withSampleFps(double fps) {
        return new StreamSpec(cameraId, url, fps, replayFps, loop);
    }

    /** This spec with another image-folder replay rate. */
    public StreamSpec withReplayFps(double fps) {
        return new StreamSpec(cameraId, url, sampleFps, fps, loop);
    }

    /** This spec with looping of recorded sources on or off. */
    public StreamSpec withLoop(boolean on) {
        return new StreamSpec(cameraId, url, sampleFps, replayFps, on);
    }

    /** The kind of source, from the url. */
    public SourceKind kind() {
        return SourceKind.of(url);
    }

    /**
     * Checks the values and, for local sources, that the file or folder exists.
     *
     * @return this
     * @throws IllegalArgumentException with a message naming the camera and the bad value
     */
    public StreamSpec validate() {
        if (cameraId.isBlank()) {
            throw new IllegalArgumentException("stream: camera id is blank");
        }
        String who = "stream of camera " + cameraId + ": ";
        if (url.isBlank()) {
            throw new IllegalArgumentException(who + "url is blank");
        }
        if (!(sampleFps > 0 && sampleFps <= MAX_FPS)) {
            throw new IllegalArgumentException(who + "sampleFps " + sampleFps + " is not in (0, " + MAX_FPS + "]");
        }
        if (!(replayFps > 0 && replayFps <= MAX_FPS)) {
            throw new IllegalArgumentException(who + "replayFps " + replayFps + " is not in (0, " + MAX_FPS + "]");
        }
        SourceKind kind;
        try {
            kind = kind();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(who + e.getMessage(), e);
        }
        if (kind.isReplay() && !Files.isReadable(Path.of(url))) {
            throw new IllegalArgumentException(who + "no readable file or folder at " + Path.of(url).toAbsolutePath());
        }
        return this;
    }
}
