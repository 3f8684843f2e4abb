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

    private FrameSignature() {
    }

    /** Lower-case hex SHA-256 of {@code body[0..length)}. */
    public static String sha256Hex(byte[] body, int length) {
        return HEX.formatHex(sha256(body, length));
    }

    /** SHA-256 of {@code body[0..length)}. */
    public static byte[] sha256(byte[] body, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(body, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
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
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
