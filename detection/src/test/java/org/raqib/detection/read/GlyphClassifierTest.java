package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.AreaShrink;
import org.raqib.detection.opencv.OpenCvLoader;

/** The classifier's input: what it reads of a glyph, wherever the glyph's box lies in the crop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphClassifierTest {

    static {
        OpenCvLoader.load();
    }

    /** The input as defined: the whole crop extended by its edge pixels, the region cut out and scaled down. */
    private static float[] padWholeCrop(Mat gray, Rect box) {
        Rect r = GlyphClassifier.region(box);
        int padL = Math.max(0, -r.x);
        int padT = Math.max(0, -r.y);
        int padR = Math.max(0, r.x + r.width - gray.cols());
        int padB = Math.max(0, r.y + r.height - gray.rows());
        Mat padded = new Mat();
        Core.copyMakeBorder(gray, padded, padT, padB, padL, padR, Core.BORDER_REPLICATE);
        Mat small = new Mat();
        Mat region = padded.submat(new Rect(r.x + padL, r.y + padT, r.width, r.height));
        Imgproc.resize(region, small, new Size(GlyphClassifier.W, GlyphClassifier.H), 0, 0, Imgproc.INTER_AREA);
        byte[] px = new byte[GlyphClassifier.INPUTS];
        small.get(0, 0, px);
        // Released only now, so that none of them is unreachable (and its finalizer free to delete it) while a
        // native call still reads it: the likely cause of one JVM crash of this test's 40 threads (SIGSEGV in Mat.get
        // under this helper).
        region.release();
        padded.release();
        small.release();
        float[] v = new float[px.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = px[i] & 0xFF;
        }
        return GlyphClassifier.standardise(v);
    }

    /** A {@code rows} x {@code cols} gray crop of uniform noise drawn from {@code rnd}. */
    private static Mat noise(int rows, int cols, Random rnd) {
        Mat gray = new Mat(rows, cols, CvType.CV_8UC1);
        byte[] px = new byte[rows * cols];
        rnd.nextBytes(px);
        gray.put(0, 0, px);
        return gray;
    }

    @Test
    void boxesInsideAndAtEveryEdgeOfTheCropGiveTheEdgeExtendedInput() {
        Random rnd = new Random(7);
        Mat gray = noise(48, 160, rnd);
        // Inside, against each side and corner, and wider than the crop (the region then overhangs both sides).
        Rect[] boxes = {new Rect(60, 10, 12, 28), new Rect(0, 10, 12, 28), new Rect(150, 10, 10, 28), new Rect(60, 0, 12, 30),
                new Rect(60, 20, 12, 28), new Rect(0, 0, 6, 48), new Rect(154, 0, 6, 48), new Rect(1, 3, 3, 40),
                new Rect(0, 0, 160, 48)};
        for (Rect box : boxes) {
            assertArrayEquals(padWholeCrop(gray, box), GlyphClassifier.input(gray, box), 0f, box.toString());
        }
        for (int i = 0; i < 200; i++) {
            int w = 2 + rnd.nextInt(30);
            int h = 6 + rnd.nextInt(42);
            Rect box = new Rect(rnd.nextInt(160 - w + 1), rnd.nextInt(48 - h + 1), w, h);
            assertArrayEquals(padWholeCrop(gray, box), GlyphClassifier.input(gray, box), 0f, box.toString());
        }
        // A crop as tall as the segmenter's, with boxes well inside it: their regions shrink by factors that are
        // not whole numbers, which input() scales in Java (AreaShrink) rather than through OpenCV.
        Mat tall = new Mat(96, 320, CvType.CV_8UC1);
        byte[] tallPx = new byte[96 * 320];
        rnd.nextBytes(tallPx);
        tall.put(0, 0, tallPx);
        int shrunk = 0;
        for (int i = 0; i < 300; i++) {
            int w = 4 + rnd.nextInt(50);
            int h = 20 + rnd.nextInt(60);
            Rect box = new Rect(30 + rnd.nextInt(320 - w - 59), 4 + rnd.nextInt(96 - h - 7), w, h);
            Rect r = GlyphClassifier.region(box);
            boolean inside = r.x >= 0 && r.y >= 0 && r.x + r.width <= 320 && r.y + r.height <= 96;
            if (inside && AreaShrink.applies(r.width, r.height, GlyphClassifier.W, GlyphClassifier.H)) {
                shrunk++;
            }
            assertArrayEquals(padWholeCrop(tall, box), GlyphClassifier.input(tall, box), 0f, box.toString());
        }
        assertTrue(shrunk > 150, "boxes scaled by the Java shrink: " + shrunk);
        tall.release();
    }

    @Test
    void boxesWhollyOutsideTheCropReadItsNearestEdge() {
        // given a crop of noise and boxes lying wholly beyond each of its sides and corners (a top-row cell below a
        // crop cut short: an enlarged photo with its plate painted out threw here, 'eval --scale 1.8 --erase-plate')
        Random rnd = new Random(11);
        Mat gray = noise(30, 90, rnd);
        Rect[] boxes = {new Rect(40, 35, 10, 20), new Rect(40, -30, 10, 20), new Rect(95, 5, 10, 20), new Rect(-20, 5, 10, 20),
                new Rect(100, 40, 8, 16), new Rect(-30, -30, 8, 16), new Rect(85, 33, 12, 20)};
        for (Rect box : boxes) {
            // when its input is made, then it is the edge-extended crop's, as for the boxes that overhang it
            assertArrayEquals(padWholeCrop(gray, box), GlyphClassifier.input(gray, box), 0f, box.toString());
        }
        gray.release();
    }

    /**
     * Readers on several threads at once (as in a Flink task manager with several slots) each get the defined
     * input: the scaled glyph's scratch matrix is never shared between threads, even when two threads' ids
     * fall on the same slot.
     */
    @Test
    void readersOnManyThreadsAtOnceGetTheDefinedInput() throws Exception {
        Random rnd = new Random(11);
        Mat gray = noise(48, 160, rnd);
        int threads = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    start.await();
                    Random r = new Random(seed);
                    for (int i = 0; i < 300; i++) {
                        int w = 2 + r.nextInt(30);
                        int h = 6 + r.nextInt(42);
                        Rect box = new Rect(r.nextInt(160 - w + 1), r.nextInt(48 - h + 1), w, h);
                        assertArrayEquals(padWholeCrop(gray, box), GlyphClassifier.input(gray, box), 0f, box.toString());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same floats to the bit, element by element. */
    private static void assertSameBits(float[] expected, float[] actual, String element) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), element + " " + i);
        }
    }

    /** Every unit's activation as the same bits, unit by unit against all units at once. */
    private static void assertSameBits(GlyphClassifier c, float[] x) {
        assertSameBits(c.hiddenByUnit(x), c.hiddenByInput(x), "unit");
    }

    /** The committed reader's classifiers (the Latin row's and the top row's), read as the reader reads them. */
    private static List<GlyphClassifier> committed() {
        JsonNode model = GlyphClassifier.resource();
        return List.of(GlyphClassifier.readFrom(model.path("classifier")), GlyphClassifier.readFrom(model.path("arabic")));
    }

    @Test
    void theCommittedClassifiersGiveTheSameBitsByInputAsUnitByUnit() {
        Random rnd = new Random(11);
        for (GlyphClassifier c : committed()) {
            // Enough calls for the JIT to compile (and vectorise) both ways part-way through: the bits must
            // not depend on how the code runs.
            for (int k = 0; k < 3000; k++) {
                float[] v = new float[GlyphClassifier.INPUTS];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rnd.nextInt(256);
                }
                float[] x = GlyphClassifier.standardise(v);
                assertSameBits(c, x);
                // The path the reader takes (read from a file) against the definition's.
                assertArrayEquals(c.hiddenByUnit(x), c.hiddenLayer(x), 0f);
            }
        }
    }

    @Test
    void randomWeightsOfManyMagnitudesGiveTheSameBitsByInputAsUnitByUnit() {
        Random rnd = new Random(3);
        // Sizes that are and are not multiples of a vector's width; magnitudes far apart, so that the order of
        // the additions changes the rounding and a different order would show.
        for (int hidden : new int[] {1, 3, 16, 17, 96, 160}) {
            float[] w1 = new float[hidden * GlyphClassifier.INPUTS];
            for (int i = 0; i < w1.length; i++) {
                w1[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
            }
            float[] b1 = new float[hidden];
            for (int j = 0; j < hidden; j++) {
                b1[j] = (float) rnd.nextGaussian();
            }
            GlyphClassifier built = new GlyphClassifier(hidden, w1, b1, new float[GlyphClassifier.CLASSES * hidden],
                    new float[GlyphClassifier.CLASSES]);
            ObjectNode node = new ObjectMapper().createObjectNode();
            built.writeTo(node);
            GlyphClassifier read = GlyphClassifier.readFrom(node);
            for (int k = 0; k < 20; k++) {
                float[] x = new float[GlyphClassifier.INPUTS];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2));
                }
                assertSameBits(read, x);
                assertArrayEquals(built.hiddenLayer(x), read.hiddenLayer(x), 0f);
            }
        }
    }

    @Test
    void anEnsembleOfModelsReadFromFilesGivesTheSameBitsAsItsMembersOneByOne() {
        // given three models of different sizes with weights of many magnitudes, each built from arrays (whose weights
        // training may still change, so an ensemble of them runs its members one by one) and read back from a file
        // (fixed weights, so an ensemble of them runs its members' hidden layers side by side in one pass)
        Random rnd = new Random(5);
        List<GlyphClassifier> built = new ArrayList<>();
        List<GlyphClassifier> read = new ArrayList<>();
        for (int hidden : new int[] {17, 96, 3}) {
            float[][] w = {new float[hidden * GlyphClassifier.INPUTS], new float[hidden],
                new float[GlyphClassifier.CLASSES * hidden], new float[GlyphClassifier.CLASSES]};
            for (float[] a : w) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2));
                }
            }
            GlyphClassifier b = new GlyphClassifier(hidden, w[0], w[1], w[2], w[3]);
            ObjectNode node = new ObjectMapper().createObjectNode();
            b.writeTo(node);
            built.add(b);
            read.add(GlyphClassifier.readFrom(node));
        }
        GlyphClassifier oneByOne = GlyphClassifier.mean(built);
        GlyphClassifier sideBySide = GlyphClassifier.mean(read);
        for (int k = 0; k < 30; k++) {
            float[] x = new float[GlyphClassifier.INPUTS];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2));
            }
            // then both ensembles give the same probabilities to the bit
            assertArrayEquals(oneByOne.probabilities(x), sideBySide.probabilities(x), 0.0, "input " + k);
        }
    }

    /** Gray levels of many kinds: uniform, narrow spreads (under and over the 8 levels not stretched), flat, extremes. */
    private static byte[] levels(Random rnd, int kind) {
        byte[] px = new byte[GlyphClassifier.INPUTS];
        int base = rnd.nextInt(256);
        for (int i = 0; i < px.length; i++) {
            int g = switch (kind) {
                case 0 -> rnd.nextInt(256);
                case 1 -> base + rnd.nextInt(5) - 2;
                case 2 -> base + rnd.nextInt(25) - 12;
                case 3 -> base;
                default -> rnd.nextBoolean() ? 0 : 255;
            };
            px[i] = (byte) Math.max(0, Math.min(255, g));
        }
        return px;
    }

    @Test
    void levelsAreStandardisedToTheSameBitsAsFloats() {
        Random rnd = new Random(5);
        for (int k = 0; k < 5000; k++) {
            byte[] px = levels(rnd, k % 5);
            float[] v = new float[px.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = px[i] & 0xFF;
            }
            assertSameBits(GlyphClassifier.standardise(v), GlyphClassifier.standardised(px), "pixel");
        }
    }

    /** Every class's logit as the same bits, all classes at once against class by class. */
    private static void assertSameLogits(GlyphClassifier c, float[] h) {
        float[] byClass = c.logitsByClass(h);
        assertSameBits(byClass, c.logitsByUnit(h), "class");
        assertArrayEquals(byClass, c.logits(h), 0f);
    }

    @Test
    void theCommittedClassifiersGiveTheSameLogitBitsByUnitAsByClass() {
        Random rnd = new Random(13);
        for (GlyphClassifier c : committed()) {
            // Enough calls for the JIT to compile (and vectorise) both ways part-way through.
            for (int k = 0; k < 3000; k++) {
                assertSameLogits(c, c.hiddenLayer(GlyphClassifier.standardised(levels(rnd, k % 5))));
            }
        }
    }

    @Test
    void randomSecondLayersOfManyMagnitudesGiveTheSameLogitBitsByUnitAsByClass() {
        Random rnd = new Random(17);
        for (int hidden : new int[] {1, 3, 16, 17, 96, 160}) {
            float[] w2 = new float[GlyphClassifier.CLASSES * hidden];
            for (int i = 0; i < w2.length; i++) {
                w2[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
            }
            float[] b2 = new float[GlyphClassifier.CLASSES];
            for (int k = 0; k < b2.length; k++) {
                b2[k] = (float) rnd.nextGaussian();
            }
            GlyphClassifier built = new GlyphClassifier(hidden, new float[hidden * GlyphClassifier.INPUTS], new float[hidden],
                    w2, b2);
            ObjectNode node = new ObjectMapper().createObjectNode();
            built.writeTo(node);
            GlyphClassifier read = GlyphClassifier.readFrom(node);
            for (int k = 0; k < 50; k++) {
                float[] h = new float[hidden];
                for (int j = 0; j < hidden; j++) {
                    // ReLU outputs: zeros among them.
                    h[j] = rnd.nextInt(4) == 0 ? 0f : (float) Math.abs(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 2));
                }
                assertSameLogits(read, h);
                assertArrayEquals(built.logits(h), read.logits(h), 0f);
            }
        }
    }
}
