package org.raqib.detection.synth;

import java.util.List;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * A deterministic stream of synthetic training crops: Saudi plates in both layouts, cropped loosely
 * around the plate the way a localiser would, degraded like camera images, and non-plate crops
 * (car paint, grilles, lamps, stickers and text, parts of plates) for the plate/not-plate head.
 * The same seed always gives the same samples.
 */
public final class SyntheticPlates {

    /**
     * One crop. {@code image} is 8-bit BGR and owned by the caller (release it).
     * {@code text} and {@code layout} are meaningful only when {@code plate} is true.
     */
    public record Sample(Mat image, String text, PlateLayout layout, boolean plate) {
    }

    private static final String[] LATIN_FONTS = {
        "DejaVu Sans Condensed", "DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif Condensed", "DejaVu Serif",
        "SansSerif",
    };

    private final Random rnd;
    private final TopRowFonts topRowFonts;

    /** A stream seeded with {@code seed}, top rows in DejaVu. */
    public SyntheticPlates(long seed) {
        this(seed, TopRowFonts.DEJAVU);
    }

    /** A stream seeded with {@code seed} whose plates (and pieces of plates) have their top rows in {@code topRowFonts}. */
    public SyntheticPlates(long seed, TopRowFonts topRowFonts) {
        OpenCvLoader.load();
        this.rnd = new Random(seed);
        this.topRowFonts = topRowFonts;
    }

    /** A random canonical plate text: mostly 4 digits, sometimes 1-3 (special plates), repeated letters now and then. */
    public static String randomText(Random rnd) {
        double r = rnd.nextDouble();
        int nd = r < 0.72 ? 4 : r < 0.82 ? 3 : r < 0.91 ? 2 : 1;
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('1' + rnd.nextInt(9)));
        for (int i = 1; i < nd; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        String letters = SaudiPlate.LATIN_LETTERS;
        if (rnd.nextDouble() < 0.06) {
            char c = letters.charAt(rnd.nextInt(letters.length()));
            sb.append(c).append(c).append(c);
        } else {
            for (int i = 0; i < 3; i++) {
                sb.append(letters.charAt(rnd.nextInt(letters.length())));
            }
        }
        return sb.toString();
    }

    /** A random plate appearance for {@code text}; about a third wide, as in the real photos; top row in DejaVu. */
    public static PlateSpec randomSpec(String text, Random rnd) {
        return randomSpec(text, rnd, TopRowFonts.DEJAVU);
    }

    /** A random plate appearance for {@code text}, its top row drawn in one of {@code topRowFonts}. */
    public static PlateSpec randomSpec(String text, Random rnd, TopRowFonts topRowFonts) {
        PlateLayout layout = rnd.nextDouble() < 0.35 ? PlateLayout.WIDE : PlateLayout.STANDARD;
        List<String> arabic = topRowFonts.families();
        return new PlateSpec(text, text, layout, rnd.nextDouble() < 0.12,
                LATIN_FONTS[rnd.nextInt(LATIN_FONTS.length)], arabic.get(rnd.nextInt(arabic.size())),
                rnd.nextDouble() < 0.75, rnd.nextDouble() < 0.5, rnd.nextDouble() < 0.2);
    }

    /** The next plate crop, degraded with a strength drawn in 0..1. */
    public Sample nextPlate() {
        PlateSpec spec = randomSpec(randomText(rnd), rnd, topRowFonts);
        return plate(spec, rnd.nextDouble());
    }

    /** The next non-plate crop. */
    public Sample nextNegative() {
        return negative(rnd.nextDouble());
    }

    /**
     * Renders {@code spec}, places it with perspective on a car-like background, crops loosely around
     * it, scales it so the plate is 60-400 px wide and degrades it with {@code strength} (0 = clean).
     */
    public Sample plate(PlateSpec spec, double strength) {
        Mat plate = Mats.toBgr(PlateRenderer.render(spec));
        int pw = plate.cols();
        int ph = plate.rows();
        int cw = (int) (pw * 1.5);
        int ch = ph * 3;
        Mat canvas = Mats.toBgr(BackgroundPainter.paint(cw, ch, rnd, true));
        double[] q = Degrader.warpOnto(plate, canvas, cw / 2.0, ch / 2.0, pw * (0.92 + rnd.nextDouble() * 0.06), rnd, strength);
        plate.release();
        double x0 = Math.min(Math.min(q[0], q[2]), Math.min(q[4], q[6]));
        double x1 = Math.max(Math.max(q[0], q[2]), Math.max(q[4], q[6]));
        double y0 = Math.min(Math.min(q[1], q[3]), Math.min(q[5], q[7]));
        double y1 = Math.max(Math.max(q[1], q[3]), Math.max(q[5], q[7]));
        double bw = x1 - x0;
        double bh = y1 - y0;
        // Loose crop: localisers cut a little inside or well outside the plate border.
        double loose = 0.03 + 0.10 * strength;
        Rect r = clip(new Rect(
                (int) Math.round(x0 - bw * uniform(-0.03, loose)), (int) Math.round(y0 - bh * uniform(-0.05, loose * 2)),
                0, 0), canvas);
        int rx1 = (int) Math.round(x1 + bw * uniform(-0.03, loose));
        int ry1 = (int) Math.round(y1 + bh * uniform(-0.05, loose * 2));
        r = clip(new Rect(r.x, r.y, rx1 - r.x, ry1 - r.y), canvas);
        Mat crop = scaleToPlateWidth(canvas.submat(r), bw);
        canvas.release();
        Degrader.photometric(crop, rnd, strength);
        return new Sample(crop, spec.text(), spec.layout(), true);
    }

