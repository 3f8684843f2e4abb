package org.raqib.jobs.violation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.raqib.models.ViolationType;

/**
 * Deterministic violation ids: derived from what the violation is (type, plate, cameras, event
 * time), never from when or how often it was computed, so a replay or a restart yields the same id
 * and consumers can tell a repeat from a new ticket.
 */
public final class ViolationIds {

    /** Length of an id in hex characters: 128 bits of SHA-256, collision-free at any realistic volume. */
    public static final int LENGTH = 32;

    private ViolationIds() {
    }

    /**
     * The id of a violation: hex of the first 128 bits of SHA-256 over
     * {@code type|plate|camera[,camera...]|eventTimeMillis}.
     */
    public static String of(ViolationType type, String plateText, List<String> cameraIds, Instant eventTime) {
        String canonical = type.name() + "|" + plateText + "|" + String.join(",", cameraIds) + "|" + eventTime.toEpochMilli();
        return sha256HexPrefix(canonical.getBytes(StandardCharsets.UTF_8), LENGTH);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(DIGEST.get().digest(bytes));
    }

    /** The first {@code hexChars} (even) characters of {@link #sha256Hex}: only those bytes are formatted. */
    public static String sha256HexPrefix(byte[] bytes, int hexChars) {
        return HexFormat.of().formatHex(DIGEST.get().digest(bytes), 0, hexChars / 2);
    }

    /**
     * One digest per thread: every passage, violation and alert id is hashed on the task thread, and
     * looking the algorithm up through the providers each time cost more than the hash itself.
     * {@code digest()} resets it after each use.
     */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });
}
