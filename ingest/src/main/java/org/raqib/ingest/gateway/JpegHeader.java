package org.raqib.ingest.gateway;

/**
 * The size of a JPEG image, read from its frame header (SOFn) without decoding any pixel, and the
 * structural checks that come with reading it: start-of-image marker first, a chain of well-formed
 * segments up to the first scan, a frame header before the scan, end-of-image marker last.
 *
 * <p>Reading the header first lets the gateway refuse a decompression bomb (a few kilobytes that
 * declare 60000x60000 pixels, gigabytes once decoded) before anything downstream decodes it.
 *
 * @param width declared width in pixels
 * @param height declared height in pixels
 */
public record JpegHeader(int width, int height) {

    /** Declared pixel count. */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * Reads the header of the JPEG in {@code data[0..length)}.
     *
     * @throws InvalidJpegException with {@link RejectReason#NOT_JPEG}, {@link RejectReason#TRUNCATED_JPEG}
     *     or {@link RejectReason#MALFORMED_JPEG}
     */
    public static JpegHeader read(byte[] data, int length) {
        if (length < 2 || u8(data, 0) != 0xFF || u8(data, 1) != 0xD8) {
            throw new InvalidJpegException(RejectReason.NOT_JPEG, "body does not start with the JPEG start-of-image "
                    + "marker FF D8" + describeStart(data, length));
        }
        int pos = 2;
        JpegHeader frame = null;
        while (true) {
            if (pos >= length) {
                throw truncated("the file ends before the first scan, at byte " + length);
            }
            if (u8(data, pos) != 0xFF) {
                throw malformed("expected a marker at byte " + pos + ", found 0x" + hex(u8(data, pos)));
            }
            // Any number of FF fill bytes may precede a marker.
            while (pos < length && u8(data, pos) == 0xFF) {
                pos++;
            }
            if (pos >= length) {
                throw truncated("the file ends inside a marker at byte " + length);
            }
            int marker = u8(data, pos++);
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // stand-alone markers carry no length
            }
            if (marker == 0xD8 || marker == 0xD9 || marker == 0x00) {
                throw malformed("unexpected marker FF " + hex(marker) + " before the first scan");
            }
            if (pos + 2 > length) {
                throw truncated("the file ends inside the length of segment FF " + hex(marker));
            }
            int segmentLength = u16(data, pos);
            if (segmentLength < 2) {
                throw malformed("segment FF " + hex(marker) + " at byte " + (pos - 2) + " has length " + segmentLength);
            }
            if (pos + segmentLength > length) {
                throw truncated("segment FF " + hex(marker) + " at byte " + (pos - 2) + " runs past the end of the file");
            }
            if (isFrameHeader(marker)) {
                if (segmentLength < 8) {
                    throw malformed("frame header FF " + hex(marker) + " is too short (" + segmentLength + " bytes)");
                }
                int height = u16(data, pos + 3);
                int width = u16(data, pos + 5);
                if (width == 0 || height == 0) {
                    throw malformed("frame header declares " + width + "x" + height + " pixels");
                }
                frame = new JpegHeader(width, height);
            } else if (marker == 0xDA) {
                if (frame == null) {
                    throw malformed("scan starts before any frame header (SOFn)");
                }
                break;
            }
            pos += segmentLength;
        }
        if (length < pos + 2 || u8(data, length - 2) != 0xFF || u8(data, length - 1) != 0xD9) {
            throw truncated("the file does not end with the JPEG end-of-image marker FF D9 (cut short?)");
        }
        return frame;
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static String describeStart(byte[] data, int length) {
        if (length >= 8 && u8(data, 0) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return " (it is a PNG)";
        }
        return length == 0 ? " (empty)" : "";
    }

    private static InvalidJpegException truncated(String message) {
        return new InvalidJpegException(RejectReason.TRUNCATED_JPEG, message);
    }

    private static InvalidJpegException malformed(String message) {
        return new InvalidJpegException(RejectReason.MALFORMED_JPEG, message);
    }

    private static int u8(byte[] data, int i) {
        return data[i] & 0xFF;
    }

    private static int u16(byte[] data, int i) {
        return (u8(data, i) << 8) | u8(data, i + 1);
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }

    /** A body that is not a usable JPEG, with the reason to answer. */
    public static final class InvalidJpegException extends RuntimeException {
        private final RejectReason reason;

        InvalidJpegException(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        /** The rejection reason. */
        public RejectReason reason() {
            return reason;
        }
    }
}
