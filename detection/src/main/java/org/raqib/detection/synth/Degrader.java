package org.raqib.detection.synth;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Camera-like degradations applied to synthetic images: perspective placement, illumination, glare,
 * blur, sensor noise and JPEG re-encoding. {@code strength} in 0..1 scales every effect, so tests can
 * ask for clean-ish plates and training for hard ones.
 */
public final class Degrader {

    private Degrader() {
    }

    /**
     * Warps {@code plate} onto {@code canvas} (in place) with its corners at a jittered, rotated
     * rectangle centred at (cx, cy) with width {@code pw}; returns the 4 destination corners
     * clockwise from top-left as {x0,y0,x1,y1,x2,y2,x3,y3}.
     */
    static double[] warpOnto(Mat plate, Mat canvas, double cx, double cy, double pw, Random rnd, double strength) {
        double ph = pw * plate.rows() / plate.cols();
        double angle = Math.toRadians(gauss(rnd, 4 * strength, 10));
        double[] xs = {-pw / 2, pw / 2, pw / 2, -pw / 2};
        double[] ys = {-ph / 2, -ph / 2, ph / 2, ph / 2};
        // Perspective: one side shorter (yaw) or top narrower (pitch), plus small independent corner jitter.
        double yaw = gauss(rnd, 0.08 * strength, 0.25);
        double pitch = gauss(rnd, 0.05 * strength, 0.15);
        double[] dst = new double[8];
        for (int i = 0; i < 4; i++) {
            double x = xs[i];
            double y = ys[i] * (1 + yaw * Math.signum(x));
            x = x * (1 + pitch * Math.signum(ys[i]));
            x += gauss(rnd, 0.02 * strength * pw, 0.05 * pw);
            y += gauss(rnd, 0.04 * strength * ph, 0.1 * ph);
            dst[2 * i] = cx + x * Math.cos(angle) - y * Math.sin(angle);
            dst[2 * i + 1] = cy + x * Math.sin(angle) + y * Math.cos(angle);
        }
        MatOfPoint2f from = new MatOfPoint2f(new Point(0, 0), new Point(plate.cols(), 0),
                new Point(plate.cols(), plate.rows()), new Point(0, plate.rows()));
        MatOfPoint2f to = new MatOfPoint2f(new Point(dst[0], dst[1]), new Point(dst[2], dst[3]),
                new Point(dst[4], dst[5]), new Point(dst[6], dst[7]));
        Mat m = Imgproc.getPerspectiveTransform(from, to);
        Imgproc.warpPerspective(plate, canvas, m, canvas.size(), Imgproc.INTER_AREA, Core.BORDER_TRANSPARENT, new Scalar(0));
        m.release();
        return dst;
    }

    /** Photometric degradations in place on an 8-bit BGR image, the blur in proportion to its width. */
    public static void photometric(Mat img, Random rnd, double strength) {
        photometric(img, rnd, strength, img.cols());
    }

    /**
     * Photometric degradations in place on an 8-bit BGR image, the blur's width in proportion to {@code blurWidth}
     * pixels (the image's width for a plate crop; for a scene, the width of a scene whose plates are as large as
     * its own: {@link SceneGenerator}).
     */
    public static void photometric(Mat img, Random rnd, double strength, int blurWidth) {
        int w = img.cols();
        int h = img.rows();
        Mat f = new Mat();
        img.convertTo(f, CvType.CV_32FC3);
        // Illumination: gain, offset and a linear gradient (sun on one side, shade on the other).
        double gain = 1 + gauss(rnd, 0.25 * strength, 0.5);
        double offset = gauss(rnd, 25 * strength, 60);
        Core.multiply(f, new Scalar(gain, gain, gain), f);
        Core.add(f, new Scalar(offset, offset, offset), f);
        if (rnd.nextDouble() < 0.6 * strength) {
            Mat ramp = new Mat(h, w, CvType.CV_32FC3);
            double gx = gauss(rnd, 60, 120) / Math.max(1, w);
            double gy = gauss(rnd, 60, 120) / Math.max(1, h);
            float[] row = new float[w * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (float) (gx * (x - w / 2.0) + gy * (y - h / 2.0));
                    row[3 * x] = v;
                    row[3 * x + 1] = v;
                    row[3 * x + 2] = v;
                }
                ramp.put(y, 0, row);
            }
            Core.add(f, ramp, f);
            ramp.release();
        }
        // Glare: a soft bright blob, sometimes saturating part of the characters.
        if (rnd.nextDouble() < 0.3 * strength) {
            Mat blob = Mat.zeros(h, w, CvType.CV_32FC3);
            Point c = new Point(rnd.nextDouble() * w, rnd.nextDouble() * h);
            Size axes = new Size(w * (0.05 + rnd.nextDouble() * 0.3), h * (0.1 + rnd.nextDouble() * 0.4));
            double v = 60 + rnd.nextDouble() * 160;
            Imgproc.ellipse(blob, c, axes, rnd.nextDouble() * 180, 0, 360, new Scalar(v, v, v), -1);
            int k = (int) (Math.max(3, axes.width * 0.6)) | 1;
            Imgproc.GaussianBlur(blob, blob, new Size(k, k), 0);
            Core.add(f, blob, f);
            blob.release();
        }
        // Optical blur (focus) or motion blur.
        double sigma = Math.abs(gauss(rnd, 0.6 * strength, 2.0)) * Math.max(1, blurWidth / 160.0);
        if (sigma > 0.3) {
            if (rnd.nextDouble() < 0.2) {
                int k = Math.max(3, (int) Math.round(sigma * 3)) | 1;
                Mat kernel = Mat.zeros(k, k, CvType.CV_32F);
                Imgproc.line(kernel, new Point(0, k / 2.0 + gauss(rnd, 1, 2)), new Point(k - 1, k / 2.0), new Scalar(1), 1);
                Core.divide(kernel, new Scalar(Math.max(1, Core.sumElems(kernel).val[0])), kernel);
                Imgproc.filter2D(f, f, -1, kernel);
                kernel.release();
            } else {
                Imgproc.GaussianBlur(f, f, new Size(0, 0), sigma);
            }
        }
        // Sensor noise.
        double noise = Math.abs(gauss(rnd, 5 * strength, 18));
        if (noise > 0.5) {
            Mat n = new Mat(h, w, CvType.CV_32FC3);
            // OpenCV's generator is global per thread: seed it from ours so samples stay reproducible.
            Core.setRNGSeed(rnd.nextInt());
            Core.randn(n, 0, noise);
            Core.add(f, n, f);
            n.release();
        }
        f.convertTo(img, CvType.CV_8UC3);
        f.release();
        if (rnd.nextDouble() < 0.3 * strength) {
            Imgproc.cvtColor(img, img, Imgproc.COLOR_BGR2GRAY);
            Imgproc.cvtColor(img, img, Imgproc.COLOR_GRAY2BGR);
        }
        // JPEG re-encoding: blocking and ringing as from a camera or a re-saved photo.
        if (rnd.nextDouble() < 0.3 + 0.6 * strength) {
            int quality = (int) Math.round(95 - rnd.nextDouble() * 70 * strength);
            MatOfByte buf = new MatOfByte();
            Imgcodecs.imencode(".jpg", img, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
            Mat dec = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
            dec.copyTo(img);
            dec.release();
            buf.release();
        }
    }

    /** A Gaussian sample with standard deviation {@code sd}, clipped to +-{@code limit}. */
    static double gauss(Random rnd, double sd, double limit) {
        return Math.max(-limit, Math.min(limit, rnd.nextGaussian() * sd));
    }
}
