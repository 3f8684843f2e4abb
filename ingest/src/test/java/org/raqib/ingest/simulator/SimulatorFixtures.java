package org.raqib.ingest.simulator;

import java.util.List;
import org.raqib.ingest.registry.RegisteredCamera;

/** Cameras for simulator tests, independent of the committed registry file. */
final class SimulatorFixtures {

    static final RegisteredCamera CITY = new RegisteredCamera("TST-CITY-1", "0123456789abcdef", "city", 24.7, 46.7,
            "R1", "N", 3, 80, 10, "r1", true, null, true);
    static final RegisteredCamera HIGHWAY = new RegisteredCamera("TST-HWY-1", "0123456789abcdef", "highway", 24.9,
            47.3, "R2", "E", 60, 120, 10, "r2", true, null, true);

    /** 1.5 km after {@link #CITY} on the same road and direction: a section of 80 + 10 km/h. */
    static final RegisteredCamera CITY_2 = new RegisteredCamera("TST-CITY-2", "0123456789abcdef", "city 2", 24.71,
            46.7, "R1", "N", 4.5, 80, 10, "r1", true, null, true);
    /** 30 km further on: a section too long to drive within TrafficModel.MAX_TRAVEL. */
    static final RegisteredCamera CITY_FAR = new RegisteredCamera("TST-CITY-3", "0123456789abcdef", "city 3", 24.9,
            46.7, "R1", "N", 34.5, 80, 10, "r1", true, null, true);

    static List<RegisteredCamera> withSection() {
        return List.of(CITY, CITY_2, CITY_FAR, HIGHWAY);
    }

    static List<RegisteredCamera> cameras() {
        return List.of(CITY, HIGHWAY);
    }

    private SimulatorFixtures() {
    }
}
