package org.raqib.detection.train;

import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.TopRow;

/**
 * Glyph-level distortions of training examples, so the classifier learns the print's shape rather than the
 * few photos it was trained on: each distorted example is what {@link GlyphClassifier#input} would give for
 * the same print photographed a little differently (tilted, sheared, scaled, squeezed, shifted by a fraction
 * of a pixel, its strokes thicker or thinner, blurred, another exposure, sensor noise). Junk examples get the
 * same distortions, so being distorted never tells a character from junk.
 */
final class GlyphAugmenter {

    /**
     * How often each kind of change is made.
     *
     * @param distort probability that an example (character or junk) is distorted
     * @param edgeCut probability that the first or the last character of a row is also given as cut by the
     *                crop's edge (up to {@link #MAX_EDGE_CUT} of its width missing), labelled as that character
     * @param otherCuts whether the boxes of the segmenter's other cuts of the row (see
     *                {@link org.raqib.detection.read.GlyphSegmenter.Hypotheses}) that have as many boxes as the
     *                text has characters are examples too, not only its own cut's
     * @param beside  whether a distorted example is added beside the plain one instead of replacing it
     * @param faint   probability that a distorted example is also made hard to see as a poor photo makes it (see
     *                {@link Poor}): faint and low in contrast, strongly blurred, thin-stroked, blocky from JPEG or
     *                shot at a low resolution
     * @param topFaint probability that a top-row cell's example is degraded so ({@link #poorCell}) in place of the
     *                plain one
     * @param small   probability that a real jittered crop is also given shrunk to a small plate's size
     *                ({@link #shrunk}) and cut and labelled again there, both rows' examples added beside the
     *                full-size crop's
     */
    record Settings(double distort, double edgeCut, boolean otherCuts, boolean beside, double faint, double topFaint,
            double small) {
        /** No change: examples exactly as the reader's input, from the segmenter's own cut. */
        static final Settings NONE = new Settings(0, 0, false, false, 0, 0, 0);

        /** Settings without small crops. */
        Settings(double distort, double edgeCut, boolean otherCuts, boolean beside, double faint, double topFaint) {
            this(distort, edgeCut, otherCuts, beside, faint, topFaint, 0);
        }

        /** Settings without the poor-photo degradations. */
        Settings(double distort, double edgeCut, boolean otherCuts, boolean beside) {
            this(distort, edgeCut, otherCuts, beside, 0, 0, 0);
        }
    }

    /** Heights in pixels a shrunk crop ({@link #shrunk}) is given: the small plates' crops that read worst. */
    static final double SMALL_MIN = 12;

    /** See {@link #SMALL_MIN}. */
    static final double SMALL_MAX = 32;

    /** A shrunk crop is at most this share of the crop's height. */
    static final double SMALL_MAX_FACTOR = 0.8;

    /**
     * {@code crop} as a small plate's crop would be: shrunk until it is {@link #SMALL_MIN} to {@link #SMALL_MAX} pixels
     * tall (at most {@link #SMALL_MAX_FACTOR} of its height), by area averaging (a camera's pixels) or, half the
     * time, bilinearly (aliased, as a warp from a coarse photo samples it). The reader's segmenter scales it back up,
     * so the glyphs it cuts carry the blur, the lost strokes and the shifted box edges of a small plate. Null when the
     * crop is already too small to shrink.
     */
    static Mat shrunk(Mat crop, Random rnd) {
        double f = Math.min(SMALL_MAX_FACTOR, u(rnd, SMALL_MIN, SMALL_MAX) / crop.rows());
        int interp = rnd.nextBoolean() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        int rows = (int) Math.round(crop.rows() * f);
        int cols = (int) Math.round(crop.cols() * f);
        if (rows < 8 || cols < 16) {
            return null;
        }
        Mat out = new Mat();
        Imgproc.resize(crop, out, new Size(cols, rows), 0, 0, interp);
        return out;
    }

