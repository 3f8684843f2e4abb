package org.raqib.broker;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
}
