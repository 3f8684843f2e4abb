package org.raqib.detection.read;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Mat;

/**
 * Reads the text of a Saudi plate from a crop of it (see {@link #read(Mat)}). Runs the reader network
 * exported to ONNX on the OnnxRuntime engine (the runtime under DJL's OnnxRuntime engine, called
 * directly so that the model loads from classpath bytes without extracting files), then decodes and
 * calibrates the result with {@link PlateDecoder}. Nothing is downloaded.
 *
 * <p>Not thread-safe to share between tasks: create one per task.
 */
public final class PlateReader implements AutoCloseable {

    /** Classpath folder of the committed model files. */
    public static final String RESOURCE_DIR = "/org/raqib/detection/models/";
    /** File name of the network. */
    public static final String MODEL_FILE = "plate-reader.onnx";
    /** File name of the metadata: calibration and the model's version. */
    public static final String META_FILE = "plate-reader.json";

    /**
     * Reader options.
     *
     * @param threads intra-op threads of the OnnxRuntime session (default 1: callers parallelise by task)
     */
    public record Options(int threads) {
        public static final Options DEFAULT = new Options(1);

        /** Fails fast on impossible values. */
        public Options validate() {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be 1..256, got " + threads);
            }
            return this;
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final PlateDecoder decoder;
    private final String version;

    private PlateReader(byte[] onnx, Calibration calibration, String version, Options options) {
        options.validate();
        try {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(options.threads());
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx, so);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the plate reader model", e);
        }
        this.decoder = new PlateDecoder(calibration);
        this.version = version;
    }

    /** Loads the committed model from the classpath; fails loudly if it is missing. */
    public static PlateReader loadDefault() {
        return loadDefault(Options.DEFAULT);
    }

    /** Loads the committed model from the classpath with {@code options}. */
    public static PlateReader loadDefault(Options options) {
        byte[] onnx = resource(MODEL_FILE);
        byte[] meta = resource(META_FILE);
        return fromBytes(onnx, meta, options);
    }

    /** Loads model files written by the training tool into {@code dir}. */
    public static PlateReader load(Path dir, Options options) {
        try {
            return fromBytes(Files.readAllBytes(dir.resolve(MODEL_FILE)), Files.readAllBytes(dir.resolve(META_FILE)), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plate reader model from " + dir, e);
        }
    }

    /** A reader from raw ONNX bytes and a calibration (used by the training tool before it writes files). */
    public static PlateReader of(byte[] onnx, Calibration calibration, Options options) {
        return new PlateReader(onnx, calibration, "unsaved", options);
    }

    private static PlateReader fromBytes(byte[] onnx, byte[] meta, Options options) {
        try {
            JsonNode m = new ObjectMapper().readTree(meta);
            JsonNode c = m.path("calibration");
            Calibration cal = new Calibration(c.path("wScore").asDouble(1), c.path("wDisagree").asDouble(0),
                    c.path("wPlate").asDouble(0), c.path("bias").asDouble(0));
            return new PlateReader(onnx, cal, m.path("version").asText("unknown"), options);
        } catch (IOException e) {
            throw new UncheckedIOException("bad plate reader metadata", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlateReader.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("plate reader model file missing from the classpath: " + RESOURCE_DIR + name
                        + " (train one with ./raqib train)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + name, e);
        }
    }

    /**
     * Reads one plate crop: BGR or gray, any size, an axis-aligned rectangle around the plate border
     * (a small margin or slight misalignment is fine).
     */
    public ReadResult read(Mat plateCrop) {
        return readAll(List.of(plateCrop)).get(0);
    }

    /** Reads several crops in one batch (faster per crop than one at a time). */
    public List<ReadResult> readAll(List<Mat> crops) {
        if (crops.isEmpty()) {
            return List.of();
        }
        int n = crops.size();
        int px = CropPreprocessor.HEIGHT * CropPreprocessor.WIDTH;
        float[] input = new float[n * px];
        for (int i = 0; i < n; i++) {
            CropPreprocessor.normalize(CropPreprocessor.toGray(crops.get(i)), input, i * px);
        }
        float[] logits = logits(input, n);
        List<ReadResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(decoder.decode(logits, i * PlateDecoder.OUTPUTS));
        }
        return out;
    }

    /** Raw network output for {@code n} preprocessed inputs: n x {@link PlateDecoder#OUTPUTS} logits. */
    public float[] logits(float[] input, int n) {
        long[] shape = {n, 1, CropPreprocessor.HEIGHT, CropPreprocessor.WIDTH};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result r = session.run(Map.of("input", t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            float[] flat = new float[n * PlateDecoder.OUTPUTS];
            for (int i = 0; i < n; i++) {
                System.arraycopy(out[i], 0, flat, i * PlateDecoder.OUTPUTS, PlateDecoder.OUTPUTS);
            }
            return flat;
        } catch (OrtException e) {
            throw new IllegalStateException("plate reader inference failed", e);
        }
    }

    /** The model's version string (from its metadata). */
    public String version() {
        return version;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the plate reader session", e);
        }
    }
}
