package org.raqib.dashboard.live;

import org.raqib.models.plate.SaudiPlate;

/**
 * A plate split the way it is painted: digits and letters, each in Latin and Arabic. The Arabic parts
 * keep the reading order of {@link SaudiPlate#toArabic}; the page marks them right to left, so the letters
 * appear each above its Latin twin.
 *
 * @param latinDigits e.g. {@code 6531}
 * @param latinLetters e.g. {@code UJD}
 * @param arabicDigits Arabic-Indic digits, e.g. {@code ٦٥٣١}
 * @param arabicLetters Arabic letters in reading order (right to left: the twin of the last Latin letter
 *                      first), separated by spaces, e.g. dal, hah, waw for {@code UJD}
 */
public record PlateText(String latinDigits, String latinLetters, String arabicDigits, String arabicLetters) {

    /**
     * Splits a canonical plate; a text that is not one is shown as it is, in the Latin digits slot, with
     * its Arabic form split at its last space (letters before, digits after) or, without a space, all in
     * the Arabic digits slot.
     */
    public static PlateText of(String latin, String arabic) {
        String a = SaudiPlate.isValid(latin) ? SaudiPlate.toArabic(latin) : arabic == null ? "" : arabic.trim();
        // toArabic puts the letters first and the digits last, after the last space
        int space = a.lastIndexOf(' ');
        String arabicDigits = space < 0 ? a : a.substring(space + 1);
        String arabicLetters = space < 0 ? "" : a.substring(0, space);
        if (SaudiPlate.isValid(latin)) {
            return new PlateText(SaudiPlate.digits(latin), SaudiPlate.letters(latin), arabicDigits, arabicLetters);
        }
        return new PlateText(latin == null ? "" : latin, "", arabicDigits, arabicLetters);
    }
}
