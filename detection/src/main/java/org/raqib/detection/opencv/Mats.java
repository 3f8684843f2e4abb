package org.raqib.detection.opencv;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Conversions between Java2D images and OpenCV matrices (BGR, 8 bit), and OpenCV operations shared by the
 * localiser and the reader.
 */
public final class Mats {

    private Mats() {
    }

    /** Copies any BufferedImage into a new 8-bit BGR Mat. */
    public static Mat toBgr(BufferedImage image) {
        OpenCvLoader.load();
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        m.put(0, 0, data);
        return m;
    }

    /** Copies an 8-bit BGR or gray Mat into a new BufferedImage. */
    public static BufferedImage toImage(Mat mat) {
        int type;
        if (mat.channels() == 1) {
            type = BufferedImage.TYPE_BYTE_GRAY;
        } else if (mat.channels() == 3) {
            type = BufferedImage.TYPE_3BYTE_BGR;
        } else {
            throw new IllegalArgumentException("expected a 1- or 3-channel Mat, got " + mat.channels());
        }
        if (mat.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException("expected an 8-bit Mat");
        }
        BufferedImage img = new BufferedImage(mat.cols(), mat.rows(), type);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat cont = mat.isContinuous() ? mat : mat.clone();
        cont.get(0, 0, data);
        return img;
    }

    /**
     * The mask of {@code Imgproc.adaptiveThreshold} with {@code ADAPTIVE_THRESH_MEAN_C}, pixel for pixel, in
     * about half its CPU time: 255 where {@code src} is more than {@code by} above the mean of its
     * {@code block x block} neighbourhood ({@code brighter}; {@code THRESH_BINARY} with C = -by), or at least
     * {@code by} below it (not {@code brighter}; {@code THRESH_BINARY_INV} with C = by), else 0. The mean is
     * the same box filter (replicated, isolated border, rounded to 8 bits); the comparison is a saturating
     * subtraction and a plain threshold, which OpenCV vectorises, where {@code adaptiveThreshold} looks every
     * pixel up in a table one at a time (the larger part of its time; BENCHMARKS.md, session 8, rrecall).
     * Exact only for {@code by >= 0} ({@code brighter}) or {@code by >= 1} (not): the saturation clips the
     * differences below zero, which such thresholds never pass. {@code src} is 8-bit, one channel.
     */
    public static void meanThreshold(Mat src, Mat dst, int block, int by, boolean brighter) {
        if (by < (brighter ? 0 : 1)) {
            throw new IllegalArgumentException("offset out of range for an exact threshold: " + by);
        }
        if (!brighter) {
            Mat below = belowMean(src, block);
            darkerBy(below, dst, by);
            below.release();
            return;
        }
        Mat mean = boxMean(src, block);
        Core.subtract(src, mean, mean);
        Imgproc.threshold(mean, dst, by, 255, Imgproc.THRESH_BINARY);
        mean.release();
    }

    /**
     * How far each pixel of {@code src} lies below the mean of its {@code block x block} neighbourhood, clipped
     * at 0 (8 bits; the mean as in {@link #meanThreshold}). Thresholding it with {@link #darkerBy} gives
     * {@code meanThreshold(src, dst, block, by, false)} for any {@code by >= 1}: one box filter for several
     * offsets of the same image. The caller releases it.
     */
    public static Mat belowMean(Mat src, int block) {
        Mat mean = boxMean(src, block);
        Core.subtract(mean, src, mean);
        return mean;
    }

    /**
     * 255 where {@code below} (from {@link #belowMean}) is at least {@code by}, else 0: {@code adaptiveThreshold}'s
     * {@code THRESH_BINARY_INV} mask with C = {@code by}. {@code below} may be a region of a larger map, and then
     * the mask is that region's (the mean was taken over the larger image).
     */
    public static void darkerBy(Mat below, Mat dst, int by) {
        if (by < 1) {
            throw new IllegalArgumentException("offset out of range for an exact threshold: " + by);
        }
        Imgproc.threshold(below, dst, by - 1, 255, Imgproc.THRESH_BINARY);
    }

    /** The box mean {@code adaptiveThreshold} compares with: replicated, isolated border, rounded to 8 bits. */
    private static Mat boxMean(Mat src, int block) {
        OpenCvLoader.load();
        Mat mean = new Mat();
        Imgproc.boxFilter(src, mean, -1, new Size(block, block), new Point(-1, -1), true,
                Core.BORDER_REPLICATE | Core.BORDER_ISOLATED);
        return mean;
    }
}
