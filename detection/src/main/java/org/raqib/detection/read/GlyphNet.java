package org.raqib.detection.read;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.raqib.detection.dataset.CacheStamp;

/**
 * The convolutional glyph classifier: the same {@value GlyphClassifier#H}x{@value GlyphClassifier#W}
 * standardised input and the same classes as {@link GlyphClassifier}, run by ONNX Runtime (one
 * intra-op thread: callers parallelise by photo). It costs several times the perceptron per glyph, so
 * the reader asks it only about the few boxes of the cuts it chooses among, all of them in one batch.
 * Trained and exported by {@code ./raqib train-glyphs --net-epochs N}.
 */
public final class GlyphNet {

    /** File name of the committed model on the classpath (beside the glyph classifier). */
    public static final String MODEL_FILE = "glyph-net.onnx";
    /** File name of the top (Arabic) row's net beside {@link GlyphClassifier#MODEL_FILE}. */
    public static final String TOP_MODEL_FILE = "glyph-net-top.onnx";
    /** Name of the graph's input: (N, 1, H, W) standardised glyphs. */
    public static final String INPUT = "glyphs";
    /** Name of the graph's output: (N, CLASSES) logits. */
    public static final String OUTPUT = "logits";

    /** Sessions of classpath models, shared: every reader loaded from the same file uses one. */
    private static final Map<String, GlyphNet> LOADED = new ConcurrentHashMap<>();

    /** Ensembles of nets with ONNX bytes, by their members (the same instances: {@link #resource}'s), run as one graph. */
    private static final Map<List<GlyphNet>, GlyphNet> MERGED = new ConcurrentHashMap<>();

    private final OrtEnvironment env;
    private final OrtSession session;
    /** The model's ONNX bytes (kept to put it in an ensemble's graph), or null for an ensemble run member by member. */
    private final byte[] onnx;
    /** The nets whose mean logits this one gives (a seed ensemble run member by member), or null for a net of its own. */
    private final List<GlyphNet> members;

    /** A classifier from ONNX bytes written by the training tool. */
    public GlyphNet(byte[] onnx) {
        try {
            env = OrtSessions.environment();
            session = OrtSessions.open(env, onnx, 1);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the glyph net", e);
        }
        this.onnx = onnx;
        members = null;
    }

    /** An ensemble run member by member: it runs its members' sessions, none of its own. */
    private GlyphNet(List<GlyphNet> nets) {
        env = null;
        session = null;
        onnx = null;
        members = List.copyOf(nets);
    }

    /**
     * A net whose logits are the mean of {@code nets}' (one net: that net). Nets of their own (each read from ONNX
     * bytes) are put side by side in one graph ({@link OnnxEnsemble}) and run by one session: each member's logits
     * divided by their number and added in order, as {@link #logits} of an ensemble run member by member adds them, so
     * the same logits to the bit; one run a batch instead of one per member (about 23 us a run on top of about 8 us a
     * glyph, in a throwaway timing of one net under one core). Such an ensemble is made once per list of members.
     */
    public static GlyphNet mean(List<GlyphNet> nets) {
        if (nets.size() == 1) {
            return nets.get(0);
        }
        if (nets.stream().anyMatch(n -> n.onnx == null)) {
            return new GlyphNet(nets);
        }
        return MERGED.computeIfAbsent(List.copyOf(nets), ns -> new GlyphNet(
                OnnxEnsemble.mean(ns.stream().map(n -> n.onnx).toList(), INPUT, OUTPUT)));
    }

    /**
     * The model named {@code name} in the classpath's model folder, loaded once per process (its session
     * lives as long as the process, like the classes that use it); fails loudly when it is missing.
     */
    public static GlyphNet resource(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            String path = PlateReader.RESOURCE_DIR + n;
            try (InputStream in = GlyphNet.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("glyph net missing from the classpath: " + path
                            + " (train one with ./raqib train-glyphs --net-epochs N)");
                }
                return new GlyphNet(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        });
    }

    /**
     * The model in {@code file} (written by the training tool); fails loudly when it is missing. Loaded once per process
     * for each content ({@link #FILES}, by the bytes' SHA-256): every recogniser reading a folder's models (a Flink
     * job's tasks, each opening its own, again after each restart) shares its sessions, and the ensembles made of them
     * ({@link #mean}) are made once, as the committed models' are ({@link #resource}).
     */
    public static GlyphNet file(Path file) {
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the glyph net " + file
                    + " (the glyph classifier beside it names it: train-glyphs writes both)", e);
        }
        return FILES.computeIfAbsent(CacheStamp.sha256(onnx), k -> new GlyphNet(onnx));
    }

    /** Sessions of nets read from files, by the SHA-256 of their bytes ({@link #file}). */
    private static final Map<String, GlyphNet> FILES = new ConcurrentHashMap<>();

    /** Logits for {@code inputs} (each {@link GlyphClassifier#INPUTS} floats), one row per input, in one run. */
    public float[][] logits(List<float[]> inputs) {
        int n = inputs.size();
        if (n == 0) {
            return new float[0][];
        }
        if (members != null) {
            float[][] z = null;
            for (GlyphNet m : members) {
                float[][] zm = m.logits(inputs);
                if (z == null) {
                    z = new float[n][zm[0].length];
                }
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < zm[i].length; k++) {
                        z[i][k] += zm[i][k] / members.size();
                    }
                }
            }
            return z;
        }
        float[] flat = new float[n * GlyphClassifier.INPUTS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputs.get(i), 0, flat, i * GlyphClassifier.INPUTS, GlyphClassifier.INPUTS);
        }
        long[] shape = {n, 1, GlyphClassifier.H, GlyphClassifier.W};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), shape);
                OrtSession.Result r = session.run(Map.of(INPUT, t))) {
            return (float[][]) r.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("glyph net inference failed", e);
        }
    }

    /** Class probabilities for {@code inputs}, one row per input (softmax of {@link #logits}). */
    public double[][] probabilities(List<float[]> inputs) {
        float[][] z = logits(inputs);
        double[][] p = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            p[i] = PlateDecoder.softmax(z[i], 0, z[i].length);
        }
        return p;
    }

    /** Unnormalised log-probabilities {@code z} made probabilities, in place (the largest is subtracted first: no overflow). */
    static double[] normalise(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < z.length; i++) {
            z[i] /= sum;
        }
        return z;
    }
}
