package org.raqib.detection.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.synth.SceneGenerator;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MatsTest {

    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    /** A generated scene in gray. */
    private static Mat grayScene(long seed) {
        Mat bgr = Mats.toBgr(new SceneGenerator().render(seed).image());
        Mat scene = new Mat();
        Imgproc.cvtColor(bgr, scene, Imgproc.COLOR_BGR2GRAY);
        bgr.release();
        return scene;
    }

    /** Uniform noise, the same for the same OpenCV random seed. */
    private static Mat noise(int rows, int cols, int rngSeed) {
        Core.setRNGSeed(rngSeed);
        Mat noise = new Mat(rows, cols, CvType.CV_8UC1);
        Core.randu(noise, 0, 256);
        return noise;
    }

    /** A generated scene, noise, a flat image, a region of interest inside the scene, and small random crops. */
    private static List<Mat> images() {
        Mat scene = grayScene(97_000L);
        Mat noise = noise(301, 457, 11);
        Mat flat = new Mat(64, 64, CvType.CV_8UC1, new Scalar(128));
        // its border replicated from inside the region, not read from around it
        Mat roi = scene.submat(new Rect(37, 51, 203, 149));
        // plate-crop sized: 96 rows, narrower and wider than the windows, smooth and noisy
        Mat crop = new Mat(96, 250, CvType.CV_8UC1);
        Core.randu(crop, 0, 256);
        Imgproc.GaussianBlur(crop, crop, new Size(9, 9), 3);
        Mat narrow = new Mat(96, 17, CvType.CV_8UC1);
        Core.randu(narrow, 0, 256);
        Mat wide = new Mat(96, 700, CvType.CV_8UC1);
        Core.randn(wide, 150, 40);
        return List.of(scene, noise, flat, roi, crop, narrow, wide);
    }

    private static int differing(Mat expected, Mat actual) {
        Mat differ = new Mat();
        Core.compare(expected, actual, differ, Core.CMP_NE);
        int n = Core.countNonZero(differ);
        differ.release();
        return n;
    }

    @Test
    void theMeanThresholdGivesAdaptiveThresholdsMaskPixelForPixel() {
        Mat flat = null;
        // given images of several kinds
        for (Mat src : images()) {
            if (src.rows() == 64) {
                flat = src;
            }
            for (int block : new int[] {21, 31, 41}) {
                for (int by : new int[] {0, 1, 3, 7, 8, 10, 12, 19}) {
                    for (boolean brighter : new boolean[] {true, false}) {
                        if (!brighter && by == 0) {
                            continue;
                        }
                        // when both threshold it
                        Mat expected = new Mat();
                        Imgproc.adaptiveThreshold(src, expected, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C,
                                brighter ? Imgproc.THRESH_BINARY : Imgproc.THRESH_BINARY_INV, block, brighter ? -by : by);
                        Mat actual = new Mat();
                        Mats.meanThreshold(src, actual, block, by, brighter);
                        // then the masks are the same
                        assertEquals(0, differing(expected, actual), src.size() + " block " + block + " by " + by
                                + (brighter ? " brighter" : " darker"));
                        expected.release();
                        actual.release();
                    }
                }
            }
        }
        Mat f = flat;
        assertThrows(IllegalArgumentException.class, () -> Mats.meanThreshold(f, new Mat(), 21, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Mats.meanThreshold(f, new Mat(), 21, -1, true));
    }

    @Test
    void oneMapBelowTheMeanGivesEveryOffsetsMask() {
        // given images of several kinds, and one map below the mean per image and window
        for (Mat src : images()) {
            for (int block : new int[] {21, 31}) {
                Mat below = Mats.belowMean(src, block);
                for (int by : new int[] {1, 3, 7, 12, 19}) {
                    // when it is thresholded at an offset, and adaptiveThreshold is run with that offset
                    Mat expected = new Mat();
                    Imgproc.adaptiveThreshold(src, expected, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C,
                            Imgproc.THRESH_BINARY_INV, block, by);
                    Mat actual = new Mat();
                    Mats.darkerBy(below, actual, by);
                    // then the masks are the same
                    assertEquals(0, differing(expected, actual), src.size() + " block " + block + " by " + by);
                    expected.release();
                    actual.release();
                }
                below.release();
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Mats.darkerBy(new Mat(4, 4, CvType.CV_8UC1), new Mat(), 0));
    }

    @Test
    void aRegionOfTheMapGivesThatRegionOfTheWholeImagesMask() {
        // given an image padded at its sides with a constant gray (as the segmenter's side cuts are)
        for (Mat src : images()) {
            Mat padded = new Mat();
            Core.copyMakeBorder(src, padded, 0, 0, 16, 16, Core.BORDER_CONSTANT, new Scalar(173));
            Rect inner = new Rect(16, 0, src.cols(), src.rows());
            Mat below = Mats.belowMean(padded, 21);
            for (int by : new int[] {3, 7}) {
                // when the inner region of the padded image's map is thresholded
                Mat region = below.submat(inner);
                Mat actual = new Mat();
                Mats.darkerBy(region, actual, by);
                // then it is the inner region of adaptiveThreshold's mask of the padded image
                Mat whole = new Mat();
                Imgproc.adaptiveThreshold(padded, whole, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C,
                        Imgproc.THRESH_BINARY_INV, 21, by);
                Mat expected = whole.submat(inner).clone();
                assertEquals(src.size(), actual.size());
                assertEquals(0, differing(expected, actual), src.size() + " by " + by);
                region.release();
                whole.release();
                expected.release();
                actual.release();
            }
            below.release();
            padded.release();
        }
    }

    @Test
    void theRectangleClosingOfARegionIsOpenCvsPixelForPixel() {
        // given a generated scene and noise, regions inside them and at every side, and odd kernel sides from 1 to 61
        Mat scene = grayScene(97_001L);
        Mat noise = noise(120, 170, 12);
        Random random = new Random(5);
        for (Mat image : List.of(scene, noise)) {
            for (int i = 0; i < 150; i++) {
                // the first two regions are the whole image
                int w = i < 2 ? image.cols() : 1 + random.nextInt(image.cols());
                int h = i < 2 ? image.rows() : 1 + random.nextInt(image.rows());
                int x = i % 5 == 0 ? 0 : i % 5 == 1 ? image.cols() - w : random.nextInt(image.cols() - w + 1);
                int y = i % 3 == 0 ? 0 : i % 3 == 1 ? image.rows() - h : random.nextInt(image.rows() - h + 1);
                int kw = 2 * (i % 31) + 1;
                int kh = i % 2 == 0 ? kw : 2 * (i % 7) + 1;
                Rect region = new Rect(x, y, w, h);
                // when closed by OpenCV (its region of the image, reading the pixels around it) and by the chain of extremes
                Mat sub = image.submat(region);
                Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(kw, kh));
                Mat expected = new Mat();
                Imgproc.morphologyEx(sub, expected, Imgproc.MORPH_CLOSE, kernel);
                Mat actual = Mats.closeRectByExtremes(image, region, kw, kh);
                Mat chosen = Mats.closeRect(image, region, kw, kh);
                // then the two are the same, pixel for pixel (and so is what closeRect chooses for that kernel)
                assertEquals(expected.size(), actual.size(), region + " " + kw + "x" + kh);
                assertEquals(0, differing(expected, actual), region + " " + kw + "x" + kh);
                assertEquals(0, differing(expected, chosen), region + " " + kw + "x" + kh);
                chosen.release();
                sub.release();
                kernel.release();
                expected.release();
                actual.release();
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Mats.closeRect(noise, new Rect(0, 0, 10, 10), 4, 3));
        scene.release();
        noise.release();
    }
}
