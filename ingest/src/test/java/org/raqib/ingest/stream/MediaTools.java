package org.raqib.ingest.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external programs the stream tests start: Debian's {@code ffmpeg} (to make H.264 clips) and
 * GStreamer's RTSP server (through python3-gi). {@code .ci/run} installs both; a test skips with a message
 * naming the package when one is missing.
 */
final class MediaTools {

    /** Debian packages that provide the RTSP server, as {@code .ci/run} installs them. */
    static final String RTSP_PACKAGES = "python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good "
            + "gstreamer1.0-plugins-bad";

    private MediaTools() {
    }

    static boolean hasFfmpeg() {
        return runs(List.of("ffmpeg", "-version"));
    }

    /** Debian's python with GObject introspection (a pyenv python on PATH may lack it). */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static boolean hasRtspServer() {
        return runs(List.of(python(), "-c",
                "import gi; gi.require_version('GstRtspServer', '1.0'); gi.require_version('Gst', '1.0');"
                        + " from gi.repository import Gst, GstRtspServer; Gst.init(None);"
                        + " import sys; sys.exit(0 if all(Gst.ElementFactory.find(e) for e in"
                        + " ('qtdemux', 'h264parse', 'rtph264pay')) else 1)"));
    }

    private static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes an H.264 MP4 test pattern ({@code testsrc}) of the given size, rate and length. */
    static Path h264Clip(Path dir, int width, int height, int fps, int seconds) throws IOException, InterruptedException {
        Path out = dir.resolve("clip-" + width + "x" + height + "-" + fps + ".mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=" + width + "x" + height + ":rate=" + fps, "-t", Integer.toString(seconds),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", Integer.toString(fps),
                "-bf", "0", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not make a clip: " + log);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** A running RTSP server for one clip; close() kills it. */
    static final class RtspServer implements AutoCloseable {
        private final Process process;
        final int port;

        private RtspServer(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        String url() {
            return "rtsp://127.0.0.1:" + port + "/clip";
        }

        /** Starts the server on {@code port} and waits until it listens. */
        static RtspServer start(Path dir, Path clip, int port) throws IOException {
            Path script = dir.resolve("rtsp_server.py");
            try (InputStream in = MediaTools.class.getResourceAsStream("rtsp_server.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process p = new ProcessBuilder(python(), script.toString(), clip.toString(), Integer.toString(port))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                p.destroyForcibly();
                throw new IOException("the RTSP server did not start: " + line);
            }
            // keep draining its output so it never blocks on a full pipe
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // discard
                    }
                } catch (IOException ignored) {
                    // the server was stopped
                }
            }, "rtsp-server-output");
            drain.setDaemon(true);
            drain.start();
            return new RtspServer(p, port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
