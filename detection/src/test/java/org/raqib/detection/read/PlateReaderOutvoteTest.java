package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * When the character reader's own rows outvote the plate network's Arabic row ({@link PlateReader#ownRowsOutvote}):
 * on hand-made network outputs and readings, so each condition is checked alone.
 */
class PlateReaderOutvoteTest {

    private static final String TEXT = "1234ABD";

    /**
     * Network logits whose Arabic row reads {@code arabic} (a canonical text) surely, one class per slot; the Latin row
     * reads {@link #TEXT}.
     */
    private static float[] logits(String arabic) {
        float[] l = new float[PlateDecoder.OUTPUTS];
        int[] latin = PlateDecoder.targets(TEXT);
        int[] top = PlateDecoder.targets(arabic);
        for (int s = 0; s < PlateDecoder.SLOTS; s++) {
            l[PlateDecoder.LATIN + PlateDecoder.slotOffset(s) + latin[s]] = 8;
            l[PlateDecoder.ARABIC + PlateDecoder.slotOffset(s) + top[s]] = 8;
        }
        return l;
    }

    /** A character reading of {@code text}, its own top row giving each character's twin {@code support}. */
    private static GlyphReader.Reading reading(String text, double... support) {
        double[] probs = new double[text.length()];
        Arrays.fill(probs, 0.999);
        return new GlyphReader.Reading(text, probs, text.length() * Math.log(0.999), 0, 'E', true, GlyphReader.MARGIN_CAP,
                false, new TopRow.Evidence(support, 0));
    }

    private static ReadResult network(String text) {
        return new ReadResult(text, SaudiPlate.toArabic(text), 0.8, new double[text.length()], List.of(),
                PlateLayout.STANDARD, 1.0);
    }

    @Test
    void theSlotsTheArabicRowContradictsAndTheCharactersTheyHold() {
        // the network's Arabic row shows another letter in the second letter's slot (slot 5)
        float[] l = logits("1234AED");
        assertArrayEquals(new int[] {5}, PlateDecoder.arabicContradictedSlots(l, 0, TEXT, 0.5, 0.35));
        assertEquals(1, PlateDecoder.arabicContradictions(l, 0, TEXT, 0.5, 0.35));
        assertArrayEquals(new int[0], PlateDecoder.arabicContradictedSlots(logits(TEXT), 0, TEXT, 0.5, 0.35));
        // a three-digit text: slots 0-2 hold its digits, slot 3 is the empty place, slots 4-6 its letters 3-5
        assertEquals(2, PlateDecoder.characterIndex("123ABD", 2));
        assertEquals(-1, PlateDecoder.characterIndex("123ABD", 3));
        assertEquals(3, PlateDecoder.characterIndex("123ABD", 4));
        assertEquals(5, PlateDecoder.characterIndex("123ABD", 6));
        assertEquals(4, PlateDecoder.characterIndex(TEXT, 4));
    }

    @Test
    void aSureReadingWhoseOwnTopRowConfirmsTheContradictedCharacterOutvotesTheNetwork() {
        float[] l = logits("1234AED");
        GlyphReader.Reading g = reading(TEXT, 0.95, 0.95, 0.95, 0.95, 0.95, 0.92, 0.95);
        assertTrue(outvote(g, 0.97, l, 0));
        assertTrue(PlateReader.crossCheckFails(TEXT, network(TEXT), l, 0), "the cross-check alone still fails");
        assertTrue(PlateReader.crossCheckOutvoted(g, 0.97, network(TEXT), l, 0));
        // not while the reading is less sure than OUTVOTE_CONFIDENCE
        assertFalse(outvote(g, 0.95, l, 0));
        assertTrue(outvote(g, PlateReader.OUTVOTE_CONFIDENCE, l, 0));
    }

    @Test
    void theOwnTopRowMustConfirmEveryContradictedCharacterAndSupportEveryOne() {
        float[] l = logits("1234AED");
        // the contradicted character (index 5) confirmed below 0.9
        assertFalse(outvote(reading(TEXT, 0.95, 0.95, 0.95, 0.95, 0.95, 0.85, 0.95), 0.99, l, 0));
        // another character's twin below 0.3
        assertFalse(outvote(reading(TEXT, 0.95, 0.2, 0.95, 0.95, 0.95, 0.95, 0.95), 0.99, l, 0));
        assertTrue(outvote(reading(TEXT, 0.95, 0.3, 0.95, 0.95, 0.95, 0.95, 0.95), 0.99, l, 0));
        // two contradicted characters: both must be confirmed
        float[] two = logits("1734AED");
        assertFalse(outvote(reading(TEXT, 0.95, 0.5, 0.95, 0.95, 0.95, 0.95, 0.95), 0.99, two, 0));
        assertTrue(outvote(reading(TEXT, 0.95, 0.91, 0.95, 0.95, 0.95, 0.95, 0.95), 0.99, two, 0));
        // no top row read: nothing to outvote with
        GlyphReader.Reading none = new GlyphReader.Reading(TEXT, new double[] {1, 1, 1, 1, 1, 1, 1}, 0, 0, 'E', true,
                GlyphReader.MARGIN_CAP, false, null);
        assertFalse(outvote(none, 0.99, l, 0));
    }

    @Test
    void aReadingOfFewerThanFourDigitsIsNeverOutvoted() {
        // a three-digit reading may have lost a digit at a cut (a wide plate framed through its first digit): the
        // network's Arabic row contradicting one of its letters is then the one catch, and it stands
        String three = "123ABD";
        float[] l = new float[PlateDecoder.OUTPUTS];
        int[] top = PlateDecoder.targets("123AED");
        for (int s = 0; s < PlateDecoder.SLOTS; s++) {
            l[PlateDecoder.ARABIC + PlateDecoder.slotOffset(s) + top[s]] = 8;
        }
        assertArrayEquals(new int[] {5}, PlateDecoder.arabicContradictedSlots(l, 0, three, 0.5, 0.35));
        assertFalse(outvote(reading(three, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99), 0.999, l, 0));
        assertFalse(PlateReader.crossCheckOutvoted(reading(three, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99), 0.999,
                network(three), l, 0));
    }

    @Test
    void nothingIsOutvotedWhereTheNetworkDoesNotContradictOrCountsOtherDigits() {
        GlyphReader.Reading g = reading(TEXT, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95);
        // no contradiction: no veto to set aside
        assertFalse(outvote(g, 0.99, logits(TEXT), 0));
        // the network's Arabic row shows a fourth digit where a three-digit reading has none
        String three = "123ABD";
        float[] l = new float[PlateDecoder.OUTPUTS];
        int[] top = PlateDecoder.targets("1234ABD");
        for (int s = 0; s < PlateDecoder.SLOTS; s++) {
            l[PlateDecoder.ARABIC + PlateDecoder.slotOffset(s) + top[s]] = 8;
        }
        GlyphReader.Reading g3 = reading(three, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95);
        assertArrayEquals(new int[] {3}, PlateDecoder.arabicContradictedSlots(l, 0, three, 0.5, 0.35));
        assertFalse(outvote(g3, 0.99, l, 0));
        // a network reading another digit count: the cross-check's cap stands
        float[] one = logits("1234AED");
        assertFalse(PlateReader.crossCheckOutvoted(g, 0.99, network("123AED"), one, 0));
        assertTrue(PlateReader.crossCheckOutvoted(g, 0.99, network("1234AED"), one, 0));
    }

    /** {@link PlateReader#ownRowsOutvote} where the network's Arabic row, given as {@code logits}, contradicts {@code g}. */
    private static boolean outvote(GlyphReader.Reading g, double conf, float[] logits, int offset) {
        return PlateReader.ownRowsOutvote(g, conf, PlateDecoder.arabicContradictedSlots(logits, offset, g.text(),
                PlateReader.ARABIC_SURE, PlateReader.ARABIC_FLOOR));
    }
}
