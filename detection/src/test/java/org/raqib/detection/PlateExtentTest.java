package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raqib.detection.read.Calibration;
import org.raqib.models.PlateLayout;

class PlateExtentTest {

    /**
     * The Latin row of a wide plate {@code width} px wide whose left top corner is at (x, y), laid out to the measure
     * PlateExtent assumes: {@code digits} digits centred about DIGITS_AT, three letters about LETTERS_AT, one pitch
     * apart, each 0.31 of the plate's height tall about ROW_AT.
     */
    private static List<double[]> wideRow(double x, double y, double width, int digits) {
        double pitch = PlateExtent.PITCH * width;
        double height = width / PlateExtent.ASPECT;
        double rowMid = y + PlateExtent.ROW_AT * height;
        double half = 0.155 * height;
        List<double[]> boxes = new ArrayList<>();
        double d0 = x + PlateExtent.DIGITS_AT * width - (digits - 1) * pitch / 2;
        for (int i = 0; i < digits; i++) {
            double c = d0 + i * pitch;
            boxes.add(new double[] {c - 0.35 * pitch, rowMid - half, c + 0.35 * pitch, rowMid + half});
        }
        double l0 = x + PlateExtent.LETTERS_AT * width - pitch;
        for (int i = 0; i < 3; i++) {
            double c = l0 + i * pitch;
            boxes.add(new double[] {c - 0.35 * pitch, rowMid - half, c + 0.35 * pitch, rowMid + half});
        }
        return boxes;
    }

    @Test
    void aWidePlatesRowGivesThePlatesEdges() {
        for (int digits = 1; digits <= 4; digits++) {
            // given the row of a wide plate 470 px wide at (40, 350)
            List<double[]> row = wideRow(40, 350, 470, digits);
            // when its extent is asked
            double[] e = PlateExtent.wide(row, digits);
            // then it is the plate's, to a pixel
            assertNotNull(e, digits + " digits");
            assertEquals(40, e[0], 1, "left, " + digits + " digits");
            assertEquals(350, e[1], 1, "top, " + digits + " digits");
            assertEquals(510, e[2], 1, "right, " + digits + " digits");
            assertEquals(350 + 470 / PlateExtent.ASPECT, e[3], 1, "bottom, " + digits + " digits");
        }
    }

