package org.raqib.detection.locate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.SceneGenerator;

/** The candidate scorer's fast paths give exactly what the plain computations give. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CandidateScorerTest {

    @Test
    void hiddenUnitsSideBySideScoreExactlyAsOneUnitAtATime() {
        // given the committed model and random feature vectors in the range the descriptor produces
        CandidateScorer scorer = CandidateScorer.loadDefault();
        Random random = new Random(7);
        // Enough vectors for the JIT to compile (and vectorise) both ways part-way through.
        for (int n = 0; n < 3000; n++) {
            float[] f = new float[CandidateScorer.featureCount()];
            for (int i = 0; i < f.length; i++) {
                f[i] = random.nextFloat() * (i % 7 == 0 ? 3 : 0.4f) - (i % 11 == 0 ? 1 : 0);
            }
            // when / then: to the last bit
            assertEquals(scorer.scoreByUnit(f), scorer.score(f), 0.0);
        }
    }

    @Test
    void descriptorMatchesAPlainHistogramOfOrientedGradients() {
        // given random windows, some flat, some noisy, and a plain reference computation (atan2, if/else)
        Random random = new Random(11);
        int w = CandidateScorer.WIN_W;
        int h = CandidateScorer.WIN_H;
        float[] cells = new float[(w / GradientHistogram.CELL) * (h / GradientHistogram.CELL) * GradientHistogram.BINS];
        for (int n = 0; n < 50; n++) {
            byte[] px = new byte[w * h];
            int base = random.nextInt(200);
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) Math.min(255, base + (n % 5 == 0 ? 0 : random.nextInt(56)) + ((i % w) / 8 % 2) * (n % 3) * 20);
            }
            float[] expected = reference(px, w, h);
            float[] fresh = new float[expected.length];
            float[] reused = new float[expected.length];
            java.util.Arrays.fill(cells, 3f);
            // when
            GradientHistogram.compute(px, w, h, fresh, 0);
            GradientHistogram.compute(px, w, h, reused, 0, cells);
            // then: the same floats, with fresh or reused (dirty) cell buffers
            assertArrayEquals(expected, fresh);
            assertArrayEquals(expected, reused);
        }
    }

    @Test
    void scoresWithReusedBuffersEqualFreshFeatures() {
        // given a generated scene and regions across it, some too small to describe
        SceneGenerator.Scene scene = new SceneGenerator().render(93_001L);
        Mat gray = PlateLocator.toGray(Mats.toBgr(scene.image()));
        List<Mat> pyramid = PlateLocator.pyramid(gray, 3);
        CandidateScorer scorer = CandidateScorer.loadDefault();
        Random random = new Random(3);
        for (int n = 0; n < 100; n++) {
            int rw = 4 + random.nextInt(300);
            int rh = 2 + random.nextInt(120);
            Rect r = new Rect(random.nextInt(gray.cols() - rw), random.nextInt(gray.rows() - rh), rw, rh);
            float[] f = CandidateScorer.features(pyramid, r, gray.rows());
            // when / then: one scorer reusing its buffers gives what fresh features give
            assertEquals(f == null ? 0 : scorer.scoreByUnit(f), scorer.score(pyramid, r), 0.0);
        }
        pyramid.forEach(Mat::release);
    }

    @Test
    void blocksNormalisedSideBySideFromTheCellsEqualOneBlockAtATime() {
        // given cell histograms of random values: zeros, small and large sums, blocks that clip and blocks that do not
        Random random = new Random(23);
        int bins = GradientHistogram.BINS;
        for (int n = 0; n < 2000; n++) {
            int cw = 2 + random.nextInt(8);
            int ch = 2 + random.nextInt(5);
            int offset = random.nextInt(5);
            float[] cells = new float[cw * ch * bins];
            for (int i = 0; i < cells.length; i++) {
                int kind = random.nextInt(4);
                cells[i] = kind == 0 ? 0 : kind == 1 ? random.nextFloat() * 3 : (float) Math.pow(10, random.nextDouble() * 8 - 2);
            }
            float[] expected = new float[offset + (cw - 1) * (ch - 1) * 4 * bins];
            copyAndNormaliseBlocks(cells, cw, ch, expected, offset);
            float[] v = new float[expected.length];
            // when
            GradientHistogram.blocks(cells, cw, ch, v, offset);
            // then: the same floats
            assertArrayEquals(expected, v);
        }
    }

    /** Every block's four cells copied out in order, then normalised one block at a time. */
    private static void copyAndNormaliseBlocks(float[] cells, int cw, int ch, float[] out, int offset) {
        int bins = GradientHistogram.BINS;
        int o = offset;
        for (int by = 0; by < ch - 1; by++) {
            for (int bx = 0; bx < cw - 1; bx++) {
                int start = o;
                for (int cy = 0; cy < 2; cy++) {
                    for (int cx = 0; cx < 2; cx++) {
                        System.arraycopy(cells, ((by + cy) * cw + bx + cx) * bins, out, o, bins);
                        o += bins;
                    }
                }
                normaliseOneBlock(out, start, o);
            }
        }
    }

    /** One block's normalisation written the plain way (L2, clip at 0.2, L2). */
    private static void normaliseOneBlock(float[] v, int from, int to) {
        double ss = 1e-6;
        for (int i = from; i < to; i++) {
            ss += v[i] * v[i];
        }
        double inv = 1 / Math.sqrt(ss);
        double ss2 = 1e-6;
        for (int i = from; i < to; i++) {
            v[i] = (float) Math.min(0.2, v[i] * inv);
            ss2 += v[i] * v[i];
        }
        double inv2 = 1 / Math.sqrt(ss2);
        for (int i = from; i < to; i++) {
            v[i] = (float) (v[i] * inv2);
        }
    }

    /** HOG written the plain way: orientation from atan2, magnitude from sqrt, a branch to fold. */
    private static float[] reference(byte[] px, int w, int h) {
        int cell = GradientHistogram.CELL;
        int bins = GradientHistogram.BINS;
        int cw = w / cell;
        int ch = h / cell;
        float[] cells = new float[cw * ch * bins];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int dx = (px[y * w + x + 1] & 0xFF) - (px[y * w + x - 1] & 0xFF);
                int dy = (px[(y + 1) * w + x] & 0xFF) - (px[(y - 1) * w + x] & 0xFF);
                if (dy < 0) {
                    dx = -dx;
                    dy = -dy;
                }
                double deg = Math.toDegrees(Math.atan2(dy, dx));
                int bin = (int) Math.min(bins - 1, Math.floor(deg / (180.0 / bins)));
                cells[((y / cell) * cw + x / cell) * bins + bin] += (float) Math.sqrt(dx * dx + dy * dy);
            }
        }
        float[] out = new float[GradientHistogram.length(w, h)];
        copyAndNormaliseBlocks(cells, cw, ch, out, 0);
        return out;
    }
}
