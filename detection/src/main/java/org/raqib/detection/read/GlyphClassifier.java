package org.raqib.detection.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.AreaShrink;
import org.raqib.models.plate.SaudiPlate;

/**
 * Classifies one character cut out by {@link GlyphSegmenter}: a small two-layer perceptron over the
 * standardised {@value #W}x{@value #H} glyph image, trained by the training tool on glyphs cut from
 * real training photos and from synthetic plates. Classes 0-9 are the digits, then the 17 Latin
 * letters in {@link SaudiPlate#LATIN_LETTERS} order, then {@link #JUNK}: a box that is not one whole
 * character (half of one, two together, the top row's print, the emblem). The junk class is what lets
 * the reader choose between several ways of cutting a row. Plain Java arithmetic: small enough that no
 * inference engine is needed.
 */
public final class GlyphClassifier {

    /** Glyph image width fed to the classifier. */
    public static final int W = 20;
    /** Glyph image height fed to the classifier. */
    public static final int H = 28;
    /** Input size. */
    public static final int INPUTS = W * H;
    /** Digits, letters, then the junk class. */
    public static final int CLASSES = 10 + SaudiPlate.LATIN_LETTERS.length() + 1;
    /** The class of a box that is not one whole character. */
    public static final int JUNK = CLASSES - 1;
    /** File name of the model on the classpath (beside the reader network). */
    public static final String MODEL_FILE = "glyph-classifier.json";

    private final int hidden;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    /**
     * {@code w1} transposed (INPUTS x hidden), for a classifier whose weights no longer change (one read
     * from a model file); null for one built from arrays, which training updates in place.
     */
    private final float[][] w1t;
    /** {@code w2} transposed (hidden x CLASSES), for a classifier whose weights no longer change; else null. */
    private final float[][] w2t;
    /** The models whose mean logits this one gives (a seed ensemble), or null for a model of its own. */
    private final List<GlyphClassifier> members;
    /**
     * An ensemble's members' hidden layers side by side, for members whose weights no longer change (else null): row i
     * holds every member's {@code w1t[i]} one after the other, so one pass over the inputs computes all their units.
     */
    private final float[][] membersW1t;
    /** The members' {@code b1} one after the other (with {@link #membersW1t}). */
    private final float[] membersB1;

    /**
     * A classifier with the given weights: {@code w1} hidden x INPUTS, {@code w2} CLASSES x hidden (row-major).
     * The arrays are used as they are (training updates them in place).
     */
    public GlyphClassifier(int hidden, float[] w1, float[] b1, float[] w2, float[] b2) {
        this(hidden, w1, b1, w2, b2, false);
    }

    private GlyphClassifier(int hidden, float[] w1, float[] b1, float[] w2, float[] b2, boolean fixed) {
        if (w1.length != hidden * INPUTS || b1.length != hidden || w2.length != CLASSES * hidden || b2.length != CLASSES) {
            throw new IllegalArgumentException("glyph classifier weights have the wrong sizes");
        }
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        // w1's weights of each input to every unit (row i holds w1[j][i] for all j); w2's of each unit in every class.
        this.w1t = fixed ? transposed(w1, hidden, INPUTS) : null;
        this.w2t = fixed ? transposed(w2, CLASSES, hidden) : null;
        this.members = null;
        this.membersW1t = null;
        this.membersB1 = null;
    }

    /** An ensemble: it has no weights of its own, so only {@link #probabilities} may be asked of it. */
    private GlyphClassifier(List<GlyphClassifier> models) {
        this.hidden = 0;
        this.w1 = null;
        this.b1 = null;
        this.w2 = null;
        this.b2 = null;
        this.w1t = null;
        this.w2t = null;
        this.members = List.copyOf(models);
        boolean fixed = members.stream().allMatch(m -> m.members == null && m.w1t != null);
        int units = fixed ? members.stream().mapToInt(m -> m.hidden).sum() : 0;
        this.membersW1t = fixed ? new float[INPUTS][units] : null;
        this.membersB1 = fixed ? new float[units] : null;
        int at = 0;
        for (GlyphClassifier m : fixed ? members : List.<GlyphClassifier>of()) {
            for (int i = 0; i < INPUTS; i++) {
                System.arraycopy(m.w1t[i], 0, membersW1t[i], at, m.hidden);
            }
            System.arraycopy(m.b1, 0, membersB1, at, m.hidden);
            at += m.hidden;
        }
    }

