package org.raqib.ingest.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The upload signature: hex HMAC-SHA256, keyed with the camera's secret, over
 * {@code cameraId + "\n" + timestamp + "\n" + hex(SHA-256(body))}, all hex in lower case.
 * The camera sends it in {@code X-Raqib-Signature} and the timestamp (epoch milliseconds) in
 * {@code X-Raqib-Timestamp}.
 */
public final class FrameSignature {

    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest and one MAC per thread: looking an algorithm up in the security providers costs more than
     * hashing a small text, and the gateway does it for every upload.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    });

    private FrameSignature() {
    }

    /** Lower-case hex SHA-256 of {@code body[0..length)}. */
    public static String sha256Hex(byte[] body, int length) {
        return HEX.formatHex(sha256(body, length));
    }

    /** SHA-256 of {@code body[0..length)}. */
    public static byte[] sha256(byte[] body, int length) {
        MessageDigest md = sha256();
        md.update(body, 0, length);
        return md.digest();
    }

    /**
     * This thread's SHA-256 digest, reset, for hashing a body piece by piece as it arrives; finish it with
     * {@link MessageDigest#digest()} before the next call on this thread.
     */
    public static MessageDigest sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }

    /** Lower-case hex of a digest. */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** The text that is signed. */
    public static String canonical(String cameraId, long timestamp, String bodySha256Hex) {
        return cameraId + "\n" + timestamp + "\n" + bodySha256Hex;
    }

    /** The hex signature of an upload, as the camera computes it. */
    public static String sign(String secret, String cameraId, long timestamp, String bodySha256Hex) {
        return HEX.formatHex(hmac(secret, canonical(cameraId, timestamp, bodySha256Hex)));
    }

    /**
     * True when {@code signatureHex} is the signature of this upload. Compares in constant time so that
     * the answer's timing does not reveal how many leading bytes were right.
     */
    public static boolean verify(String secret, String cameraId, long timestamp, String bodySha256Hex,
                                 String signatureHex) {
        byte[] given;
        try {
            given = HEX.parseHex(signatureHex.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, canonical(cameraId, timestamp, bodySha256Hex)), given);
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
