package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.read.GlyphReader;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphCalibrationFitTest {

    /** Readings' features and whether each was right. */
    private record Readings(List<double[]> xs, List<Boolean> ys) {
    }

    /**
     * {@code n} readings whose chance of being right follows the logistic law {@code law} (wLog, wMin, wMargin,
     * wShort, bias): a weakest character's probability uniform in 0.05-1, six more characters each at least
     * {@code floor}, a margin uniform up to the cap, a short standard reading with probability {@code shortShare}.
     */
    private static Readings draw(long seed, int n, double floor, double shortShare, double[] law) {
        Random rnd = new Random(seed);
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double minLog = Math.log(0.05 + 0.95 * rnd.nextDouble());
            double log = minLog + 6 * Math.log(floor + (1 - floor) * rnd.nextDouble());
            double margin = GlyphReader.MARGIN_CAP * rnd.nextDouble();
            double shortStandard = rnd.nextDouble() < shortShare ? 1 : 0;
            double z = law[0] * log + law[1] * minLog + law[2] * margin + law[3] * shortStandard + law[4];
            xs.add(new double[] {log, minLog, margin, shortStandard});
            ys.add(rnd.nextDouble() < 1 / (1 + Math.exp(-z)));
        }
        return new Readings(xs, ys);
    }

    @Test
    void fitIsCalibratedOnReadingsDrawnFromAKnownModel() {
        // given readings whose chance of being right follows a known logistic law of the four features
        Readings r = draw(5, 4000, 0.8, 0.1, new double[] {0.3, 2.0, 0.4, -4, -0.5});
        // when
        GlyphReader.GlyphCalibration cal = GlyphTrainCommand.fit(r.xs(), r.ys());
        // then the weights have the law's signs, and among readings put at >= 0.9 at least 85% are right
        assertTrue(cal.wMin() > 0 && cal.wMargin() > 0 && cal.wShort() < 0, cal.toString());
        int high = 0;
        int highRight = 0;
        for (int i = 0; i < r.xs().size(); i++) {
            if (cal.confidence(r.xs().get(i)) >= 0.9) {
                high++;
                highRight += r.ys().get(i) ? 1 : 0;
            }
        }
        assertTrue(high > 100 && highRight >= 0.85 * high, highRight + " of " + high);
    }

    @Test
    void aWeakerWeakestCharacterNeverRaisesTheConfidence() {
        // given readings drawn from a law in which, the summed log-probability held fixed, a weaker weakest
        // character makes a reading MORE likely right (an unconstrained fit learns that negative weight)
        Readings r = draw(7, 3000, 0.7, 0, new double[] {1.5, -1.0, 0.3, 0, 1});
        double[] free = GlyphTrainCommand.fitFree(r.xs(), r.ys(), new boolean[] {true, true, true, true, true});
        // when
        GlyphReader.GlyphCalibration cal = GlyphTrainCommand.fit(r.xs(), r.ys());
        // then the free fit has the law's negative weight, the constrained one holds it at zero, and the others keep
        // their signs: two readings alike but for a weaker weakest character never get a higher confidence
        assertTrue(free[1] < -0.5, "free wMin " + free[1]);
        assertEquals(0, cal.wMin(), 0, cal.toString());
        assertTrue(cal.wLog() > 0 && cal.wMargin() > 0, cal.toString());
        double[] sure = {-1.0, -0.1, 6, 0};
        double[] weak = {-1.0, -0.9, 6, 0};
        assertTrue(cal.confidence(weak) <= cal.confidence(sure), cal.toString());
    }

    @Test
    void theSignsAreNoConstraintWhereTheFreeFitHasThem() {
        // given readings from a law with the signs asked for
        Readings r = draw(11, 2000, 0.8, 0.2, new double[] {0.5, 1.5, 0.3, -3, 0});
        // when
        GlyphReader.GlyphCalibration cal = GlyphTrainCommand.fit(r.xs(), r.ys());
        double[] free = GlyphTrainCommand.fitFree(r.xs(), r.ys(), new boolean[] {true, true, true, true, true});
        // then the constrained fit is the free one
        assertArrayEquals(free, new double[] {cal.wLog(), cal.wMin(), cal.wMargin(), cal.wShort(), cal.bias()}, 0);
    }
}
