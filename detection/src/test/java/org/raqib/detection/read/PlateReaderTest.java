package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.detection.read.WideCuts.H;
import static org.raqib.detection.read.WideCuts.W;
import static org.raqib.detection.read.WideCuts.cut;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/** The committed model on plates these tests generate (no ../shared needed). */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PlateReaderTest {

    private static PlateReader reader;

    @BeforeAll
    static void load() {
        reader = PlateReader.loadDefault();
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void readsCleanishSyntheticPlates() {
        // given 200 fresh synthetic plates, lightly degraded (seed never used in training)
        SyntheticPlates gen = new SyntheticPlates(20_240_601L);
        Random rnd = new Random(20_240_601L);
        int ok = 0;
        for (int i = 0; i < 200; i++) {
            PlateSpec spec = SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd);
            SyntheticPlates.Sample s = gen.plate(spec, 0.3);
            // when
            ReadResult r = reader.read(s.image());
            // then
            if (r.text().equals(s.text())) {
                ok++;
            }
            assertTrue(SaudiPlate.isValid(r.text()), r.text());
            s.image().release();
        }
        // The network alone measured 88% here. The reader now prefers the character-level reading,
        // which is far better on real plates (see MODEL_CARD.md) but cuts some bold synthetic faces
        // wrongly: it measures 80.5% here, so 77% guards regressions.
        assertTrue(ok >= 154, "exact reads " + ok + "/200");
    }

    @Test
    void aDeferredReadingIsTheReadingOfTheCropWhenAskedFor() {
        // given 40 synthetic plates of every degradation, each with a taller recrop (the plate itself, padded below)
        SyntheticPlates gen = new SyntheticPlates(515_151L);
        Random rnd = new Random(515_151L);
        for (int i = 0; i < 40; i++) {
            PlateSpec spec = SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd);
            SyntheticPlates.Sample s = gen.plate(spec, rnd.nextDouble());
            GlyphReader.Recrop recrop = extra -> {
                Mat t = new Mat();
                org.opencv.core.Core.copyMakeBorder(s.image(), t, 0, (int) Math.ceil(extra * s.image().rows()), 0, 0,
                        org.opencv.core.Core.BORDER_REPLICATE);
                return t;
            };
            // when
            ReadResult now = reader.read(s.image(), recrop);
            PlateReader.Deferred later = reader.readDeferred(s.image(), recrop);
            // then: the network's part at once, the whole reading the same to the bit
            assertEquals(now.plateScore(), later.plateScore());
            assertEquals(now.layout(), later.layout());
            ReadResult full = later.full();
            assertEquals(now.text(), full.text());
            assertEquals(now.confidence(), full.confidence());
            assertTrue(java.util.Arrays.equals(now.characterConfidences(), full.characterConfidences()));
            assertEquals(now.alternatives(), full.alternatives());
            assertTrue(full == later.full());
            s.image().release();
        }
    }

    @Test
    void confidenceIsCalibrated() {
        // given 300 fresh synthetic plates of every degradation
        SyntheticPlates gen = new SyntheticPlates(777_001L);
        Random rnd = new Random(777_001L);
        int n = 300;
        double sumConf = 0;
        int right = 0;
        int confident = 0;
        int confidentRight = 0;
        int high = 0;
        int highRight = 0;
        for (int i = 0; i < n; i++) {
            PlateSpec spec = SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd);
            SyntheticPlates.Sample s = gen.plate(spec, rnd.nextDouble());
            ReadResult r = reader.read(s.image());
            boolean ok = r.text().equals(s.text());
            sumConf += r.confidence();
            right += ok ? 1 : 0;
            if (r.confidence() >= 0.9) {
                confident++;
                confidentRight += ok ? 1 : 0;
            }
            if (r.confidence() >= 0.7) {
                high++;
                highRight += ok ? 1 : 0;
            }
            s.image().release();
        }
        // then confidence never overstates accuracy: overall, in the high bin, and at the ticketing threshold.
        // (The calibration is fitted mostly on real crops, where the reader is weaker, so on synthetic
        // plates it is conservative; overconfidence is the failure that matters.)
        double meanConf = sumConf / n;
        double acc = (double) right / n;
        assertTrue(meanConf <= acc + 0.05, "mean confidence " + meanConf + " vs accuracy " + acc);
        assertTrue(meanConf > 0.2, "confidence carries no information: mean " + meanConf);
        assertTrue(high >= 30, "too few reads at confidence >= 0.7 to judge: " + high);
        assertTrue(highRight >= 0.9 * high, highRight + " right of " + high + " reads at confidence >= 0.7");
        assertTrue(confidentRight >= 0.97 * confident, confidentRight + " right of " + confident + " reads at confidence >= 0.9");
    }

    @Test
    void anArabicRowThatContradictsTheLatinRowLowersTheConfidence() {
        SyntheticPlates gen = new SyntheticPlates(31_337L);
        Random rnd = new Random(31_337L);
        double sumMatched = 0;
        double sumContradicted = 0;
        int confidentContradicted = 0;
        int n = 30;
        for (int i = 0; i < n; i++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateSpec spec = SyntheticPlates.randomSpec(text, rnd);
            // The top row shows another last letter than the bottom row.
            char last = text.charAt(text.length() - 1);
            char other = SaudiPlate.LATIN_LETTERS.charAt((SaudiPlate.LATIN_LETTERS.indexOf(last) + 5) % SaudiPlate.LATIN_LETTERS.length());
            String top = text.substring(0, text.length() - 1) + other;
            SyntheticPlates.Sample matched = gen.plate(spec, 0.15);
            SyntheticPlates.Sample contradicted = gen.plate(spec.withTopText(top), 0.15);
            sumMatched += reader.read(matched.image()).confidence();
            double c = reader.read(contradicted.image()).confidence();
            sumContradicted += c;
            if (c >= 0.9) {
                confidentContradicted++;
            }
        }
        assertTrue(sumContradicted / n < sumMatched / n - 0.2,
                "mean confidence matched " + sumMatched / n + ", contradicted " + sumContradicted / n);
        assertEquals(0, confidentContradicted, "contradicting rows must never give a confident read");
    }

    @Test
    void rowsThatAgreeStillGiveAutomaticReads() {
        // given lightly degraded synthetic plates whose two rows show the same text (as the demo's cameras do)
        SyntheticPlates gen = new SyntheticPlates(60_606L);
        Random rnd = new Random(60_606L);
        int confident = 0;
        int confidentWrong = 0;
        for (int i = 0; i < 40; i++) {
            SyntheticPlates.Sample s = gen.plate(SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd), 0.15);
            ReadResult r = reader.read(s.image());
            if (r.confidence() >= 0.9) {
                confident++;
                confidentWrong += r.text().equals(s.text()) ? 0 : 1;
            }
            s.image().release();
        }
        // then the top-row rule lets some reads through as automatic, and none of those is wrong
        assertTrue(confident >= 5, "automatic reads " + confident + " of 40");
        assertEquals(0, confidentWrong);
    }

    @Test
    void plateScoreSeparatesPlatesFromClutter() {
        SyntheticPlates gen = new SyntheticPlates(4242L);
        double plates = 0;
        double clutter = 0;
        int n = 60;
        for (int i = 0; i < n; i++) {
            plates += reader.read(gen.nextPlate().image()).plateScore();
            clutter += reader.read(gen.nextNegative().image()).plateScore();
        }
        assertTrue(plates / n > 0.85, "mean plateScore on plates " + plates / n);
        assertTrue(clutter / n < 0.25, "mean plateScore on clutter " + clutter / n);
    }

    @Test
    void acceptsGrayCropsAndBatches() {
        SyntheticPlates gen = new SyntheticPlates(99L);
        SyntheticPlates.Sample s = gen.plate(PlateSpec.of("6531UJD", org.raqib.models.PlateLayout.STANDARD), 0.0);
        Mat gray = new Mat();
        Imgproc.cvtColor(s.image(), gray, Imgproc.COLOR_BGR2GRAY);
        ReadResult a = reader.read(s.image());
        ReadResult b = reader.read(gray);
        assertEquals("6531UJD", a.text());
        assertEquals(a.text(), b.text());
        assertEquals(2, reader.readAll(java.util.List.of(s.image(), gray)).size());
    }

    // Wide plates of 2-3 digits framed without their first digit (a large plate that the localiser found only in part)
    // read as a well-formed shorter plate text: such a reading must never be automatic.

    /**
     * The column of the rendered plate {@code plate} between its bottom row's first and second digit (the middle of
     * the gap between the first two ink runs left of the emblem panel), or, with {@code through}, three quarters into
     * the first digit.
     */
    static double afterFirstDigit(BufferedImage plate, boolean through) {
        int w = plate.getWidth();
        int h = plate.getHeight();
        int from = (int) (h * 0.08);
        int to = (int) (w * 0.42);
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = from; x <= to; x++) {
            boolean ink = false;
            for (int y = (int) (h * 0.58); y < (int) (h * 0.9) && !ink && x < to; y++) {
                int rgb = plate.getRGB(x, y);
                int gray = (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3;
                ink = gray < 110;
            }
            if (ink && start < 0) {
                start = x;
            } else if (!ink && start >= 0) {
                runs.add(new int[] {start, x});
                start = -1;
            }
        }
        assertTrue(runs.size() >= 2, "fewer than two digits found in the rendered row: " + runs.size());
        int[] first = runs.get(0);
        return through ? first[0] + 0.75 * (first[1] - first[0]) : (first[1] + runs.get(1)[0]) / 2.0;
    }

    @Test
    void aWideShortPlateFramedWithoutItsFirstDigitIsNotReadWrongAutomatically() {
        // given generated scenes of wide plates with 2-3 digits (random faces, 120-450 px wide, lightly to fairly
        // degraded), each framed from just after its first digit (or through it) to the plate's right end
        SceneGenerator scenes = new SceneGenerator();
        Random rnd = new Random(20_221_202L);
        int wrongAutomatic = 0;
        int cases = 0;
        List<String> seen = new ArrayList<>();
        while (cases < 60) {
            String text = SyntheticPlates.randomText(rnd);
            int digits = 2 + rnd.nextInt(2);
            PlateSpec drawn = SyntheticPlates.randomSpec(text, rnd);
            if (SaudiPlate.digits(text).length() != 4) {
                continue;
            }
            text = text.substring(4 - digits);
            PlateSpec spec = new PlateSpec(text, text, PlateLayout.WIDE, drawn.blueStrip(), drawn.latinFont(),
                    drawn.arabicFont(), drawn.bold(), drawn.centeredDigits(), drawn.wideRightStrip());
            double strength = 0.1 + 0.5 * rnd.nextDouble();
            double width = 120 + 330 * rnd.nextDouble();
            long seed = rnd.nextLong();
            boolean through = cases % 2 == 1;
            BufferedImage rendered = PlateRenderer.render(spec);
            double u = afterFirstDigit(rendered, through) / rendered.getWidth();
            SceneGenerator.Scene s = scenes.render(spec, seed, strength, width);
            double[] xs = s.quadXs();
            double[] ys = s.quadYs();
            // corners clockwise from the top left: the cut runs from u along the top edge to u along the bottom edge
            int x0 = (int) Math.ceil(Math.max(xs[0] + u * (xs[1] - xs[0]), xs[3] + u * (xs[2] - xs[3])));
            int x1 = (int) Math.ceil(Math.max(xs[1], xs[2]));
            int y0 = (int) Math.floor(Math.min(ys[0], ys[1]));
            int y1 = (int) Math.ceil(Math.max(ys[2], ys[3]));
            int margin = (int) Math.round((y1 - y0) * 0.04);
            Mat scene = Mats.toBgr(s.image());
            Rect box = clip(new Rect(x0, y0 - margin, x1 - x0 + margin, y1 - y0 + 2 * margin), scene);
            Mat crop = scene.submat(box).clone();
            // when
            ReadResult r = reader.read(crop, extra -> scene.submat(clip(new Rect(box.x, box.y, box.width,
                    (int) Math.round(box.height * (1 + extra))), scene)).clone());
            // then a reading other than the plate's text (mostly the text without its first digit) is not automatic
            if (!r.text().equals(text) && r.confidence() >= 0.9) {
                wrongAutomatic++;
                seen.add("case " + cases + " (" + digits + " digits, " + (through ? "through" : "after")
                        + " the first digit, " + Math.round(width) + " px): " + r.confidence());
            }
            crop.release();
            scene.release();
            cases++;
        }
        // Measured when written: 8 of these 60 read wrong at >= 0.9 (0.91-0.996) with the renderer that drew wide
        // plates' short digit groups at the left and without the reader's edge guard (GlyphReader.firstDigitAtEdge);
        // with that renderer and the guard, the same 8. So this pins the centred renderer (and the models trained on
        // it); the guard's own cases are in the test below. Session 24: with the renderer drawing wide plates to the
        // photos' geometry but its middle panel 0.475-0.595 of the width, and models retrained on it, 1 of 60 (0.994):
        // GlyphReader.digitsCutOff took the scene's narrow panel for no wide plate's; with the panel at 0.46-0.61, 0.
        assertEquals(0, wrongAutomatic, "wrong readings at >= 0.9: " + seen);
    }

    @Test
    void aShortDigitRowStartingAtTheCropsLeftEdgeIsPartOfAPlate() {
        // Letters at 240-300 (pitch 30) in a 400 x 96 crop: a row of three digits whose first box starts 2 px and 7 px
        // from the left side (0.07 and 0.23 pitch), and of two digits at 3 px.
        assertTrue(GlyphReader.firstDigitAtEdge(cut(10, 40, 70), 3, W, H));
        assertTrue(GlyphReader.firstDigitAtEdge(cut(15, 45, 75), 3, W, H));
        assertTrue(GlyphReader.firstDigitAtEdge(cut(11, 41), 2, W, H));
        // A row that keeps a rim and a margin left of its first digit (0.6 pitch and more), four digits (no more can be
        // lost) and a standard crop's shape are not judged.
        assertFalse(GlyphReader.firstDigitAtEdge(cut(26, 56, 86), 3, W, H));
        assertFalse(GlyphReader.firstDigitAtEdge(cut(60, 90, 120), 3, W, H));
        assertFalse(GlyphReader.firstDigitAtEdge(cut(10, 40, 70, 100), 4, W, H));
        assertFalse(GlyphReader.firstDigitAtEdge(cut(10, 40, 70), 3, 200, 96));
    }

    private static Rect clip(Rect r, Mat m) {
        int x0 = Math.max(0, r.x);
        int y0 = Math.max(0, r.y);
        int x1 = Math.min(m.cols(), r.x + r.width);
        int y1 = Math.min(m.rows(), r.y + r.height);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
