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
        return sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, LENGTH);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
