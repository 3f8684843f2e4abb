package org.raqib.detection.locate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.AreaShrink;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * A learned plate/not-plate score for candidate regions, cheap enough to rank every raw candidate
 * before the far dearer reader sees the best few: a one-hidden-layer perceptron over a HOG descriptor of
 * the region (with some context around it, see {@link GradientHistogram}) and two shape features. Trained by
 * {@link LocatorTrainCommand} on the training part of the real photos and on synthetic scenes.
 *
 * <p>Reuses its work buffers from one candidate to the next: not for use by several threads at once (give
 * each its own, as {@link PlateLocator} does).
 */
public final class CandidateScorer {

    /** The model's file name, as {@code ./raqib train-locator --out DIR} writes it. */
    public static final String MODEL_FILE = "plate-locator.json";
    /** Classpath location of the committed model. */
    public static final String RESOURCE = "/org/raqib/detection/models/" + MODEL_FILE;

    static final int WIN_W = 64;
    static final int WIN_H = 32;
    /** Context kept around a candidate, as a fraction of its size on each side. */
    static final double CONTEXT = 0.15;

    private final float[] mean;
    private final float[] invStd;
    private final float[] std;
    /** Hidden layer weights, row-major {@code hidden x features}. */
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] foldedW1;
    private final float[] foldedB1;
    /**
     * {@link #foldedW1} transposed, one row per feature holding its weight in every hidden unit: the hidden
     * units side by side, see {@link #score(float[])}.
     */
    private final float[][] foldedW1t;
    private final float b2;
    private final String version;
    /** Per-candidate work buffers, reused: this scorer is not for use by several threads at once. */
    private final Mat window;
    private final AreaShrink shrink = new AreaShrink();
    private final byte[] windowPixels = new byte[WIN_W * WIN_H];
    private final float[] cells = new float[(WIN_W / GradientHistogram.CELL) * (WIN_H / GradientHistogram.CELL) * GradientHistogram.BINS];
    private final float[] featureBuffer = new float[featureCount()];
    /** The four partial sums of every hidden unit (see {@link #score(float[])}), reused. */
    private final float[][] partialSums;

    CandidateScorer(float[] mean, float[] std, float[] w1, float[] b1, float[] w2, float b2, String version) {
        OpenCvLoader.load();
        // Made here, after the native library is loaded (as a field initialiser it ran first, and a scorer
        // made before anything else had loaded OpenCV failed).
        this.window = new Mat();
        int d = featureCount();
        int h = b1.length;
        if (mean.length != d || std.length != d || w1.length != h * d || w2.length != h) {
            throw new IllegalArgumentException("plate locator model does not fit " + d + " features (mean " + mean.length
                    + ", std " + std.length + ", hidden " + h + ", w1 " + w1.length + ", w2 " + w2.length + ")");
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.invStd = new float[d];
        for (int i = 0; i < d; i++) {
            invStd[i] = 1f / Math.max(std[i], 1e-6f);
        }
        this.w1 = w1.clone();
        this.b1 = b1.clone();
        // Standardisation folded into the first layer: w' = w / std, b' = b - sum(w * mean / std).
        this.foldedW1 = new float[h * d];
        this.foldedB1 = new float[h];
        for (int k = 0; k < h; k++) {
            double b = b1[k];
            for (int i = 0; i < d; i++) {
                foldedW1[k * d + i] = w1[k * d + i] * invStd[i];
                b -= (double) w1[k * d + i] * mean[i] * invStd[i];
            }
            foldedB1[k] = (float) b;
        }
        this.foldedW1t = new float[d][h];
        for (int k = 0; k < h; k++) {
            for (int i = 0; i < d; i++) {
                foldedW1t[i][k] = foldedW1[k * d + i];
            }
        }
        this.partialSums = new float[4][h];
        this.w2 = w2.clone();
        this.b2 = b2;
        this.version = version;
    }

    /** Number of features per candidate. */
    static int featureCount() {
        return GradientHistogram.length(WIN_W, WIN_H) + 2;
    }

    /** Loads the committed model from the classpath; fails loudly if it is missing. */
    public static CandidateScorer loadDefault() {
        try (InputStream in = CandidateScorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plate locator model missing from the classpath: " + RESOURCE
                        + " (train one with LocatorTrainCommand)");
            }
            return fromJson(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Loads a model file written by the training tool. */
    public static CandidateScorer load(Path file) {
        try {
            return fromJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plate locator model " + file, e);
        }
    }

    static CandidateScorer fromJson(byte[] json) throws IOException {
        JsonNode m = new ObjectMapper().readTree(json);
        return new CandidateScorer(floats(m.path("mean")), floats(m.path("std")), floats(m.path("w1")),
                floats(m.path("b1")), floats(m.path("w2")), (float) m.path("b2").asDouble(), m.path("version").asText("unknown"));
    }

    private static float[] floats(JsonNode a) {
        if (a.isTextual()) {
            // Large arrays are stored as base64 of little-endian float32: exact and a third the size of text.
            java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(a.asText()))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] f = new float[fb.remaining()];
            fb.get(f);
            return f;
        }
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }

    /** The model as JSON (what the training tool writes). */
    byte[] toJson() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("version", version);
        o.put("features", "HOG " + WIN_W + "x" + WIN_H + " (cell 8, 2x2-cell blocks at stride 1 cell, 9 bins) of the candidate with "
                + CONTEXT + " context, then log aspect, log relative height; standardised; one ReLU hidden layer; sigmoid");
        put(o.putArray("mean"), mean);
        put(o.putArray("std"), std);
        o.put("w1", base64(w1));
        put(o.putArray("b1"), b1);
        put(o.putArray("w2"), w2);
        o.put("b2", b2);
        try {
            return om.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(float[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return java.util.Base64.getEncoder().encodeToString(b.array());
    }

    private static void put(ArrayNode a, float[] v) {
        for (float x : v) {
            a.add(x);
        }
    }

    /** The model's version string. */
    public String version() {
        return version;
    }

    /** Probability-like score (0..1) that {@code bounds} of the gray image is a well-framed plate. */
    public double score(Mat gray, Rect bounds) {
        float[] f = features(List.of(gray), bounds, gray.rows());
        return f == null ? 0 : score(f);
    }

    /**
     * As {@link #score(Mat, Rect)} with the image given as a pyramid (level 0 full size, each next
     * level half the size), so that large regions are shrunk from a level near the window's size.
     */
    public double score(List<Mat> pyramid, Rect bounds) {
        // About a hundred candidates per image: the window, its pixels and the descriptor reuse this
        // scorer's buffers instead of a new native matrix and three arrays per candidate.
        float[] f = features(pyramid, bounds, pyramid.get(0).rows(), window, shrink, windowPixels, cells, featureBuffer);
        return f == null ? 0 : score(f);
    }

    /**
     * The perceptron's output for feature vector {@code f}. Each hidden unit's weighted sum is four partial
     * sums over every fourth feature (as {@link #scoreByUnit(float[])} writes it unit by unit), here taken
     * for all hidden units side by side: the inner loop over the units is one the JIT turns into vector
     * instructions, and the additions happen in the same order, so the score is the same to the last bit.
     */
    double score(float[] f) {
        int d = f.length;
        int h = foldedB1.length;
        float[] s0 = partialSums[0];
        float[] s1 = partialSums[1];
        float[] s2 = partialSums[2];
        float[] s3 = partialSums[3];
        for (float[] s : partialSums) {
            java.util.Arrays.fill(s, 0f);
        }
        int i = 0;
        for (; i + 3 < d; i += 4) {
            addScaled(s0, foldedW1t[i], f[i]);
            addScaled(s1, foldedW1t[i + 1], f[i + 1]);
            addScaled(s2, foldedW1t[i + 2], f[i + 2]);
            addScaled(s3, foldedW1t[i + 3], f[i + 3]);
        }
        for (; i < d; i++) {
            addScaled(s0, foldedW1t[i], f[i]);
        }
        double out = b2;
        for (int k = 0; k < h; k++) {
            double a = foldedB1[k] + ((double) s0[k] + s1[k]) + ((double) s2[k] + s3[k]);
            if (a > 0) {
                out += w2[k] * a;
            }
        }
        return 1 / (1 + Math.exp(-out));
    }

    /**
     * {@code sum[k] += row[k] * x} for every k, in a method of its own over whole arrays: written with offsets
     * into one flat array of weights and one of sums, the loop was not vectorised by the JIT (it cannot tell
     * that two float arrays do not overlap), and this way it is (a throwaway timing of the same change in the
     * glyph classifier: about twice as fast).
     */
    private static void addScaled(float[] sum, float[] row, float x) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += row[k] * x;
        }
    }

    /** {@link #score(float[])} one hidden unit at a time: the reference that the test holds it to. */
    double scoreByUnit(float[] f) {
        int d = f.length;
        double out = b2;
        for (int k = 0; k < foldedB1.length; k++) {
            // Four partial sums: independent additions the CPU can overlap (a single running sum is
            // one long dependency chain), which makes the scorer several times faster.
            int row = k * d;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < d; i += 4) {
                s0 += foldedW1[row + i] * f[i];
                s1 += foldedW1[row + i + 1] * f[i + 1];
                s2 += foldedW1[row + i + 2] * f[i + 2];
                s3 += foldedW1[row + i + 3] * f[i + 3];
            }
            for (; i < d; i++) {
                s0 += foldedW1[row + i] * f[i];
            }
            double a = foldedB1[k] + ((double) s0 + s1) + ((double) s2 + s3);
            if (a > 0) {
                out += w2[k] * a;
            }
        }
        return 1 / (1 + Math.exp(-out));
    }

    /** The feature vector of a region, or null when the region is too small to describe. */
    static float[] features(Mat gray, Rect r) {
        return features(List.of(gray), r, gray.rows());
    }

    static float[] features(List<Mat> pyramid, Rect r, int imageHeight) {
        Mat win = new Mat();
        try {
            return features(pyramid, r, imageHeight, win, new AreaShrink(), new byte[WIN_W * WIN_H],
                    new float[(WIN_W / GradientHistogram.CELL) * (WIN_H / GradientHistogram.CELL) * GradientHistogram.BINS],
                    new float[featureCount()]);
        } finally {
            win.release();
        }
    }

    /** The feature vector of a region written into {@code f} (returned), or null; the other arrays are work space. */
    private static float[] features(List<Mat> pyramid, Rect r, int imageHeight, Mat win, AreaShrink shrink, byte[] px,
            float[] cells, float[] f) {
        if (r.width < 8 || r.height < 4) {
            return null;
        }
        int level = 0;
        while (level + 1 < pyramid.size() && r.height >> (level + 1) >= WIN_H) {
            level++;
        }
        Mat img = pyramid.get(level);
        double s = 1.0 / (1 << level);
        int cx = (int) Math.round(r.width * CONTEXT);
        int cy = (int) Math.round(r.height * CONTEXT);
        int x0 = Math.max(0, (int) Math.floor((r.x - cx) * s));
        int y0 = Math.max(0, (int) Math.floor((r.y - cy) * s));
        int x1 = Math.min(img.cols(), (int) Math.ceil((r.x + r.width + cx) * s));
        int y1 = Math.min(img.rows(), (int) Math.ceil((r.y + r.height + cy) * s));
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return null;
        }
        Rect region = new Rect(x0, y0, x1 - x0, y1 - y0);
        if (img.type() == CvType.CV_8UC1 && AreaShrink.applies(region.width, region.height, WIN_W, WIN_H)) {
            // The window shrunk in Java: the same pixels as OpenCV's INTER_AREA (see AreaShrink), cheaper.
            shrink.resize(img, region, px, WIN_W, WIN_H);
        } else {
            // An enlargement along either axis (a region under 64 x 32, mostly at level 0: about half the
            // windows), a whole-number factor or no change of size: OpenCV's other paths, left to OpenCV.
            Mat sub = img.submat(region);
            Imgproc.resize(sub, win, new Size(WIN_W, WIN_H), 0, 0, Imgproc.INTER_AREA);
            sub.release();
            win.get(0, 0, px);
        }
        int n = GradientHistogram.length(WIN_W, WIN_H);
        GradientHistogram.compute(px, WIN_W, WIN_H, f, 0, cells);
        f[n] = (float) Math.log((double) r.width / r.height);
        f[n + 1] = (float) Math.log((double) r.height / imageHeight);
        return f;
    }
}
