package org.raqib.ingest.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real MJPEG camera for tests: HTTP on loopback, {@code multipart/x-mixed-replace} with one generated
 * JPEG per part at a fixed rate. It can fall silent (connection kept open, nothing sent), send a corrupt
 * part, stop (port closed) and start again on the same port.
 */
final class MjpegTestServer implements AutoCloseable {

    private final double fps;
    private final byte[][] frames;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile boolean silent;
    private volatile int corruptNext;
    private volatile int connections;
    private volatile String requiredAuthorization;
    private int port;

    MjpegTestServer(double fps) {
        this.fps = fps;
        this.frames = new byte[10][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = TestImages.jpeg(i, 160, 120);
        }
    }

    /** Starts listening on {@code port} (0: any free port). */
    synchronized MjpegTestServer start(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.port = s.getLocalPort();
        server = s;
        Thread accept = new Thread(() -> acceptLoop(s), "mjpeg-test-accept");
        accept.setDaemon(true);
        accept.start();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/video.mjpg";
    }

    int port() {
        return port;
    }

    int connections() {
        return connections;
    }

    /** Answers 401 to requests without this HTTP basic user and password. */
    void requireBasicAuth(String user, String password) {
        requiredAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    void silent(boolean on) {
        silent = on;
    }

    /**
     * Truncates the next three frames. Three, not one: the puller samples the stream on a time grid and
     * checks only the frames it takes, and a frame that comes a little early is skipped unchecked; two frames in
     * a row are never both skipped unless they arrive in one burst (one corrupt frame flaked in CI).
     */
    void corruptNext() {
        corruptNext = 3;
    }

    /** Closes the port and every open connection, like a camera that reboots. */
    synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        clients.clear();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                clients.add(c);
                connections++;
                Thread t = new Thread(() -> serve(c), "mjpeg-test-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
            // read the request head; only its Authorization header matters to this camera
            StringBuilder head = new StringBuilder();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
            }
            String auth = requiredAuthorization;
            if (auth != null && !head.toString().contains("\nAuthorization: " + auth + "\r")) {
                out.write("HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            out.write(("HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=\"raqibframe\"\r\n"
                    + "Cache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long period = Math.round(1_000_000_000.0 / fps);
            long next = System.nanoTime();
            for (int n = 0; !c.isClosed(); n++) {
                if (!silent) {
                    byte[] jpeg = frames[n % frames.length];
                    if (corruptNext > 0) {
                        corruptNext--;
                        jpeg = java.util.Arrays.copyOf(jpeg, jpeg.length / 2);
                    }
                    out.write(("--raqibframe\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the server stopped
        } finally {
            clients.remove(c);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
