package org.raqib.ingest.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrafficModelTest {

    private static final int N = 2000;

    @Test
    void sameSeedSamePassages() {
        TrafficModel a = new TrafficModel(SimulatorOptions.defaults().withSeed(7), SimulatorFixtures.cameras());
        TrafficModel b = new TrafficModel(SimulatorOptions.defaults().withSeed(7), SimulatorFixtures.cameras());
        TrafficModel c = new TrafficModel(SimulatorOptions.defaults().withSeed(8), SimulatorFixtures.cameras());

        int differentFromOtherSeed = 0;
        for (long i = 0; i < 50; i++) {
            assertEquals(a.passage(i), b.passage(i));
            if (!a.passage(i).plate().equals(c.passage(i).plate())) {
                differentFromOtherSeed++;
            }
        }
        assertTrue(differentFromOtherSeed > 45, "another seed gives other plates");
    }

    @Test
    void speedsRespectTheShareAndStayClearOfTheThreshold() {
        TrafficModel m = new TrafficModel(SimulatorOptions.defaults().withOverLimitShare(0.25), SimulatorFixtures.cameras());

        int over = 0;
        int wide = 0;
        for (long i = 0; i < N; i++) {
            TrafficModel.Passage p = m.passage(i);
            double threshold = p.camera().thresholdKmh();
            assertTrue(Math.abs(p.radarSpeedKmh() - threshold) >= TrafficModel.THRESHOLD_MARGIN_KMH - 0.05,
                    "speed " + p.radarSpeedKmh() + " too close to " + threshold);
            assertTrue(p.radarSpeedKmh() > 0 && p.radarSpeedKmh() < threshold + 45);
            if (p.radarSpeedKmh() > threshold) {
                over++;
            }
            if (p.plate().layout() == PlateLayout.WIDE) {
                wide++;
            }
            assertTrue(p.lane() >= 1 && p.lane() <= 3);
        }
        assertEquals(0.25, over / (double) N, 0.04);
        assertEquals(0.3, wide / (double) N, 0.04);
    }

    @Test
    void platesAreValidAndVaried() {
        TrafficModel m = new TrafficModel(SimulatorOptions.defaults(), SimulatorFixtures.cameras());

        java.util.Set<String> texts = new java.util.HashSet<>();
        int[] byDigits = new int[5];
        for (long i = 0; i < N; i++) {
            String t = m.passage(i).plate().text();
            assertTrue(SaudiPlate.isValid(t));
            assertNotEquals('0', t.charAt(0), "no leading zero");
            texts.add(t);
            byDigits[SaudiPlate.digits(t).length()]++;
        }
        assertTrue(texts.size() > N * 0.99, "plates rarely repeat");
        assertTrue(byDigits[1] > 0 && byDigits[2] > 0 && byDigits[3] > 0 && byDigits[4] > N / 2);
    }

    @Test
    void everyCameraGetsTraffic() {
        TrafficModel m = new TrafficModel(SimulatorOptions.defaults(), SimulatorFixtures.cameras());

        long city = java.util.stream.LongStream.range(0, 200).filter(i -> m.passage(i).camera() == SimulatorFixtures.CITY)
                .count();
        assertTrue(city > 60 && city < 140, "city camera got " + city + " of 200");
    }

    @Test
    void refusesCamerasWithoutRadar() {
        RegisteredCamera video = new RegisteredCamera("TST-V", "0123456789abcdef", "v", 24, 46, "R", "N", 1, 80, 10,
                "r", false, null, true);

        assertThrows(IllegalArgumentException.class, () -> new TrafficModel(SimulatorOptions.defaults(), List.of(video)));
        assertThrows(IllegalArgumentException.class, () -> new TrafficModel(SimulatorOptions.defaults(), List.of()));
    }

    @Test
    void sectionTripsRunBetweenNeighboursAndHalfSpeedOnlyBetweenTheCameras() {
        TrafficModel m = new TrafficModel(SimulatorOptions.defaults().withSectionShare(1).withOverLimitShare(0.25),
                SimulatorFixtures.withSection());
        // only the short section is driven: km 4.5 -> 34.5 takes longer than MAX_TRAVEL
        assertEquals(List.of(new TrafficModel.Section(SimulatorFixtures.CITY, SimulatorFixtures.CITY_2)), m.sections());

        int between = 0;
        for (long i = 0; i < N; i++) {
            TrafficModel.Passage p = m.passage(i);
            TrafficModel.Journey j = p.journey();
            assertNotNull(j, "every vehicle on a section at share 1");
            assertEquals(SimulatorFixtures.CITY, p.camera());
            assertEquals(SimulatorFixtures.CITY_2, j.exit().camera());
            assertEquals(p.plate(), j.exit().plate(), "the same vehicle at both cameras");
            assertEquals(1.5 / j.averageKmh() * 3_600_000, j.travel().toMillis(), 1.0, "travel = length / average");
            int threshold = j.section().thresholdKmh();
            assertEquals(90, threshold);
            assertTrue(Math.abs(j.averageKmh() - threshold) >= TrafficModel.SECTION_MARGIN_KMH - 0.05);
            if (j.averageKmh() > threshold) {
                // speeding over the section only: legal at both cameras
                assertTrue(p.radarSpeedKmh() < p.camera().thresholdKmh(), "legal at entry");
                assertTrue(j.exit().radarSpeedKmh() < j.exit().camera().thresholdKmh(), "legal at exit");
                between++;
            }
        }
        assertEquals(0.5, between / (double) N, 0.04);
    }

    @Test
    void wantedPlatesAreDrivenAtTheirShare() {
        TrafficModel m = new TrafficModel(SimulatorOptions.defaults().withHotlistShare(0.1), SimulatorFixtures.cameras());
        assertEquals(TrafficModel.WANTED_PLATES, m.wantedPlates().size());
        m.wantedPlates().forEach(t -> assertTrue(SaudiPlate.isValid(t)));
        long wanted = java.util.stream.LongStream.range(0, N)
                .filter(i -> m.wantedPlates().contains(m.passage(i).plate().text())).count();
        assertEquals(0.1, wanted / (double) N, 0.03);
        assertEquals(m.wantedPlates(), new TrafficModel(SimulatorOptions.defaults().withHotlistShare(0.1),
                SimulatorFixtures.cameras()).wantedPlates(), "the same seed, the same wanted plates");
        assertTrue(new TrafficModel(SimulatorOptions.defaults(), SimulatorFixtures.cameras()).passage(0).journey() == null,
                "no section trips unless asked for");
    }
}
