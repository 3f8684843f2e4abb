package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The plate network's learning-rate schedule ({@link ReaderTrainer#learningRate}), with and without a warm-up. */
class LearningRateTest {

    @Test
    void theRateRisesLinearlyThenDecaysToItsEnd() {
        Tracker r = ReaderTrainer.learningRate(0.003, 100, 1000);
        assertEquals(0.003f / 100, r.getNewValue(0), 1e-9);
        for (int u = 1; u < 100; u++) {
            assertTrue(r.getNewValue(u) > r.getNewValue(u - 1), "rising at " + u);
        }
        assertTrue(r.getNewValue(99) < 0.003f, "still below the rate at the warm-up's last update");
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
        Tracker r = ReaderTrainer.learningRate(0.002, 100, 1000);
        Tracker none = ReaderTrainer.learningRate(0.002, 0, 900);
        for (int u = 0; u <= 900; u += 37) {
            assertEquals(djl.getNewValue(u), r.getNewValue(100 + u), 1e-7, "update " + u);
            assertEquals(djl.getNewValue(u), none.getNewValue(u), 1e-7, "update " + u);
        }
    }

    @Test
    void aWarmUpOfTheWholeRunEndsAtTheBaseRate() {
        Tracker r = ReaderTrainer.learningRate(0.001, 10, 10);
        assertEquals(0.0001f, r.getNewValue(0), 1e-9);
        assertTrue(r.getNewValue(9) > 0.0009f && r.getNewValue(9) < 0.001f, String.valueOf(r.getNewValue(9)));
        assertEquals(0.001f, r.getNewValue(10), 1e-9);
    }
}
