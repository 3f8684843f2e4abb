package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphReaderTest {

    private static PlateSpec narrow(String text, PlateLayout layout) {
        return new PlateSpec(text, text, layout, false, "Liberation Sans Narrow", "DejaVu Sans", false, true, false);
    }

    @Test
    void cutsCleanPlatesIntoTheirCharacters() {
        // given 40 clean synthetic plates in a plate-like narrow face, both layouts, on a car as a
        // localiser would crop them
        SyntheticPlates gen = new SyntheticPlates(99L);
        Random rnd = new Random(99L);
        int exact = 0;
        for (int i = 0; i < 40; i++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateLayout layout = i % 2 == 0 ? PlateLayout.WIDE : PlateLayout.STANDARD;
            Mat plate = gen.plate(narrow(text, layout), 0).image();
            // when
            GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(plate);
            // then boxes run left to right; most plates cut into exactly one box per character
            for (int k = 1; k < g.boxes().size(); k++) {
                assertTrue(g.boxes().get(k).x > g.boxes().get(k - 1).x);
            }
            if (g.boxes().size() == text.length()) {
                exact++;
            }
            g.release();
            plate.release();
        }
        // Measured 34 of 40 when written (the synthetic faces touch more than real print).
        assertTrue(exact >= 30, "cut exactly: " + exact + "/40");
    }

    @Test
    void aPieceOfAWidePlateIsNotTakenForAWholeOne() {
        // given the right 70% of a wide plate: emblem panel off-centre, still a well-formed row
        Mat plate = Mats.toBgr(PlateRenderer.render(narrow("616SSS", PlateLayout.WIDE)));
        Mat piece = plate.submat(0, plate.rows(), (int) (plate.cols() * 0.3), plate.cols());
        // when
        GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(piece);
        // then
        assertTrue(!g.framed(), "a piece of a plate must be flagged: " + g.boxes());
        g.release();
        plate.release();
    }

    @Test
    void theLastDigitsGapToTheEmblemPanelTellsHowManyDigitsAWidePlateHas() {
        // given a wide row laid out as on the training photos: letters 48 px apart starting 42 px after a 78 px
        // panel (from 300 to 378), digits 48 px apart ending a gap before the panel
        double from = 300;
        double to = 378;
        for (int digits = 1; digits <= 4; digits++) {
            for (int n = 1; n <= digits; n++) {
                // when the last of n digits ends as far from the panel as `digits` digits' last one does
                double gapPitches = GlyphReader.DIGIT_GAP_FOUR + 0.5 * (4 - digits);
                List<Rect> boxes = new ArrayList<>();
                int lastEnd = (int) Math.round(from - gapPitches * 48);
                for (int k = n - 1; k >= 0; k--) {
                    boxes.add(new Rect(lastEnd - 20 - 48 * k, 30, 20, 36));
                }
                for (int k = 0; k < 3; k++) {
                    boxes.add(new Rect(420 + 48 * k, 30, 22, 36));
                }
                // then the reading is short of digits exactly when fewer than the gap says were read
                assertEquals(n < digits, GlyphReader.digitsCutOff(boxes, n, from, to), n + " digits where " + digits + " fit");
            }
        }
        // and nothing is measured where the letters are not where a found panel puts them (the panel was misfound)
        List<Rect> far = List.of(new Rect(200, 30, 20, 36), new Rect(600, 30, 22, 36), new Rect(648, 30, 22, 36),
                new Rect(696, 30, 22, 36));
        assertFalse(GlyphReader.digitsCutOff(far, 1, from, to));
    }

    @Test
    void aWidePlateRowIsSortedByItsLayout() {
        // given the blobs of a wide row (w = 480) whose emblem panel was not found: four digits, the
        // panel's print in the middle, and a letter broken in two
        List<Rect> blobs = List.of(new Rect(60, 40, 16, 30), new Rect(95, 40, 16, 30),
                new Rect(130, 40, 16, 30), new Rect(165, 40, 16, 30), new Rect(225, 45, 12, 22),
                new Rect(250, 42, 18, 26), new Rect(330, 40, 20, 30), new Rect(368, 40, 10, 30),
                new Rect(380, 40, 9, 30), new Rect(405, 40, 20, 30));
        // when
        List<Rect> row = GlyphSegmenter.wideLayout(blobs, 480);
        // then four digits left of the panel, three letters right of it, the broken one whole again
        assertEquals(List.of(blobs.get(0), blobs.get(1), blobs.get(2), blobs.get(3), blobs.get(6),
                new Rect(368, 40, 21, 30), blobs.get(9)), row);
        // and a row with only two letters right of the panel does not fit the layout
        assertEquals(null, GlyphSegmenter.wideLayout(blobs.subList(0, 8), 480));
    }

    @Test
    void theCommittedClassifierReadsSyntheticPlates() {
        // given fresh synthetic plates in narrow faces, lightly degraded (seed never used in training)
        GlyphReader reader = GlyphReader.loadDefault();
        SyntheticPlates gen = new SyntheticPlates(5_151L);
        Random rnd = new Random(5_151L);
        int segmented = 0;
        int right = 0;
        for (int i = 0; i < 80; i++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateLayout layout = rnd.nextBoolean() ? PlateLayout.WIDE : PlateLayout.STANDARD;
            SyntheticPlates.Sample s = gen.plate(narrow(text, layout), 0.2);
            // when
            Optional<GlyphReader.Reading> r = reader.read(s.image());
            // then
            if (r.isPresent()) {
                segmented++;
                if (r.get().text().equals(text)) {
                    right++;
                }
                assertEquals(r.get().text().length(), r.get().characterProbabilities().length);
            }
            s.image().release();
        }
        // Measured 71 segmented and 52 right when written; the bounds guard regressions.
        assertTrue(segmented >= 60, "segmented " + segmented + "/80");
        assertTrue(right >= 0.65 * segmented, "right " + right + " of " + segmented);
    }

    @Test
    void weightsSurviveTheirFileFormat() {
        // given a small classifier with distinct weights
        int hidden = 3;
        float[] w1 = new float[hidden * GlyphClassifier.INPUTS];
        float[] w2 = new float[GlyphClassifier.CLASSES * hidden];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) Math.sin(i);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) Math.cos(i);
        }
        GlyphClassifier c = new GlyphClassifier(hidden, w1, new float[] {1, 2, 3}, w2, new float[GlyphClassifier.CLASSES]);
        // when
        ObjectNode node = new ObjectMapper().createObjectNode();
        c.writeTo(node);
        GlyphClassifier back = GlyphClassifier.readFrom(node);
        // then
        float[] x = new float[GlyphClassifier.INPUTS];
        x[5] = 1;
        x[100] = -2;
        assertArrayEquals(c.logits(c.hiddenLayer(x)), back.logits(back.hiddenLayer(x)), 0f);
    }

    @Test
    void classesAreDigitsThenLettersThenJunk() {
        assertEquals(0, GlyphClassifier.classOf('0'));
        assertEquals(9, GlyphClassifier.classOf('9'));
        assertEquals(10, GlyphClassifier.classOf('A'));
        assertEquals(GlyphClassifier.JUNK - 1, GlyphClassifier.classOf('Z'));
        assertEquals(GlyphClassifier.CLASSES - 1, GlyphClassifier.JUNK);
    }

    @Test
    void everyCutOfTheRowIsAPlausibleRowAndTheSegmentersOwnComesFirst() {
        // given synthetic plates of both layouts
        SyntheticPlates gen = new SyntheticPlates(77L);
        Random rnd = new Random(77L);
        int several = 0;
        for (int i = 0; i < 20; i++) {
            String text = SyntheticPlates.randomText(rnd);
            Mat plate = gen.plate(narrow(text, i % 2 == 0 ? PlateLayout.WIDE : PlateLayout.STANDARD), 0.3).image();
            // when
            GlyphSegmenter.Glyphs own = GlyphSegmenter.segment(plate);
            GlyphSegmenter.Hypotheses hs = GlyphSegmenter.hypotheses(plate);
            // then each cut has 1-4 digits and 3 letters, left to right, and none appears twice
            for (List<Rect> cut : hs.cuts()) {
                assertTrue(cut.size() >= 4 && cut.size() <= 7, "cut " + cut);
                for (int k = 1; k < cut.size(); k++) {
                    assertTrue(cut.get(k).x > cut.get(k - 1).x, "cut " + cut);
                }
            }
            assertEquals(hs.cuts().size(), new HashSet<>(hs.cuts()).size());
            if (own.plausible()) {
                assertEquals(own.boxes(), hs.cuts().get(0));
            }
            several += hs.cuts().size() > 1 ? 1 : 0;
            own.release();
            hs.release();
            plate.release();
        }
        assertTrue(several > 0, "no plate was cut more than one way");
    }

    @Test
    void aReadingCarriesItsSegmentationEvidence() {
        // given the committed reader and a clean synthetic plate
        GlyphReader reader = GlyphReader.loadDefault();
        Mat plate = new SyntheticPlates(3L).plate(narrow("4821KSD", PlateLayout.STANDARD), 0).image();
        // when
        GlyphReader.Reading r = reader.read(plate).orElseThrow();
        // then the margin over other cuts is capped and non-negative; four digits on a standard plate are
        // not a short reading
        assertTrue(r.margin() >= 0 && r.margin() <= GlyphReader.MARGIN_CAP, "margin " + r.margin());
        assertEquals(r.text().length() < 7, r.shortStandard(), r.text());
        double p = reader.calibration().confidence(r);
        assertTrue(p > 0 && p < 1, "confidence " + p);
        plate.release();
    }

    @Test
    void aWideCropsCutMustPutItsDigitsLeftAndItsLettersRightOfTheMiddle() {
        // given a wide crop (410 x 96) with three digits left of the middle, a fourth just left of it, and
        // three letters right of the middle; and a standard crop (200 x 96)
        List<Rect> digits = List.of(new Rect(58, 50, 18, 30), new Rect(96, 50, 18, 30),
                new Rect(131, 50, 18, 30), new Rect(169, 50, 18, 30));
        List<Rect> letters = List.of(new Rect(253, 50, 18, 30), new Rect(292, 50, 18, 30),
                new Rect(324, 50, 18, 30));
        List<Rect> laidOut = new ArrayList<>(digits);
        laidOut.addAll(letters);
        // the fourth digit taken for the first letter, the last letter dropped
        List<Rect> shifted = new ArrayList<>(digits);
        shifted.addAll(letters.subList(0, 2));
        // a letter taken for a fourth digit right of the middle
        List<Rect> late = new ArrayList<>(digits.subList(1, 4));
        late.addAll(letters);
        late.add(new Rect(370, 50, 18, 30));
        // then
        assertTrue(GlyphReader.wideLayoutFits(laidOut, 410, 96));
        assertFalse(GlyphReader.wideLayoutFits(shifted, 410, 96));
        assertFalse(GlyphReader.wideLayoutFits(late, 410, 96));
        // a standard plate's row runs on without a panel: any cut fits
        assertTrue(GlyphReader.wideLayoutFits(shifted, 200, 96));
    }

    @Test
    void theLeastSensitiveBinarisationIsSearchedOnlyForAStandardPlateShortOfDigits() {
        double[] probs = {0.6, 0.7, 0.8, 0.9, 0.9, 0.9};
        GlyphReader.Reading shortOne = new GlyphReader.Reading("821KSD", probs, -2, 0, 'X', true, 1, true, null);
        GlyphReader.Reading full = new GlyphReader.Reading("4821KSD", Arrays.copyOf(probs, 7), -2, 0, 'X', true, 1,
                false, null);
        assertTrue(GlyphReader.searchFurther(shortOne));
        assertFalse(GlyphReader.searchFurther(full));
        assertFalse(GlyphReader.searchFurther(null));
    }

    @Test
    void theSearchIsLeftOutOnlyWhereTheSegmentersCutsReadAWholePlateWithNoCharacterBelowAHalf() {
        // given readings of the segmenter's cuts: a whole plate text with every character at 0.5 or more, the same
        // with one character under a half, a plate short of a digit, and seven characters no plate can have
        double[] fair = {0.5, 0.7, 0.8, 0.9, 0.6, 0.95, 0.55};
        double[] weak = fair.clone();
        weak[4] = 0.49;
        GlyphReader.Reading whole = new GlyphReader.Reading("4821KSD", fair, -2, 0, 'X', true, 1, false, null);
        GlyphReader.Reading unsure = new GlyphReader.Reading("4821KSD", weak, -2, 4, 'X', true, 1, false, null);
        GlyphReader.Reading shortOne = new GlyphReader.Reading("821KSD", Arrays.copyOf(fair, 6), -2, 0, 'X', true, 1,
                true, null);
        GlyphReader.Reading noPlate = new GlyphReader.Reading("48211SD", fair, -2, 0, 'X', true, 1, false, null);
        // then only the first is not searched further
        assertTrue(GlyphReader.searchNotNeeded(whole));
        assertFalse(GlyphReader.searchNotNeeded(unsure));
        assertFalse(GlyphReader.searchNotNeeded(shortOne));
        assertFalse(GlyphReader.searchNotNeeded(noPlate));
    }

    @Test
    void boxesOnAWidePlatesEmblemPanelAreCounted() {
        // given a rendered wide plate, whose panel's borders the segmenter finds, a wide crop without any lines,
        // and a standard crop
        Mat plate = Mats.toBgr(PlateRenderer.render(narrow("616SSS", PlateLayout.WIDE)));
        GlyphSegmenter.Analysis drawn = GlyphSegmenter.Analysis.of(plate);
        Mat blank = new Mat(60, 300, CvType.CV_8UC1, new Scalar(200));
        GlyphSegmenter.Analysis plain = GlyphSegmenter.Analysis.of(blank);
        Mat square = new Mat(60, 120, CvType.CV_8UC1, new Scalar(200));
        GlyphSegmenter.Analysis standard = GlyphSegmenter.Analysis.of(square);
        try {
            // when
            double[] found = GlyphReader.panelBand(drawn);
            double[] assumed = GlyphReader.panelBand(plain);
            // then the drawn plate's panel is the one found, about the middle, and a box on it counts; a crop with
            // no borders found gets the fixed band, and a standard crop none
            int w = drawn.gray().cols();
            assertTrue(found[0] > 0.35 * w && found[1] < 0.7 * w && found[1] - found[0] > 0.07 * w,
                    "panel " + found[0] + "-" + found[1] + " of " + w);
            int mid = (int) ((found[0] + found[1]) / 2);
            List<Rect> boxes = List.of(new Rect(10, 40, 20, 30), new Rect(mid - 5, 40, 10, 30),
                    new Rect(w - 40, 40, 20, 30));
            assertEquals(1, GlyphReader.boxesOnPanel(boxes, found));
            int pw = plain.gray().cols();
            assertArrayEquals(new double[] {0.46 * pw, 0.62 * pw}, assumed, 1e-9);
            assertEquals(null, GlyphReader.panelBand(standard));
            assertEquals(0, GlyphReader.boxesOnPanel(boxes, null));
        } finally {
            drawn.release();
            plain.release();
            standard.release();
            plate.release();
            blank.release();
            square.release();
        }
    }

    @Test
    void confidenceFallsWhenAnotherCutReadsNearlyAsWell() {
        // given two readings alike but for the margin over the best cut that reads another text
        GlyphReader.GlyphCalibration cal = new GlyphReader.GlyphCalibration(0.5, 2, 0.4, -8, 1);
        double[] probs = {0.99, 0.98, 0.97, 0.99, 0.99, 0.96, 0.99};
        double log = Arrays.stream(probs).map(Math::log).sum();
        GlyphReader.Reading clear = new GlyphReader.Reading("4821KSD", probs, log, 5, 'X', true, GlyphReader.MARGIN_CAP, false, null);
        GlyphReader.Reading close = new GlyphReader.Reading("4821KSD", probs, log, 5, 'X', true, 0.5, false, null);
        GlyphReader.Reading lostDigit = new GlyphReader.Reading("821KSD", Arrays.copyOf(probs, 6), log, 4, 'X',
                true, GlyphReader.MARGIN_CAP, true, null);
        // then
        assertTrue(cal.confidence(clear) > cal.confidence(close));
        assertTrue(cal.confidence(clear) > cal.confidence(lostDigit));
    }

    /** A class distribution: {@code sure} on class {@code k}, {@code other} on {@code j}, the rest spread evenly. */
    private static double[] dist(int k, double sure, int j, double other) {
        double[] p = new double[GlyphClassifier.CLASSES];
        double rest = (1 - sure - other) / (p.length - 2);
        Arrays.fill(p, rest);
        p[k] = sure;
        p[j] = other;
        return p;
    }

    /** Each character of {@code text} named at {@code sure}, class 0 (1 for a 0) at 0.01, the rest spread. */
    private static double[][] sureRow(String text, double sure) {
        double[][] p = new double[text.length()][];
        for (int i = 0; i < p.length; i++) {
            int c = GlyphClassifier.classOf(text.charAt(i));
            p[i] = dist(c, sure, c == 0 ? 1 : 0, 0.01);
        }
        return p;
    }

    /**
     * The Latin and top rows of {@code text} (its fifth character a K) read surely but for the K: the Latin row gives
     * it {@code kLatin} and N {@code nLatin}, the top row N {@code nTop} and K 0.001.
     */
    private static double[][][] unsureK(String text, double kLatin, double nLatin, double nTop) {
        double[][] latin = sureRow(text, 0.97);
        double[][] top = sureRow(text, 0.95);
        latin[4] = dist(GlyphClassifier.classOf('K'), kLatin, GlyphClassifier.classOf('N'), nLatin);
        top[4] = dist(GlyphClassifier.classOf('N'), nTop, GlyphClassifier.classOf('K'), 0.001);
        return new double[][][] {latin, top};
    }

    /** The probability {@code latin} gives each character of {@code text}. */
    private static double[] own(String text, double[][] latin) {
        double[] probs = new double[text.length()];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = latin[i][GlyphClassifier.classOf(text.charAt(i))];
        }
        return probs;
    }

    @Test
    void whereTheTopRowContradictsAnUnsureLatinCharacterIsNamedFromBothRows() {
        // given the reading 4821KSD whose K the Latin row is unsure of (0.55, N at 0.40) and whose 4 it is sure of;
        // the top row's cells: sure of the twin of N above the K, and of the twin of 9 above the 4
        int k = GlyphClassifier.classOf('K');
        int nLetter = GlyphClassifier.classOf('N');
        String text = "4821KSD";
        double[][][] rows = unsureK(text, 0.55, 0.40, 0.95);
        double[][] latin = rows[0];
        double[][] top = rows[1];
        top[0] = dist(GlyphClassifier.classOf('9'), 0.99, GlyphClassifier.classOf('4'), 1e-6);
        double[] probs = own(text, latin);
        double log = Arrays.stream(probs).map(Math::log).sum();
        GlyphReader.Reading r = new GlyphReader.Reading(text, probs, log, 4, 'N', true, 3, false, null);
        // when
        GlyphReader.Reading fused = GlyphReader.fuse(r, i -> latin[i], top, 0);
        // then the unsure K becomes N, the sure 4 stays; N's probability is the Latin row's, it is the weakest
        // character, and its runner-up is the K it replaced (the Latin row's own text stays an alternative)
        assertEquals("4821NSD", fused.text());
        assertEquals(0.40, fused.characterProbabilities()[4], 1e-12);
        assertEquals(4, fused.weakest());
        assertEquals('K', fused.runnerUp());
        assertEquals(Arrays.stream(fused.characterProbabilities()).map(Math::log).sum(), fused.logScore(), 1e-9);
        assertEquals(0.55, r.characterProbabilities()[4], 1e-12);
        // and a top row that only leans to the other character does not outweigh the Latin row
        top[4] = dist(nLetter, 0.6, k, 0.3);
        assertEquals(text, GlyphReader.fuse(r, i -> latin[i], top, 0).text());
        // and a digit's box is named only among digits: Latin and top row both leaning to a letter there change nothing
        latin[4] = dist(k, 0.97, nLetter, 0.01);
        probs[4] = 0.97;
        latin[1] = dist(8, 0.5, nLetter, 0.45);
        probs[1] = 0.5;
        top[4] = dist(k, 0.95, nLetter, 0.01);
        top[1] = dist(nLetter, 0.99, 8, 1e-3);
        GlyphReader.Reading digitCase = new GlyphReader.Reading(text, probs, log, 1, '3', true, 3, false, null);
        assertEquals(text, GlyphReader.fuse(digitCase, i -> latin[i], top, 0).text());
    }

    @Test
    void aTopRowThatNamesAnotherCharacterUnderItsContradictionThresholdStillRenamesAnUnsureLatinOne() {
        // given the reading 4821KSD whose K the Latin row is unsure of (0.45, N at 0.41); the top row's cell above
        // the K names the twin of N at 0.62 (over FUSE_NAMED, under TopRow.SURE: no contradiction) and gives K
        // almost nothing
        int k = GlyphClassifier.classOf('K');
        int nLetter = GlyphClassifier.classOf('N');
        String text = "4821KSD";
        double[][][] rows = unsureK(text, 0.45, 0.41, 0.62);
        double[][] latin = rows[0];
        double[][] top = rows[1];
        double[] probs = own(text, latin);
        assertTrue(top[4][nLetter] < TopRow.SURE);
        double log = Arrays.stream(probs).map(Math::log).sum();
        GlyphReader.Reading r = new GlyphReader.Reading(text, probs, log, 4, 'N', true, 2.5, false, null);
        // when
        GlyphReader.Reading read = GlyphReader.withTopRow(r, i -> latin[i], top);
        // then the K is named N from both rows, at the Latin row's probability for N; the evidence is the one
        // against the Latin row's own text: no contradiction, and K's meagre support stays the reading's least
        assertEquals("4821NSD", read.text());
        assertEquals(0.41, read.characterProbabilities()[4], 1e-12);
        assertEquals('K', read.runnerUp());
        assertEquals(0, read.topRow().contradictions());
        assertEquals(0.001, read.topRow().minSupport(), 1e-12);
        assertEquals(2.5, read.margin(), 1e-12);
        assertTrue(read.framed());
        // and where an unsure digit the top row agrees with (the 8 at 0.3, 3 next) is the weakest character after
        // the renaming, its runner-up is still the Latin row's next best there
        latin[1] = dist(8, 0.3, 3, 0.25);
        probs[1] = 0.3;
        GlyphReader.Reading weakDigit = GlyphReader.withTopRow(new GlyphReader.Reading(text, probs.clone(), log, 1, '3',
                true, 2.5, false, null), i -> latin[i], top);
        assertEquals("4821NSD", weakDigit.text());
        assertEquals(1, weakDigit.weakest());
        assertEquals('3', weakDigit.runnerUp());
        latin[1] = dist(8, 0.97, 0, 0.01);
        probs[1] = 0.97;
        // and a top row that gives the K almost nothing but names no other letter (N at 0.45, under FUSE_NAMED)
        // does not rename it
        top[4] = dist(nLetter, 0.45, k, 0.001);
        assertTrue(top[4][nLetter] < GlyphReader.FUSE_NAMED);
        GlyphReader.Reading doubted = GlyphReader.withTopRow(r, i -> latin[i], top);
        assertEquals(text, doubted.text());
        assertEquals(0.45, doubted.characterProbabilities()[4], 1e-12);
        // and where the top row agrees with the Latin row the reading is kept as it was, with that support
        top[4] = dist(k, 0.62, nLetter, 0.001);
        GlyphReader.Reading agreed = GlyphReader.withTopRow(r, i -> latin[i], top);
        assertEquals(text, agreed.text());
        assertEquals(0.45, agreed.characterProbabilities()[4], 1e-12);
        assertEquals(0, agreed.topRow().contradictions());
    }

    @Test
    void aHardCropIsReadAgainCutTallerAndTheBetterReadingKept() {
        GlyphReader reader = GlyphReader.loadDefault();
        // (The standard plate was cut at 0.86 of its height until the segmenter scaled small crops up bicubically: that
        // crop, 55 rows, then read right alone; the wide one was cut at 0.86 until the glyph models were trained on levelled
        // cuts too, which read that crop right alone.)
        for (Object[] c : new Object[][] {{"6531UJD", PlateLayout.STANDARD, 0.82}, {"9207BNX", PlateLayout.WIDE, 0.80}}) {
            // given a synthetic plate cropped with its bottom edge through the Latin row (18-20% of the plate's height gone)
            String text = (String) c[0];
            Mat plate = new SyntheticPlates(3L).plate(narrow(text, (PlateLayout) c[1]), 0).image();
            int h = (int) Math.round(plate.rows() * (double) c[2]);
            Mat crop = plate.submat(new Rect(0, 0, plate.cols(), h)).clone();
            int[] asked = {0};
            GlyphReader.Recrop taller = extra -> {
                asked[0]++;
                return plate.submat(new Rect(0, 0, plate.cols(), Math.min(plate.rows(), (int) Math.round(h * (1 + extra))))).clone();
            };
            // when it is read alone, and with the plate cut again taller
            Optional<GlyphReader.Reading> alone = reader.read(crop);
            Optional<GlyphReader.Reading> again = reader.read(crop, taller);
            // then alone it reads wrong, and the taller crop once asked for reads it right
            assertFalse(alone.isPresent() && alone.get().text().equals(text), text);
            assertEquals(text, again.map(GlyphReader.Reading::text).orElse(""));
            assertEquals(1, asked[0]);
            // and the whole plate, read sure at once, is not cut again
            assertEquals(text, reader.read(plate, extra -> {
                throw new AssertionError("a sure crop was cut again");
            }).map(GlyphReader.Reading::text).orElse(""));
        }
    }

    @Test
    void theTallerCropIsReadWithTheSegmentersOtherCutsToo() {
        // given synthetic plates (seed 5, distorted) cropped with their bottom edge through the Latin row; the 678th
        // (found by a throwaway search over 800: only the 678th and 685th qualify since the reader's mixed cuts of session
        // 33, which read the 33rd right alone; the 33rd, 179th, 678th and 685th for the renderer that draws wide plates to
        // the photos' geometry and the glyph models retrained with it in session 24; the 397th for frame22's, the 229th
        // and the 184th before)
        // reads wrong alone with fewer than 7 characters, and the segmenter's own cut of its taller crop has a number of
        // boxes other than the plate's characters
        int checked = 0;
        Random rnd = new Random(5L);
        SyntheticPlates gen = new SyntheticPlates(5L);
        GlyphReader reader = GlyphReader.loadDefault();
        for (int k = 0; checked < 1; k++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateLayout layout = k % 2 == 0 ? PlateLayout.WIDE : PlateLayout.STANDARD;
            Mat plate = gen.plate(narrow(text, layout), 0.2 + 0.1 * (k % 5)).image();
            if (k == 677) {
                int h = (int) Math.round(plate.rows() * 0.86);
                Mat crop = plate.submat(new Rect(0, 0, plate.cols(), h)).clone();
                int[] own = {-1};
                GlyphReader.Recrop taller = extra -> {
                    Mat t = plate.submat(new Rect(0, 0, plate.cols(), Math.min(plate.rows(), (int) Math.round(h * (1 + extra))))).clone();
                    GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(t);
                    own[0] = g.boxes().size();
                    g.release();
                    return t;
                };
                // when it is read alone, and with the plate cut again taller
                Optional<GlyphReader.Reading> alone = reader.read(crop);
                Optional<GlyphReader.Reading> again = reader.read(crop, taller);
                // then alone it reads wrong and short of 7 characters (so the taller crop's other cuts are read), the
                // segmenter's own cut of the taller crop cannot read it, and the taller crop's other cuts read it right
                assertFalse(alone.isPresent() && alone.get().text().equals(text), "plate " + k);
                assertTrue(alone.map(GlyphReader.Reading::text).orElse("").length() < 7, "plate " + k);
                assertTrue(own[0] != text.length(), "plate " + k + ": own cut " + own[0]);
                assertEquals(text, again.map(GlyphReader.Reading::text).orElse(""), "plate " + k);
                checked++;
                crop.release();
            }
            plate.release();
        }
    }

    @Test
    void theTallerCropsOtherCutsAreReadOnlyWhereTheFirstReadingIsShortAndItsOwnCutIsNotAWholeRow() {
        // given first readings of 6 and 7 characters, and the taller crop's own cut of 6 or 7 boxes
        GlyphReader.Reading six = new GlyphReader.Reading("123ABC", new double[] {.9, .9, .9, .9, .9, .5}, -1, 5, 'D',
                true, 1, true, null);
        GlyphReader.Reading seven = new GlyphReader.Reading("1234ABC", new double[] {.9, .9, .9, .9, .9, .9, .5}, -1, 6,
                'D', true, 1, false, null);
        List<Rect> sixBoxes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sixBoxes.add(new Rect(10 * i, 0, 8, 20));
        }
        List<Rect> sevenBoxes = new ArrayList<>(sixBoxes);
        sevenBoxes.add(new Rect(60, 0, 8, 20));
        // then the other cuts are read where the first reading is short (or none) and not hopeless, and the own cut
        // is not 7 boxes
        assertTrue(GlyphReader.tallerOtherCuts(six, 3.0, sixBoxes));
        assertTrue(GlyphReader.tallerOtherCuts(six, 0.0, sixBoxes));
        assertTrue(GlyphReader.tallerOtherCuts(null, Double.NEGATIVE_INFINITY, sixBoxes));
        assertFalse(GlyphReader.tallerOtherCuts(six, -0.5, sixBoxes));
        assertFalse(GlyphReader.tallerOtherCuts(seven, 3.0, sixBoxes));
        assertFalse(GlyphReader.tallerOtherCuts(six, 3.0, sevenBoxes));
        assertFalse(GlyphReader.tallerOtherCuts(null, Double.NEGATIVE_INFINITY, sevenBoxes));
    }
}
