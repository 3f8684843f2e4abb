package org.raqib.detection.synth.video;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.PlateMeasure;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

/**
 * Synthetic video of vehicles with Saudi plates driving towards a {@link RoadCamera}: the road with lane
 * markings, each vehicle's front with its plate (drawn by {@link PlateRenderer}, warped by the exact
 * projection), motion blur over the shutter time, defocus, sensor noise, JPEG; every frame stamped by a
 * jittery camera clock. Frame {@code i} is a pure function of (camera, vehicles, options, seed, i), so
 * frames can be rendered in any order or in parallel.
 *
 * <p>Not thread-safe (a per-vehicle plate cache); use one instance per thread.
 */
public final class SyntheticVideo {

    /** Width of a standard (two-row) Saudi plate, metres. */
    public static final double STANDARD_WIDTH_METRES = 0.32;
    /** Width of a wide (one-row) Saudi plate, metres. */
    public static final double WIDE_WIDTH_METRES = 0.52;

    /**
     * Ground truth of one plate in one frame.
     *
     * @param text plate text
     * @param speedKmh the vehicle's true speed
     * @param roadX true X of the plate centre at the frame's true time, metres
     * @param roadY true Y of the plate centre
     * @param centreX pixel column of the projected plate centre
     * @param centreY pixel row of the projected plate centre
     * @param box axis-aligned box {x, y, width, height} of the plate's quad
     */
    public record PlateTruth(String text, double speedKmh, double roadX, double roadY, double centreX, double centreY,
                             int[] box) {
        @Override
        public String toString() {
            return "PlateTruth[" + speedKmh + " km/h at " + roadX + " m]";
        }
    }

    /**
     * One frame.
     *
     * @param index frame number from 0
     * @param captureMillis capture time as the camera stamps it (epoch ms, with clock jitter)
     * @param trueMillis exact capture time (epoch ms, fractional)
     * @param jpeg the image
     * @param plates ground truth of every plate fully inside the frame
     */
    public record Frame(int index, long captureMillis, double trueMillis, byte[] jpeg, List<PlateTruth> plates) {
    }

    private final RoadCamera camera;
    private final List<VideoVehicle> vehicles;
    private final VideoOptions options;
    private final long seed;
    private final long epochMillis;
    private final Map<Integer, Mat> plateImages = new HashMap<>();
    private Mat background;

