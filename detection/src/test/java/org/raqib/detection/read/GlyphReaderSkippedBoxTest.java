package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.raqib.detection.read.WideCuts.cut;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Rect;

/**
 * A cut that skips characters another cut of the crop boxed ({@link GlyphReader#skippedBoxes},
 * {@link GlyphReader#lessSkipped}): the digits of a blurred wide plate named unsurely, so that the cut that reads its
 * first digit alone outscored the whole row.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphReaderSkippedBoxTest {
    private static final double[] PANEL = {150, 220};

    @Test
    void digitsThatAnotherCutBoxedAreSkipped() {
        List<Rect> whole = cut(51, 81, 111);
        List<Rect> first = cut(51);
        List<Rect> every = every(whole, first);
        assertEquals(2, GlyphReader.skippedBoxes(first, every, PANEL));
        assertEquals(1, GlyphReader.skippedBoxes(cut(51, 111), every, PANEL));
        assertEquals(0, GlyphReader.skippedBoxes(whole, every, PANEL));
        // The last digits lost are skipped too where no panel is known (a standard crop): left of the first letter.
        assertEquals(2, GlyphReader.skippedBoxes(first, every, null));
    }

    @Test
    void aLetterThatAnotherCutBoxedIsSkipped() {
        // The letters at 240 and 300 kept, the one at 270 left out and a piece of the frame read as the third letter.
        List<Rect> whole = cut(51, 81, 111);
        List<Rect> skipsMiddle = new ArrayList<>(whole.subList(0, 4));
        skipsMiddle.add(whole.get(5));
        skipsMiddle.add(new Rect(330, 50, 16, 24));
        assertEquals(1, GlyphReader.skippedBoxes(skipsMiddle, every(whole, skipsMiddle), PANEL));
        assertEquals(0, GlyphReader.skippedBoxes(whole, every(whole, skipsMiddle), PANEL));
        // Letters printed shorter than the digits (a standard plate's): measured against the letters' own height.
        List<Rect> standard = new ArrayList<>();
        for (Rect r : whole) {
            standard.add(r.x < 200 ? r : new Rect(r.x, 58, r.width, 16));
        }
        List<Rect> skipsOne = new ArrayList<>(standard.subList(0, 4));
        skipsOne.add(standard.get(5));
        skipsOne.add(new Rect(330, 58, 16, 16));
        assertEquals(1, GlyphReader.skippedBoxes(skipsOne, every(standard, skipsOne), null));
    }

    @Test
    void onlyCharacterSizedBoxesClearOfTheCutCount() {
        List<Rect> first = cut(51);
        // Dirt (a third of the characters' height), a fragment beside the cut's digit, the panel's print, a box left of
        // the first digit (the frame: what a lost first digit is, another rule's business).
        List<Rect> every = every(first, List.of(new Rect(90, 60, 12, 8), new Rect(61, 50, 10, 24),
                new Rect(170, 50, 16, 24), new Rect(10, 50, 16, 24)));
        assertEquals(0, GlyphReader.skippedBoxes(first, every, PANEL));
        // Boxes of one character from several cuts count once.
        List<Rect> twice = every(first, List.of(new Rect(73, 50, 16, 24), new Rect(74, 49, 15, 25)));
        assertEquals(1, GlyphReader.skippedBoxes(first, twice, PANEL));
    }

    @Test
    void theWholeRowOutscoresTheCutThatSkipsItsUnsureDigits() {
        // Summed clipped log-odds of the kind a blurred wide plate of three digits gets: its two later digits named
        // unsurely, the cut of the first digit alone and the letters outscores the whole row.
        List<List<Rect>> read = List.of(cut(51, 81, 111), cut(51));
        List<Double> scores = new ArrayList<>(List.of(0.28, 2.78));
        assertEquals(0, GlyphReader.lessSkipped(read, scores, PANEL));
        assertEquals(0.28, scores.get(0), 1e-9);
        assertEquals(2.78 - 2 * GlyphReader.SKIPPED_BOX, scores.get(1), 1e-9);
        // Where no cut boxed the digits, nothing changes.
        List<Double> alone = new ArrayList<>(List.of(2.78));
        assertEquals(0, GlyphReader.lessSkipped(List.of(cut(51)), alone, PANEL));
        assertEquals(2.78, alone.get(0), 1e-9);
    }

    private static List<Rect> every(List<Rect> a, List<Rect> b) {
        List<Rect> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
