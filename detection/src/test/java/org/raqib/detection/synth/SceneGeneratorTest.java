package org.raqib.detection.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SceneGeneratorTest {

    @Test
    void scenesAreDeterministicAndTheBoxHoldsThePlate() {
        SceneGenerator gen = new SceneGenerator();
        for (long seed = 1; seed <= 20; seed++) {
            SceneGenerator.Scene a = gen.render(seed);
            SceneGenerator.Scene b = gen.render(seed);
            assertEquals(a.text(), b.text());
            assertEquals(a.box(), b.box());
            assertArrayEquals(rgb(a.image()), rgb(b.image()));
            assertTrue(SaudiPlate.isValid(a.text()));
            assertEquals(598, a.image().getWidth());
            var box = a.box();
            assertTrue(box.x >= 0 && box.y >= 0 && box.x + box.width <= 598 && box.y + box.height <= 598, box.toString());
            assertTrue(box.width >= 50 && box.width <= 440, "plate width " + box.width);
            double aspect = (double) box.width / box.height;
            if (a.layout() == PlateLayout.WIDE) {
                assertTrue(aspect > 2.5, "wide aspect " + aspect);
            } else {
                assertTrue(aspect > 1.2 && aspect < 3.2, "standard aspect " + aspect);
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(a.quadXs()[i] >= box.x - 1 && a.quadXs()[i] <= box.x + box.width + 1);
            }
        }
    }

    @Test
    void aGivenPlateIsPlacedInAFullHdScene() {
        SceneGenerator gen = new SceneGenerator(1920, 1080);
        SceneGenerator.Scene s = gen.render(PlateSpec.of("6531UJD", PlateLayout.WIDE), 3, 0.3);
        assertEquals("6531UJD", s.text());
        assertEquals(1920, s.image().getWidth());
        assertEquals(1080, s.image().getHeight());
    }

    @Test
    void aPlateIsAsSharpInAFullHdFrameAsInADevelopmentSizedScene() {
        // given the same plates, 120 px wide, drawn in 598x598 scenes and in 1920x1080 frames at full degradation
        SceneGenerator small = new SceneGenerator();
        SceneGenerator large = new SceneGenerator(1920, 1080);
        PlateSpec spec = PlateSpec.of("6531UJD", PlateLayout.STANDARD);
        double smallEdges = 0;
        double largeEdges = 0;
        for (long seed = 1; seed <= 30; seed++) {
            // when each is rendered
            smallEdges += edges(small.render(spec, seed, 1.0, 120));
            largeEdges += edges(large.render(spec, seed, 1.0, 120));
        }
        // then the frames' plates keep about as much edge as the scenes' (blurred in proportion to the canvas, the
        // frames' plates kept 0.64 of it)
        double ratio = largeEdges / smallEdges;
        assertTrue(ratio > 0.8 && ratio < 1.25, "edge ratio 1920x1080 / 598x598: " + ratio);
    }

    /** Mean absolute difference of horizontally neighbouring gray levels inside the scene's plate box. */
    private static double edges(SceneGenerator.Scene s) {
        var box = s.box();
        double sum = 0;
        int n = 0;
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x + 1 < box.x + box.width; x++) {
                sum += Math.abs(gray(s.image().getRGB(x, y)) - gray(s.image().getRGB(x + 1, y)));
                n++;
            }
        }
        return sum / n;
    }

    private static double gray(int rgb) {
        return 0.299 * (rgb >> 16 & 255) + 0.587 * (rgb >> 8 & 255) + 0.114 * (rgb & 255);
    }

    @Test
    void tinyScenesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SceneGenerator(100, 100));
    }

    private static int[] rgb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
