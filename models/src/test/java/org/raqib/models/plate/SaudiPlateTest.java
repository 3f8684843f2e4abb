package org.raqib.models.plate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Bidi;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SaudiPlateTest {

    @Test
    void acceptsOnlyCanonicalTexts() {
        assertTrue(SaudiPlate.isValid("6531UJD"));
        assertTrue(SaudiPlate.isValid("1ABD"));
        assertFalse(SaudiPlate.isValid("12345ABD"), "five digits");
        assertFalse(SaudiPlate.isValid("ABD"), "no digits");
        assertFalse(SaudiPlate.isValid("1234ABC"), "C is not a plate letter");
        assertFalse(SaudiPlate.isValid("1234AB"), "two letters");
        assertFalse(SaudiPlate.isValid(null));
    }

    @Test
    void mapsEveryLetterBothWays() {
        assertEquals(17, SaudiPlate.LATIN_LETTERS.length());
        for (char c : SaudiPlate.LATIN_LETTERS.toCharArray()) {
            assertEquals(c, SaudiPlate.latinLetter(SaudiPlate.arabicLetter(c)));
        }
        assertEquals('H', SaudiPlate.latinLetter("\u0647"), "heh without tatweel");
        assertEquals(0, SaudiPlate.latinLetter("x"));
        assertThrows(IllegalArgumentException.class, () -> SaudiPlate.arabicLetter('C'));
    }

    @Test
    void writesTheArabicFormInReadingOrderLettersFirst() {
        // dal, hah, waw (the twins of D, J, U: the top row read right to left), then six five three one
        assertEquals("\u062F \u062D \u0648 \u0666\u0665\u0663\u0661", SaudiPlate.toArabic("6531UJD"));
        assertEquals("\u062F \u0628 \u0627 \u0661", SaudiPlate.toArabic("1ABD"));
        assertEquals("6531", SaudiPlate.digits("6531UJD"));
        assertEquals("UJD", SaudiPlate.letters("6531UJD"));
        assertEquals("6531UJD", SaudiPlate.normalize(" 6531 ujd"));
    }

    @Test
    void theArabicFormDisplaysRightToLeftAsTheTopRowOfThePlate() {
        // given plates of every length and every letter in every slot
        String letters = SaudiPlate.LATIN_LETTERS;
        for (int n = 0; n < 17 * 17 * 4; n++) {
            String digits = Integer.toString(new int[] {7, 42, 309, 6531}[n % 4]);
            String text = digits + letters.charAt(n % 17) + letters.charAt(n / 17 % 17) + letters.charAt(n * 7 % 17);
            // when the Arabic form is laid out by the bidirectional algorithm in a right-to-left paragraph
            String shown = visualOrder(SaudiPlate.toArabic(text), Bidi.DIRECTION_RIGHT_TO_LEFT);
            // then, left to right, it is the plate's top row: the digits, then each letter above its Latin twin
            assertEquals(topRowLeftToRight(text), shown, text);
            // and a left-to-right page that does not mark it right-to-left shows it the same way
            assertEquals(shown, visualOrder(SaudiPlate.toArabic(text), Bidi.DIRECTION_LEFT_TO_RIGHT), text);
        }
    }

    /**
     * What a reader sees on the plate's top row from left to right, written independently of
     * {@code toArabic}: the Arabic-Indic twins of the digits, then, above each Latin letter in turn, its
     * Arabic twin. A letter of two code points (heh with tatweel) is itself right to left: its second code
     * point is drawn to the left of its first.
     */
    private static String topRowLeftToRight(String text) {
        StringBuilder sb = new StringBuilder();
        int digits = text.length() - 3;
        for (int i = 0; i < digits; i++) {
            sb.append(SaudiPlate.ARABIC_DIGITS.charAt(text.charAt(i) - '0'));
        }
        for (int i = digits; i < text.length(); i++) {
            sb.append(' ').append(new StringBuilder(SaudiPlate.arabicLetter(text.charAt(i))).reverse());
        }
        return sb.toString();
    }

    /** The characters of {@code logical} in the left-to-right order the Unicode bidi algorithm shows them. */
    private static String visualOrder(String logical, int paragraphDirection) {
        Bidi bidi = new Bidi(logical, paragraphDirection);
        byte[] levels = new byte[logical.length()];
        Character[] chars = new Character[logical.length()];
        for (int i = 0; i < logical.length(); i++) {
            levels[i] = (byte) bidi.getLevelAt(i);
            chars[i] = logical.charAt(i);
        }
        Bidi.reorderVisually(levels, 0, chars, 0, chars.length);
        StringBuilder sb = new StringBuilder();
        for (Character c : chars) {
            sb.append(c.charValue());
        }
        return sb.toString();
    }
}