    /**
     * A crop that is not a plate: car surface with grilles, lamps, stickers and dealer text, a blank
     * plate-shaped panel, or a small piece of a plate (too little of it to read).
     */
    public Sample negative(double strength) {
        double kind = rnd.nextDouble();
        Mat crop;
        if (kind < 0.2) {
            // A piece of a plate: one row, the strip, or a corner, never a whole readable plate.
            PlateSpec spec = randomSpec(randomText(rnd), rnd, topRowFonts);
            Mat plate = Mats.toBgr(PlateRenderer.render(spec));
            int w = plate.cols();
            int h = plate.rows();
            Rect r = switch (rnd.nextInt(3)) {
                case 0 -> new Rect(0, rnd.nextBoolean() ? 0 : h / 2, w, h / 2);
                case 1 -> new Rect((int) (w * (0.5 + rnd.nextDouble() * 0.3)), 0, (int) (w * 0.2), h);
                default -> new Rect(rnd.nextInt(w / 2), rnd.nextInt(h / 2), w / 3, h / 2);
            };
            r = clip(r, plate);
            crop = plate.submat(r).clone();
            plate.release();
        } else {
            int w = 80 + rnd.nextInt(400);
            int h = Math.max(16, (int) (w / (1.5 + rnd.nextDouble() * 4)));
            crop = Mats.toBgr(BackgroundPainter.paint(w, h, rnd, true));
            if (kind < 0.35) {
                // A white panel with a border but no plate text (a blank plate frame or sticker).
                org.opencv.imgproc.Imgproc.rectangle(crop, new org.opencv.core.Point(w * 0.05, h * 0.1),
                        new org.opencv.core.Point(w * 0.95, h * 0.9), new org.opencv.core.Scalar(235, 235, 235), -1);
                org.opencv.imgproc.Imgproc.rectangle(crop, new org.opencv.core.Point(w * 0.05, h * 0.1),
                        new org.opencv.core.Point(w * 0.95, h * 0.9), new org.opencv.core.Scalar(30, 30, 30), 2);
            }
        }
        double target = 60 * Math.exp(rnd.nextDouble() * Math.log(400 / 60.0));
        Mat scaled = new Mat();
        double s = target / crop.cols();
        Imgproc.resize(crop, scaled, new Size(Math.max(8, crop.cols() * s), Math.max(8, crop.rows() * s)), 0, 0, Imgproc.INTER_AREA);
        crop.release();
        Degrader.photometric(scaled, rnd, strength);
        return new Sample(scaled, "", PlateLayout.UNKNOWN, false);
    }

    /** Resizes so the plate inside is 60-400 px wide (log-uniform), like plates in 598 px to 1080p frames. */
    private Mat scaleToPlateWidth(Mat crop, double plateWidth) {
        double target = 60 * Math.exp(rnd.nextDouble() * Math.log(400 / 60.0));
        double s = target / plateWidth;
        Mat out = new Mat();
        Imgproc.resize(crop, out, new Size(Math.max(8, Math.round(crop.cols() * s)), Math.max(8, Math.round(crop.rows() * s))),
                0, 0, s < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        return out;
    }

    private double uniform(double a, double b) {
        return a + rnd.nextDouble() * (b - a);
    }

    static Rect clip(Rect r, Mat m) {
        int x = Math.max(0, Math.min(m.cols() - 2, r.x));
        int y = Math.max(0, Math.min(m.rows() - 2, r.y));
        int w = Math.max(2, Math.min(m.cols() - x, r.width == 0 ? m.cols() - x : r.width));
        int h = Math.max(2, Math.min(m.rows() - y, r.height == 0 ? m.rows() - y : r.height));
        return new Rect(x, y, w, h);
    }
}
