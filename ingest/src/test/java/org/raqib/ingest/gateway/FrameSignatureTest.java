package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameSignatureTest {

    private static final String SECRET = "demo-7f3a9c21e4b84d0d";

    @Test
    void sha256OfAKnownText() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FrameSignature.sha256Hex(abc, abc.length));
    }

    @Test
    void signsTheDocumentedCanonicalText() {
        // Reference value computed independently with:
        // printf 'RUH-KFR-N-008\n1767225600000\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' \
        //   | openssl dgst -sha256 -hmac demo-7f3a9c21e4b84d0d
        String bodyHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals("RUH-KFR-N-008\n1767225600000\n" + bodyHash,
                FrameSignature.canonical("RUH-KFR-N-008", 1767225600000L, bodyHash));
        assertEquals(OPENSSL_REFERENCE, FrameSignature.sign(SECRET, "RUH-KFR-N-008", 1767225600000L, bodyHash));
    }

    @Test
    void verifiesItsOwnSignatureInAnyHexCase() {
        String sig = FrameSignature.sign(SECRET, "CAM-1", 42L, "00ff");
        assertTrue(FrameSignature.verify(SECRET, "CAM-1", 42L, "00ff", sig));
        assertTrue(FrameSignature.verify(SECRET, "CAM-1", 42L, "00ff", sig.toUpperCase()));
    }

    @Test
    void rejectsAnyChangedPart() {
        String sig = FrameSignature.sign(SECRET, "CAM-1", 42L, "00ff");
        assertFalse(FrameSignature.verify("another-secret-123", "CAM-1", 42L, "00ff", sig));
        assertFalse(FrameSignature.verify(SECRET, "CAM-2", 42L, "00ff", sig));
        assertFalse(FrameSignature.verify(SECRET, "CAM-1", 43L, "00ff", sig));
        assertFalse(FrameSignature.verify(SECRET, "CAM-1", 42L, "00fe", sig));
        assertFalse(FrameSignature.verify(SECRET, "CAM-1", 42L, "00ff", sig.substring(2)));
        assertFalse(FrameSignature.verify(SECRET, "CAM-1", 42L, "00ff", "not hex at all"));
        assertFalse(FrameSignature.verify(SECRET, "CAM-1", 42L, "00ff", ""));
    }

    private static final String OPENSSL_REFERENCE = "e3ed771757c239fc67b42271f5681856aa958320357ce6b30361cb3cef9db4bc";
}