    /**
     * A classifier whose logits are the mean of {@code models}' (one model: that model): an ensemble answers
     * {@link #probabilities} only; its members' weights are theirs to give.
     */
    public static GlyphClassifier mean(List<GlyphClassifier> models) {
        return models.size() == 1 ? models.get(0) : new GlyphClassifier(models);
    }

    /** Fails for an ensemble ({@link #mean}), which has no weights of its own. */
    private void requireOwnWeights() {
        if (members != null) {
            throw new UnsupportedOperationException("an ensemble of glyph classifiers has no weights of its own: ask its members");
        }
    }

    /** The row-major {@code rows x cols} matrix {@code m} transposed: row c holds {@code m[r][c]} for all r. */
    private static float[][] transposed(float[] m, int rows, int cols) {
        float[][] t = new float[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c][r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** Hidden units. */
    public int hidden() {
        requireOwnWeights();
        return hidden;
    }

    float[] w1() {
        return w1;
    }

    float[] b1() {
        return b1;
    }

    float[] w2() {
        return w2;
    }

    float[] b2() {
        return b2;
    }

    /**
     * A scaled glyph and an {@link AreaShrink} (its work buffers) per thread, overwritten by each of its calls to
     * {@link #input}: a new {@code Mat} per box (hundreds per photo) cost about as much as the scaling itself, as
     * each one registers a finalizer. Slots
     * picked by thread id rather than a {@code ThreadLocal}: the lookup in the reader's thread's map of
     * thread-locals (crowded by the libraries) showed in the profile. Several readers in one process (Flink
     * runs one per task slot) mostly keep their own slot; a thread that finds its slot taken by another takes
     * it over with a new matrix, so a scratch matrix is only ever used by the thread that owns it.
     */
    private static final AtomicReferenceArray<Scratch> SCRATCH = new AtomicReferenceArray<>(32);

    private record Scratch(Thread owner, Mat scaled, AreaShrink shrink) {
    }

    private static Scratch scratch() {
        Thread me = Thread.currentThread();
        int slot = (int) (me.getId() & (SCRATCH.length() - 1));
        Scratch s = SCRATCH.get(slot);
        if (s == null || s.owner() != me) {
            s = new Scratch(me, new Mat(), new AreaShrink());
            SCRATCH.set(slot, s);
        }
        return s;
    }

    /**
     * The classifier's input for the glyph in {@code box} of the segmenter's gray image: the box widened
     * to a common aspect ratio around its centre (so a narrow 1 keeps its shape), a pixel of margin,
     * scaled to {@value #W}x{@value #H} and standardised.
     */
    public static float[] input(Mat gray, Rect box) {
        Rect r = region(box);
        // The pixels read: the region's part inside the crop, or where it lies wholly outside the crop (a top-row cell
        // below a crop cut short), the crop's nearest edge row or column, which the padding replicates all the same.
        int x0 = Math.min(Math.max(r.x, 0), gray.cols() - 1);
        int y0 = Math.min(Math.max(r.y, 0), gray.rows() - 1);
        int x1 = Math.max(Math.min(r.x + r.width, gray.cols()), x0 + 1);
        int y1 = Math.max(Math.min(r.y + r.height, gray.rows()), y0 + 1);
        int padL = Math.min(Math.max(0, x0 - r.x), r.width - (x1 - x0));
        int padT = Math.min(Math.max(0, y0 - r.y), r.height - (y1 - y0));
        int padR = r.width - padL - (x1 - x0);
        int padB = r.height - padT - (y1 - y0);
        Scratch scratch = scratch();
        byte[] px = new byte[INPUTS];
        if (padL + padT + padR + padB == 0 && gray.type() == CvType.CV_8UC1
                && AreaShrink.applies(r.width, r.height, W, H)) {
            // A region inside the crop that shrinks by a factor that is not a whole number (most boxes): shrunk in
            // Java, the same pixels as OpenCV's INTER_AREA below (see AreaShrink), without a native call per box.
            scratch.shrink().resize(gray, r, px, W, H);
            return standardised(px);
        }
        // Only the region is read (called for every box a row search scores, so the whole crop is not copied
        // each time); pixels outside the crop read as the crop's edge, like a plate continuing past it.
        Mat roi = gray.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat padded = null;
        if (padL + padT + padR + padB > 0) {
            padded = new Mat();
            // The region touches the crop's edge on every padded side, so replicating its own edge is the same
            // as replicating the crop's.
            Core.copyMakeBorder(roi, padded, padT, padB, padL, padR, Core.BORDER_REPLICATE | Core.BORDER_ISOLATED);
        }
        Mat small = scratch.scaled();
        Imgproc.resize(padded == null ? roi : padded, small, new Size(W, H), 0, 0, Imgproc.INTER_AREA);
        small.get(0, 0, px);
        roi.release();
        if (padded != null) {
            padded.release();
        }
        return standardised(px);
    }

    /**
     * {@link #standardise} of the gray levels {@code px} (unsigned bytes), to the bit: the sum and the sum of squares
     * of integer levels are exact integers in any order (exact in a double too, under 2^53), so they are summed as
     * integers; and each output is the same function of its level alone, so it is computed once per level (256 times)
     * rather than once per pixel. {@link #input} is called for every box the reader classifies and every top-row
     * cell, and the standardisation's two passes of double arithmetic over the pixels were over a quarter of it.
     */
    static float[] standardised(byte[] px) {
        long sum = 0;
        long sq = 0;
        for (byte b : px) {
            int g = b & 0xFF;
            sum += g;
            sq += g * g;
        }
        int n = px.length;
        double mean = (double) sum / n;
        double inv = 1.0 / Math.max(8.0, Math.sqrt(Math.max(0, (double) sq / n - mean * mean)));
        float[] level = new float[256];
        for (int g = 0; g < 256; g++) {
            level[g] = (float) ((g - mean) * inv);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = level[px[i] & 0xFF];
        }
        return v;
    }

    /**
     * The part of the gray image that {@link #input} scales down for {@code box}: the box widened to the
     * classifier's aspect ratio around its centre, a pixel of margin on each side. It may reach past the
     * image's edges.
     */
    public static Rect region(Rect box) {
        double cx = box.x + box.width / 2.0;
        double bh = box.height + 2;
        double bw = Math.max(box.width + 2, bh * W / H);
        int x0 = (int) Math.round(cx - bw / 2);
        int x1 = (int) Math.round(cx + bw / 2);
        return new Rect(x0, box.y - 1, x1 - x0, box.height + 2);
    }

    /**
     * {@value #INPUTS} gray levels (0-255) made the classifier's input: zero mean, unit spread (a spread
     * under 8 levels is not stretched, so a blank patch stays flat). Replaces {@code v}'s values.
     */
    public static float[] standardise(float[] v) {
        double sum = 0;
        double sq = 0;
        for (float f : v) {
            sum += f;
            sq += (double) f * f;
        }
        double mean = sum / v.length;
        double inv = 1.0 / Math.max(8.0, Math.sqrt(Math.max(0, sq / v.length - mean * mean)));
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((v[i] - mean) * inv);
        }
        return v;
    }

    /**
     * Hidden activations (ReLU) for {@code x}: unit j is {@code max(0, b1[j] + ((s0 + s1) + (s2 + s3)))}, where
     * {@code s_q} sums {@code w1[j][i] * x[i]} over the inputs {@code i = q mod 4} in increasing order, in float.
     */
    public float[] hiddenLayer(float[] x) {
        requireOwnWeights();
        return w1t == null ? hiddenByUnit(x) : hiddenByInput(x);
    }

    /** {@link #hiddenLayer} one unit at a time, from the row-major weights. */
    float[] hiddenByUnit(float[] x) {
        float[] h = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            // Four independent sums: the CPU overlaps them, where one running sum waits on each add.
            // (INPUTS is a multiple of 4.)
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int o = j * INPUTS;
            for (int i = 0; i < INPUTS; i += 4) {
                s0 += w1[o + i] * x[i];
                s1 += w1[o + i + 1] * x[i + 1];
                s2 += w1[o + i + 2] * x[i + 2];
                s3 += w1[o + i + 3] * x[i + 3];
            }
            h[j] = Math.max(0, b1[j] + ((s0 + s1) + (s2 + s3)));
        }
        return h;
    }

