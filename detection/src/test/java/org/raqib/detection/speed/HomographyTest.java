package org.raqib.detection.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HomographyTest {

    private static final double[] TRUE = {0.02, -0.001, 3.0, 0.0005, 0.05, -12.0, 0.00001, 0.0004, 1.0};

    @Test
    void fourPointsGiveTheExactMappingAndItsInverseUndoesIt() {
        Homography h = Homography.of(TRUE);
        double[][] from = {{100, 200}, {1800, 220}, {1700, 1000}, {150, 950}};
        double[][] to = new double[4][];
        for (int i = 0; i < 4; i++) {
            to[i] = h.apply(from[i][0], from[i][1]);
        }
        Homography fitted = Homography.fit(from, to);
        for (double[] p : new double[][] {{500, 500}, {960, 540}, {10, 1070}}) {
            double[] a = h.apply(p[0], p[1]);
            double[] b = fitted.apply(p[0], p[1]);
            assertEquals(a[0], b[0], 1e-7);
            assertEquals(a[1], b[1], 1e-7);
            double[] back = fitted.inverse().apply(b[0], b[1]);
            assertEquals(p[0], back[0], 1e-6);
            assertEquals(p[1], back[1], 1e-6);
        }
    }

    @Test
    void collinearOrTooFewPointsAreRefused() {
        double[][] line = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
        assertThrows(IllegalArgumentException.class, () -> Homography.fit(line, line));
        double[][] three = {{0, 0}, {1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class, () -> Homography.fit(three, three));
        assertThrows(IllegalArgumentException.class, () -> Homography.of(new double[8]));
    }
}
