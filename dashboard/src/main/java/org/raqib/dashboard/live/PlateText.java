package org.raqib.dashboard.live;

import org.raqib.models.plate.SaudiPlate;

/**
 * A plate split the way it is painted: digits and letters, each in Latin and Arabic. The Arabic letters
 * stay in logical order; the page renders them right to left.
 *
 * @param latinDigits e.g. {@code 6531}
 * @param latinLetters e.g. {@code UJD}
 * @param arabicDigits Arabic-Indic digits
 * @param arabicLetters Arabic letters, logical order, separated by spaces
 */
public record PlateText(String latinDigits, String latinLetters, String arabicDigits, String arabicLetters) {

    /** Splits a canonical plate; a text that is not one is shown as it is, in the Latin digits slot. */
    public static PlateText of(String latin, String arabic) {
        if (SaudiPlate.isValid(latin)) {
            String ar = SaudiPlate.toArabic(latin);
            int space = ar.indexOf(' ');
            return new PlateText(SaudiPlate.digits(latin), SaudiPlate.letters(latin), ar.substring(0, space),
                    ar.substring(space + 1));
        }
        String a = arabic == null ? "" : arabic.trim();
        int space = a.indexOf(' ');
        return new PlateText(latin == null ? "" : latin, "", space < 0 ? a : a.substring(0, space),
                space < 0 ? "" : a.substring(space + 1));
    }
}
