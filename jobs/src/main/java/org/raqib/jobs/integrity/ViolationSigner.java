package org.raqib.jobs.integrity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.raqib.models.Violation;

/**
 * Signs violations with HMAC-SHA256 over their canonical fields, and checks such signatures, so that a
 * ticket changed after it left the pipeline is detected.
 *
 * <p>Canonical form (version 1): the tag {@code raqib-violation-v1}, then every field of the record in
 * schema order except {@code signature}; strings as UTF-8 with a 4-byte length prefix, numbers as
 * big-endian 8-byte values (doubles by their IEEE bits), instants as epoch milliseconds (-1 marks a
 * null {@code entryTime}), enums by symbol name, lists as a count then the elements. Length prefixes
 * make the encoding unambiguous ({@code "ab","c"} never collides with {@code "a","bc"}); it does not
 * depend on Avro's encoding, so a schema evolution that adds fields does not silently change what
 * old signatures cover.
 *
 * <p>Not thread-safe ({@link Mac} is not): one instance per task.
 */
public final class ViolationSigner implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";
    /** Shortest key accepted, bytes: HMAC-SHA256's own block of security. */
    public static final int MIN_KEY_BYTES = 32;

    private final byte[] key;
    private transient Mac mac;

    /**
     * @param key the deployment's signing key, at least {@value #MIN_KEY_BYTES} bytes
     */
    public ViolationSigner(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a signing key needs at least " + MIN_KEY_BYTES + " bytes, got "
                    + (key == null ? 0 : key.length));
        }
        this.key = key.clone();
    }

    /** A signer whose key is the UTF-8 bytes of {@code secret} (e.g. from an option or environment). */
    public static ViolationSigner ofSecret(String secret) {
        return new ViolationSigner(secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of {@code violation} carrying the hex HMAC of its canonical fields. */
    public Violation sign(Violation violation) {
        return Violation.newBuilder(violation).setSignature(signatureOf(violation)).build();
    }

    /** True when {@code violation} carries a signature made with this key over its current fields. */
    public boolean verify(Violation violation) {
        String claimed = violation.getSignature();
        if (claimed == null) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(signatureOf(violation));
        byte[] given;
        try {
            given = HexFormat.of().parseHex(claimed);
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Constant time, so a forger learns nothing from how long a rejection takes.
        return MessageDigest.isEqual(expected, given);
    }

    /** The hex HMAC-SHA256 of the canonical form of {@code violation} (its signature field ignored). */
    public String signatureOf(Violation violation) {
        return HexFormat.of().formatHex(mac().doFinal(canonical(violation)));
    }

    /** The canonical bytes the signature covers. */
    public static byte[] canonical(Violation v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, "raqib-violation-v1");
            string(out, v.getViolationId());
            string(out, v.getType().name());
            string(out, v.getStatus().name());
            string(out, v.getPlateText());
            string(out, v.getPlateArabic());
            out.writeLong(Double.doubleToLongBits(v.getConfidence()));
            strings(out, v.getCameraIds());
            string(out, v.getRoadId());
            string(out, v.getRegion());
            instant(out, v.getEventTime());
            instant(out, v.getEntryTime());
            out.writeLong(Double.doubleToLongBits(v.getMeasuredSpeedKmh()));
            out.writeLong(v.getSpeedLimitKmh());
            out.writeLong(v.getToleranceKmh());
            out.writeLong(Double.doubleToLongBits(v.getExcessKmh()));
            string(out, v.getSpeedBand());
            string(out, v.getSpeedSource().name());
            strings(out, v.getEvidenceSha256());
            strings(out, v.getFrameIds());
            instant(out, v.getDetectedAt());
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream", e);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, CharSequence s) throws IOException {
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void strings(DataOutputStream out, List<? extends CharSequence> list) throws IOException {
        out.writeInt(list.size());
        for (CharSequence s : list) {
            string(out, s);
        }
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t == null ? -1 : t.toEpochMilli());
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
            }
        }
        return mac;
    }
}
