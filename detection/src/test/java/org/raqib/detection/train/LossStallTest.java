package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossStallTest {

    /** The verdict after each epoch of {@code losses}: the first epoch at which the run is called stuck, or 0. */
    private static int stuckAt(double... losses) {
        List<Double> seen = new ArrayList<>();
        for (double l : losses) {
            seen.add(l);
            if (LossStall.check(seen) != null) {
                return seen.size();
            }
        }
        return 0;
    }

    @Test
    void healthyRunsAreLeftToFinish() {
        // A plate network from random weights and one continued with --init (the epochs' mean losses of two real runs).
        assertEquals(0, stuckAt(21.7228, 10.4043, 7.2113, 5.6021, 4.6862, 4.2600));
        assertEquals(0, stuckAt(6.4377, 4.8199, 3.9251, 3.2361, 2.8215, 2.5681));
        // One epoch up, the next down again: still falling over two epochs.
        assertEquals(0, stuckAt(20, 10, 10.5, 9.0, 9.2, 8.5));
    }

    @Test
    void aRunWhoseLossSitsStillIsStoppedAtItsFourthEpoch() {
        // The mean losses of a real stuck run (seed 43, reader fold B left out).
        assertEquals(4, stuckAt(21.9465, 13.8394, 13.8761, 13.8128, 13.8729, 13.8460));
        assertNull(LossStall.check(List.of(21.9465, 13.8394, 13.8761)));
        String why = LossStall.check(List.of(21.9465, 13.8394, 13.8761, 13.8128));
        assertNotNull(why);
        assertTrue(why.contains("epochs 2-4") && why.contains("13.8394, 13.8761, 13.8128") && why.contains("--seed"), why);
        // A slower fall than 1% in two epochs is stuck too, a fall of 2% is not.
        assertNotNull(LossStall.check(List.of(10.0, 9.96, 9.95)));
        assertNull(LossStall.check(List.of(10.0, 9.96, 9.8)));
    }

    @Test
    void aLossThatIsNotANumberStopsTheRunAtOnce() {
        assertNotNull(LossStall.check(List.of(Double.NaN)));
        assertTrue(LossStall.check(List.of(20.0, Double.POSITIVE_INFINITY)).contains("epoch 2"));
        assertNull(LossStall.check(List.of()));
        assertNull(LossStall.check(List.of(20.0, 20.5)));
    }
}
