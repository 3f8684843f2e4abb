package org.raqib.detection.opencv;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
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

    /**
     * As {@code Imgproc.morphologyEx(image.submat(region), closed, MORPH_CLOSE, kw x kh rectangle)} with OpenCV's
     * default anchor and border, to the pixel, for odd {@code kw} and {@code kh}: the dilation reads the image's pixels
     * around the region (as OpenCV does for a region of a larger image; outside the image they count as 0), the
     * erosion only the dilated region (255 outside it). OpenCV's rectangle filters take k maxima (or minima) per pixel
     * for a side of k, and a plate candidate's refinement uses kernels up to ~50 wide on regions up to 1800x900 of a
     * 1080p frame: several milliseconds. From a side of {@link #EXTREMES_FROM} on, each direction is instead a chain
     * of steps, each the maximum (minimum) of a pixel and the one s further on, s = 1, 2, 4, ... up to k - 1 in all:
     * about log2(k) vectorised operations per pixel and direction, on the region padded with the neutral value so that
     * every window lies inside the padded image and no border rule counts (max and min are exact, so any order of them
     * gives the same pixels). The caller releases the result.
     */
    public static Mat closeRect(Mat image, Rect region, int kw, int kh) {
        if (kw < 1 || kw % 2 == 0 || kh < 1 || kh % 2 == 0) {
            throw new IllegalArgumentException("kernel sides must be odd and positive: " + kw + "x" + kh);
        }
        if (Math.max(kw, kh) >= EXTREMES_FROM) {
            return closeRectByExtremes(image, region, kw, kh);
        }
        Mat sub = image.submat(region);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(kw, kh));
        Mat closed = new Mat();
        Imgproc.morphologyEx(sub, closed, Imgproc.MORPH_CLOSE, kernel);
        sub.release();
        kernel.release();
        return closed;
    }

    /**
     * The kernel side from which {@link #closeRect} takes the chain of extremes: on plate-shaped regions (32k x 12k px
     * for a side of k, a throwaway timing) OpenCV's own closing was as fast up to k = 17 and slower from 23 on (twice
     * as slow at 41-53).
     */
    static final int EXTREMES_FROM = 21;

    /** {@link #closeRect} by the chain of extremes, whatever the kernel's size. */
    static Mat closeRectByExtremes(Mat image, Rect region, int kw, int kh) {
        int rx = kw / 2;
        int ry = kh / 2;
        // The image's pixels within the kernel's reach of the region, 0 where the window leaves the image.
        int x0 = Math.max(0, region.x - rx);
        int y0 = Math.max(0, region.y - ry);
        int x1 = Math.min(image.cols(), region.x + region.width + rx);
        int y1 = Math.min(image.rows(), region.y + region.height + ry);
        Mat around = image.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat padded = new Mat();
        Core.copyMakeBorder(around, padded, y0 - (region.y - ry), region.y + region.height + ry - y1,
                x0 - (region.x - rx), region.x + region.width + rx - x1, Core.BORDER_CONSTANT | Core.BORDER_ISOLATED,
                new Scalar(0));
        around.release();
        Mat dilated = slidingExtreme(padded, kw, kh, true);
        padded.release();
        Core.copyMakeBorder(dilated, padded, ry, ry, rx, rx, Core.BORDER_CONSTANT | Core.BORDER_ISOLATED, new Scalar(255));
        dilated.release();
        Mat closed = slidingExtreme(padded, kw, kh, false);
        padded.release();
        return closed;
    }

    /**
     * The maxima ({@code max}) or minima of the kw x kh windows that lie wholly inside {@code padded}, the first at
     * its top-left corner: a matrix kw - 1 narrower and kh - 1 lower, which the caller releases.
     */
    private static Mat slidingExtreme(Mat padded, int kw, int kh, boolean max) {
        Mat a = padded;
        // After steps of spans s1, s2, ... each pixel holds the extreme of the next 1 + s1 + s2 + ... pixels: each
        // step is the extreme of the matrix and itself moved s pixels on, one vectorised operation.
        for (int horizontal = 1; horizontal >= 0; horizontal--) {
            int k = horizontal == 1 ? kw : kh;
            int covered = 0;
            while (covered < k - 1) {
                int s = Math.min(covered + 1, k - 1 - covered);
                int w = a.cols() - (horizontal == 1 ? s : 0);
                int h = a.rows() - (horizontal == 1 ? 0 : s);
                Mat here = a.submat(new Rect(0, 0, w, h));
                Mat further = a.submat(horizontal == 1 ? new Rect(s, 0, w, h) : new Rect(0, s, w, h));
                Mat b = new Mat();
                if (max) {
                    Core.max(here, further, b);
                } else {
                    Core.min(here, further, b);
                }
                here.release();
                further.release();
                if (a != padded) {
                    a.release();
                }
                a = b;
                covered += s;
            }
        }
        return a == padded ? padded.clone() : a;
    }
}
