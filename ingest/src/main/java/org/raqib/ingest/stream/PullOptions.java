package org.raqib.ingest.stream;

import java.time.Duration;

/**
 * Options of the stream puller, shared by every camera.
 *
 * @param healthInterval how often each camera's {@code CameraHealth} is published (default 5 s)
 * @param offlineAfter a camera with no frame for this long is reported {@code OFFLINE} (default 15 s)
 * @param backoffInitial first wait before reconnecting a failed source (default 1 s); doubled after each
 *     failure that brought no frame
 * @param backoffMax longest wait between reconnects (default 30 s)
 * @param readTimeout connect and read timeout of a live source (default 10 s); a stream that stops sending
 *     for this long is closed and reconnected
 * @param jpegQuality JPEG quality (0..1] used when a decoded frame is encoded (default 0.85); MJPEG and
 *     JPEG-folder frames are published as they came, without re-encoding
 */
public record PullOptions(Duration healthInterval, Duration offlineAfter, Duration backoffInitial,
        Duration backoffMax, Duration readTimeout, float jpegQuality) {

    /** The defaults listed on the components. */
    public static PullOptions defaults() {
        return new PullOptions(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(10), 0.85f);
    }

    /** With another health interval. */
    public PullOptions withHealthInterval(Duration d) {
        return new PullOptions(d, offlineAfter, backoffInitial, backoffMax, readTimeout, jpegQuality);
    }

    /** With another silence before {@code OFFLINE}. */
    public PullOptions withOfflineAfter(Duration d) {
        return new PullOptions(healthInterval, d, backoffInitial, backoffMax, readTimeout, jpegQuality);
    }

    /** With other reconnect waits. */
    public PullOptions withBackoff(Duration initial, Duration max) {
        return new PullOptions(healthInterval, offlineAfter, initial, max, readTimeout, jpegQuality);
    }

    /** With another read timeout. */
    public PullOptions withReadTimeout(Duration d) {
        return new PullOptions(healthInterval, offlineAfter, backoffInitial, backoffMax, d, jpegQuality);
    }

    /** With another JPEG quality. */
    public PullOptions withJpegQuality(float q) {
        return new PullOptions(healthInterval, offlineAfter, backoffInitial, backoffMax, readTimeout, q);
    }

    /**
     * Fails fast on a value that cannot work.
     *
     * @return this
     * @throws IllegalArgumentException naming the option
     */
    public PullOptions validate() {
        positive("healthInterval", healthInterval);
        positive("offlineAfter", offlineAfter);
        positive("backoffInitial", backoffInitial);
        positive("backoffMax", backoffMax);
        positive("readTimeout", readTimeout);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is shorter than backoffInitial "
                    + backoffInitial);
        }
        if (!(jpegQuality > 0f && jpegQuality <= 1f)) {
            throw new IllegalArgumentException("jpegQuality " + jpegQuality + " is not in (0, 1]");
        }
        return this;
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
