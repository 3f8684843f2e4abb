package org.raqib.detection.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import org.raqib.detection.Box;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.synth.SceneGenerator;

/** {@code eval}'s photo changes on a generated scene: the label follows the geometry, the plate can be erased. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PhotoTransformTest {

    private static byte[] png;
    private static Box plate;

    @BeforeAll
    static void scene() throws IOException {
        OpenCvLoader.load();
        SceneGenerator.Scene s = new SceneGenerator().render(4242);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(s.image(), "png", out);
        png = out.toByteArray();
        plate = new Box(s.box().x, s.box().y, s.box().width, s.box().height);
    }

    @Test
    void halfScaleHalvesTheImageAndTheLabel() {
        PhotoTransform.Result r = new PhotoTransform(0.5, 0, 1, 0, 0, false).validate().apply(png, plate);
        Mat full = decode(png);
        Mat half = decode(r.encoded());
        assertEquals(Math.round(full.cols() * 0.5), half.cols());
        assertEquals(Math.round(full.rows() * 0.5), half.rows());
        assertEquals(plate.x() / 2.0, r.truth().x(), 1);
        assertEquals(plate.y() / 2.0, r.truth().y(), 1);
        assertEquals(plate.width() / 2.0, r.truth().width(), 1);
        assertEquals(plate.height() / 2.0, r.truth().height(), 1);
    }

    @Test
    void aCloseUpKeepsTheSizeAndEnlargesThePlateToTheWidthAsked() {
        Mat full = decode(png);
        int want = Math.min(plate.width() * 2, (int) (full.cols() / 1.3));
        PhotoTransform.Result r = new PhotoTransform(1, 0, 1, 0, 0, false, want).validate().apply(png, plate);
        Mat near = decode(r.encoded());
        assertEquals(full.cols(), near.cols());
        assertEquals(full.rows(), near.rows());
        assertEquals(want, r.truth().width(), 2);
        double f = r.truth().width() / (double) plate.width();
        assertEquals(plate.height() * f, r.truth().height(), 2);
        // the label still covers the plate: its inside is as varied as the plate was, unlike a window beside it
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        Box t = r.truth();
        Core.meanStdDev(near.submat(new Rect(t.x(), t.y(), t.width(), t.height())), mean, std);
        assertTrue(std.get(0, 0)[0] > 10, "the enlarged plate has text: " + std.get(0, 0)[0]);
        // a plate already as wide is left as it was; a close-up can never cut the plate
        assertEquals(plate, new PhotoTransform(1, 0, 1, 0, 0, false, plate.width()).apply(png, plate).truth());
        PhotoTransform.Result huge = new PhotoTransform(1, 0, 1, 0, 0, false, 4000).apply(png, plate);
        Box h = huge.truth();
        assertTrue(h.x() > 0 && h.y() > 0 && h.x() + h.width() < full.cols() && h.y() + h.height() < full.rows(),
                "plate kept inside: " + h);
        assertThrows(IllegalArgumentException.class, () -> new PhotoTransform(1, 0, 1, 0, 0, false, -1).validate());
    }

    @Test
    void aRotatedLabelIsTheBoundsOfItsTurnedCorners() {
        // given a turn of 10 degrees: the box grows by about w sin + h cos across
        PhotoTransform.Result r = new PhotoTransform(1, 10, 1, 0, 0, false).apply(png, plate);
        double a = Math.toRadians(10);
        assertEquals(plate.width() * Math.cos(a) + plate.height() * Math.sin(a), r.truth().width(), 2);
        assertEquals(plate.width() * Math.sin(a) + plate.height() * Math.cos(a), r.truth().height(), 2);
        // the plate's centre moves on a circle about the image centre
        Mat img = decode(png);
        double cx = img.cols() / 2.0;
        double cy = img.rows() / 2.0;
        double px = plate.x() + plate.width() / 2.0 - cx;
        double py = plate.y() + plate.height() / 2.0 - cy;
        double rx = r.truth().x() + r.truth().width() / 2.0 - cx;
        double ry = r.truth().y() + r.truth().height() / 2.0 - cy;
        assertEquals(Math.hypot(px, py), Math.hypot(rx, ry), 2);
    }

    @Test
    void anErasedPlateIsFlatAndTheRestUnchanged() {
        PhotoTransform.Result r = new PhotoTransform(1, 0, 1, 0, 0, true).apply(png, plate);
        Mat before = decode(png);
        Mat after = decode(r.encoded());
        assertEquals(plate, r.truth());
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        Core.meanStdDev(after.submat(new Rect(plate.x(), plate.y(), plate.width(), plate.height())), mean, std);
        assertEquals(0, std.get(0, 0)[0], 1e-9, "erased plate is one gray");
        Core.meanStdDev(before.submat(new Rect(plate.x(), plate.y(), plate.width(), plate.height())), mean, std);
        assertTrue(std.get(0, 0)[0] > 10, "the plate had text: " + std.get(0, 0)[0]);
        Rect away = new Rect(0, 0, 40, 40);
        assertTrue(plate.x() > 45 || plate.y() > 45, "scene's plate is not in the corner");
        assertArrayEquals(pixels(before.submat(away)), pixels(after.submat(away)));
    }

    @Test
    void contrastAndBrightnessActAboutMidGray() {
        Mat before = decode(png);
        Mat after = decode(new PhotoTransform(1, 0, 0.5, -20, 0, false).apply(png, plate).encoded());
        double b = Core.mean(before).val[0];
        assertEquals((b - 128) * 0.5 + 128 - 20, Core.mean(after).val[0], 1.5);
    }

    @Test
    void jpegIsLossyAndOtherwiseLossless() {
        PhotoTransform.Result jpeg = new PhotoTransform(1, 0, 1, 0, 20, false).apply(png, plate);
        assertEquals((byte) 0xFF, jpeg.encoded()[0]);
        assertEquals((byte) 0xD8, jpeg.encoded()[1]);
        PhotoTransform.Result lossless = new PhotoTransform(1, 0, 1, 0.0, 0, true).apply(png, plate);
        assertEquals((byte) 0x89, lossless.encoded()[0]);
        assertTrue(PhotoTransform.NONE.identity());
        assertTrue(!new PhotoTransform(1, 0, 1, 0, 0, true).identity());
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PhotoTransform(0, 0, 1, 0, 0, false).validate());
        assertThrows(IllegalArgumentException.class, () -> new PhotoTransform(1, 90, 1, 0, 0, false).validate());
        assertThrows(IllegalArgumentException.class, () -> new PhotoTransform(1, 0, 0, 0, 0, false).validate());
        assertThrows(IllegalArgumentException.class, () -> new PhotoTransform(1, 0, 1, 300, 0, false).validate());
        assertThrows(IllegalArgumentException.class, () -> new PhotoTransform(1, 0, 1, 0, 101, false).validate());
        assertThrows(IllegalArgumentException.class, () -> PhotoTransform.NONE.withBlur(21, 0, 0).validate());
        assertThrows(IllegalArgumentException.class, () -> PhotoTransform.NONE.withBlur(-1, 0, 0).validate());
        assertThrows(IllegalArgumentException.class, () -> PhotoTransform.NONE.withBlur(0, 1, 0).validate());
        assertThrows(IllegalArgumentException.class, () -> PhotoTransform.NONE.withBlur(0, 101, 0).validate());
        assertThrows(IllegalArgumentException.class, () -> PhotoTransform.NONE.withBlur(0, 9, 91).validate());
        assertThrows(IllegalArgumentException.class, () -> PhotoTransform.NONE.apply(new byte[] {1, 2, 3}, plate));
    }

    @Test
    void aGaussianBlurSoftensThePhotoAndLeavesItsLabel() {
        PhotoTransform.Result r = PhotoTransform.NONE.withBlur(3, 0, 0).validate().apply(png, plate);
        Mat before = decode(png);
        Mat after = decode(r.encoded());
        assertEquals(plate, r.truth());
        assertEquals(Core.mean(before).val[0], Core.mean(after).val[0], 1);
        // the plate's fine detail (the mean step between neighbouring pixels) is much reduced, along both axes
        Rect p = new Rect(plate.x(), plate.y(), plate.width(), plate.height());
        double[] sharp = steps(before.submat(p));
        double[] soft = steps(after.submat(p));
        assertTrue(soft[0] < 0.6 * sharp[0] && soft[1] < 0.6 * sharp[1],
                "steps along rows / columns " + sharp[0] + " / " + sharp[1] + " -> " + soft[0] + " / " + soft[1]);
        assertTrue(PhotoTransform.NONE.withBlur(2, 0, 0).describe().contains("Gaussian blur 2.0 px"));
    }

    @Test
    void aMotionBlurSmearsAlongItsDirectionOnly() {
        Mat before = decode(png);
        Rect p = new Rect(plate.x(), plate.y(), plate.width(), plate.height());
        double[] sharp = steps(before.submat(p));
        // along the rows: the steps between neighbours in a row shrink much more than those between rows
        PhotoTransform.Result across = PhotoTransform.NONE.withBlur(0, 15, 0).validate().apply(png, plate);
        double[] a = steps(decode(across.encoded()).submat(p));
        assertEquals(plate, across.truth());
        assertTrue(a[0] / sharp[0] < 0.5 * (a[1] / sharp[1]),
                "along rows " + sharp[0] + " -> " + a[0] + ", along columns " + sharp[1] + " -> " + a[1]);
        // along the columns (a vehicle driving towards the camera): the other way round
        double[] t = steps(decode(PhotoTransform.NONE.withBlur(0, 15, 90).apply(png, plate).encoded()).submat(p));
        assertTrue(t[1] / sharp[1] < 0.5 * (t[0] / sharp[0]),
                "along rows " + sharp[0] + " -> " + t[0] + ", along columns " + sharp[1] + " -> " + t[1]);
        assertTrue(PhotoTransform.NONE.withBlur(0, 15, 90).describe().contains("motion blur 15 px at 90 deg"));
    }

    @Test
    void aMotionKernelIsALineOfItsLengthSummingToOne() {
        for (int length : new int[] {3, 9, 10, 31}) {
            for (double degrees : new double[] {0, 90, 45, -30}) {
                Mat k = PhotoTransform.motionKernel(length, degrees);
                assertEquals(1, Core.sumElems(k).val[0], 1e-5, length + " px at " + degrees);
                assertEquals(length | 1, k.rows());
                int cells = Core.countNonZero(k);
                // a line of n pixels marks n cells along its longer axis (a diagonal one, one cell per step)
                int along = (int) Math.round((length - 1) * Math.max(Math.abs(Math.cos(Math.toRadians(degrees))),
                        Math.abs(Math.sin(Math.toRadians(degrees))))) + 1;
                assertTrue(cells >= along && cells <= along + length / 2 + 1,
                        length + " px at " + degrees + ": " + cells + " cells, " + along + " steps");
                k.release();
            }
        }
        assertEquals(2, Core.countNonZero(PhotoTransform.motionKernel(2, 0)), "the shortest blur spans two pixels");
        Mat row = PhotoTransform.motionKernel(9, 0);
        assertEquals(9, Core.countNonZero(row.row(4)), "a level line fills the middle row");
        Mat column = PhotoTransform.motionKernel(9, 90);
        assertEquals(9, Core.countNonZero(column.col(4)), "an upright line fills the middle column");
    }

    /** The mean absolute step between horizontally and between vertically neighbouring pixels of {@code m}. */
    private static double[] steps(Mat m) {
        byte[] b = pixels(m);
        int w = m.cols();
        int h = m.rows();
        double x = 0;
        double y = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int v = b[r * w + c] & 0xFF;
                if (c + 1 < w) {
                    x += Math.abs((b[r * w + c + 1] & 0xFF) - v);
                }
                if (r + 1 < h) {
                    y += Math.abs((b[(r + 1) * w + c] & 0xFF) - v);
                }
            }
        }
        return new double[] {x / (h * (w - 1)), y / ((h - 1) * w)};
    }

    private static Mat decode(byte[] bytes) {
        return Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_GRAYSCALE);
    }

    private static byte[] pixels(Mat m) {
        Mat c = m.clone();
        byte[] b = new byte[(int) c.total()];
        c.get(0, 0, b);
        return b;
    }
}
