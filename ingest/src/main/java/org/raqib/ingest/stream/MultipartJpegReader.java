package org.raqib.ingest.stream;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the parts of a {@code multipart/x-mixed-replace} body (an MJPEG stream): each part has headers, a
 * blank line and the JPEG; parts are separated by {@code --boundary}. Parts with a {@code Content-Length}
 * are read exactly; parts without one are read up to the next boundary line.
 */
final class MultipartJpegReader {

    /** No single part may exceed this (a camera frame is far smaller); guards against a runaway stream. */
    static final int MAX_PART_BYTES = 8 * 1024 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private boolean atPartStart;
    private boolean ended;

    /**
     * @param in the response body, buffered by the caller
     * @param boundary the boundary from the Content-Type header (with or without leading dashes)
     */
    MultipartJpegReader(InputStream in, String boundary) {
        this.in = in;
        String b = boundary.startsWith("--") ? boundary : "--" + boundary;
        this.delimiter = ("\r\n" + b).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The boundary parameter of a Content-Type value, or null when it has none. */
    static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    /**
     * The next part's body.
     *
     * @return the bytes, or {@code null} when the stream ended cleanly (closing boundary or end of input
     *     between parts)
     * @throws IOException on a malformed stream or a part over {@link #MAX_PART_BYTES}
     */
    byte[] nextPart() throws IOException {
        if (ended) {
            return null;
        }
        if (!atPartStart) {
            // skip the preamble (or the CRLF after the previous part) up to the boundary line
            if (!skipToBoundaryLine()) {
                return null;
            }
        }
        atPartStart = false;
        int contentLength = -1;
        while (true) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Integer.parseInt(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length in MJPEG part: " + line);
                }
                if (contentLength < 0 || contentLength > MAX_PART_BYTES) {
                    throw new IOException("MJPEG part of " + contentLength + " bytes (limit " + MAX_PART_BYTES + ")");
                }
            }
        }
        if (contentLength >= 0) {
            byte[] body = in.readNBytes(contentLength);
            if (body.length < contentLength) {
                throw new EOFException("MJPEG stream ended inside a part (" + body.length + " of " + contentLength
                        + " bytes)");
            }
            return body;
        }
        byte[] body = readUntilDelimiter();
        // readUntilDelimiter consumed "\r\n--boundary": the rest of that line is read as the next boundary
        atPartStart = true;
        finishBoundaryLine();
        return body;
    }

    /** Consumes bytes up to and including a boundary line; false at end of input or the closing boundary. */
    private boolean skipToBoundaryLine() throws IOException {
        String b = new String(delimiter, 2, delimiter.length - 2, StandardCharsets.ISO_8859_1);
        int skipped = 0;
        while (true) {
            String line = readLine();
            if (line == null) {
                return false;
            }
            if (line.startsWith(b)) {
                return !line.startsWith(b + "--");
            }
            skipped += line.length() + 2;
            if (skipped > MAX_PART_BYTES) {
                throw new IOException("no MJPEG boundary '" + b + "' within " + MAX_PART_BYTES + " bytes");
            }
        }
    }

    private void finishBoundaryLine() throws IOException {
        String rest = readLine();
        if (rest == null || rest.startsWith("--")) {
            // closing boundary: the part just read was the last one
            ended = true;
        }
    }

    private byte[] readUntilDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        int matched = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("MJPEG stream ended inside a part");
            }
            if (c == (delimiter[matched] & 0xFF)) {
                matched++;
                if (matched == delimiter.length) {
                    return out.toByteArray();
                }
                continue;
            }
            if (matched > 0) {
                // not the delimiter after all: emit what was held back, then retry this byte from the start
                out.write(delimiter, 0, matched);
                matched = 0;
                if (c == (delimiter[0] & 0xFF)) {
                    matched = 1;
                    continue;
                }
            }
            out.write(c);
            if (out.size() > MAX_PART_BYTES) {
                throw new IOException("MJPEG part over " + MAX_PART_BYTES + " bytes without a boundary");
            }
        }
    }

    /** A header line without its CRLF (a bare LF is accepted), or null at end of input. */
    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (c == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
            if (sb.length() > MAX_HEADER_LINE) {
                throw new IOException("MJPEG header line over " + MAX_HEADER_LINE + " bytes");
            }
        }
    }
}
