package org.raqib.detection.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpeedFitTest {

    private final SpeedFit fit = new SpeedFit(SpeedFitOptions.defaults());

    @Test
    void aCleanTrackGivesItsSpeedAndAnIntervalThatHoldsIt() {
        double[][] road = new double[20][];
        long[] t = new long[20];
        double v = 100 / 3.6;
        Random rnd = new Random(1);
        for (int i = 0; i < 20; i++) {
            t[i] = 1_000_000 + i * 40 + Math.round(rnd.nextGaussian() * 3);
            road[i] = new double[] {30 - v * i * 0.040 + rnd.nextGaussian() * 0.03, 0.2 + rnd.nextGaussian() * 0.03};
        }
        SpeedEstimate e = fit.fit(t, road).estimate().orElseThrow();
        assertEquals(100, e.speedKmh(), 1.0);
        assertTrue(e.lowerKmh() <= 100 && e.upperKmh() >= 100, e.toString());
        assertEquals(20, e.framesUsed());
        assertEquals(v * 0.76, e.distanceMetres(), 0.3);
    }

    @Test
    void wildFramesAreRejectedNotAveraged() {
        double[][] road = new double[15][];
        long[] t = new long[15];
        double v = 60 / 3.6;
        for (int i = 0; i < 15; i++) {
            t[i] = i * 40L;
            road[i] = new double[] {25 - v * i * 0.04, 0};
        }
        road[4] = new double[] {35, 0};
        road[9] = new double[] {2, 1};
        SpeedEstimate e = fit.fit(t, road).estimate().orElseThrow();
        assertEquals(60, e.speedKmh(), 0.01);
        assertEquals(2, e.framesRejected());
    }

    @Test
    void frameTimeJitterIsAveragedOnTheFrameGrid() {
        double v = 180 / 3.6;
        Random rnd = new Random(5);
        double rawWorst = 0;
        double gridWorst = 0;
        SpeedFit raw = new SpeedFit(SpeedFitOptions.defaults().withRegulariseFrameTimes(false));
        for (int run = 0; run < 50; run++) {
            long[] t = new long[8];
            double[][] road = new double[8][];
            for (int i = 0; i < 8; i++) {
                double exact = i * 40.0;
                t[i] = Math.round(exact + rnd.nextGaussian() * 4);
                road[i] = new double[] {30 - v * exact / 1000, 0};
            }
            rawWorst = Math.max(rawWorst, Math.abs(raw.fit(t, road).estimate().orElseThrow().speedKmh() - 180));
            gridWorst = Math.max(gridWorst, Math.abs(fit.fit(t, road, OptionalDouble.of(40.0))
                    .estimate().orElseThrow().speedKmh() - 180));
        }
        assertTrue(gridWorst < 0.05, "with the grid: " + gridWorst);
        assertTrue(rawWorst > 1, "raw times should suffer: " + rawWorst);
    }

    @Test
    void aTrackTooShortOrWithTooFewFramesGivesNoSpeed() {
        // 4 frames: too few
        long[] t4 = {0, 40, 80, 120};
        double[][] r4 = {{20, 0}, {19, 0}, {18, 0}, {17, 0}};
        SpeedFit.Outcome few = fit.fit(t4, r4);
        assertTrue(few.estimate().isEmpty());
        assertTrue(few.rejection().orElseThrow().contains("fewer than 5"), few.rejection().orElseThrow());
        // 10 frames but 1.8 m covered: too short
        long[] t = new long[10];
        double[][] r = new double[10][];
        for (int i = 0; i < 10; i++) {
            t[i] = i * 40L;
            r[i] = new double[] {20 - 0.2 * i, 0};
        }
        SpeedFit.Outcome shortTrack = fit.fit(t, r);
        assertTrue(shortTrack.estimate().isEmpty());
        assertTrue(shortTrack.rejection().orElseThrow().contains("covers"), shortTrack.rejection().orElseThrow());
    }

    @Test
    void theFrameClockLearnsThePeriodThroughJitterAndMissedFrames() {
        FrameClock clock = new FrameClock();
        Random rnd = new Random(9);
        for (int k = 0; k < 2000; k++) {
            if (k % 7 == 3 || (k > 500 && k < 560)) {
                continue; // missed frames and a quiet spell
            }
            clock.observe(1_000_000 + Math.round(k * 40.0 + rnd.nextGaussian() * 3));
        }
        assertEquals(40.0, clock.period().orElseThrow(), 0.01);
        assertTrue(new FrameClock().period().isEmpty());
        // bursts of 20 frames with 2-7 s pauses (one vehicle at a time): long gaps are never counted
        FrameClock bursts = new FrameClock();
        long k = 0;
        for (int b = 0; b < 30; b++) {
            for (int i = 0; i < 20; i++, k++) {
                bursts.observe(Math.round(k * 40.0 + rnd.nextGaussian() * 3));
            }
            k += 50 + rnd.nextInt(125);
        }
        assertEquals(40.0, bursts.period().orElseThrow(), 0.02);
        assertEquals(bursts.period().orElseThrow(),
                FrameClock.fromState(bursts.toState()).period().orElseThrow(), 1e-12);
    }

    @Test
    void studentQuantilesMatchTheTable() {
        assertEquals(12.706, SpeedFit.tQuantile975(1), 1e-9);
        assertEquals(2.042, SpeedFit.tQuantile975(30), 1e-9);
        assertEquals(2.021, SpeedFit.tQuantile975(40), 0.002);
        assertEquals(1.980, SpeedFit.tQuantile975(120), 0.002);
    }
}
