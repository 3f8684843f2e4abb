package org.raqib.models.plate;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Saudi plate format, shared by every module: canonical text is 1-4 Western digits followed by
 * three Latin letters from {@link #LATIN_LETTERS}, e.g. {@code 6531UJD}. The top row of the plate
 * shows the same in Arabic-Indic digits and Arabic letters, each character directly above its twin in
 * the bottom row: digits on the left, letters on the right, so a plate ending {@code GUJ} shows, from
 * left to right, qaf, waw and hah above G, U and J (checked on photos of real plates).
 *
 * <p>The Arabic form ({@link #toArabic}, the records' {@code plateArabic}) is that top row as an
 * Arabic reader reads it, right to left, in logical order: a right-to-left display of it shows exactly
 * what is on the plate. See {@link #toArabic} for the order.
 */
public final class SaudiPlate {

    /** The 17 Latin letters used on Saudi plates. */
    public static final String LATIN_LETTERS = "ABDEGHJKLNRSTUVXZ";
    /** The Arabic letter of each Latin letter, in the order of {@link #LATIN_LETTERS}. */
    public static final String[] ARABIC_LETTERS = {
        "\u0627", // A alef
        "\u0628", // B beh
        "\u062F", // D dal
        "\u0639", // E ain
        "\u0642", // G qaf
        "\u0647\u0640", // H heh (written with a tatweel on plates)
        "\u062D", // J hah
        "\u0643", // K kaf
        "\u0644", // L lam
        "\u0646", // N noon
        "\u0631", // R reh
        "\u0633", // S seen
        "\u0637", // T tah
        "\u0648", // U waw
        "\u0649", // V alef maksura
        "\u0635", // X sad
        "\u0645", // Z meem
    };
    /** Arabic-Indic digits zero to nine. */
    public static final String ARABIC_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669";

    private static final Pattern CANONICAL = Pattern.compile("[0-9]{1,4}[" + LATIN_LETTERS + "]{3}");
    private static final Map<Character, String> LATIN_TO_ARABIC;

    static {
        var m = new java.util.HashMap<Character, String>();
        for (int i = 0; i < LATIN_LETTERS.length(); i++) {
            m.put(LATIN_LETTERS.charAt(i), ARABIC_LETTERS[i]);
        }
        LATIN_TO_ARABIC = Map.copyOf(m);
    }

    private SaudiPlate() {
    }

    /** True when {@code text} is a well-formed canonical plate text. */
    public static boolean isValid(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    /** Digits part of a canonical text. */
    public static String digits(String text) {
        requireValid(text);
        return text.substring(0, text.length() - 3);
    }

    /** Letters part of a canonical text. */
    public static String letters(String text) {
        requireValid(text);
        return text.substring(text.length() - 3);
    }

    /** True for a letter that may appear on a plate. */
    public static boolean isPlateLetter(char c) {
        return LATIN_LETTERS.indexOf(c) >= 0;
    }

    /** The Arabic letter for a Latin plate letter. */
    public static String arabicLetter(char latin) {
        String a = LATIN_TO_ARABIC.get(latin);
        if (a == null) {
            throw new IllegalArgumentException("not a Saudi plate letter: " + latin);
        }
        return a;
    }

    /** The Latin letter for an Arabic plate letter (tatweel ignored), or 0 when none. */
    public static char latinLetter(String arabic) {
        String a = arabic.replace("\u0640", "");
        for (int i = 0; i < ARABIC_LETTERS.length; i++) {
            if (ARABIC_LETTERS[i].replace("\u0640", "").equals(a)) {
                return LATIN_LETTERS.charAt(i);
            }
        }
        return 0;
    }

    /**
     * The Arabic form of a canonical text: the plate's top row in reading (logical) order. An Arabic reader
     * reads the row right to left, so it starts with the letters block, at the plate's right: the twin of
     * the last Latin letter first, then of the middle one, then of the first, separated by spaces; then a
     * space and the Arabic-Indic digits, in the Western digits' order (digits run left to right inside
     * right-to-left text). Example: {@code 6531UJD} gives, in logical order, dal, hah, waw, then six five
     * three one (U+062F, U+062D, U+0648, U+0666 U+0665 U+0663 U+0661, with a space after each letter). The
     * Unicode bidirectional algorithm lays it out, in a right-to-left paragraph and also as a whole in a
     * left-to-right one, as {@code ٦٥٣١} then waw, hah, dal from left to right: the plate's top row, each
     * letter above its Latin twin.
     */
    public static String toArabic(String text) {
        requireValid(text);
        String digits = digits(text);
        String letters = letters(text);
        StringBuilder sb = new StringBuilder(digits.length() + 7);
        for (int i = letters.length() - 1; i >= 0; i--) {
            sb.append(arabicLetter(letters.charAt(i))).append(' ');
        }
        for (char c : digits.toCharArray()) {
            sb.append(ARABIC_DIGITS.charAt(c - '0'));
        }
        return sb.toString();
    }

    /** Upper-cases and strips spaces and dashes; does not validate. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static void requireValid(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a canonical Saudi plate text (1-4 digits then 3 of "
                    + LATIN_LETTERS + ")");
        }
    }
}
