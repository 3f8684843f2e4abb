package org.raqib.ingest.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.raqib.models.PlateLayout;

/**
 * Where the simulator's plates put each top-row character: found by changing only that character of
 * the text and looking where the ink changes, in the top row (its Arabic twin) and in the bottom row.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlateArtistTest {

    private static final int WIDTH = 480;
    private static final String BASE = "1234ABD";
    /** The same plate with one character changed: each digit, then each letter. */
    private static final String[] ONE_CHANGED = {"7234ABD", "1834ABD", "1294ABD", "1230ABD", "1234KBD", "1234ALD",
            "1234ABS"};

    @ParameterizedTest
    @EnumSource(value = PlateLayout.class, names = {"STANDARD", "WIDE"})
    void eachArabicCharacterStandsDirectlyAboveItsLatinTwin(PlateLayout layout) {
        PlateArtist artist = new PlateArtist(PlateFonts.installed());
        BufferedImage base = draw(artist, new SimulatedPlate(BASE, layout, false));
        int half = base.getHeight() / 2;
        double[] top = new double[ONE_CHANGED.length];
        double[] bottom = new double[ONE_CHANGED.length];
        for (int i = 0; i < ONE_CHANGED.length; i++) {
            BufferedImage changed = draw(artist, new SimulatedPlate(ONE_CHANGED[i], layout, false));
            top[i] = changedInkCentreX(base, changed, 0, half);
            bottom[i] = changedInkCentreX(base, changed, half, base.getHeight());
        }
        for (int i = 0; i < ONE_CHANGED.length; i++) {
            int under = 0;
            for (int j = 1; j < bottom.length; j++) {
                if (Math.abs(bottom[j] - top[i]) < Math.abs(bottom[under] - top[i])) {
                    under = j;
                }
            }
            assertEquals(i, under, layout + ": the top-row change for " + ONE_CHANGED[i] + " is at x="
                    + Math.round(top[i]) + ", not above its Latin twin at x=" + Math.round(bottom[i]));
        }
    }

    private static BufferedImage draw(PlateArtist artist, SimulatedPlate plate) {
        int height = (int) Math.ceil(WIDTH / plate.aspect());
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            artist.draw(g, plate, 0, 0, WIDTH);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The x of the centre of the pixels that differ between {@code a} and {@code b} in rows [y0, y1). */
    private static double changedInkCentreX(BufferedImage a, BufferedImage b, int y0, int y1) {
        double sum = 0;
        double weight = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int d = Math.abs((a.getRGB(x, y) & 0xff) - (b.getRGB(x, y) & 0xff));
                sum += (double) d * x;
                weight += d;
            }
        }
        assertTrue(weight > 0, "changing one character changed nothing in rows " + y0 + ".." + y1);
        return sum / weight;
    }
}
