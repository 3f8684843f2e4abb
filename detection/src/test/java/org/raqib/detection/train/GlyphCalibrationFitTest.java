package org.raqib.detection.train;

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

    @Test
    void fitIsCalibratedOnReadingsDrawnFromAKnownModel() {
        // given readings whose chance of being right follows a known logistic law of the four features
        Random rnd = new Random(5);
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double minLog = Math.log(0.05 + 0.95 * rnd.nextDouble());
            double log = minLog + 6 * Math.log(0.8 + 0.2 * rnd.nextDouble());
            double margin = GlyphReader.MARGIN_CAP * rnd.nextDouble();
            double shortStandard = rnd.nextDouble() < 0.1 ? 1 : 0;
            double z = 0.3 * log + 2.0 * minLog + 0.4 * margin - 4 * shortStandard - 0.5;
            xs.add(new double[] {log, minLog, margin, shortStandard});
            ys.add(rnd.nextDouble() < 1 / (1 + Math.exp(-z)));
        }
        // when
        GlyphReader.GlyphCalibration cal = GlyphTrainCommand.fit(xs, ys);
        // then the weights have the law's signs, and among readings put at >= 0.9 at least 85% are right
        assertTrue(cal.wMin() > 0 && cal.wMargin() > 0 && cal.wShort() < 0, cal.toString());
        int high = 0;
        int highRight = 0;
        for (int i = 0; i < xs.size(); i++) {
            double[] f = xs.get(i);
            double z = cal.wLog() * f[0] + cal.wMin() * f[1] + cal.wMargin() * f[2] + cal.wShort() * f[3] + cal.bias();
            if (1 / (1 + Math.exp(-z)) >= 0.9) {
                high++;
                highRight += ys.get(i) ? 1 : 0;
            }
        }
        assertTrue(high > 100 && highRight >= 0.85 * high, highRight + " of " + high);
    }
}
