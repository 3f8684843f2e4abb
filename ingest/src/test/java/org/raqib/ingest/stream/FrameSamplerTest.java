package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameSamplerTest {

    private static List<Long> sample(FrameSampler s, double sourceFps, double seconds, long offsetMicros) {
        List<Long> taken = new ArrayList<>();
        int n = (int) Math.round(sourceFps * seconds);
        for (int i = 0; i < n; i++) {
            long t = offsetMicros + Math.round(i * 1_000_000.0 / sourceFps);
            if (s.take(t)) {
                taken.add(t);
            }
        }
        return taken;
    }

    @Test
    void twoPerSecondFromTwentyFiveGivesTwentyInTenSecondsEvenlySpaced() {
        List<Long> taken = sample(new FrameSampler(2), 25, 10, 0);
        assertEquals(20, taken.size());
        for (int i = 1; i < taken.size(); i++) {
            long gap = taken.get(i) - taken.get(i - 1);
            assertTrue(gap >= 480_000 && gap <= 520_000, "gap " + gap + " us at " + i);
        }
    }

    @Test
    void aSampleRateAboveTheSourceRateTakesEveryFrame() {
        assertEquals(50, sample(new FrameSampler(30), 5, 10, 0).size());
    }

    @Test
    void nonIntegerRatiosKeepTheAverageRate() {
        // 30 fps sampled at 7: periods of 4 and 5 frames alternate, the mean stays 7 per second
        assertEquals(70, sample(new FrameSampler(7), 30, 10, 0).size(), 1);
    }

    @Test
    void aGapDoesNotCauseABurstAfterIt() {
        FrameSampler s = new FrameSampler(2);
        assertTrue(s.take(0));
        assertTrue(s.take(10_000_000)); // 10 s of nothing, then a frame
        assertTrue(!s.take(10_040_000) && !s.take(10_400_000), "frames right after the gap are not owed");
        assertTrue(s.take(10_500_000));
    }

    @Test
    void aClockThatGoesBackRestartsSampling() {
        FrameSampler s = new FrameSampler(2);
        sample(s, 25, 5, 0);
        // a looped file starts again at 0: its first frame is taken at once
        assertTrue(s.take(0));
        assertEquals(9, sample(s, 25, 5, 40_000).size(), 1);
    }
}
