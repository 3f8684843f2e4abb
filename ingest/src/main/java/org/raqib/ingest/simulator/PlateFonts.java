package org.raqib.ingest.simulator;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.raqib.models.plate.SaudiPlate;

/**
 * The fonts plates are drawn with. Arabic glyphs need a font that has them (DejaVu Sans does); a font
 * without them would draw empty boxes, so the lookup fails loudly instead of producing plates nobody
 * could read.
 *
 * @param latin font for the Western digits and Latin letters (and the KSA strip)
 * @param arabic font for the Arabic-Indic digits and Arabic letters
 */
public record PlateFonts(Font latin, Font arabic) {

    /** Families tried for the Latin row, best first. */
    public static final List<String> LATIN_FAMILIES = List.of("DejaVu Sans Condensed", "DejaVu Sans", "Liberation Sans",
            "SansSerif");
    /** Families tried for the Arabic row, best first. */
    public static final List<String> ARABIC_FAMILIES = List.of("DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic",
            "FreeSans", "SansSerif");

    private static final String LATIN_GLYPHS = "0123456789" + SaudiPlate.LATIN_LETTERS + "KSA";
    private static final String ARABIC_GLYPHS = SaudiPlate.ARABIC_DIGITS + String.join("", SaudiPlate.ARABIC_LETTERS);

    private static volatile PlateFonts cached;

    /**
     * The installed fonts that can draw every plate glyph.
     *
     * @throws IllegalStateException when no installed font can draw the Arabic (or Latin) plate glyphs
     */
    public static PlateFonts installed() {
        PlateFonts f = cached;
        if (f == null) {
            Set<String> families = Set.copyOf(Arrays.asList(
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
            f = new PlateFonts(pick(LATIN_FAMILIES, LATIN_GLYPHS, families, "Latin"),
                    pick(ARABIC_FAMILIES, ARABIC_GLYPHS, families, "Arabic"));
            cached = f;
        }
        return f;
    }

    private static Font pick(List<String> candidates, String glyphs, Set<String> installed, String what) {
        for (String family : candidates) {
            // A logical name (SansSerif) always "exists"; a physical family must really be installed,
            // because Java silently substitutes Dialog for a missing one.
            boolean logical = family.equals("SansSerif");
            if (!logical && !installed.contains(family)) {
                continue;
            }
            Font font = new Font(family, Font.PLAIN, 100);
            if (font.canDisplayUpTo(glyphs) == -1) {
                return font;
            }
        }
        throw new IllegalStateException("no installed font can draw the " + what + " plate glyphs (tried "
                + candidates + "); install DejaVu Sans (Debian: apt-get install fonts-dejavu-core)");
    }
}
