package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * The segmenter's line eraser ({@link GlyphSegmenter#removeLines}) computes from runs of ink what OpenCV's openings
 * and dilation computed: held to OpenCV's own morphology, pixel for pixel, on random binary images with lines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LineEraserTest {

    /** Crop sizes: the segmenter's height with narrow to wide widths, and odd small ones (kernels longer than a side). */
    private static final int[][] SIZES = {{96, 96}, {200, 96}, {290, 96}, {420, 96}, {768, 96}, {7, 5}, {23, 40}, {64, 9}};

    @Test
    void theHorizontalOpeningIsOpenCvsWithItsDefaultBorderAtOddAndEvenLengths() {
        assertOpeningsAreOpenCvs(true, new Random(1));
    }

    @Test
    void theVerticalOpeningIsOpenCvsWithNoInkOutsideAtOddAndEvenLengths() {
        assertOpeningsAreOpenCvs(false, new Random(2));
    }

    /**
     * Random images and line lengths, odd and even: the opening from runs ({@code rows}: horizontal, else vertical) is
     * OpenCV's opening by a len x 1 (1 x len) rectangle, with its default border for the horizontal one (outside is ink
     * to the erosion) and no ink outside for the vertical one.
     */
    private static void assertOpeningsAreOpenCvs(boolean rows, Random rnd) {
        OpenCvLoader.load();
        for (int[] size : SIZES) {
            for (int trial = 0; trial < 12; trial++) {
                int w = size[0];
                int h = size[1];
                // given
                byte[] px = image(rnd, w, h);
                int len = 2 + rnd.nextInt(Math.max(2, rows ? w / 2 : h - 1));
                // when
                byte[] runs = mask(rows ? GlyphSegmenter.horizontalLines(px, w, h, len)
                        : GlyphSegmenter.verticalLines(px, w, h, len), w, h, rows);
                // then
                Mat bin = mat(px, w, h);
                Mat open = new Mat();
                Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, rows ? new Size(len, 1) : new Size(1, len));
                if (rows) {
                    Imgproc.morphologyEx(bin, open, Imgproc.MORPH_OPEN, k);
                } else {
                    Imgproc.morphologyEx(bin, open, Imgproc.MORPH_OPEN, k, new Point(-1, -1), 1, Core.BORDER_CONSTANT,
                            new Scalar(0));
                }
                assertArrayEquals(bytes(open), runs, (rows ? "horizontal" : "vertical") + " opening, " + w + "x" + h
                        + ", length " + len);
                bin.release();
                open.release();
                k.release();
            }
        }
    }

    @Test
    void theErasedImageIsTheBinarisationLessBothOpeningsGrownByAPixel() {
        OpenCvLoader.load();
        Random rnd = new Random(3);
        int erased = 0;
        for (int[] size : SIZES) {
            for (boolean shortLines : new boolean[] {false, true}) {
                for (int trial = 0; trial < 12; trial++) {
                    int w = size[0];
                    int h = size[1];
                    byte[] px = image(rnd, w, h);
                    // given OpenCV's erasure with the eraser's own line lengths
                    Mat bin = mat(px, w, h);
                    Mat horizontal = new Mat();
                    Mat lines = new Mat();
                    Mat kh = Imgproc.getStructuringElement(Imgproc.MORPH_RECT,
                            new Size(GlyphSegmenter.horizontalLine(w, h, shortLines), 1));
                    Imgproc.morphologyEx(bin, horizontal, Imgproc.MORPH_OPEN, kh);
                    Mat kv = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(1, h * 0.6));
                    Imgproc.morphologyEx(bin, lines, Imgproc.MORPH_OPEN, kv, new Point(-1, -1), 1, Core.BORDER_CONSTANT,
                            new Scalar(0));
                    Core.bitwise_or(lines, horizontal, lines);
                    Imgproc.dilate(lines, lines, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3)));
                    Core.subtract(bin, lines, bin);
                    byte[] expected = bytes(bin);
                    // when
                    byte[] actual = px.clone();
                    GlyphSegmenter.removeLines(actual, w, h, shortLines);
                    // then
                    assertArrayEquals(expected, actual, "erased, " + w + "x" + h + (shortLines ? ", short lines" : ""));
                    for (int i = 0; i < px.length; i++) {
                        erased += px[i] != actual[i] ? 1 : 0;
                    }
                    for (Mat m : new Mat[] {bin, horizontal, lines, kh, kv}) {
                        m.release();
                    }
                }
            }
        }
        assertTrue(erased > 0, "the images had lines to erase");
    }

    /** Random specks, blocks and lines (some reaching the image's sides) in 0/255. */
    private static byte[] image(Random rnd, int w, int h) {
        byte[] px = new byte[w * h];
        double density = 0.05 + 0.4 * rnd.nextDouble();
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextDouble() < density ? (byte) 255 : 0;
        }
        for (int k = 0; k < 6; k++) {
            int y = rnd.nextInt(h);
            int x0 = rnd.nextBoolean() ? 0 : rnd.nextInt(w);
            int x1 = rnd.nextBoolean() ? w - 1 : x0 + rnd.nextInt(w - x0);
            int t = 1 + rnd.nextInt(3);
            for (int yy = y; yy < Math.min(h, y + t); yy++) {
                for (int x = x0; x <= x1; x++) {
                    px[yy * w + x] = (byte) 255;
                }
            }
            int x = rnd.nextInt(w);
            int y0 = rnd.nextBoolean() ? 0 : rnd.nextInt(h);
            int y1 = rnd.nextBoolean() ? h - 1 : y0 + rnd.nextInt(h - y0);
            for (int yy = y0; yy <= y1; yy++) {
                for (int xx = x; xx < Math.min(w, x + t); xx++) {
                    px[yy * w + xx] = (byte) 255;
                }
            }
        }
        return px;
    }

    /** Stretches drawn as a 0/255 image: along rows or along columns. */
    private static byte[] mask(GlyphSegmenter.Stretches stretches, int w, int h, boolean rows) {
        byte[] m = new byte[w * h];
        for (int i = 0; i < stretches.size(); i++) {
            for (int j = stretches.first(i); j <= stretches.last(i); j++) {
                m[rows ? stretches.line(i) * w + j : j * w + stretches.line(i)] = (byte) 255;
            }
        }
        return m;
    }

    private static Mat mat(byte[] px, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC1);
        m.put(0, 0, px);
        return m;
    }

    private static byte[] bytes(Mat m) {
        byte[] px = new byte[(int) m.total()];
        m.get(0, 0, px);
        return px;
    }
}
