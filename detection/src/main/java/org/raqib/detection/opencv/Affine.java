package org.raqib.detection.opencv;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.Box;

/**
 * A photo turned (and scaled) about its centre, and a labelled box carried along: what {@code eval --rotate} does to a
 * photo to see how recognition holds up on a tilted camera, what the localiser's training does to teach its scorer
 * tilted plates ({@code train-locator --tilted-copies}), and what the recogniser does to search a photo turned
 * ({@code PlateRecognizer}'s turned search): one geometry for all three.
 */
public final class Affine {

    private Affine() {
    }

    /**
     * The 2x3 map that turns an image of {@code size} by {@code degrees} (counter-clockwise) about its centre and scales
     * it by {@code scale}, the canvas growing or shrinking with the content (see {@link #outputSize}).
     */
    public static Mat rotation(Size size, double degrees, double scale) {
        Point centre = new Point(size.width / 2.0, size.height / 2.0);
        Mat m = Imgproc.getRotationMatrix2D(centre, degrees, scale);
        Size out = outputSize(size, scale);
        m.put(0, 2, m.get(0, 2)[0] + (out.width - size.width) / 2.0);
        m.put(1, 2, m.get(1, 2)[0] + (out.height - size.height) / 2.0);
        return m;
    }

    /** The canvas of an image of {@code size} scaled by {@code scale}. */
    public static Size outputSize(Size size, double scale) {
        return new Size(Math.max(1, Math.round(size.width * scale)), Math.max(1, Math.round(size.height * scale)));
    }

    /**
     * {@code image} under {@code rotation} (a map of {@link #rotation} at scale 1), same size, the corners filled by
     * replicating the edge (a new Mat; the caller releases it).
     */
    public static Mat rotate(Mat image, Mat rotation) {
        Mat out = new Mat();
        Imgproc.warpAffine(image, out, rotation, image.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        return out;
    }

    /** The bounds of {@code b}'s corners under the 2x3 affine {@code m}, clipped to {@code size}. */
    public static Box bounds(Mat m, Box b, Size size) {
        double[] r0 = {m.get(0, 0)[0], m.get(0, 1)[0], m.get(0, 2)[0]};
        double[] r1 = {m.get(1, 0)[0], m.get(1, 1)[0], m.get(1, 2)[0]};
        double[][] corners = {{b.x(), b.y()}, {b.x() + b.width(), b.y()}, {b.x() + b.width(), b.y() + b.height()},
                {b.x(), b.y() + b.height()}};
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (double[] c : corners) {
            double x = r0[0] * c[0] + r0[1] * c[1] + r0[2];
            double y = r1[0] * c[0] + r1[1] * c[1] + r1[2];
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        int ix = (int) Math.max(0, Math.round(x0));
        int iy = (int) Math.max(0, Math.round(y0));
        int ix1 = (int) Math.min(size.width, Math.round(x1));
        int iy1 = (int) Math.min(size.height, Math.round(y1));
        return new Box(ix, iy, Math.max(1, ix1 - ix), Math.max(1, iy1 - iy));
    }
}
