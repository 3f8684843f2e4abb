package org.raqib.jobs.avro;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Avro binary primitives the hand-written readers need, read straight from a byte array: Avro's
 * {@code BinaryDecoder} allocates a byte source and accessor per value it is configured for and goes
 * through a {@code Utf8} for every string. Reused: {@link #reset} points it at the next value. Not
 * thread-safe.
 */
public final class BodyInput {

    private byte[] bytes;
    private int pos;
    private int end;

    /** Reads {@code bytes[from, to)} next. */
    public BodyInput reset(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
        return this;
    }

    /** Whether every byte has been read. */
    public boolean atEnd() {
        return pos == end;
    }

    private void need(int n) throws EOFException {
        if (n < 0 || end - pos < n) {
            throw new EOFException("Avro value ends early");
        }
    }

    /** A zig-zag varint long (also ints, enums, union branches, array block counts). */
    public long readLong() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            int b = bytes[pos++] & 0xff;
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return (v >>> 1) ^ -(v & 1);
            }
        }
        throw new IOException("invalid Avro long");
    }

    public int readInt() throws IOException {
        long v = readLong();
        if (v != (int) v) {
            throw new IOException("invalid Avro int " + v);
        }
        return (int) v;
    }

    public double readDouble() throws IOException {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (bytes[pos + i] & 0xff) << (8 * i);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    public String readString() throws IOException {
        long n = readLong();
        if (n > Integer.MAX_VALUE) {
            throw new IOException("Avro string of " + n + " bytes");
        }
        need((int) n);
        String s = new String(bytes, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** The branch of a {@code ["null", X]} union: whether an X follows. */
    public boolean readPresent() throws IOException {
        int branch = readInt();
        if (branch != 0 && branch != 1) {
            throw new IOException("invalid branch " + branch + " of an optional value");
        }
        return branch == 1;
    }

    /**
     * The item count of the next block of an array (0 at its end); a block written with its byte size
     * (a negative count) has the size skipped.
     */
    public long readBlockCount() throws IOException {
        long n = readLong();
        if (n < 0) {
            readLong(); // the block's size in bytes, for skipping: not needed when reading
            n = -n;
        }
        return n;
    }
}
