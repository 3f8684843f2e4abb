package org.raqib.detection.locate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.AreaShrink;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.synth.SceneGenerator;

/** The Java area shrink gives OpenCV's INTER_AREA pixels to the last bit wherever it claims OpenCV's general path. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AreaShrinkTest {

    private static final int W = CandidateScorer.WIN_W;
    private static final int H = CandidateScorer.WIN_H;

    @Test
    void shrinksRandomImagesOfManySizesExactlyAsOpenCv() {
        // given random images (noise, flat, smooth ramps, 0/255 extremes) of sizes from just over the window's to
        // several times it, and sizes at the edges (one axis unscaled, factors near whole numbers)
        OpenCvLoader.load();
        Random random = new Random(5);
        AreaShrink shrink = new AreaShrink();
        int compared = 0;
        int[][] edges = {{64, 33}, {65, 32}, {64, 95}, {127, 32}, {129, 64}, {191, 96}, {192, 97}, {640, 33}, {66, 320}};
        for (int n = 0; n < 700; n++) {
            int sw = n < edges.length ? edges[n][0] : W + random.nextInt(n % 3 == 0 ? 40 : 500);
            int sh = n < edges.length ? edges[n][1] : H + random.nextInt(n % 4 == 0 ? 10 : 120);
            if (!AreaShrink.applies(sw, sh, W, H)) {
                continue;
            }
            byte[] src = image(random, sw, sh, n % 5);
            // when / then
            assertArrayEquals(openCv(src, sw, sh), java(shrink, src, sw, sh), sw + "x" + sh + " kind " + n % 5);
            compared++;
        }
        assertTrue(compared > 600, "compared " + compared);
    }

    @Test
    void shrinksRegionsOfARenderedSceneExactlyAsOpenCv() {
        // given a generated scene with a plate and regions across it, read from the image itself (submatrices)
        SceneGenerator.Scene scene = new SceneGenerator().render(71_003L);
        Mat gray = PlateLocator.toGray(Mats.toBgr(scene.image()));
        Random random = new Random(9);
        AreaShrink shrink = new AreaShrink();
        byte[] px = new byte[W * H];
        Mat win = new Mat();
        int compared = 0;
        for (int n = 0; n < 400; n++) {
            int rw = W + random.nextInt(Math.min(400, gray.cols() - W));
            int rh = H + random.nextInt(Math.min(150, gray.rows() - H));
            Rect r = new Rect(random.nextInt(gray.cols() - rw + 1), random.nextInt(gray.rows() - rh + 1), rw, rh);
            if (!AreaShrink.applies(rw, rh, W, H)) {
                continue;
            }
            Mat sub = gray.submat(r);
            Imgproc.resize(sub, win, new Size(W, H), 0, 0, Imgproc.INTER_AREA);
            byte[] expected = new byte[W * H];
            win.get(0, 0, expected);
            sub.release();
            // when
            shrink.resize(gray, r, px, W, H);
            // then
            assertArrayEquals(expected, px, r.toString());
            compared++;
        }
        assertTrue(compared > 350, "compared " + compared);
        win.release();
        gray.release();
    }

    @Test
    void leavesEnlargementsWholeFactorsAndCopiesToOpenCv() {
        // OpenCV interpolates when either axis grows, averages blocks for whole-number factors, copies at equal size
        assertFalse(AreaShrink.applies(63, 40, W, H));
        assertFalse(AreaShrink.applies(100, 31, W, H));
        assertFalse(AreaShrink.applies(128, 64, W, H));
        assertFalse(AreaShrink.applies(64, 32, W, H));
        assertFalse(AreaShrink.applies(64, 64, W, H));
        assertTrue(AreaShrink.applies(64, 65, W, H));
        assertTrue(AreaShrink.applies(128, 65, W, H));
    }

    private static byte[] java(AreaShrink shrink, byte[] src, int sw, int sh) {
        byte[] out = new byte[W * H];
        shrink.resize(src, sw, sh, out, W, H);
        return out;
    }

    private static byte[] openCv(byte[] src, int sw, int sh) {
        Mat m = new Mat(sh, sw, CvType.CV_8UC1);
        m.put(0, 0, src);
        Mat out = new Mat();
        Imgproc.resize(m, out, new Size(W, H), 0, 0, Imgproc.INTER_AREA);
        byte[] px = new byte[W * H];
        out.get(0, 0, px);
        m.release();
        out.release();
        return px;
    }

    private static byte[] image(Random random, int w, int h, int kind) {
        byte[] px = new byte[w * h];
        int base = random.nextInt(256);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = switch (kind) {
                    case 0 -> random.nextInt(256);
                    case 1 -> base;
                    case 2 -> (x * 255) / Math.max(1, w - 1);
                    case 3 -> random.nextBoolean() ? 0 : 255;
                    default -> Math.min(255, base / 2 + random.nextInt(40) + ((x / 7 + y / 5) % 2) * 90);
                };
                px[y * w + x] = (byte) v;
            }
        }
        return px;
    }
}
