package org.raqib.dashboard.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes of the users file: PBKDF2 with HMAC-SHA256 from the JDK, written as
 * {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>}. The iteration count is stored with
 * the hash so it can be raised later without invalidating existing entries.
 */
public final class PasswordHash {

    /** Prefix of every hash this class writes. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Iterations for new hashes (OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600 000; this keeps a
     *  sign-in under ~0.3 s on a small machine while staying far from cheap). */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new salted hash of {@code password}. */
    public static String hash(char[] password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    /** A new salted hash of {@code password} with {@code iterations} rounds. */
    public static String hash(char[] password, int iterations) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("iterations must be at least 1000, got " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(h);
    }

    /**
     * True when {@code password} matches {@code stored}; compares in constant time.
     *
     * @throws IllegalArgumentException when {@code stored} is not a hash this class wrote
     */
    public static boolean verify(char[] password, String stored) {
        Parsed p = parse(stored);
        return MessageDigest.isEqual(p.hash(), derive(password, p.salt(), p.iterations()));
    }

    /**
     * Checks that {@code stored} is a well-formed hash, without the cost of deriving one.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static void requireWellFormed(String stored) {
        parse(stored);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a " + SCHEME + " hash (expected " + SCHEME
                    + ":<iterations>:<salt>:<hash>)");
        }
        Parsed p;
        try {
            p = new Parsed(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " hash: " + e.getMessage(), e);
        }
        if (p.iterations() < 1000 || p.salt().length < 8 || p.hash().length < 16) {
            throw new IllegalArgumentException("weak or malformed " + SCHEME + " hash");
        }
        return p;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
