package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Rect;

/** Cuts put together from the boxes of other cuts, with a scorer that is told what each box reads as. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MixedCutsTest {

    /** A standard row: four digits, then three letters past a divider, 30 rows tall on baseline 80, 12 wide. */
    private static final List<Rect> ROW = List.of(new Rect(20, 50, 12, 30), new Rect(40, 50, 12, 30), new Rect(60, 50, 12, 30),
            new Rect(80, 50, 12, 30), new Rect(110, 50, 12, 30), new Rect(130, 50, 12, 30), new Rect(150, 50, 12, 30));

    /**
     * The first digit faint: the usual binarisation misses it and merges the last digit with the divider; the
     * sensitive one boxes it and the last digit, but merges the second and third.
     */
    private static final Rect MERGED = new Rect(80, 50, 22, 30);
    private static final Rect PAIR = new Rect(40, 50, 32, 30);

    private static List<Rect> cutA() {
        return List.of(ROW.get(1), ROW.get(2), MERGED, ROW.get(4), ROW.get(5), ROW.get(6));
    }

    private static List<Rect> cutB() {
        return List.of(ROW.get(0), PAIR, ROW.get(3), ROW.get(4), ROW.get(5), ROW.get(6));
    }

    /** Scores each box as told ({@code digit}, {@code letter}); any other box as junk. */
    private static RowSearch.BoxScore told(Map<Rect, double[]> scores) {
        return (box, digit) -> {
            double[] s = scores.get(box);
            return s == null ? -4 : digit ? s[0] : s[1];
        };
    }

    /** The row's digits read as digits, its letters as letters, each sure; the merged box as neither. */
    private static Map<Rect, double[]> rowScores() {
        Map<Rect, double[]> s = new HashMap<>();
        for (int i = 0; i < ROW.size(); i++) {
            s.put(ROW.get(i), i < 4 ? new double[] {3, -3} : new double[] {-3, 3});
        }
        s.put(MERGED, new double[] {-1, -2});
        s.put(PAIR, new double[] {-1, -2});
        return s;
    }

    @Test
    void joinsTheBoxesThatNoSingleCutHolds() {
        List<List<Rect>> mixed = MixedCuts.of(List.of(cutA(), cutB()), cutA(), false, told(rowScores()));
        assertTrue(mixed.contains(ROW), "the whole row, from both cuts: " + mixed);
        assertFalse(cutA().equals(ROW) || cutB().equals(ROW));
    }

    @Test
    void skipsNoBoxThatReadsAsACharacter() {
        // Every digit reads as one: no cut may leave one out, at the start or in the middle (the pair's box holds two).
        List<List<Rect>> mixed = MixedCuts.of(List.of(cutA(), cutB()), cutA(), false, told(rowScores()));
        assertTrue(mixed.contains(ROW));
        assertTrue(mixed.contains(List.of(ROW.get(0), PAIR, ROW.get(3), ROW.get(4), ROW.get(5), ROW.get(6))), "" + mixed);
        for (List<Rect> cut : mixed) {
            for (Rect digit : ROW.subList(0, 4)) {
                assertTrue(cut.stream().anyMatch(b -> b.x < digit.x + digit.width && digit.x < b.x + b.width),
                        "digit at " + digit.x + " left out of " + cut);
            }
        }
        // The first "digit" junk (a bolt, the frame): a cut without it may start after it.
        Map<Rect, double[]> s = rowScores();
        s.put(ROW.get(0), new double[] {-2, -3});
        List<List<Rect>> without = MixedCuts.of(List.of(cutA(), cutB()), cutA(), false, told(s));
        assertTrue(without.contains(ROW.subList(1, 7)), "three digits and the letters: " + without);
    }

    @Test
    void leavesBoxesOffTheRow() {
        // A sure "digit" of the top row's print above the Latin row (its baseline 40 rows up) is no part of any cut.
        Rect above = new Rect(20, 10, 12, 30);
        Map<Rect, double[]> s = rowScores();
        s.put(above, new double[] {4, -4});
        List<List<Rect>> mixed = MixedCuts.of(List.of(List.of(above, ROW.get(1), ROW.get(2), ROW.get(3), ROW.get(4), ROW.get(5),
                ROW.get(6)), cutB()), cutB(), false, told(s));
        assertFalse(mixed.isEmpty());
        for (List<Rect> cut : mixed) {
            assertFalse(cut.contains(above), "the top row's box: " + cut);
        }
    }

    @Test
    void crossesOnlyAWidePlatesPanel() {
        // The letters 60 columns (two heights) right of the digits: a standard plate has no such break, a wide one has.
        List<Rect> row = new ArrayList<>(ROW.subList(0, 4));
        for (int i = 4; i < 7; i++) {
            Rect r = ROW.get(i);
            row.add(new Rect(r.x + 60, r.y, r.width, r.height));
        }
        Map<Rect, double[]> s = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            s.put(row.get(i), i < 4 ? new double[] {3, -3} : new double[] {-3, 3});
        }
        assertTrue(MixedCuts.of(List.of(row), row, false, told(s)).isEmpty(), "no cut across a standard plate's gap");
        assertTrue(MixedCuts.of(List.of(row), row, true, told(s)).contains(row), "a wide plate's cut across its panel");
        // ... but not past a box in the panel that reads as a character.
        Rect inPanel = new Rect(130, 50, 12, 30);
        s.put(inPanel, new double[] {2, -3});
        assertFalse(MixedCuts.of(List.of(row, List.of(inPanel)), row, true, told(s)).contains(row));
    }
}
