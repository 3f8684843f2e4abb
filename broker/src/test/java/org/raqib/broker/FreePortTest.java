package org.raqib.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The embedded broker's listener and controller ports: never one port for both. */
class FreePortTest {

    @Test
    void theControllerPortIsNeverTheListenersPort() {
        // A CI run failed once with both listeners on one port: two free-port look-ups in a row returned the same port.
        for (int i = 0; i < 200; i++) {
            int port = EmbeddedKafkaBroker.freePort();
            int controller = EmbeddedKafkaBroker.freePortOtherThan(port);
            assertNotEquals(port, controller);
            assertTrue(controller > 0 && controller < 65536);
        }
    }

    @Test
    void aPortHandedOutAgainIsPassedOver() {
        // The OS hands the listener's port out again twice: the third look-up's port is taken.
        int[] handed = {9092, 9092, 9093};
        int[] next = {0};
        assertEquals(9093, EmbeddedKafkaBroker.portOtherThan(9092, () -> handed[next[0]++]));
        assertEquals(3, next[0]);
        // and one that never hands out another gives up with a clear error rather than loop
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedKafkaBroker.portOtherThan(9092, () -> 9092));
        assertTrue(e.getMessage().contains("9092"), e.getMessage());
    }
}
