package org.raqib.detection.read;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Test scenes: a plate tilted in its photo, cut by the upright box a localiser would give around it. */
public final class TiltedCrops {
    private TiltedCrops() {
    }

    /**
     * {@code plate} on a dark surround, turned by {@code degrees} (positive: falling to the right), and cut by the
     * axis-aligned box around it, its bottom edge moved down by {@code extra} of the box's height (0: the box itself).
     */
    public static Mat tilted(Mat plate, double degrees, double extra) {
        int pw = plate.cols();
        int ph = plate.rows();
        double rise = pw * Math.abs(Math.sin(Math.toRadians(degrees)));
        int mx = pw / 10;
        int my = ph / 2 + (int) Math.ceil(rise);
        Mat padded = new Mat();
        Core.copyMakeBorder(plate, padded, my, my, mx, mx, Core.BORDER_CONSTANT, new Scalar(70, 70, 70));
        Mat rot = Imgproc.getRotationMatrix2D(new Point(padded.cols() / 2.0, padded.rows() / 2.0), -degrees, 1);
        Mat turned = new Mat();
        Imgproc.warpAffine(padded, turned, rot, padded.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        int half = (int) Math.round((ph + rise) / 2);
        int top = turned.rows() / 2 - half;
        int height = Math.min(turned.rows() - top, (int) Math.round(2 * half * (1 + extra)));
        Mat crop = turned.submat(new Rect(mx - 2, top, pw + 4, height)).clone();
        rot.release();
        padded.release();
        turned.release();
        return crop;
    }
}
