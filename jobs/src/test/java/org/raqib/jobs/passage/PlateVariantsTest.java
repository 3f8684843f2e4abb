package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlateVariantsTest {

    @Test
    void equalTextsAreZeroApart() {
        assertEquals(0, PlateVariants.distance("6531UJD", "6531UJD"));
    }

    @Test
    void confusableDigitsAndLettersCountOneEachAndBothWays() {
        assertEquals(1, PlateVariants.distance("6531UJD", "6581UJD"), "3/8");
        assertEquals(1, PlateVariants.distance("6581UJD", "6531UJD"));
        assertEquals(1, PlateVariants.distance("6531UJD", "6531VJD"), "U/V");
        assertEquals(2, PlateVariants.distance("6531UJB", "8531UJR"), "6/8 and B/R");
        assertEquals(1, PlateVariants.distance("1234ABD", "1234ABR"), "D/R (dal/reh)");
    }

    @Test
    void aMissedOrExtraDigitIsOneEdit() {
        assertEquals(1, PlateVariants.distance("531UJD", "6531UJD"));
        assertEquals(1, PlateVariants.distance("6531UJD", "651UJD"));
        assertEquals(2, PlateVariants.distance("531UJD", "6581UJD"), "a lost digit and a 3/8");
        assertEquals(PlateVariants.UNRELATED, PlateVariants.distance("31UJD", "6531UJD"), "two digits lost is no misread");
    }

    @Test
    void differencesNoReaderMakesAreUnrelatedHoweverCloseTheRest() {
        assertEquals(PlateVariants.UNRELATED, PlateVariants.distance("6531UJD", "6541UJD"), "3/4");
        assertEquals(PlateVariants.UNRELATED, PlateVariants.distance("6531UJD", "6531AJD"), "U/A");
        assertFalse(PlateVariants.sameVehicle("6531UJD", "6541UJD", 3));
    }

    @Test
    void crossConfusionsOnlyForTextsOutsideTheCanonicalFormat() {
        // a format-unaware reader put a B among the digits
        assertEquals(1, PlateVariants.distance("65B1UJD", "6581UJD"));
        assertEquals(1, PlateVariants.distance("0531UJD", "D531UJD"));
        assertTrue(PlateVariants.confusable('5', 'S'));
        assertTrue(PlateVariants.confusable('2', 'Z'));
        assertFalse(PlateVariants.confusable('2', 'A'));
    }

    @Test
    void sameVehicleHonoursTheBudget() {
        assertTrue(PlateVariants.sameVehicle("6531UJD", "6531UJD", 0));
        assertFalse(PlateVariants.sameVehicle("6531UJD", "6581UJD", 0));
        assertTrue(PlateVariants.sameVehicle("6531UJD", "6581UJD", 1));
        assertFalse(PlateVariants.sameVehicle("6531UJB", "8531UJR", 1));
        assertTrue(PlateVariants.sameVehicle("6531UJB", "8531UJR", 2));
        assertThrows(IllegalArgumentException.class, () -> PlateVariants.sameVehicle("1ABD", "1ABD", -1));
    }

    @Test
    void variantsAreTheTextsWithinTheBudgetWithTheirDistance() {
        java.util.Map<String, Integer> one = PlateVariants.variants("531UJD", 1);
        assertEquals(0, one.get("531UJD"));
        assertEquals(1, one.get("581UJD"), "3/8");
        assertEquals(1, one.get("6531UJD"), "a digit the read lost");
        assertEquals(1, one.get("31UJD"), "a digit the read added");
        assertEquals(1, one.get("531VJD"), "U/V");
        assertFalse(one.containsKey("541UJD"));
        assertFalse(one.containsKey("6581UJD"), "two edits");
        assertTrue(PlateVariants.variants("531UJD", 2).containsKey("6581UJD"));
        one.forEach((text, d) -> assertEquals(d, PlateVariants.distance("531UJD", text), text));
        assertEquals(java.util.Map.of("1ABD", 0), PlateVariants.variants("1ABD", 0));
    }

    @Test
    void theOneEditWalkVisitsExactlyTheCandidatesEachOnce() throws Exception {
        // canonical texts of every digit count (runs of equal digits: drops and inserts that coincide),
        // and texts of another vendor's reader (cross confusions, no digit count edits)
        for (String text : java.util.List.of("1ABD", "11ABD", "8800BDE", "6531UJD", "5555EGH", "1000ABD",
                "B8O0", "AB12CD", "7873KXD", "")) {
            java.util.List<String> visited = new java.util.ArrayList<>();
            PlateVariants.forEachWithinOneEdit(text, visited::add);
            assertEquals(PlateVariants.candidates(text, 1), new java.util.HashSet<>(visited), text);
            assertEquals(visited.size(), new java.util.HashSet<>(visited).size(), "no text twice: " + text);
            assertEquals(text, visited.get(0), "the text itself first");
        }
    }
}