    @Test
    void aRowWhoseGroupsStandCloseIsNoWidePlates() {
        // given a standard plate's row: four digits and three letters one and a half pitches apart
        List<double[]> row = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            double c = 20 + i * 20 + (i >= 4 ? 10 : 0);
            row.add(new double[] {c - 7, 40, c + 7, 60});
        }
        // then no wide plate's extent is given for it
        assertNull(PlateExtent.wide(row, 4));
        // nor for a one-digit standard plate's row, its digit far from its letters but its letters tall for their pitch
        List<double[]> oneDigit = new ArrayList<>();
        for (double c : new double[] {30, 110, 130, 150}) {
            oneDigit.add(new double[] {c - 7, 40, c + 7, 60});
        }
        assertNull(PlateExtent.wide(oneDigit, 1));
    }

    @Test
    void aCutThatIsNoPlatesRowGivesNoExtent() {
        List<double[]> row = wideRow(40, 350, 470, 1);
        // given letters not evenly spaced (a cut that took a piece of the panel for a letter)
        List<double[]> uneven = new ArrayList<>(row);
        double[] middle = uneven.get(2).clone();
        middle[0] -= 12;
        middle[2] -= 12;
        uneven.set(2, middle);
        assertNull(PlateExtent.wide(uneven, 1));
        // given another count of boxes than the reading's characters
        assertNull(PlateExtent.wide(row, 2));
        assertNull(PlateExtent.wide(row.subList(0, 3), 0));
    }

    @Test
    void aWidePlatesLettersAloneGiveThePlatesEdges() {
        // given the letters of a wide plate 430 px wide at (60, 300), its digits not in the framing read
        List<double[]> row = wideRow(60, 300, 430, 1);
        List<double[]> letters = row.subList(1, 4);
        // when its extent is asked of the letters alone
        double[] e = PlateExtent.wideByLetters(letters);
        // then it is the plate's, to a pixel
        assertNotNull(e);
        assertEquals(60, e[0], 1, "left");
        assertEquals(300, e[1], 1, "top");
        assertEquals(490, e[2], 1, "right");
        assertEquals(300 + 430 / PlateExtent.ASPECT, e[3], 1, "bottom");
    }

    @Test
    void lettersThatAreNoWidePlatesGiveNoExtent() {
        // given a standard plate's letters: tall for their pitch (pitch 20, letters 20 tall)
        List<double[]> standard = new ArrayList<>();
        for (double c : new double[] {110, 130, 150}) {
            standard.add(new double[] {c - 7, 40, c + 7, 60});
        }
        assertNull(PlateExtent.wideByLetters(standard));
        // given a wide plate's letters unevenly spaced (a piece of the panel taken for a letter)
        List<double[]> uneven = new ArrayList<>(wideRow(60, 300, 430, 1).subList(1, 4));
        double[] first = uneven.get(0).clone();
        first[0] += 12;
        first[2] += 12;
        uneven.set(0, first);
        assertNull(PlateExtent.wideByLetters(uneven));
        // given another count than three
        assertNull(PlateExtent.wideByLetters(wideRow(60, 300, 430, 1)));
    }

    /**
     * The Latin row of a standard plate {@code width} px wide at (x, y) as PlateExtent.standard places one: three
     * letters about STANDARD_LETTERS_AT, {@code digits} digits ending 1.5 pitches before the first letter, each
     * character a pitch tall (a standard plate's letters stand close for their height).
     */
    private static List<double[]> standardRow(double x, double y, double width, int digits) {
        double pitch = PlateExtent.STANDARD_PITCH * width;
        double height = width / PlateMeasure.STANDARD_ASPECT;
        double rowMid = y + PlateExtent.STANDARD_ROW_AT * height;
        double half = 0.5 * pitch;
        double l1 = x + PlateExtent.STANDARD_LETTERS_AT * width - pitch;
        List<double[]> boxes = new ArrayList<>();
        for (int i = 0; i < digits; i++) {
            double c = l1 - 1.5 * pitch - (digits - 1 - i) * pitch;
            boxes.add(new double[] {c - 0.3 * pitch, rowMid - half, c + 0.3 * pitch, rowMid + half});
        }
        for (int i = 0; i < 3; i++) {
            double c = l1 + i * pitch;
            boxes.add(new double[] {c - 0.3 * pitch, rowMid - half, c + 0.3 * pitch, rowMid + half});
        }
        return boxes;
    }

    @Test
    void aStandardPlatesRowGivesThePlatesEdges() {
        for (int digits = 1; digits <= 4; digits++) {
            // given the row of a standard plate 300 px wide at (100, 200)
            List<double[]> row = standardRow(100, 200, 300, digits);
            // when its extent is asked
            double[] e = PlateExtent.standard(row, digits);
            // then it is the plate's, to a pixel, and a wide plate's extent is not given for it
            assertNotNull(e, digits + " digits");
            assertEquals(100, e[0], 1, "left, " + digits + " digits");
            assertEquals(200, e[1], 1, "top, " + digits + " digits");
            assertEquals(400, e[2], 1, "right, " + digits + " digits");
            assertEquals(200 + 300 / PlateMeasure.STANDARD_ASPECT, e[3], 1, "bottom, " + digits + " digits");
            assertNull(PlateExtent.wide(row, digits), digits + " digits");
        }
    }

    @Test
    void aStandardRowReadAtTheInconsistencyCapIsPlacedAsAStandardPlate() {
        // given the row of a standard plate 300 px wide at (100, 200), read as a made-up text of four digits
        List<double[]> row = standardRow(100, 200, 300, 4);
        // when it is held at the inconsistency cap (as the plate network's Arabic row holds many right readings)
        PlateRecognizer.Placement atCap = PlateRecognizer.placement("4821KSD", Calibration.INCONSISTENT_CAP, row);
        // then it is placed as a standard plate, in the plate's own box
        assertNotNull(atCap);
        assertEquals(PlateLayout.STANDARD, atCap.layout());
        assertFalse(atCap.byLetters());
        assertEquals(100, atCap.extent()[0], 1);
        assertEquals(400, atCap.extent()[2], 1);
        // and as one when surer
        assertEquals(PlateLayout.STANDARD, PlateRecognizer.placement("4821KSD", 0.85, row).layout());
        // but a reading below the cap is not placed as a standard plate
        PlateRecognizer.Placement below = PlateRecognizer.placement("4821KSD", 0.45, row);
        assertTrue(below == null || below.layout() != PlateLayout.STANDARD, "placed below the cap");
        // nor is a text that is no plate's, however sure
        PlateRecognizer.Placement invalid = PlateRecognizer.placement("48210KSD", 0.95, row);
        assertTrue(invalid == null || invalid.layout() != PlateLayout.STANDARD, "an invalid text placed");
    }

    @Test
    void aRowThatIsNoStandardPlatesGivesNoStandardExtent() {
        // given a wide plate's row (its groups an emblem panel apart, its letters far apart for their height)
        assertNull(PlateExtent.standard(wideRow(40, 350, 470, 2), 2));
        // given a standard row whose first digit stands well left of the plate its letters place
        List<double[]> row = new ArrayList<>(standardRow(100, 200, 300, 4));
        double[] first = row.get(0).clone();
        first[0] -= 30;
        first[2] -= 30;
        row.set(0, first);
        assertNull(PlateExtent.standard(row, 4));
    }

    @Test
    void itsGroupsStandInTheMiddleOfTheMeasuresParts() {
        // given the plate measure the renderer draws wide plates to
        // then the row's groups PlateExtent places a plate by are the middles of its digits and letters parts
        assertEquals(PlateMeasure.wideDigitsMiddle(), PlateExtent.DIGITS_AT, 0.005);
        assertEquals(PlateMeasure.wideLettersMiddle(), PlateExtent.LETTERS_AT, 0.005);
        // and a standard plate's letters' middle and pitch are its letters part's
        assertEquals(PlateMeasure.standardLettersMiddle(), PlateExtent.STANDARD_LETTERS_AT, 0.005);
        assertEquals(PlateMeasure.standardPitch(), PlateExtent.STANDARD_PITCH, 0.001);
        // and both layouts' Latin row stands where the measure's bottom part has its middle
        assertEquals(PlateMeasure.latinRowMiddle(), PlateExtent.ROW_AT, 0.005);
        assertEquals(PlateMeasure.latinRowMiddle(), PlateExtent.STANDARD_ROW_AT, 0.005);
    }
}
