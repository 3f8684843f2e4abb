package org.raqib.models.plate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void writesTheArabicForm() {
        assertEquals("\u0666\u0665\u0663\u0661 \u0648 \u062D \u062F", SaudiPlate.toArabic("6531UJD"));
        assertEquals("6531", SaudiPlate.digits("6531UJD"));
        assertEquals("UJD", SaudiPlate.letters("6531UJD"));
        assertEquals("6531UJD", SaudiPlate.normalize(" 6531 ujd"));
    }
}
