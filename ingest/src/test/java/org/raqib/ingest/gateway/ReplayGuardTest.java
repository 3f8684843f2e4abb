package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReplayGuardTest {

    @Test
    void remembersASignatureUntilItsTimestampLeavesTheWindow() {
        ReplayGuard g = new ReplayGuard(Duration.ofMillis(1000), 10);
        assertEquals(ReplayGuard.Claim.FIRST, g.claim("a", 5000, 5000));
        assertEquals(ReplayGuard.Claim.REPLAY, g.claim("a", 5000, 5900));
        assertEquals(ReplayGuard.Claim.REPLAY, g.claim("a", 5000, 6000));
        // Past timestamp + window the entry is gone (the timestamp check refuses such a request anyway).
        assertEquals(ReplayGuard.Claim.FIRST, g.claim("b", 6001, 6001));
        assertEquals(1, g.size());
    }

    @Test
    void isBoundedAndSaysSoWhenFull() {
        ReplayGuard g = new ReplayGuard(Duration.ofMillis(1000), 2);
        assertEquals(ReplayGuard.Claim.FIRST, g.claim("a", 0, 0));
        assertEquals(ReplayGuard.Claim.FIRST, g.claim("b", 0, 0));
        assertEquals(ReplayGuard.Claim.FULL, g.claim("c", 0, 0));
        assertEquals(ReplayGuard.Claim.FIRST, g.claim("c", 2000, 2000));
        assertEquals(1, g.size());
    }

    @Test
    void aReleasedSignatureMayBeUsedAgain() {
        ReplayGuard g = new ReplayGuard(Duration.ofMillis(1000), 10);
        g.claim("a", 0, 0);
        g.release("a");
        assertEquals(ReplayGuard.Claim.FIRST, g.claim("a", 0, 10));
        assertEquals(ReplayGuard.Claim.REPLAY, g.claim("a", 0, 20));
    }
}
