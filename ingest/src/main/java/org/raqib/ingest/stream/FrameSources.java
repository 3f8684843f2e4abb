package org.raqib.ingest.stream;

import java.net.URI;
import java.nio.file.Path;

/** Makes the source for a stream spec, by its kind. */
final class FrameSources {

    private FrameSources() {
    }

    static FrameSource create(StreamSpec spec, PullOptions options) {
        return switch (spec.kind()) {
            case MJPEG_HTTP -> new MjpegHttpSource(URI.create(spec.url()), options.readTimeout());
            case RTSP -> new FfmpegSource(spec.url(), true, options.readTimeout());
            case VIDEO_FILE -> new FfmpegSource(Path.of(spec.url()).toAbsolutePath().toString(), false,
                    options.readTimeout());
            case IMAGE_FOLDER -> new ImageFolderSource(Path.of(spec.url()), spec.replayFps());
        };
    }
}
