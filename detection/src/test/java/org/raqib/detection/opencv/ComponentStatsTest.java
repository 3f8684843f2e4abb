package org.raqib.detection.opencv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.opencv.imgproc.Imgproc;

/** The Java component statistics are OpenCV's, int for int and in OpenCV's order. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public class ComponentStatsTest {

    @BeforeAll
    static void load() {
        OpenCvLoader.load();
    }

    private static int[] openCv(Mat bin) {
        return openCv(bin, Imgproc.CCL_GRANA);
    }

    /** OpenCV's component statistics of {@code bin} (8-connected) with labelling {@code algorithm}, as one array. */
    public static int[] openCv(Mat bin, int algorithm) {
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int n = Imgproc.connectedComponentsWithStatsWithAlgorithm(bin, labels, stats, centroids, 8, CvType.CV_32S,
                algorithm);
        int[] st = new int[n * 5];
        stats.get(0, 0, st);
        labels.release();
        stats.release();
        centroids.release();
        return st;
    }

    @Test
    void randomMasksOfEveryDensityAndSize() {
        // given random masks: sparse to full, odd and even sizes, one row or column, blurred blobs (long runs,
        // nested rings) and salt and pepper (every 2x2 block pattern), on one thread and on OpenCV's default
        Random random = new Random(17);
        int threads = Core.getNumThreads();
        int components = 0;
        try {
            for (int n = 0; n < 300; n++) {
                Core.setNumThreads(n % 2 == 0 ? 1 : threads);
                int w = 1 + random.nextInt(n % 10 == 0 ? 3 : 300);
                int h = 1 + random.nextInt(n % 7 == 0 ? 3 : 200);
                Mat m = new Mat(h, w, CvType.CV_8UC1);
                Core.setRNGSeed(n);
                Core.randu(m, 0, 256);
                if (n % 3 == 0) {
                    Imgproc.blur(m, m, new org.opencv.core.Size(5, 5));
                    Imgproc.threshold(m, m, 120 + random.nextInt(16), 255, Imgproc.THRESH_BINARY);
                } else {
                    Imgproc.threshold(m, m, random.nextInt(256), 1 + random.nextInt(255), Imgproc.THRESH_BINARY);
                }
                // when / then
                int[] expected = openCv(m);
                assertArrayEquals(expected, ComponentStats.of(m), "mask " + n + ", " + w + "x" + h);
                // the reader's calls use OpenCV's default labelling (Bolelli's), which numbers them the same
                assertArrayEquals(openCv(m, Imgproc.CCL_DEFAULT), ComponentStats.of(m), "mask " + n + ", default");
                // the reader's own masks (byte arrays), counted with the same thread's work arrays as the masks before
                byte[] px = new byte[w * h];
                m.get(0, 0, px);
                assertArrayEquals(expected, ComponentStats.of(px, w, h), "mask " + n + ", bytes");
                components += expected.length / 5 - 1;
                m.release();
            }
        } finally {
            Core.setNumThreads(threads);
        }
        assertTrue(components > 10_000, "components compared: " + components);
    }

    @Test
    void fullEmptyAndRegionMasks() {
        // given a mask with no background, one with no foreground, and a region of a larger mask
        Mat full = new Mat(7, 9, CvType.CV_8UC1, new Scalar(255));
        Mat empty = new Mat(8, 5, CvType.CV_8UC1, new Scalar(0));
        Mat big = new Mat(120, 160, CvType.CV_8UC1);
        Core.setRNGSeed(3);
        Core.randu(big, 0, 256);
        Imgproc.threshold(big, big, 128, 255, Imgproc.THRESH_BINARY);
        Mat region = big.submat(new Rect(13, 7, 101, 77));
        // when / then
        for (Mat m : new Mat[] {full, empty, region}) {
            assertArrayEquals(openCv(m), ComponentStats.of(m));
        }
    }
}
