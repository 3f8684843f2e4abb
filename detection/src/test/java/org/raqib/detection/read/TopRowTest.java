package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Rect;

/** The Arabic row as a second reading: how its cells compare with a Latin reading, and the automatic-read rule. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TopRowTest {

    /** Cell probabilities that put {@code p} on the class of each character of {@code shown}, the rest spread. */
    private static double[][] cells(String shown, double p) {
        double[][] out = new double[shown.length()][];
        for (int i = 0; i < shown.length(); i++) {
            double[] q = new double[GlyphClassifier.CLASSES];
            java.util.Arrays.fill(q, (1 - p) / (GlyphClassifier.CLASSES - 1));
            q[GlyphClassifier.classOf(shown.charAt(i))] = p;
            out[i] = q;
        }
        return out;
    }

    @Test
    void aTopRowShowingTheSameTextSupportsEveryCharacter() {
        TopRow.Evidence e = TopRow.compare(cells("4821KSD", 0.97), "4821KSD");
        assertEquals(0, e.contradictions());
        assertEquals(0.97, e.minSupport(), 1e-9);
    }

    @Test
    void aTopRowSureOfAnotherLetterContradicts() {
        // given a top row whose last letter is another one, shown with probability 0.8
        TopRow.Evidence e = TopRow.compare(cells("4821KSB", 0.8), "4821KSD");
        assertEquals(1, e.contradictions());
        assertTrue(e.minSupport() < 0.05);
    }

    @Test
    void lettersInMirrorOrderContradictTheReading() {
        // given a top row whose letters stand in Arabic reading order (the twins of D S K above K S D), as
        // the synthetic renderer printed them before 21916e2: real plates never do
        double[][] p = cells("4821DSK", 0.95);
        // when compared with the Latin reading, then the outer two letters contradict it
        TopRow.Evidence e = TopRow.compare(p, "4821KSD");
        assertEquals(2, e.contradictions());
        assertTrue(e.minSupport() < 0.05);
    }

    @Test
    void anAutomaticReadNeedsTheTopRowToConfirmEveryCharacter() {
        double conf = 0.97;
        // no top-row reading at all: never automatic
        assertTrue(PlateReader.topRowRule(conf, null) < 0.9);
        // a contradicting top row: capped as any inconsistent plate
        assertEquals(Calibration.INCONSISTENT_CAP, PlateReader.topRowRule(conf, TopRow.compare(cells("4821KSB", 0.8), "4821KSD")), 1e-9);
        // a top row too faint to confirm one character: review, not a ticket
        double[][] faint = cells("4821KSD", 0.97);
        faint[2] = cells("2", 0.4)[0];
        double capped = PlateReader.topRowRule(conf, TopRow.compare(faint, "4821KSD"));
        assertTrue(capped < 0.9 && capped > Calibration.INCONSISTENT_CAP, "capped to " + capped);
        // both rows agree confidently: the reading keeps its confidence
        assertEquals(conf, PlateReader.topRowRule(conf, TopRow.compare(cells("4821KSD", 0.97), "4821KSD")), 1e-9);
    }

    @Test
    void eachCellLiesAboveItsBox() {
        List<Rect> boxes = List.of(new Rect(10, 60, 12, 30), new Rect(30, 61, 12, 29), new Rect(50, 60, 14, 30));
        for (int i = 0; i < boxes.size(); i++) {
            Rect c = TopRow.cell(boxes, i);
            Rect b = boxes.get(i);
            assertEquals(b.x + b.width / 2.0, c.x + c.width / 2.0, 1.0, "cell centred on its box");
            assertTrue(c.width >= b.width);
            assertTrue(c.y + c.height < b.y, "cell " + c + " must end above box " + b);
            assertFalse(c.height < 0.9 * b.height, "cell about one row high: " + c);
        }
    }
}
