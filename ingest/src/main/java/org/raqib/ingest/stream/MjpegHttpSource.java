package org.raqib.ingest.stream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * An MJPEG camera over HTTP: one long {@code GET} whose body is {@code multipart/x-mixed-replace} with a
 * JPEG per part. Plain Java, no FFmpeg. Frames are published as the camera encoded them.
 */
final class MjpegHttpSource implements FrameSource {

    private final URI url;
    private final Duration timeout;
    private volatile HttpURLConnection connection;
    private InputStream body;
    private MultipartJpegReader parts;

    MjpegHttpSource(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public void open() throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        connection = c;
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        c.setUseCaches(false);
        c.setRequestProperty("Accept", "multipart/x-mixed-replace, image/jpeg");
        if (url.getRawUserInfo() != null) {
            // http://user:password@camera/...: most IP cameras want HTTP basic authentication, which
            // HttpURLConnection does not derive from the URL by itself
            String credentials = java.net.URLDecoder.decode(url.getRawUserInfo(), StandardCharsets.UTF_8);
            c.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        int status = c.getResponseCode();
        if (status != 200) {
            throw new IOException("MJPEG server answered HTTP " + status + " " + c.getResponseMessage());
        }
        String type = c.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new IOException("not an MJPEG stream: Content-Type " + type);
        }
        String boundary = MultipartJpegReader.boundaryOf(type);
        if (boundary == null) {
            throw new IOException("MJPEG Content-Type without a boundary: " + type);
        }
        body = new BufferedInputStream(c.getInputStream(), 64 * 1024);
        parts = new MultipartJpegReader(body, boundary);
    }

    @Override
    public SourceFrame next() throws IOException {
        byte[] jpeg = parts.nextPart();
        if (jpeg == null) {
            return null;
        }
        // a live camera has no usable stream clock in MJPEG: the arrival time is the frame's time
        long micros = System.nanoTime() / 1000;
        return new SourceFrame() {
            @Override
            public long streamMicros() {
                return micros;
            }

            @Override
            public EncodedFrame jpeg(float quality) throws BadFrameException {
                return JpegCodec.inspect(jpeg);
            }
        };
    }

    @Override
    public void abort() {
        HttpURLConnection c = connection;
        if (c != null) {
            c.disconnect();
        }
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException ignored) {
            // closing a dead connection; nothing left to release
        }
        abort();
    }
}
