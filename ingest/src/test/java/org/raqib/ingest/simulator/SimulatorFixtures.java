package org.raqib.ingest.simulator;

import java.util.List;
import org.raqib.ingest.registry.RegisteredCamera;

/** Cameras for simulator tests, independent of the committed registry file. */
final class SimulatorFixtures {

    static final RegisteredCamera CITY = new RegisteredCamera("TST-CITY-1", "0123456789abcdef", "city", 24.7, 46.7,
            "R1", "N", 3, 80, 10, "r1", true, null, true);
    static final RegisteredCamera HIGHWAY = new RegisteredCamera("TST-HWY-1", "0123456789abcdef", "highway", 24.9,
            47.3, "R2", "E", 60, 120, 10, "r2", true, null, true);

    static List<RegisteredCamera> cameras() {
        return List.of(CITY, HIGHWAY);
    }

    private SimulatorFixtures() {
    }
}
