package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class WarmCosineTest {

    @Test
    void theRateRisesLinearlyThenDecaysToItsEnd() {
        WarmCosine r = new WarmCosine(0.003f, 0.00003f, 100, 1000);
        assertEquals(0.003f / 100, r.getNewValue(0), 1e-9);
        assertEquals(0.003f * 50 / 100, r.getNewValue(49), 1e-9);
        assertEquals(0.003f, r.getNewValue(99), 1e-9);
        for (int u = 1; u < 100; u++) {
            assertTrue(r.getNewValue(u) > r.getNewValue(u - 1), "rising at " + u);
        }
        assertEquals(0.003f, r.getNewValue(100), 1e-9);
        for (int u = 101; u <= 1000; u++) {
            assertTrue(r.getNewValue(u) < r.getNewValue(u - 1), "falling at " + u);
        }
        // Half-way through the decay the cosine is at the middle of base and end.
        assertEquals((0.003f + 0.00003f) / 2, r.getNewValue(550), 1e-8);
        assertEquals(0.00003f, r.getNewValue(1000), 1e-9);
        assertEquals(0.00003f, r.getNewValue(5000), 1e-9);
    }

    @Test
    void afterItsWarmUpTheDecayIsDjlsCosineOverTheUpdatesLeft() {
        Tracker djl = Tracker.cosine().setBaseValue(0.002f).optFinalValue(0.00002f).setMaxUpdates(900).build();
        WarmCosine r = new WarmCosine(0.002f, 0.00002f, 100, 1000);
        WarmCosine none = new WarmCosine(0.002f, 0.00002f, 0, 900);
        for (int u = 0; u <= 900; u += 37) {
            assertEquals(djl.getNewValue(u), r.getNewValue(100 + u), 1e-7, "update " + u);
            assertEquals(djl.getNewValue(u), none.getNewValue(u), 1e-7, "update " + u);
        }
    }

    @Test
    void aWarmUpOfTheWholeRunEndsAtTheBaseRate() {
        WarmCosine r = new WarmCosine(0.001f, 0.00001f, 10, 10);
        assertEquals(0.0001f, r.getNewValue(0), 1e-9);
        assertEquals(0.001f, r.getNewValue(9), 1e-9);
        assertEquals(0.001f, r.getNewValue(10), 1e-9);
        assertEquals(5, WarmCosine.warmUpSteps(0.5, 10));
        assertEquals(0, WarmCosine.warmUpSteps(0, 10));
    }

    @Test
    void aScheduleThatCannotBeRunIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WarmCosine(0, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmCosine(0.001f, 0.01f, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmCosine(0.001f, 0, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmCosine(0.001f, 0, 11, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmCosine(0.001f, 0, 0, 0));
    }
}
