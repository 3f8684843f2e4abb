package org.raqib.ingest.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Where a camera's frames come from, told apart by the stream's location. */
public enum SourceKind {
    /** {@code http(s)://} returning {@code multipart/x-mixed-replace} JPEG parts; parsed in plain Java. */
    MJPEG_HTTP("stream"),
    /** {@code rtsp://} (H.264), decoded by FFmpeg. */
    RTSP("stream"),
    /** A local video file (any container and codec FFmpeg reads), replayed at its own frame rate. */
    VIDEO_FILE("replay"),
    /** A local folder of JPEG/PNG images, replayed in name order at the configured replay rate. */
    IMAGE_FOLDER("replay");

    private final String origin;

    SourceKind(String origin) {
        this.origin = origin;
    }

    /** The {@code origin} written into each {@code CameraFrame}: {@code stream} or {@code replay}. */
    public String origin() {
        return origin;
    }

    /** True for recorded sources, whose end is normal (replay finished) rather than a failure. */
    public boolean isReplay() {
        return this == VIDEO_FILE || this == IMAGE_FOLDER;
    }

    /** The kind of source at {@code location}: a URL by its scheme, otherwise a local file or folder. */
    public static SourceKind of(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        if (l.startsWith("http://") || l.startsWith("https://")) {
            return MJPEG_HTTP;
        }
        if (l.startsWith("rtsp://") || l.startsWith("rtsps://")) {
            return RTSP;
        }
        if (l.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unsupported stream scheme in '" + location
                    + "' (use http(s):// for MJPEG, rtsp:// for H.264, or a local file or folder)");
        }
        return Files.isDirectory(Path.of(location)) ? IMAGE_FOLDER : VIDEO_FILE;
    }
}
