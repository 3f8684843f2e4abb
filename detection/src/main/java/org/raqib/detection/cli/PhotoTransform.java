package org.raqib.detection.cli;

import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.Box;
import org.raqib.detection.opencv.Affine;

/**
 * A change made to a labelled photo before it is recognised, to see how recognition holds up beyond the photos
 * as they are (smaller plates, a tilted camera, flat or dark light, a camera out of focus, a vehicle moving during
 * the exposure, heavy compression), and with the labelled plate painted out (what is then reported is not that
 * plate). The label's box goes through the same geometry. The photo is decoded to gray (the recogniser works on
 * gray) and re-encoded losslessly (PNG) unless a JPEG quality is given. In order: the plate erased, contrast and
 * brightness, the close-up, the turn and scale, the blurs (in the changed photo's pixels, as its camera would
 * blur it), the encoding.
 *
 * @param scale       size factor (1: unchanged)
 * @param rotate      rotation about the centre in degrees, counter-clockwise (0: none); the label becomes the
 *                    bounds of its rotated corners, a little looser than the plate
 * @param contrast    gain about mid gray (1: unchanged)
 * @param brightness  gray levels added after the gain (0: unchanged)
 * @param jpeg        JPEG quality 1..100 to re-encode with, or 0 for lossless
 * @param erasePlate  whether the labelled box is filled with the mean gray of a thin ring around it
 * @param closeUp     a close-up camera: the photo's window about the labelled plate in which the plate is this
 *                    many pixels wide, enlarged to the photo's own size (the plate kept whole, with a tenth of its
 *                    size to spare each way; the window kept inside the photo); 0, or a plate already as wide: no
 *                    change. Applied before the rotation and scale
 * @param blur        standard deviation in pixels of a Gaussian blur, a camera out of focus (0: none)
 * @param motionBlur  length in pixels of a motion blur, a vehicle moving while the shutter is open: each pixel the
 *                    mean of a line this long centred on it (0: none; at least 2 otherwise)
 * @param motionAngle direction of that line in degrees, counter-clockwise from the image's rows (0: along the rows,
 *                    a vehicle crossing the view; 90: along the columns, one driving towards the camera)
 */
