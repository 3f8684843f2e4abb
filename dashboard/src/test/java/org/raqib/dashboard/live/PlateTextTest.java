package org.raqib.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlateTextTest {

    @Test
    void aCanonicalPlateIsSplitIntoItsDigitsAndItsLettersInReadingOrder() {
        // 6531UJD: the letters block read right to left is dal, hah, waw (the twins of D, J, U)
        assertEquals(new PlateText("6531", "UJD", "\u0666\u0665\u0663\u0661", "\u062F \u062D \u0648"),
                PlateText.of("6531UJD", "ignored: the Arabic form is rebuilt from the Latin text"));
        // heh keeps its tatweel and its place
        assertEquals(new PlateText("7", "HAB", "\u0667", "\u0628 \u0627 \u0647\u0640"), PlateText.of("7HAB", ""));
    }

    @Test
    void anotherTextIsShownAsItIs() {
        assertEquals(new PlateText("12X4", "", "", ""), PlateText.of("12X4", ""));
        assertEquals(new PlateText("12X4", "", "\u0661\u0662", "\u062F \u062D"),
                PlateText.of("12X4", " \u062F \u062D \u0661\u0662 "));
        assertEquals(new PlateText("?", "", "\u0661\u0662", ""), PlateText.of("?", "\u0661\u0662"));
        assertEquals(new PlateText("", "", "", ""), PlateText.of(null, null));
    }
}
