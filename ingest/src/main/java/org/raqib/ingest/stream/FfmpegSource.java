package org.raqib.ingest.stream;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * RTSP (H.264) streams and video files, decoded by FFmpeg through JavaCV's {@link FFmpegFrameGrabber}.
 * Every frame is decoded (H.264 frames depend on each other) but only sampled ones are converted to an
 * image and encoded. Files are paced by their timestamps so a replay runs at the recorded speed.
 */
final class FfmpegSource implements FrameSource {

    private final String location;
    private final boolean live;
    private final Duration timeout;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private FFmpegFrameGrabber grabber;
    private long firstTimestamp = Long.MIN_VALUE;
    private long startNanos;

    FfmpegSource(String location, boolean live, Duration timeout) {
        this.location = location;
        this.live = live;
        this.timeout = timeout;
    }

    @Override
    public void open() throws IOException {
        FfmpegRuntime.load();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(location);
        if (live) {
            // TCP interleaving: no UDP ports to open, no loss-induced grey frames
            g.setOption("rtsp_transport", "tcp");
            // socket I/O timeout in microseconds: a silent camera fails the read instead of hanging it
            g.setOption("timeout", Long.toString(timeout.toNanos() / 1000));
        }
        grabber = g;
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("FFmpeg cannot open " + describe() + ": " + e.getMessage(), e);
        }
        if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            throw new IOException("no video stream in " + describe());
        }
        firstTimestamp = Long.MIN_VALUE;
        startNanos = System.nanoTime();
    }

    @Override
    public SourceFrame next() throws IOException {
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("FFmpeg read failed on " + describe() + ": " + e.getMessage(), e);
        }
        if (frame == null) {
            return null;
        }
        long ts = frame.timestamp;
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = ts;
        }
        long micros = ts - firstTimestamp;
        if (!live) {
            Pacing.sleepUntil(startNanos + micros * 1000);
        }
        return new SourceFrame() {
            @Override
            public long streamMicros() {
                return micros;
            }

            @Override
            public EncodedFrame jpeg(float quality) throws IOException {
                BufferedImage image = converter.getBufferedImage(frame);
                if (image == null) {
                    throw new BadFrameException("FFmpeg returned a frame without pixels");
                }
                return JpegCodec.encode(image, quality);
            }
        };
    }

    private String describe() {
        // an RTSP URL may carry credentials (rtsp://user:password@host/...): never log them
        return location.replaceFirst("^(rtsps?://)[^@/]*@", "$1***@");
    }

    @Override
    public void close() {
        FFmpegFrameGrabber g = grabber;
        grabber = null;
        if (g != null) {
            try {
                g.close();
            } catch (FrameGrabber.Exception | RuntimeException ignored) {
                // the stream is being abandoned; a failed close leaves nothing to retry
            }
        }
    }
}
