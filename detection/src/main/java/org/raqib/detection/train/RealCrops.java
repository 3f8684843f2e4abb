package org.raqib.detection.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.models.PlateLayout;

/**
 * Plate crops cut from real labelled photos, the way a localiser would hand them to the reader: by
 * the manifest box with random margins, a little perspective and scale change (training), or by the
 * box with a fixed small margin (evaluation). Also non-plate crops from elsewhere in the photo.
 */
final class RealCrops {

    /** A decoded photo with its label. */
    record Loaded(LabelledPhotos.Photo photo, Mat image) {
        /** Layout from the box shape: wide plates are about 4.7:1, standard about 2:1. */
        PlateLayout layout() {
            return photo.width() > 3.2 * photo.height() ? PlateLayout.WIDE : PlateLayout.STANDARD;
        }
    }

    private RealCrops() {
    }

    static List<Loaded> load(List<LabelledPhotos.Photo> photos) {
        OpenCvLoader.load();
        List<Loaded> out = new ArrayList<>();
        for (LabelledPhotos.Photo p : photos) {
            Mat m = Imgcodecs.imread(p.image().toString(), Imgcodecs.IMREAD_COLOR);
            if (m.empty()) {
                throw new IllegalArgumentException("cannot decode " + p.image());
            }
            out.add(new Loaded(p, m));
        }
        return out;
    }

    /**
     * Where a crop is cut from its photo: the corners {@code q} (x, y pairs: top-left, top-right, bottom-right,
     * bottom-left) and the crop's size.
     */
    record Frame(double[] q, double w, double h) {
        /**
         * This frame with its bottom edge moved down by {@code extra} of its height along its sides, the crop's
         * height grown alike: the same plate cut taller, as the reader asks for when its row reaches the crop's
         * bottom ({@link org.raqib.detection.read.GlyphReader.Recrop}).
         */
        Frame taller(double extra) {
            double[] t = q.clone();
            t[4] += extra * (q[4] - q[2]);
            t[5] += extra * (q[5] - q[3]);
            t[6] += extra * (q[6] - q[0]);
            t[7] += extra * (q[7] - q[1]);
            return new Frame(t, w, h * (1 + extra));
        }
    }

    /** The crop of {@code l}'s photo that {@code f} frames. */
    static Mat crop(Loaded l, Frame f) {
        return warp(l.image(), f.q(), f.w(), f.h());
    }

    /** The box with a 4% margin on each side: what a good localiser produces. */
    static Mat evalCrop(Loaded l) {
        return crop(l, evalFrame(l));
    }

    /** {@link #evalCrop}'s frame. */
    static Frame evalFrame(Loaded l) {
        var p = l.photo();
        return new Frame(new double[] {
            p.x() - 0.04 * p.width(), p.y() - 0.06 * p.height(),
            p.x() + 1.04 * p.width(), p.y() - 0.06 * p.height(),
            p.x() + 1.04 * p.width(), p.y() + 1.06 * p.height(),
            p.x() - 0.04 * p.width(), p.y() + 1.06 * p.height()}, p.width() * 1.08, p.height() * 1.12);
    }

    /** A training crop: jittered margins and corners, scale change; {@code strength} 0..1 scales the jitter. */
    static Mat jitteredCrop(Loaded l, Random rnd, double strength) {
        return crop(l, jitteredFrame(l, rnd, strength));
    }

    /** {@link #jitteredCrop}'s frame (the same draws from {@code rnd}). */
    static Frame jitteredFrame(Loaded l, Random rnd, double strength) {
        var p = l.photo();
        double w = p.width();
        double h = p.height();
        double left = u(rnd, -0.04, 0.04 + 0.10 * strength) * w;
        double right = u(rnd, -0.04, 0.04 + 0.10 * strength) * w;
        double top = u(rnd, -0.06, 0.06 + 0.20 * strength) * h;
        double bottom = u(rnd, -0.06, 0.06 + 0.20 * strength) * h;
        double jx = 0.025 * strength * w;
        double jy = 0.06 * strength * h;
        double[] q = {
            p.x() - left + g(rnd, jx), p.y() - top + g(rnd, jy),
            p.x() + w + right + g(rnd, jx), p.y() - top + g(rnd, jy),
            p.x() + w + right + g(rnd, jx), p.y() + h + bottom + g(rnd, jy),
            p.x() - left + g(rnd, jx), p.y() + h + bottom + g(rnd, jy)};
        double scale = Math.exp(u(rnd, Math.log(0.55), Math.log(1.4)));
        return new Frame(q, (w + left + right) * scale, (h + top + bottom) * scale);
    }

    /** A crop of plate-like shape that does not overlap the plate (IoU below 0.05), or null if none fits. */
    static Mat negativeCrop(Loaded l, Random rnd) {
        var p = l.photo();
        Mat img = l.image();
        for (int attempt = 0; attempt < 20; attempt++) {
            int w = (int) (p.width() * u(rnd, 0.6, 1.8));
            int h = (int) Math.max(8, w / u(rnd, 1.6, 5.5));
            if (w >= img.cols() || h >= img.rows()) {
                continue;
            }
            int x = rnd.nextInt(img.cols() - w);
            int y = rnd.nextInt(img.rows() - h);
            if (iou(x, y, w, h, p.x(), p.y(), p.width(), p.height()) < 0.05) {
                return img.submat(new Rect(x, y, w, h)).clone();
            }
        }
        return null;
    }

    private static Mat warp(Mat img, double[] q, double outW, double outH) {
        int ow = (int) Math.max(8, Math.round(outW));
        int oh = (int) Math.max(8, Math.round(outH));
        MatOfPoint2f src = new MatOfPoint2f(new Point(q[0], q[1]), new Point(q[2], q[3]), new Point(q[4], q[5]), new Point(q[6], q[7]));
        MatOfPoint2f dst = new MatOfPoint2f(new Point(0, 0), new Point(ow, 0), new Point(ow, oh), new Point(0, oh));
        Mat m = Imgproc.getPerspectiveTransform(src, dst);
        Mat out = new Mat();
        Imgproc.warpPerspective(img, out, m, new Size(ow, oh), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE, new Scalar(0));
        m.release();
        return out;
    }

    static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
        double ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
        double iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
        double inter = ix * iy;
        return inter / (aw * ah + bw * bh - inter);
    }

    private static double u(Random rnd, double a, double b) {
        return a + rnd.nextDouble() * (b - a);
    }

    private static double g(Random rnd, double sd) {
        return Math.max(-2.5 * sd, Math.min(2.5 * sd, rnd.nextGaussian() * sd));
    }
}