    /**
     * {@link #hiddenLayer} for all units at once, from the transposed weights: each input adds its products
     * to one of four partial sums of every unit, in the same order as {@link #hiddenByUnit}, so the result is
     * the same to the bit (Java neither fuses nor reorders float arithmetic). The loop over the units is
     * element-wise, which the JIT compiles to vector instructions; the loop over the inputs of one unit is a
     * running sum, which it does not. The reader scores hundreds of boxes per photo, and this layer was the
     * largest Java cost of the read stage.
     */
    float[] hiddenByInput(float[] x) {
        return hiddenByInput(w1t, b1, x);
    }

    /**
     * {@link #hiddenByInput(float[])} for the transposed weights {@code w} (INPUTS x units) and biases {@code bias}: every
     * unit's sums are element-wise in the units, so a unit's activation is the same to the bit whichever units are
     * computed beside it (an ensemble's members side by side: {@link #membersW1t}).
     */
    private static float[] hiddenByInput(float[][] w, float[] bias, float[] x) {
        int n = bias.length;
        float[] s0 = new float[n];
        float[] s1 = new float[n];
        float[] s2 = new float[n];
        float[] s3 = new float[n];
        // Sixteen inputs per step, four to each partial sum in one pass over the units (INPUTS is a multiple of 16).
        for (int i = 0; i < INPUTS; i += 16) {
            addScaled(s0, w[i], x[i], w[i + 4], x[i + 4], w[i + 8], x[i + 8], w[i + 12], x[i + 12]);
            addScaled(s1, w[i + 1], x[i + 1], w[i + 5], x[i + 5], w[i + 9], x[i + 9], w[i + 13], x[i + 13]);
            addScaled(s2, w[i + 2], x[i + 2], w[i + 6], x[i + 6], w[i + 10], x[i + 10], w[i + 14], x[i + 14]);
            addScaled(s3, w[i + 3], x[i + 3], w[i + 7], x[i + 7], w[i + 11], x[i + 11], w[i + 15], x[i + 15]);
        }
        float[] h = new float[n];
        for (int j = 0; j < n; j++) {
            h[j] = Math.max(0, bias[j] + ((s0[j] + s1[j]) + (s2[j] + s3[j])));
        }
        return h;
    }

