package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InFlightLimiterTest {

    @Test
    void boundsRequestsAndBytes() {
        InFlightLimiter l = new InFlightLimiter(2, 100);
        assertTrue(l.tryAcquire(60));
        assertFalse(l.tryAcquire(41), "bytes would exceed 100");
        assertTrue(l.tryAcquire(40));
        assertFalse(l.tryAcquire(0), "requests would exceed 2");
        l.release(60);
        assertTrue(l.tryAcquire(60));
        l.release(60);
        l.release(40);
        assertEquals(0, l.requests());
        assertEquals(0, l.bytes());
        assertThrows(IllegalStateException.class, () -> l.release(1));
    }
}
