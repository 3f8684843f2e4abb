package org.raqib.detection.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raqib.models.PlateLayout;

/** The top-row fonts of train's {@code --top-row-fonts}: each is installed, draws every plate glyph, and is drawn. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopRowFontsTest {

    /** Every digit and every plate letter, in both layouts' rows. */
    private static final List<String> TEXTS = List.of("1234ABD", "5678EGH", "9012JKL", "3456NRS", "7890TUV", "1357XZA");

    static Stream<String> addedFamilies() {
        return TopRowFonts.VARIED.families().stream().filter(f -> !TopRowFonts.DEJAVU.families().contains(f));
    }

    /**
     * A family that is not installed would fail the renderer (it names the packages); one that fell back to another
     * face, or drew nothing, would leave the top row as DejaVu draws it.
     */
    @ParameterizedTest
    @MethodSource("addedFamilies")
    void eachAddedFamilyDrawsEveryTopRowGlyphInItsOwnDesign(String family) {
        for (PlateLayout layout : new PlateLayout[] {PlateLayout.STANDARD, PlateLayout.WIDE}) {
            for (String text : TEXTS) {
                BufferedImage dejavu = PlateRenderer.render(spec(text, layout, "DejaVu Sans"));
                BufferedImage own = PlateRenderer.render(spec(text, layout, family));
                int h = dejavu.getHeight();
                double top = changed(dejavu, own, 0, h / 2);
                double bottom = changed(dejavu, own, h / 2, h);
                assertTrue(top > 0.01, family + " " + layout + " " + text + ": top row as DejaVu draws it (" + top + ")");
                assertEquals(0, bottom, 1e-9, family + ": the Latin row must not change");
            }
        }
    }

    /**
     * Synthetic plates draw some Latin rows, and DEJAVU some top rows, in Java's logical "SansSerif", which fontconfig
     * resolves: with fonts-noto-core installed it is Noto Sans, and every such plate, the generated scenes and what the
     * tests expect of them change. The models and the tests were made where it is DejaVu Sans.
     */
    @Test
    void javasSansSerifIsDejavuSans() {
        for (String text : List.of("A", "7", "KSA", "\u0628", "\u0663")) {
            BufferedImage logical = drawn(text, "SansSerif");
            BufferedImage dejavu = drawn(text, "DejaVu Sans");
            assertEquals(0, changed(logical, dejavu, 0, logical.getHeight()), 1e-9,
                    "SansSerif does not draw '" + text + "' as DejaVu Sans: is fonts-noto-core installed? (see .ci/run)");
        }
    }

    private static BufferedImage drawn(String text, String family) {
        BufferedImage im = new BufferedImage(240, 120, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = im.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, im.getWidth(), im.getHeight());
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(family, java.awt.Font.BOLD, 80));
        g.drawString(text, 10, 95);
        g.dispose();
        return im;
    }

    @Test
    void variedDrawsEveryFamilyAndDejavuOnlyItsOwn() {
        Set<String> varied = new HashSet<>();
        Set<String> dejavu = new HashSet<>();
        Random a = new Random(7);
        Random b = new Random(7);
        for (int i = 0; i < 3000; i++) {
            varied.add(SyntheticPlates.randomSpec("1234ABD", a, TopRowFonts.VARIED).arabicFont());
            dejavu.add(SyntheticPlates.randomSpec("1234ABD", b).arabicFont());
        }
        assertEquals(Set.copyOf(TopRowFonts.VARIED.families()), varied);
        assertEquals(Set.copyOf(TopRowFonts.DEJAVU.families()), dejavu);
    }

    @Test
    void setsAreNamedOnTheCommandLine() {
        assertEquals(TopRowFonts.VARIED, TopRowFonts.named("varied"));
        assertEquals(TopRowFonts.DEJAVU, TopRowFonts.named("dejavu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopRowFonts.named("noto"));
        assertTrue(e.getMessage().contains("--top-row-fonts must be dejavu or varied"), e.getMessage());
    }

    private static PlateSpec spec(String text, PlateLayout layout, String arabicFont) {
        return new PlateSpec(text, text, layout, false, "DejaVu Sans Condensed", arabicFont, true, false, false);
    }

    /** Share of the pixels in rows [y0, y1) whose gray level differs by more than 64. */
    private static double changed(BufferedImage a, BufferedImage b, int y0, int y1) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        long n = 0;
        long diff = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n++;
                if (Math.abs(gray(a.getRGB(x, y)) - gray(b.getRGB(x, y))) > 64) {
                    diff++;
                }
            }
        }
        return (double) diff / n;
    }

    private static int gray(int rgb) {
        return ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
    }
}