    /** An edge cut never takes more than this share of a character's width: the rest still names it. */
    static final double MAX_EDGE_CUT = 0.3;

    private GlyphAugmenter() {
    }

    /** The classifier's input for {@code box} of {@code gray}, distorted at random (no poor-photo degradation). */
    static float[] distorted(Mat gray, Rect box, Random rnd) {
        return distorted(gray, box, rnd, 0);
    }

    /**
     * The classifier's input for {@code box} of {@code gray}, distorted at random, and with probability {@code faint}
     * also degraded as a poor photo would show it ({@link Poor}). With {@code faint} 0 the random stream and the
     * result are those of the distortion alone.
     */
    static float[] distorted(Mat gray, Rect box, Random rnd, double faint) {
        Rect r = GlyphClassifier.region(box);
        int w = r.width;
        int h = r.height;
        double angle = Math.toRadians(u(rnd, -4, 4));
        double shear = u(rnd, -0.12, 0.12);
        double scale = Math.exp(u(rnd, -0.1, 0.1));
        double aspect = Math.exp(u(rnd, -0.1, 0.1));
        // Source pixels per destination pixel: above 1 the glyph looks smaller.
        double sx = scale * aspect;
        double sy = scale / aspect;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double m00 = c * sx;
        double m01 = c * sx * shear - s * sy;
        double m10 = s * sx;
        double m11 = s * sx * shear + c * sy;
        double cx = r.x + w / 2.0 + u(rnd, -0.05, 0.05) * w;
        double cy = r.y + h / 2.0 + u(rnd, -0.04, 0.04) * h;
        Mat m = new Mat(2, 3, CvType.CV_64F);
        m.put(0, 0, m00, m01, cx - m00 * w / 2.0 - m01 * h / 2.0, m10, m11, cy - m10 * w / 2.0 - m11 * h / 2.0);
        Mat warped = new Mat();
        // Pixels past the crop read as its edge, as in GlyphClassifier.input.
        Imgproc.warpAffine(gray, warped, m, new Size(w, h), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP,
                Core.BORDER_REPLICATE);
        m.release();
        double stroke = rnd.nextDouble();
        if (stroke < 0.3) {
            // Erosion thickens dark print on a light plate, dilation thins it (or the reverse on a dark plate).
            Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2, 2));
            Imgproc.morphologyEx(warped, warped, stroke < 0.15 ? Imgproc.MORPH_ERODE : Imgproc.MORPH_DILATE, k);
            k.release();
        }
        if (rnd.nextDouble() < 0.3) {
            double sigma = u(rnd, 0.3, 1.0) * h / GlyphClassifier.H;
            Imgproc.GaussianBlur(warped, warped, new Size(0, 0), sigma);
        }
        Poor poor = faint > 0 && rnd.nextDouble() < faint ? Poor.draw(rnd) : null;
        if (poor != null) {
            poor.optics(warped, h, rnd);
        }
        Mat small = new Mat();
        Imgproc.resize(warped, small, new Size(GlyphClassifier.W, GlyphClassifier.H), 0, 0, Imgproc.INTER_AREA);
        warped.release();
        byte[] px = new byte[GlyphClassifier.INPUTS];
        small.get(0, 0, px);
        small.release();
        double gamma = rnd.nextDouble() < 0.5 ? Math.exp(u(rnd, -0.5, 0.5)) : 1;
        double noise = rnd.nextDouble() < 0.4 ? u(rnd, 2, 10) : 0;
        float[] v = new float[GlyphClassifier.INPUTS];
        for (int i = 0; i < v.length; i++) {
            double g = (px[i] & 0xFF) / 255.0;
            double level = 255 * Math.pow(g, gamma) + (noise > 0 && poor == null ? rnd.nextGaussian() * noise : 0);
            v[i] = (float) Math.max(0, Math.min(255, level));
        }
        if (poor != null) {
            poor.contrast(v, rnd);
        }
        return GlyphClassifier.standardise(v);
    }

    /**
     * The top row's input for {@code cell} of {@code gray} ({@link TopRow#input}) as a poor photo would show it: the
     * cell and a margin around it degraded as {@link Poor} degrades a glyph, its gray levels squeezed and noisy in
     * 8 bits, before the reader finds the ink in it.
     */
    static float[] poorCell(Mat gray, Rect cell, Random rnd) {
        int mx = cell.width / 3;
        int my = cell.height / 4;
        int x0 = Math.max(0, cell.x - mx);
        int y0 = Math.max(0, cell.y - my);
        int x1 = Math.min(gray.cols(), cell.x + cell.width + mx);
        int y1 = Math.min(gray.rows(), cell.y + cell.height + my);
        if (x1 - x0 < 4 || y1 - y0 < 4) {
            return TopRow.input(gray, cell);
        }
        Mat copy = gray.clone();
        Mat region = copy.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        Poor poor = Poor.draw(rnd);
        // The cell is 1.4 glyph heights tall.
        poor.optics(region, (int) Math.round(cell.height / 1.4), rnd);
        byte[] px = new byte[(int) region.total()];
        Mat dense = region.clone();
        dense.get(0, 0, px);
        float[] v = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            v[i] = px[i] & 0xFF;
        }
        poor.contrast(v, rnd);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.round(v[i]);
        }
        dense.put(0, 0, px);
        dense.copyTo(region);
        dense.release();
        region.release();
        try {
            return TopRow.input(copy, cell);
        } finally {
            copy.release();
        }
    }

    /**
     * The degradations of a poor photo that the glyphs of hard crops show (out of fold, most crops read with too few
     * characters had the right cut, but its faint, blurred or thin-stroked boxes were unsure): which of them an
     * example gets, drawn together so they combine. Sizes are relative to the glyph's height, so a large glyph
     * is degraded as much as a small one.
     */
    record Poor(boolean lowRes, boolean blur, boolean thin, boolean jpeg, boolean lowContrast) {

        /** At least one degradation, each drawn on its own. */
        static Poor draw(Random rnd) {
            while (true) {
                Poor p = new Poor(rnd.nextDouble() < 0.4, rnd.nextDouble() < 0.35, rnd.nextDouble() < 0.3,
                        rnd.nextDouble() < 0.3, rnd.nextDouble() < 0.55);
                if (p.lowRes || p.blur || p.thin || p.jpeg || p.lowContrast) {
                    return p;
                }
            }
        }

        /**
         * In place on the glyph's region ({@code h} pixels tall): thinner strokes (the light plate grown into dark
         * print by a third to a half of a stroke), a strong blur, a low resolution (shrunk until the glyph is 7 to 14
         * pixels tall, then enlarged back) and JPEG blocking, in the order a camera adds them.
         */
        void optics(Mat region, int h, Random rnd) {
            if (thin && h >= 14) {
                // A plate's stroke is about a seventh of the glyph's height.
                int k = Math.max(2, (int) Math.round(h / 7.0 * u(rnd, 0.3, 0.55)));
                Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(k, k));
                Imgproc.dilate(region, region, kernel);
                kernel.release();
            }
            if (blur) {
                Imgproc.GaussianBlur(region, region, new Size(0, 0), u(rnd, 1.0, 2.2) * h / GlyphClassifier.H);
            }
            if (lowRes) {
                double f = Math.min(1, u(rnd, 7, 14) / h);
                if (f < 0.9) {
                    Mat low = new Mat();
                    Imgproc.resize(region, low, new Size(Math.max(2, Math.round(region.cols() * f)),
                            Math.max(3, Math.round(region.rows() * f))), 0, 0, Imgproc.INTER_AREA);
                    Imgproc.resize(low, region, region.size(), 0, 0, Imgproc.INTER_LINEAR);
                    low.release();
                }
            }
            if (jpeg) {
                MatOfByte buf = new MatOfByte();
                Imgcodecs.imencode(".jpg", region, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 10 + rnd.nextInt(40)));
                Mat dec = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_GRAYSCALE);
                dec.copyTo(region);
                dec.release();
                buf.release();
            }
        }

        /**
         * In place on the scaled glyph's levels: with {@link #lowContrast} its spread squeezed to 3-20 gray levels
         * (the reader stretches a spread under 8 levels less, so the faintest stay faint), the levels whole numbers
         * as a camera gives them; and sensor noise in proportion to that spread, the standardised input's noise.
         */
        void contrast(float[] v, Random rnd) {
            double mean = 0;
            for (float f : v) {
                mean += f;
            }
            mean /= v.length;
            double sd = 0;
            for (float f : v) {
                sd += (f - mean) * (f - mean);
            }
            sd = Math.sqrt(sd / v.length);
            double target = lowContrast ? u(rnd, 3, 20) : sd;
            double k = sd > 1e-6 ? Math.min(1, target / sd) : 1;
            double base = lowContrast ? u(rnd, 40, 200) : mean;
            double noise = rnd.nextDouble() < 0.7 ? u(rnd, 0.03, 0.25) * target : 0;
            for (int i = 0; i < v.length; i++) {
                double level = base + k * (v[i] - mean) + (noise > 0 ? rnd.nextGaussian() * noise : 0);
                v[i] = (float) Math.max(0, Math.min(255, lowContrast ? Math.round(level) : level));
            }
        }
    }

    /**
     * Adds the example for {@code box} labelled {@code label} to {@code out}: distorted with probability
     * {@code settings.distort()}, in place of the plain one or, with {@code settings.beside()}, as well as it.
     */
    static void add(List<GlyphTrainer.Example> out, Mat gray, Rect box, int label, Random rnd, Settings settings) {
        if (!settings.beside()) {
            out.add(new GlyphTrainer.Example(input(gray, box, rnd, settings), label));
            return;
        }
        out.add(new GlyphTrainer.Example(GlyphClassifier.input(gray, box), label));
        if (settings.distort() > 0 && rnd.nextDouble() < settings.distort()) {
            out.add(new GlyphTrainer.Example(distorted(gray, box, rnd, settings.faint()), label));
        }
    }

    /** The input for {@code box}, distorted with probability {@code settings.distort()}. */
    static float[] input(Mat gray, Rect box, Random rnd, Settings settings) {
        if (settings.distort() > 0 && rnd.nextDouble() < settings.distort()) {
            return distorted(gray, box, rnd, settings.faint());
        }
        return GlyphClassifier.input(gray, box);
    }

    /**
     * The character in {@code box} as if the crop ended inside it: on the left ({@code left}) or the right, a
     * random share of its width up to {@link #MAX_EDGE_CUT} is cut off, and the reader would see the crop's
     * edge pixels repeated past it. Null when the box is too narrow to cut.
     */
    static float[] edgeCut(Mat gray, Rect box, boolean left, Random rnd, Settings settings) {
        int cut = (int) Math.round(u(rnd, 0.08, MAX_EDGE_CUT) * box.width);
        if (cut < 1 || box.width - cut < 2) {
            return null;
        }
        Mat part;
        Rect inPart;
        if (left) {
            int from = box.x + cut;
            part = gray.submat(new Rect(from, 0, gray.cols() - from, gray.rows()));
            inPart = new Rect(0, box.y, box.width - cut, box.height);
        } else {
            int to = box.x + box.width - cut;
            part = gray.submat(new Rect(0, 0, to, gray.rows()));
            inPart = new Rect(box.x, box.y, box.width - cut, box.height);
        }
        try {
            return input(part, inPart, rnd, settings);
        } finally {
            part.release();
        }
    }

    private static double u(Random rnd, double a, double b) {
        return a + rnd.nextDouble() * (b - a);
    }
}
