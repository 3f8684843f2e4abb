package org.raqib.detection.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyntheticPlatesTest {

    private static byte[] pixels(Mat m) {
        byte[] b = new byte[(int) m.total() * m.channels()];
        m.get(0, 0, b);
        return b;
    }

    @Test
    void sameSeedGivesTheSameSamples() {
        // given two generators with one seed
        SyntheticPlates a = new SyntheticPlates(7);
        SyntheticPlates b = new SyntheticPlates(7);
        for (int i = 0; i < 10; i++) {
            // when
            SyntheticPlates.Sample x = i % 3 == 2 ? a.nextNegative() : a.nextPlate();
            SyntheticPlates.Sample y = i % 3 == 2 ? b.nextNegative() : b.nextPlate();
            // then
            assertEquals(x.text(), y.text());
            assertEquals(x.layout(), y.layout());
            assertEquals(x.image().size(), y.image().size());
            assertArrayEquals(pixels(x.image()), pixels(y.image()));
        }
    }

    @Test
    void differentSeedsGiveDifferentPlates() {
        Set<String> texts = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            texts.add(new SyntheticPlates(seed).nextPlate().text());
        }
        assertTrue(texts.size() >= 8, "texts: " + texts);
    }

    @Test
    void bothLayoutsHaveTheirAspectRatio() {
        BufferedImage standard = PlateRenderer.render(PlateSpec.of("6531UJD", PlateLayout.STANDARD));
        BufferedImage wide = PlateRenderer.render(PlateSpec.of("12STG", PlateLayout.WIDE));
        double rs = (double) standard.getWidth() / standard.getHeight();
        double rw = (double) wide.getWidth() / wide.getHeight();
        assertTrue(rs > 1.8 && rs < 2.3, "standard aspect " + rs);
        assertTrue(rw > 4.2 && rw < 5.2, "wide aspect " + rw);
    }

    @Test
    void plateCropsScaleAndTextsAreValid() {
        SyntheticPlates gen = new SyntheticPlates(3);
        Set<PlateLayout> layouts = new HashSet<>();
        int minW = Integer.MAX_VALUE;
        int maxW = 0;
        for (int i = 0; i < 60; i++) {
            SyntheticPlates.Sample s = gen.nextPlate();
            assertTrue(s.plate());
            assertTrue(SaudiPlate.isValid(s.text()), s.text());
            layouts.add(s.layout());
            minW = Math.min(minW, s.image().cols());
            maxW = Math.max(maxW, s.image().cols());
            assertEquals(3, s.image().channels());
        }
        assertEquals(Set.of(PlateLayout.STANDARD, PlateLayout.WIDE), layouts);
        assertTrue(minW < 120 && maxW > 250, "crop widths " + minW + ".." + maxW);
    }

    @Test
    void negativesAreNotPlates() {
        SyntheticPlates gen = new SyntheticPlates(5);
        for (int i = 0; i < 20; i++) {
            SyntheticPlates.Sample s = gen.nextNegative();
            assertFalse(s.plate());
            assertEquals("", s.text());
            assertFalse(s.image().empty());
        }
    }

    @Test
    void textDistributionIncludesShortSpecialPlates() {
        Random rnd = new Random(1);
        Set<Integer> digitCounts = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            digitCounts.add(SaudiPlate.digits(SyntheticPlates.randomText(rnd)).length());
        }
        assertEquals(Set.of(1, 2, 3, 4), digitCounts);
    }

    @Test
    void aFontWithoutArabicGlyphsIsRefused() {
        // DejaVu Serif has no Arabic letters: drawing would give empty boxes, so rendering must fail.
        PlateSpec spec = new PlateSpec("1234ABD", "1234ABD", PlateLayout.STANDARD, false, "DejaVu Sans", "DejaVu Serif",
                true, false, false);
        assertThrows(IllegalStateException.class, () -> PlateRenderer.render(spec));
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PlateSpec.of("12345ABD", PlateLayout.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> PlateSpec.of("1234ABC", PlateLayout.STANDARD));
        assertThrows(IllegalArgumentException.class, () -> PlateSpec.of("1234ABD", PlateLayout.UNKNOWN));
    }
}
