package org.raqib.jobs.rejection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.raqib.models.DeadLetter;

/**
 * Builds {@link DeadLetter} records. The id is a name-based UUID of what was rejected and why
 * (for Kafka input: topic, partition, offset and reason), so a replay after a failure rejects the
 * same input under the same id instead of inventing a new one.
 */
public final class DeadLetters {

    /** Reason: the Kafka value is not a single-object encoded record of the topic's type. */
    public static final String UNDECODABLE_RECORD = "undecodable-record";
    /** Reason: the frame's JPEG bytes are not an image the recogniser can decode. */
    public static final String UNDECODABLE_IMAGE = "undecodable-image";
    /**
     * Reason: the recogniser failed on a frame for another reason than undecodable bytes. The frame is
     * set aside rather than retried, so that one bad frame cannot stop the pipeline in a restart loop.
     */
    public static final String RECOGNITION_FAILED = "recognition-failed";
    /** Reason: a read names a camera that is not in the registry (within the waiting time). */
    public static final String UNKNOWN_CAMERA = "unknown-camera";
    /** Reason: a registry entry that cannot be applied (no positive limit, negative tolerance). */
    public static final String INVALID_CAMERA = "invalid-camera";

    /**
     * Largest original kept, in bytes: leaves room under Kafka's default 1 MiB request size for the
     * rest of the record. {@code originalSize} still tells the full size.
     */
    public static final int MAX_ORIGINAL_BYTES = 512 * 1024;

    private DeadLetters() {
    }

    /**
     * A dead letter.
     *
     * @param source component that rejects, e.g. {@code jobs.recognition}
     * @param reason reason code, one of the constants here
     * @param detail human-readable explanation (never plate text: it may be logged and read widely)
     * @param cameraId camera concerned, or {@code null}
     * @param original the rejected bytes ({@code null} is stored as empty)
     * @param identity what was rejected, unique per input (e.g. {@code topic/partition@offset} or a read id)
     * @param rejectedAt when
     */
    public static DeadLetter of(String source, String reason, String detail, String cameraId, byte[] original,
                                String identity, Instant rejectedAt) {
        byte[] bytes = original == null ? new byte[0] : original;
        byte[] kept = bytes.length > MAX_ORIGINAL_BYTES ? Arrays.copyOf(bytes, MAX_ORIGINAL_BYTES) : bytes;
        String id = UUID.nameUUIDFromBytes((source + "|" + reason + "|" + identity).getBytes(StandardCharsets.UTF_8))
                .toString();
        return DeadLetter.newBuilder()
                .setDeadLetterId(id)
                .setSource(source)
                .setReason(reason)
                .setDetail(detail == null ? "" : detail)
                .setCameraId(cameraId)
                .setRejectedAt(rejectedAt)
                .setOriginal(ByteBuffer.wrap(kept))
                .setOriginalSize(bytes.length)
                .build();
    }
}