    /**
     * {@code sum[j] += a[j] * xa}, then {@code b[j] * xb}, {@code c[j] * xc} and {@code d[j] * xd}, for every j: four
     * inputs' turns at one partial sum, added in that order. Its own method over whole arrays: the JIT vectorised
     * this loop where the four partial sums were updated in one loop, or the weights read at an offset into one
     * flat array (it cannot tell that two float arrays do not overlap), and did not there (a throwaway timing:
     * about twice as fast on the reader's classifier, up to four times on the top row's). Four inputs per pass
     * rather than one load and store each sum a quarter as often and pay the loop's set-up (the units are only
     * 96 or 160, a few vectors) a quarter as often: about 1.7 times as fast again in a throwaway timing.
     */
    private static void addScaled(float[] sum, float[] a, float xa, float[] b, float xb, float[] c, float xc,
            float[] d, float xd) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] = (((sum[j] + a[j] * xa) + b[j] * xb) + c[j] * xc) + d[j] * xd;
        }
    }

    /**
     * Class logits for hidden activations {@code h}: class k is {@code b2[k]} plus {@code w2[k][j] * h[j]} (a float
     * product) added in double in increasing j.
     */
    public float[] logits(float[] h) {
        requireOwnWeights();
        return w2t == null ? logitsByClass(h) : logitsByUnit(h);
    }

    /** {@link #logits} one class at a time, from the row-major weights. */
    float[] logitsByClass(float[] h) {
        float[] z = new float[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            double s = b2[k];
            int o = k * hidden;
            for (int j = 0; j < hidden; j++) {
                s += w2[o + j] * h[j];
            }
            z[k] = (float) s;
        }
        return z;
    }

    /**
     * {@link #logits} for all classes at once, from the transposed weights: each hidden unit adds its product to every
     * class's sum, so each sum gets the same additions in the same order as in {@link #logitsByClass} (the same bits),
     * but the classes' sums are independent, where one class's sum was a chain of dependent double additions.
     */
    float[] logitsByUnit(float[] h) {
        return logitsByUnit(h, 0);
    }

    /** {@link #logitsByUnit(float[])} of this model's hidden activations at {@code from} in {@code h}. */
    private float[] logitsByUnit(float[] h, int from) {
        double[] s = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            s[k] = b2[k];
        }
        for (int j = 0; j < hidden; j++) {
            addProducts(s, w2t[j], h[from + j]);
        }
        float[] z = new float[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            z[k] = (float) s[k];
        }
        return z;
    }

    /** {@code sum[k] += row[k] * x} (a float product added in double) for every k. */
    private static void addProducts(double[] sum, float[] row, float x) {
        for (int k = 0; k < sum.length; k++) {
            sum[k] += row[k] * x;
        }
    }

    /** Probabilities over all {@link #CLASSES} classes (digits, letters, junk) for one glyph input. */
    public double[] probabilities(float[] x) {
        float[] z;
        if (members == null) {
            z = logits(hiddenLayer(x));
        } else {
            z = new float[CLASSES];
            // Fixed members' hidden layers in one pass over the inputs (the same activations, about a fifth less time
            // than one pass each in a throwaway timing of two members of 96 units).
            float[] h = membersW1t == null ? null : hiddenByInput(membersW1t, membersB1, x);
            int at = 0;
            for (GlyphClassifier m : members) {
                float[] zm = h == null ? m.logits(m.hiddenLayer(x)) : m.logitsByUnit(h, at);
                at += m.hidden;
                for (int k = 0; k < CLASSES; k++) {
                    z[k] += zm[k] / members.size();
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[CLASSES];
        double sum = 0;
        for (int i = 0; i < CLASSES; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < CLASSES; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The class index of a character: digits 0-9, letters 10+. */
    public static int classOf(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int i = SaudiPlate.LATIN_LETTERS.indexOf(c);
        if (i < 0) {
            throw new IllegalArgumentException("not a plate character: " + c);
        }
        return 10 + i;
    }

    /** Serialises the weights (float32, little-endian, base64) into {@code node}. */
    public void writeTo(ObjectNode node) {
        requireOwnWeights();
        node.put("hidden", hidden);
        node.put("w1", encode(w1));
        node.put("b1", encode(b1));
        node.put("w2", encode(w2));
        node.put("b2", encode(b2));
    }

    /**
     * Reads weights written by {@link #writeTo}: a classifier for inference, whose weights are not to be
     * changed (it keeps a transposed copy of its first layer).
     */
    public static GlyphClassifier readFrom(JsonNode node) {
        int hidden = node.path("hidden").asInt(-1);
        if (hidden <= 0) {
            throw new IllegalStateException("glyph classifier model has no hidden size");
        }
        // Its weights are its own and never trained further: the transposed first layer can be made once.
        return new GlyphClassifier(hidden, decode(node.path("w1").asText()), decode(node.path("b1").asText()),
                decode(node.path("w2").asText()), decode(node.path("b2").asText()), true);
    }

    /** Loads the committed model from the classpath; fails loudly when it is missing. */
    public static JsonNode resource() {
        String path = PlateReader.RESOURCE_DIR + MODEL_FILE;
        try (InputStream in = GlyphClassifier.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("glyph classifier missing from the classpath: " + path
                        + " (train one with ./raqib train-glyphs)");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String encode(float[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            bb.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bb.array());
    }

    private static float[] decode(String s) {
        ByteBuffer bb = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bb.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = bb.getFloat();
        }
        return v;
    }
}
