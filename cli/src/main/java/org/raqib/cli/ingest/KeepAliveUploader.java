package org.raqib.cli.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.raqib.ingest.gateway.FrameSignature;

/**
 * The benchmark's load generator: one plain TCP connection that sends signed uploads as HTTP/1.1 requests,
 * one at a time, and keeps the connection open between them. It does as little as an HTTP client can
 * (no request objects, no body publishers, no selector thread), so that on a small machine the CPU goes
 * to the gateway under test rather than to the client. Not thread-safe: one per sending thread.
 */
final class KeepAliveUploader implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InetSocketAddress address;
    private final String host;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    /** A connection to the gateway at {@code address}, opened on the first upload. */
    KeepAliveUploader(InetSocketAddress address) {
        this.address = address;
        this.host = address.getHostString() + ":" + address.getPort();
    }

    /**
     * Signs {@code jpeg[0..length)} as camera {@code cameraId} at {@code timestamp}, sends it and reads the whole
     * answer.
     *
     * @return the HTTP status
     */
    int upload(String cameraId, String secret, byte[] jpeg, int length, long timestamp, double speedKmh, int lane)
            throws IOException {
        String signature = FrameSignature.sign(secret, cameraId, timestamp, FrameSignature.sha256Hex(jpeg, length));
        String head = "POST /v1/cameras/" + cameraId + "/frames HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: image/jpeg\r\n"
                + "Content-Length: " + length + "\r\n"
                + "X-Raqib-Timestamp: " + timestamp + "\r\n"
                + "X-Raqib-Signature: " + signature + "\r\n"
                + "X-Raqib-Speed-Kmh: " + String.format(Locale.ROOT, "%.1f", speedKmh) + "\r\n"
                + "X-Raqib-Lane: " + lane + "\r\n"
                + "\r\n";
        if (socket == null) {
            connect();
        }
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(jpeg, 0, length);
            out.flush();
            return readAnswer();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        // Without it, a request's body would wait behind its headers for the gateway's delayed ACK.
        s.setTcpNoDelay(true);
        s.connect(address, 5000);
        s.setSoTimeout(60_000);
        socket = s;
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    }

    /** Reads status line, headers and a Content-Length body; closes the connection when the server asks. */
    private int readAnswer() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the gateway closed the connection before answering");
            }
            header.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (header.size() > MAX_HEADER_BYTES) {
                throw new IOException("answer header longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        String[] lines = header.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + lines[0]);
        }
        int code = Integer.parseInt(status[1]);
        long length = -1;
        boolean closeAfter = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            } else if (name.equals("transfer-encoding")) {
                throw new IOException("chunked answers are not expected from the gateway");
            }
        }
        if (length < 0) {
            closeAfter = true;
        } else {
            in.skipNBytes(length);
        }
        if (closeAfter) {
            close();
        }
        return code;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we are done with: nothing to do
            }
            socket = null;
        }
    }
}