    /**
     * @param epochMillis wall-clock time of frame 0 (scenario time 0)
     */
    public SyntheticVideo(RoadCamera camera, List<VideoVehicle> vehicles, VideoOptions options, long seed, long epochMillis) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.vehicles = List.copyOf(vehicles);
        this.options = options.validate();
        this.seed = seed;
        this.epochMillis = epochMillis;
    }

    /** The camera. */
    public RoadCamera camera() {
        return camera;
    }

    /** The vehicles. */
    public List<VideoVehicle> vehicles() {
        return vehicles;
    }

    /** Number of frames until the last vehicle has left the view. */
    public int frameCount() {
        double end = 0;
        double[] range = visibleRange(camera, STANDARD_WIDTH_METRES, 0.5);
        for (VideoVehicle v : vehicles) {
            double leave = v.startMillis() + (v.startX() - range[0] + 1) / (v.speedKmh() / 3.6) * 1000;
            end = Math.max(end, leave);
        }
        return (int) Math.ceil(end / 1000 * options.fps()) + 1;
    }

    /** Exact scenario time of frame {@code index}, ms. */
    public double scenarioMillis(int index) {
        return index * 1000 / options.fps();
    }

    /** Renders frame {@code index}. */
    public Frame frame(int index) {
        OpenCvLoader.load();
        double t = scenarioMillis(index);
        Random rnd = new Random(seed * 1_000_003L + index);
        long stamp = Math.round(epochMillis + t + rnd.nextGaussian() * options.jitterMillis());
        List<PlateTruth> truths = new ArrayList<>();
        Mat img = background().clone();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vehicles.size(); i++) {
            order.add(i);
        }
        // Far vehicles first, so nearer ones cover them.
        order.sort(Comparator.comparingDouble((Integer i) -> -vehicles.get(i).xAt(t)));
        for (int i : order) {
            VideoVehicle v = vehicles.get(i);
            double x = v.xAt(t);
            if (x < 1.5 || x > 150) {
                continue;
            }
            drawVehicle(img, v, x, rnd);
            PlateTruth truth = drawPlate(img, i, v, x, t);
            if (truth != null) {
                truths.add(truth);
            }
        }
        if (options.blurSigma() > 0) {
            Imgproc.GaussianBlur(img, img, new Size(0, 0), options.blurSigma());
        }
        if (options.noiseSigma() > 0) {
            Mat noisy = new Mat();
            img.convertTo(noisy, CvType.CV_16SC3);
            Mat noise = new Mat(img.size(), CvType.CV_16SC3);
            Core.setRNGSeed((int) (seed * 31 + index));
            Core.randn(noise, 0, options.noiseSigma());
            Core.add(noisy, noise, noisy);
            noisy.convertTo(img, CvType.CV_8UC3);
            noisy.release();
            noise.release();
        }
        MatOfByte buf = new MatOfByte();
        Imgcodecs.imencode(".jpg", img, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, options.jpegQuality()));
        byte[] jpeg = buf.toArray();
        img.release();
        buf.release();
        return new Frame(index, stamp, epochMillis + t, jpeg, truths);
    }

    /**
     * The X range {near, far} (metres) over which a plate of width {@code plateWidth} at height
     * {@code plateHeight} on the lane centre is fully inside the frame.
     */
    public static double[] visibleRange(RoadCamera camera, double plateWidth, double plateHeight) {
        double near = Double.NaN;
        double far = Double.NaN;
        for (double x = 1; x <= 200; x += 0.05) {
            double[] a = camera.project(x, camera.lateralMetres() - plateWidth / 2, plateHeight + 0.1);
            double[] b = camera.project(x, camera.lateralMetres() + plateWidth / 2, plateHeight - 0.1);
            boolean in = a != null && b != null && a[0] >= 0 && a[1] >= 0 && b[0] < camera.imageWidth()
                    && b[1] < camera.imageHeight();
            if (in) {
                if (Double.isNaN(near)) {
                    near = x;
                }
                far = x;
            }
        }
        if (Double.isNaN(near)) {
            throw new IllegalArgumentException("no plate is ever fully in view of " + camera);
        }
        return new double[] {near, far};
    }

    /**
     * One vehicle after another at the given speeds, each entering the view as the previous one leaves
     * (about 0.3 s apart), with random plates, lateral wander up to 0.3 m and plate heights 0.45-0.55 m.
     */
    public static List<VideoVehicle> convoy(RoadCamera camera, double[] speedsKmh, long seed) {
        Random rnd = new Random(seed);
        double[] range = visibleRange(camera, WIDE_WIDTH_METRES, 0.5);
        double startX = range[1] + 2;
        double endX = range[0] - 1;
        List<VideoVehicle> out = new ArrayList<>();
        double t = 200;
        for (double speed : speedsKmh) {
            String text = SyntheticPlates.randomText(rnd);
            PlateSpec spec = SyntheticPlates.randomSpec(text, rnd);
            out.add(new VideoVehicle(spec, speed, camera.lateralMetres() + (rnd.nextDouble() - 0.5) * 0.6,
                    0.45 + rnd.nextDouble() * 0.1, Math.round(t), startX));
            t += (startX - endX) / (speed / 3.6) * 1000 + 300;
        }
        return out;
    }

    private Mat background() {
        if (background != null) {
            return background;
        }
        int w = camera.imageWidth();
        int h = camera.imageHeight();
        Mat bg = new Mat(h, w, CvType.CV_8UC3, new Scalar(92, 94, 96));
        double horizon = h / 2.0 - camera.focalPixels() * Math.tan(Math.toRadians(camera.tiltDegrees()));
        if (horizon > 0) {
            Imgproc.rectangle(bg, new Point(0, 0), new Point(w, Math.min(h, horizon)), new Scalar(215, 190, 160), -1);
        }
        // Shoulders and lane markings: solid edges at +-5.4 m, dashed lane lines at +-1.8 m (3 m on, 6 m off).
        for (double y : new double[] {-5.4, 5.4}) {
            line(bg, y, 2, 200, new Scalar(210, 210, 210), 0.15);
        }
        for (double y : new double[] {-1.8, 1.8}) {
            for (double x = 2; x < 200; x += 9) {
                line(bg, y, x, x + 3, new Scalar(235, 235, 235), 0.12);
            }
        }
        Mat texture = new Mat(bg.size(), CvType.CV_16SC3);
        Core.setRNGSeed((int) seed);
        Core.randn(texture, 0, 6);
        Mat tmp = new Mat();
        bg.convertTo(tmp, CvType.CV_16SC3);
        Core.add(tmp, texture, tmp);
        tmp.convertTo(bg, CvType.CV_8UC3);
        background = bg;
        return bg;
    }

    private void line(Mat img, double y, double x0, double x1, Scalar colour, double widthMetres) {
        double[] a = camera.project(x0, y - widthMetres / 2, 0);
        double[] b = camera.project(x0, y + widthMetres / 2, 0);
        double[] c = camera.project(x1, y + widthMetres / 2, 0);
        double[] d = camera.project(x1, y - widthMetres / 2, 0);
        if (a == null || b == null || c == null || d == null) {
            return;
        }
        fill(img, new double[][] {a, b, c, d}, colour);
    }

    private static void fill(Mat img, double[][] pts, Scalar colour) {
        Point[] p = new Point[pts.length];
        for (int i = 0; i < pts.length; i++) {
            p[i] = new Point(pts[i][0], pts[i][1]);
        }
        MatOfPoint poly = new MatOfPoint(p);
        Imgproc.fillConvexPoly(img, poly, colour, Imgproc.LINE_AA);
        poly.release();
    }

    private void drawVehicle(Mat img, VideoVehicle v, double x, Random rnd) {
        Random colourRnd = new Random(v.plate().text().hashCode());
        Scalar body = new Scalar(40 + colourRnd.nextInt(200), 40 + colourRnd.nextInt(200), 40 + colourRnd.nextInt(200));
        double y = v.laneY();
        double[][] front = {
            camera.project(x + 0.02, y - 0.9, 1.25), camera.project(x + 0.02, y + 0.9, 1.25),
            camera.project(x + 0.02, y + 0.9, 0.2), camera.project(x + 0.02, y - 0.9, 0.2)};
        double[][] hood = {
            camera.project(x + 1.4, y - 0.85, 1.3), camera.project(x + 1.4, y + 0.85, 1.3),
            camera.project(x + 0.02, y + 0.9, 1.25), camera.project(x + 0.02, y - 0.9, 1.25)};
        double[][] glass = {
            camera.project(x + 2.4, y - 0.75, 1.75), camera.project(x + 2.4, y + 0.75, 1.75),
            camera.project(x + 1.4, y + 0.85, 1.3), camera.project(x + 1.4, y - 0.85, 1.3)};
        for (double[][] poly : List.of(glass, hood, front)) {
            for (double[] p : poly) {
                if (p == null) {
                    return;
                }
            }
        }
        fill(img, glass, new Scalar(50, 45, 40));
        fill(img, hood, body.mul(new Scalar(1.1, 1.1, 1.1)));
        fill(img, front, body);
        // Grille and lamps, so the plate is not the only structure on the vehicle.
        double[][] grille = {
            camera.project(x + 0.01, y - 0.6, 0.95), camera.project(x + 0.01, y + 0.6, 0.95),
            camera.project(x + 0.01, y + 0.6, 0.75), camera.project(x + 0.01, y - 0.6, 0.75)};
        fill(img, grille, new Scalar(30, 30, 30));
        for (double side : new double[] {-0.72, 0.72}) {
            double[][] lamp = {
                camera.project(x + 0.01, y + side - 0.14, 1.05), camera.project(x + 0.01, y + side + 0.14, 1.05),
                camera.project(x + 0.01, y + side + 0.14, 0.95), camera.project(x + 0.01, y + side - 0.14, 0.95)};
            fill(img, lamp, new Scalar(225, 230, 235));
        }
    }

    private PlateTruth drawPlate(Mat img, int index, VideoVehicle v, double x, double t) {
        boolean wide = v.plate().layout() == PlateLayout.WIDE;
        double pw = wide ? WIDE_WIDTH_METRES : STANDARD_WIDTH_METRES;
        double aspect = wide ? PlateMeasure.WIDE_ASPECT : PlateMeasure.STANDARD_ASPECT;
        double ph = pw / aspect;
        double y = v.laneY();
        double z = v.plateHeightMetres();
        double[][] quad = {
            camera.project(x, y - pw / 2, z + ph / 2), camera.project(x, y + pw / 2, z + ph / 2),
            camera.project(x, y + pw / 2, z - ph / 2), camera.project(x, y - pw / 2, z - ph / 2)};
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : quad) {
            if (p == null) {
                return null;
            }
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        int x0 = (int) Math.floor(minX) - 2;
        int y0 = (int) Math.floor(minY) - 2;
        int x1 = (int) Math.ceil(maxX) + 2;
        int y1 = (int) Math.ceil(maxY) + 2;
        if (x1 <= 0 || y1 <= 0 || x0 >= img.cols() || y0 >= img.rows()) {
            return null;
        }
        Mat plate = plateImages.computeIfAbsent(index, k -> Mats.toBgr(PlateRenderer.render(v.plate())));
        Rect roi = new Rect(Math.max(0, x0), Math.max(0, y0), Math.min(img.cols(), x1) - Math.max(0, x0),
                Math.min(img.rows(), y1) - Math.max(0, y0));
        MatOfPoint2f src = new MatOfPoint2f(new Point(0, 0), new Point(plate.cols(), 0),
                new Point(plate.cols(), plate.rows()), new Point(0, plate.rows()));
        MatOfPoint2f dst = new MatOfPoint2f(
                new Point(quad[0][0] - roi.x, quad[0][1] - roi.y), new Point(quad[1][0] - roi.x, quad[1][1] - roi.y),
                new Point(quad[2][0] - roi.x, quad[2][1] - roi.y), new Point(quad[3][0] - roi.x, quad[3][1] - roi.y));
        Mat m = Imgproc.getPerspectiveTransform(src, dst);
        Mat warped = new Mat();
        Imgproc.warpPerspective(plate, warped, m, roi.size(), Imgproc.INTER_AREA);
        Mat mask = new Mat(plate.size(), CvType.CV_8UC1, new Scalar(255));
        Mat warpedMask = new Mat();
        Imgproc.warpPerspective(mask, warpedMask, m, roi.size(), Imgproc.INTER_LINEAR);
        // Motion blur: the plate's image motion during the shutter time, as a line kernel.
        double[] later = camera.project(v.xAt(t + options.exposureMillis()), y, z);
        double[] now = camera.project(x, y, z);
        double dx = later[0] - now[0];
        double dy = later[1] - now[1];
        double len = Math.hypot(dx, dy);
        if (len >= 1) {
            int k = (int) Math.ceil(len) | 1;
            Mat kernel = Mat.zeros(k, k, CvType.CV_32F);
            Imgproc.line(kernel, new Point(k / 2.0 - dx / 2, k / 2.0 - dy / 2), new Point(k / 2.0 + dx / 2, k / 2.0 + dy / 2),
                    new Scalar(1), 1, Imgproc.LINE_AA);
            Core.divide(kernel, new Scalar(Math.max(1e-6, Core.sumElems(kernel).val[0])), kernel);
            Imgproc.filter2D(warped, warped, -1, kernel);
            Imgproc.filter2D(warpedMask, warpedMask, -1, kernel);
            kernel.release();
        }
        Mat target = img.submat(roi);
        Mat binaryMask = new Mat();
        Imgproc.threshold(warpedMask, binaryMask, 127, 255, Imgproc.THRESH_BINARY);
        warped.copyTo(target, binaryMask);
        for (Mat mm : List.of(src, dst, m, warped, mask, warpedMask, binaryMask, target)) {
            mm.release();
        }
        if (x0 < 0 || y0 < 0 || x1 > img.cols() || y1 > img.rows()) {
            return null; // partly outside the frame: no ground truth, a reader may not see it whole
        }
        int bx = (int) Math.floor(minX);
        int by = (int) Math.floor(minY);
        return new PlateTruth(v.plate().text(), v.speedKmh(), x, y, now[0], now[1],
                new int[] {bx, by, (int) Math.ceil(maxX) - bx, (int) Math.ceil(maxY) - by});
    }

    /** A frame as a Java2D image (for callers that do not want to decode the JPEG). */
    public static BufferedImage decode(Frame frame) {
        OpenCvLoader.load();
        Mat m = Imgcodecs.imdecode(new MatOfByte(frame.jpeg()), Imgcodecs.IMREAD_COLOR);
        BufferedImage img = Mats.toImage(m);
        m.release();
        return img;
    }
}