public record PhotoTransform(double scale, double rotate, double contrast, double brightness, int jpeg,
        boolean erasePlate, int closeUp, double blur, int motionBlur, double motionAngle) {

    /** No change. */
    public static final PhotoTransform NONE = new PhotoTransform(1, 0, 1, 0, 0, false, 0);

    /** Without blur. */
    public PhotoTransform(double scale, double rotate, double contrast, double brightness, int jpeg,
            boolean erasePlate, int closeUp) {
        this(scale, rotate, contrast, brightness, jpeg, erasePlate, closeUp, 0, 0, 0);
    }

    /** Without a close-up or blur. */
    public PhotoTransform(double scale, double rotate, double contrast, double brightness, int jpeg,
            boolean erasePlate) {
        this(scale, rotate, contrast, brightness, jpeg, erasePlate, 0);
    }

    /** This with the blurs given (see the record's parameters). */
    public PhotoTransform withBlur(double sigma, int length, double angle) {
        return new PhotoTransform(scale, rotate, contrast, brightness, jpeg, erasePlate, closeUp, sigma, length, angle);
    }

    /** Whether this changes nothing (the photo's own bytes are then recognised). */
    public boolean identity() {
        return equals(NONE);
    }

    /** Fails fast on impossible values; returns this. */
    public PhotoTransform validate() {
        if (!(scale >= 0.1 && scale <= 4)) {
            throw new IllegalArgumentException("scale must be in 0.1..4, was " + scale);
        }
        if (!(Math.abs(rotate) <= 45)) {
            throw new IllegalArgumentException("rotate must be in -45..45 degrees, was " + rotate);
        }
        if (!(contrast > 0 && contrast <= 4)) {
            throw new IllegalArgumentException("contrast must be in (0, 4], was " + contrast);
        }
        if (!(Math.abs(brightness) <= 255)) {
            throw new IllegalArgumentException("brightness must be in -255..255, was " + brightness);
        }
        if (jpeg < 0 || jpeg > 100) {
            throw new IllegalArgumentException("jpeg must be 1..100 (0: lossless), was " + jpeg);
        }
        if (closeUp < 0 || closeUp > 4000) {
            throw new IllegalArgumentException("close-up must be 1..4000 px (0: none), was " + closeUp);
        }
        if (!(blur >= 0 && blur <= 20)) {
            throw new IllegalArgumentException("blur must be 0..20 px (0: none), was " + blur);
        }
        if (motionBlur == 1 || motionBlur < 0 || motionBlur > 100) {
            throw new IllegalArgumentException("motion blur must be 2..100 px (0: none), was " + motionBlur);
        }
        if (!(Math.abs(motionAngle) <= 90)) {
            throw new IllegalArgumentException("motion angle must be in -90..90 degrees, was " + motionAngle);
        }
        return this;
    }

    /** One line for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "scale %.2f, rotate %.1f deg, contrast %.2f, brightness %+.0f, %s%s%s%s", scale,
                rotate, contrast, brightness, jpeg == 0 ? "lossless" : "JPEG " + jpeg,
                erasePlate ? ", labelled plate erased" : "",
                blur > 0 ? String.format(Locale.ROOT, ", Gaussian blur %.1f px", blur) : "",
                motionBlur > 0 ? String.format(Locale.ROOT, ", motion blur %d px at %.0f deg", motionBlur, motionAngle) : "");
    }

    /** A transformed photo: its encoded bytes and the label's box in it. */
    public record Result(byte[] encoded, Box truth) {
    }

    /**
     * Applies this to the encoded photo {@code encoded} whose labelled plate is {@code truth}.
     *
     * @throws IllegalArgumentException if the bytes do not decode
     */
    public Result apply(byte[] encoded, Box truth) {
        MatOfByte buf = new MatOfByte(encoded);
        Mat gray = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_GRAYSCALE | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        buf.release();
        if (gray.empty()) {
            throw new IllegalArgumentException("not a decodable image (" + encoded.length + " bytes)");
        }
        try {
            if (erasePlate) {
                erase(gray, truth);
            }
            if (contrast != 1 || brightness != 0) {
                gray.convertTo(gray, CvType.CV_8U, contrast, 128 * (1 - contrast) + brightness);
            }
            Box box = truth;
            if (closeUp > 0) {
                Mat m = closeUpWindow(gray.cols(), gray.rows(), truth);
                if (m != null) {
                    Mat near = new Mat();
                    Size size = gray.size();
                    Imgproc.warpAffine(gray, near, m, size, Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
                    box = Affine.bounds(m, truth, size);
                    m.release();
                    gray.release();
                    gray = near;
                }
            }
            if (rotate != 0 || scale != 1) {
                Mat m = Affine.rotation(gray.size(), rotate, scale);
                // The rotation keeps the centre; the scale shrinks or grows the canvas with the content.
                Size out = Affine.outputSize(gray.size(), scale);
                Mat warped = new Mat();
                Imgproc.warpAffine(gray, warped, m, out, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR,
                        Core.BORDER_REPLICATE);
                box = Affine.bounds(m, box, out);
                m.release();
                gray.release();
                gray = warped;
            }
            if (blur > 0) {
                Imgproc.GaussianBlur(gray, gray, new Size(0, 0), blur, blur, Core.BORDER_REPLICATE);
            }
            if (motionBlur > 0) {
                Mat kernel = motionKernel(motionBlur, motionAngle);
                Imgproc.filter2D(gray, gray, -1, kernel, new Point(-1, -1), 0, Core.BORDER_REPLICATE);
                kernel.release();
            }
            MatOfByte enc = new MatOfByte();
            if (jpeg > 0) {
                Imgcodecs.imencode(".jpg", gray, enc, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpeg));
            } else {
                Imgcodecs.imencode(".png", gray, enc);
            }
            byte[] bytes = enc.toArray();
            enc.release();
            return new Result(bytes, box);
        } finally {
            gray.release();
        }
    }

    /**
     * The affine map that enlarges the window about {@code plate} in which it is {@code closeUp} px wide to the
     * whole {@code cols} x {@code rows} photo, or null when the plate is already that wide. The enlargement is
     * held down so that the plate and a tenth of its size each way still fit; the window is centred on the plate
     * and moved inside the photo where it would cross an edge.
     */
    Mat closeUpWindow(int cols, int rows, Box plate) {
        double f = Math.min(closeUp / (double) plate.width(),
                Math.min(cols / (plate.width() * 1.2), rows / (plate.height() * 1.2)));
        if (!(f > 1)) {
            return null;
        }
        double ww = cols / f;
        double wh = rows / f;
        double x0 = Math.max(0, Math.min(cols - ww, plate.x() + plate.width() / 2.0 - ww / 2));
        double y0 = Math.max(0, Math.min(rows - wh, plate.y() + plate.height() / 2.0 - wh / 2));
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, f, 0, -x0 * f, 0, f, -y0 * f);
        return m;
    }

    /**
     * The kernel of a motion blur {@code length} px long along {@code degrees} (counter-clockwise from the rows): a
     * line through the centre of a square of odd side, its weights summing to 1.
     */
    static Mat motionKernel(int length, double degrees) {
        int side = length | 1;
        double c = (side - 1) / 2.0;
        double half = (length - 1) / 2.0;
        double dx = Math.cos(Math.toRadians(degrees));
        double dy = -Math.sin(Math.toRadians(degrees));
        Mat kernel = Mat.zeros(side, side, CvType.CV_32F);
        // Samples along the line, a few per pixel, each marking its nearest cell.
        int samples = 4 * side;
        for (int i = 0; i <= samples; i++) {
            double t = -half + 2 * half * i / samples;
            kernel.put((int) Math.round(c + t * dy), (int) Math.round(c + t * dx), 1f);
        }
        Core.divide(kernel, Core.sumElems(kernel), kernel);
        return kernel;
    }

    /** Fills the box (grown by a pixel) with the mean gray of a 3-px ring around it. */
    private static void erase(Mat gray, Box b) {
        Rect inner = clip(new Rect(b.x() - 1, b.y() - 1, b.width() + 2, b.height() + 2), gray);
        Rect outer = clip(new Rect(inner.x - 3, inner.y - 3, inner.width + 6, inner.height + 6), gray);
        if (inner.area() <= 0) {
            return;
        }
        Mat ringMask = Mat.zeros(gray.size(), CvType.CV_8U);
        ringMask.submat(outer).setTo(new Scalar(255));
        ringMask.submat(inner).setTo(new Scalar(0));
        Scalar mean = Core.mean(gray, ringMask);
        ringMask.release();
        gray.submat(inner).setTo(mean);
    }

    private static Rect clip(Rect r, Mat m) {
        int x0 = Math.max(0, r.x);
        int y0 = Math.max(0, r.y);
        int x1 = Math.min(m.cols(), r.x + r.width);
        int y1 = Math.min(m.rows(), r.y + r.height);
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
