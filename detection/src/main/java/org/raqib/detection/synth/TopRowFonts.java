package org.raqib.detection.synth;

import java.util.List;

/**
 * The font families a synthetic plate's top (Arabic) row is drawn in, one drawn per plate ({@link
 * SyntheticPlates#randomSpec(String, java.util.Random, TopRowFonts)}).
 */
public enum TopRowFonts {

    /** DejaVu's Arabic in four entries (one design): every synthetic plate before session 51. */
    DEJAVU(List.of("DejaVu Sans", "DejaVu Sans Condensed", "DejaVu Sans Mono", "SansSerif")),

    /**
     * DEJAVU's four entries and eight plate-like Arabic faces of Debian's fonts-kacst, fonts-kacst-one and
     * fonts-arabeyes: the plate network meets more than one Arabic design, where real plates' top rows are drawn in
     * none of these. Square and decorative faces of those packages are left out. Not fonts-noto-core's Arabic faces:
     * installed, that package makes Noto Sans Java's "SansSerif" for Latin text, and with it every synthetic plate
     * and scene drawn in that logical face (DEJAVU's too) would change.
     */
    VARIED(List.of("DejaVu Sans", "DejaVu Sans Condensed", "DejaVu Sans Mono", "SansSerif",
            "KacstOne", "KacstBook", "KacstOffice", "KacstLetter", "Arab", "Furat", "Tarablus", "AlArabiya"));

    private final List<String> families;

    TopRowFonts(List<String> families) {
        this.families = families;
    }

    /** The families, each drawn alike often. */
    public List<String> families() {
        return families;
    }

    /** The command-line name ({@code dejavu}, {@code varied}). */
    public String optionName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The set named {@code name} on the command line. */
    public static TopRowFonts named(String name) {
        for (TopRowFonts f : values()) {
            if (f.optionName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--top-row-fonts must be dejavu or varied, not '" + name + "'");
    }
}
