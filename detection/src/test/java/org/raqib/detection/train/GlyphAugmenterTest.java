package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphSegmenter;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

/** Glyph distortions stay the same character's image; without them the examples are the reader's own input. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphAugmenterTest {

    private GlyphSegmenter.Glyphs glyphs;

    @BeforeEach
    void cutACleanPlate() {
        Mat plate = new SyntheticPlates(7L).plate(new PlateSpec("4821BKD", "4821BKD", PlateLayout.STANDARD, false,
                "Liberation Sans Narrow", "DejaVu Sans", false, true, false), 0).image();
        glyphs = GlyphSegmenter.segment(plate);
        plate.release();
        assertEquals(7, glyphs.boxes().size(), "the clean test plate must cut into its 7 characters");
    }

    @AfterEach
    void release() {
        glyphs.release();
    }

    @Test
    void withoutDistortionTheExampleIsTheReadersInput() {
        Random rnd = new Random(1);
        for (Rect box : glyphs.boxes()) {
            assertArrayEquals(GlyphClassifier.input(glyphs.gray(), box),
                    GlyphAugmenter.input(glyphs.gray(), box, rnd, GlyphAugmenter.Settings.NONE));
        }
    }

    @Test
    void aDistortedGlyphIsStandardisedChangedAndStillLikeTheOriginal() {
        Random rnd = new Random(2);
        for (Rect box : glyphs.boxes()) {
            float[] plain = GlyphClassifier.input(glyphs.gray(), box);
            double[] r = new double[20];
            for (int k = 0; k < r.length; k++) {
                float[] d = GlyphAugmenter.distorted(glyphs.gray(), box, rnd);
                assertEquals(GlyphClassifier.INPUTS, d.length);
                assertEquals(0, mean(d), 1e-3, "standardised to zero mean");
                r[k] = correlation(plain, d);
                assertTrue(r[k] < 0.9999, "a distortion changes the image");
            }
            Arrays.sort(r);
            // A pixel of shift already decorrelates thin strokes at 20x28; the glyph stays recognisably itself
            // (when written: medians 0.69-0.9, lowest about 0.4).
            assertTrue(r[r.length / 2] > 0.55, "median correlation " + r[r.length / 2] + " for " + box);
            assertTrue(r[0] > 0.2, "lowest correlation " + r[0] + " for " + box);
        }
    }

    @Test
    void besideThePlainExampleADistortedOneIsAddedAndInPlaceOnlyTheDistortedOne() {
        Rect box = glyphs.boxes().get(2);
        float[] plain = GlyphClassifier.input(glyphs.gray(), box);
        List<GlyphTrainer.Example> beside = new ArrayList<>();
        GlyphAugmenter.add(beside, glyphs.gray(), box, 3, new Random(4), new GlyphAugmenter.Settings(1, 0, false, true));
        assertEquals(2, beside.size());
        assertArrayEquals(plain, beside.get(0).x());
        assertTrue(correlation(plain, beside.get(1).x()) < 0.9999, "the second example is distorted");
        List<GlyphTrainer.Example> replaced = new ArrayList<>();
        GlyphAugmenter.add(replaced, glyphs.gray(), box, 3, new Random(4), new GlyphAugmenter.Settings(1, 0, false, false));
        assertEquals(1, replaced.size());
        assertEquals(3, replaced.get(0).label());
        assertTrue(correlation(plain, replaced.get(0).x()) < 0.9999, "the only example is distorted");
    }

    @Test
    void poorPhotoDegradationsGiveFaintBlurredGlyphsThatAreStillTheCharacter() {
        Random rnd = new Random(6);
        int faint = 0;
        int n = 0;
        double plainRough = 0;
        double degradedRough = 0;
        for (Rect box : glyphs.boxes()) {
            float[] plain = GlyphClassifier.input(glyphs.gray(), box);
            double[] r = new double[40];
            for (int k = 0; k < r.length; k++) {
                float[] d = GlyphAugmenter.distorted(glyphs.gray(), box, rnd, 1);
                float[] without = GlyphAugmenter.distorted(glyphs.gray(), box, rnd, 0);
                // The reader stretches a glyph's spread of gray levels to one, except under 8 levels: a glyph that
                // faint stays faint in its input, as a faint print's does.
                faint += spread(d) < 0.95 ? 1 : 0;
                assertTrue(spread(without) > 0.999, "the plain distortions keep a full spread");
                r[k] = correlation(plain, d);
                n++;
            }
            Arrays.sort(r);
            assertTrue(r[r.length / 2] > 0.4, "median correlation " + r[r.length / 2] + " for " + box);
        }
        assertTrue(faint > n / 20, faint + " of " + n + " degraded glyphs are fainter than the stretch floor");
        // Blur and a low resolution take the sharp edges away: the degraded glyphs' neighbouring pixels are
        // closer on the whole, noise notwithstanding.
        for (Rect box : glyphs.boxes()) {
            for (int k = 0; k < 20; k++) {
                plainRough += roughness(GlyphAugmenter.distorted(glyphs.gray(), box, rnd, 0));
                degradedRough += roughness(GlyphAugmenter.distorted(glyphs.gray(), box, rnd, 1));
            }
        }
        assertTrue(degradedRough < 0.9 * plainRough, "edges: degraded " + degradedRough + ", plain " + plainRough);
    }

    @Test
    void withoutPoorPhotoDegradationsTheDistortionIsAsBefore() {
        Rect box = glyphs.boxes().get(1);
        assertArrayEquals(GlyphAugmenter.distorted(glyphs.gray(), box, new Random(8)),
                GlyphAugmenter.distorted(glyphs.gray(), box, new Random(8), 0));
        assertEquals(GlyphAugmenter.Settings.NONE, new GlyphAugmenter.Settings(0, 0, false, false));
    }

    @Test
    void topRowCellsAreDegradedOnlyWhenAskedAndStayTheirCharacter() {
        Mat plate = new SyntheticPlates(7L).plate(new PlateSpec("4821BKD", "4821BKD", PlateLayout.STANDARD, false,
                "Liberation Sans Narrow", "DejaVu Sans", false, true, false), 0).image();
        List<GlyphTrainer.Example> latin0 = new ArrayList<>();
        List<GlyphTrainer.Example> top0 = new ArrayList<>();
        List<GlyphTrainer.Example> latin1 = new ArrayList<>();
        List<GlyphTrainer.Example> top1 = new ArrayList<>();
        List<GlyphTrainer.Example> top2 = new ArrayList<>();
        try {
            assertTrue(GlyphTrainer.addGlyphs(plate, "4821BKD", new Random(9), new Random(10), latin0, top0,
                    new GlyphAugmenter.Settings(0.8, 0, false, false, 0, 0)));
            assertTrue(GlyphTrainer.addGlyphs(plate, "4821BKD", new Random(9), new Random(10), latin1, top1,
                    new GlyphAugmenter.Settings(0.8, 0, false, false, 0, 1)));
            for (int k = 0; k < 4; k++) {
                GlyphTrainer.addGlyphs(plate, "4821BKD", new Random(11 + k), new Random(20 + k), new ArrayList<>(), top2,
                        new GlyphAugmenter.Settings(0.8, 0, false, false, 0, 1));
            }
        } finally {
            plate.release();
        }
        assertEquals(latin0.size(), latin1.size());
        for (int i = 0; i < latin0.size(); i++) {
            assertArrayEquals(latin0.get(i).x(), latin1.get(i).x(), "the Latin examples' random stream is untouched");
        }
        assertEquals(7, top0.size());
        assertEquals(7, top1.size());
        double[] r = new double[top2.size()];
        for (int i = 0; i < top2.size(); i++) {
            float[] plain = top0.get(i % 7).x();
            assertEquals(top0.get(i % 7).label(), top2.get(i).label());
            r[i] = correlation(plain, top2.get(i).x());
            assertTrue(r[i] < 0.9999, "cell " + i + " is degraded");
        }
        Arrays.sort(r);
        // Still its character: a faint, blurred or blocky copy of the same print.
        assertTrue(r[r.length / 2] > 0.4, "median correlation " + r[r.length / 2]);
    }

    @Test
    void distortionsAreReproducibleFromTheSeed() {
        Rect box = glyphs.boxes().get(0);
        assertArrayEquals(GlyphAugmenter.distorted(glyphs.gray(), box, new Random(5)),
                GlyphAugmenter.distorted(glyphs.gray(), box, new Random(5)));
    }

    @Test
    void anEdgeCutGlyphKeepsMostOfItsCharacter() {
        Random rnd = new Random(3);
        Rect first = glyphs.boxes().get(0);
        Rect last = glyphs.boxes().get(6);
        for (int k = 0; k < 20; k++) {
            for (boolean left : new boolean[] {true, false}) {
                Rect box = left ? first : last;
                float[] cut = GlyphAugmenter.edgeCut(glyphs.gray(), box, left, rnd, GlyphAugmenter.Settings.NONE);
                assertNotNull(cut);
                assertEquals(0, mean(cut), 1e-3, "standardised to zero mean");
                // The cut glyph is re-centred in its input, so it moves as well as losing a part (lowest
                // correlation 0.18 when written): still far from an unrelated image.
                double r = correlation(GlyphClassifier.input(glyphs.gray(), box), cut);
                assertTrue(r < 0.9999 && r > 0.1, "correlation with the whole glyph " + r);
            }
        }
        assertNull(GlyphAugmenter.edgeCut(glyphs.gray(), new Rect(first.x, first.y, 1, first.height), true, rnd,
                GlyphAugmenter.Settings.NONE), "a one-pixel box cannot lose a part and keep one");
    }

    private static double spread(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return Math.sqrt(s / v.length);
    }

    /** Mean absolute difference of horizontally neighbouring inputs. */
    private static double roughness(float[] v) {
        double s = 0;
        for (int y = 0; y < GlyphClassifier.H; y++) {
            for (int x = 1; x < GlyphClassifier.W; x++) {
                s += Math.abs(v[y * GlyphClassifier.W + x] - v[y * GlyphClassifier.W + x - 1]);
            }
        }
        return s / (GlyphClassifier.H * (GlyphClassifier.W - 1));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    private static double correlation(float[] a, float[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    @Test
    void aShrunkCropIsASmallPlatesSizeInItsShapeAndStillCuts() {
        Mat plate = new SyntheticPlates(7L).plate(new PlateSpec("4821BKD", "4821BKD", PlateLayout.STANDARD, false,
                "Liberation Sans Narrow", "DejaVu Sans", false, true, false), 0).image();
        Random rnd = new Random(12);
        int cut = 0;
        try {
            for (int k = 0; k < 10; k++) {
                Mat s = GlyphAugmenter.shrunk(plate, rnd);
                assertNotNull(s);
                double f = s.rows() / (double) plate.rows();
                assertTrue(s.rows() >= GlyphAugmenter.SMALL_MIN - 1 && s.rows() <= GlyphAugmenter.SMALL_MAX + 1, "rows " + s.rows());
                assertTrue(f <= GlyphAugmenter.SMALL_MAX_FACTOR + 0.05, "factor " + f);
                assertEquals(plate.cols() * f, s.cols(), 2, "the crop keeps its shape");
                List<GlyphTrainer.Example> latin = new ArrayList<>();
                if (GlyphTrainer.addGlyphs(s, "4821BKD", rnd, latin, new ArrayList<>(), GlyphAugmenter.Settings.NONE)) {
                    cut++;
                    assertTrue(latin.size() >= 7);
                }
                s.release();
            }
            Mat tiny = new Mat();
            org.opencv.imgproc.Imgproc.resize(plate, tiny, new org.opencv.core.Size(12, 6));
            assertNull(GlyphAugmenter.shrunk(tiny, rnd), "a crop already tiny is not shrunk");
            tiny.release();
        } finally {
            plate.release();
        }
        assertTrue(cut >= 3, "most shrunk clean plates still cut into their characters: " + cut);
        assertEquals(0, new GlyphAugmenter.Settings(0.8, 0, false, false, 0, 0.7).small());
    }
}
