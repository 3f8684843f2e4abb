package org.raqib.dashboard.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PasswordHashTest {

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String h = PasswordHash.hash("correct horse".toCharArray(), 5000);
        assertTrue(h.startsWith("pbkdf2-sha256:5000:"));
        assertTrue(PasswordHash.verify("correct horse".toCharArray(), h));
        assertFalse(PasswordHash.verify("correct hors".toCharArray(), h));
        assertFalse(PasswordHash.verify(new char[0], h));
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertNotEquals(PasswordHash.hash("same".toCharArray(), 5000), PasswordHash.hash("same".toCharArray(), 5000));
    }

    @Test
    void malformedOrWeakHashesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.requireWellFormed("plaintext"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.requireWellFormed("md5:1:aa:bb"));
        assertThrows(IllegalArgumentException.class,
                () -> PasswordHash.requireWellFormed("pbkdf2-sha256:10:AAAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.hash("x".toCharArray(), 10));
    }
}
