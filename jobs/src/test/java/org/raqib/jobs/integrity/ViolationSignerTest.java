package org.raqib.jobs.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.speed.SpotObservation;
import org.raqib.jobs.speed.SpotSpeedRule;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ViolationSignerTest {

    private static final String KEY = "a-deployment-secret-of-32-bytes!";
    private final ViolationSigner signer = ViolationSigner.ofSecret(KEY);
    private final Violation violation = new SpotSpeedRule().evaluate(
            SpotObservation.of(Fixtures.read("f-1", "cam-1", "6531UJD", 0.97, 130.0, 1_760_000_000_000L)),
            Fixtures.camera("cam-1", 100, 5)).orElseThrow();

    @Test
    void aSignedViolationVerifiesAndTheSignatureIsDeterministic() {
        assertNull(violation.getSignature());
        Violation signed = signer.sign(violation);
        assertTrue(signer.verify(signed));
        assertEquals(64, signed.getSignature().length());
        assertEquals(signed, ViolationSigner.ofSecret(KEY).sign(violation), "same key, same fields, same signature");
        // survives the trip through Kafka's encoding
        assertTrue(signer.verify(Topics.VIOLATIONS.wire().decode(Topics.VIOLATIONS.wire().encode(signed))));
    }

    @Test
    void anyChangedFieldOrAnotherKeyOrNoSignatureFailsVerification() {
        Violation signed = signer.sign(violation);
        assertFalse(signer.verify(Violation.newBuilder(signed).setMeasuredSpeedKmh(129.9).build()));
        assertFalse(signer.verify(Violation.newBuilder(signed).setPlateText("6531UJB").build()));
        assertFalse(signer.verify(Violation.newBuilder(signed).setStatus(ViolationStatus.DISMISSED).build()));
        assertFalse(signer.verify(Violation.newBuilder(signed).setEntryTime(Instant.ofEpochMilli(0)).build()));
        assertFalse(signer.verify(Violation.newBuilder(signed).setFrameIds(List.of("f-2")).build()));
        assertFalse(signer.verify(Violation.newBuilder(signed).setSignature("00".repeat(32)).build()));
        assertFalse(signer.verify(Violation.newBuilder(signed).setSignature("not hex").build()));
        assertFalse(signer.verify(violation), "unsigned");
        assertFalse(ViolationSigner.ofSecret("another-deployment-secret-32-byte").verify(signed));
    }

    @Test
    void theCanonicalFormIsUnambiguous() {
        Violation ab = Violation.newBuilder(violation).setCameraIds(List.of("ab", "c")).build();
        Violation a = Violation.newBuilder(violation).setCameraIds(List.of("a", "bc")).build();
        assertNotEquals(signer.signatureOf(ab), signer.signatureOf(a));
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ViolationSigner.ofSecret("short"));
        assertThrows(IllegalArgumentException.class, () -> ViolationSigner.ofSecret(null));
    }
}
