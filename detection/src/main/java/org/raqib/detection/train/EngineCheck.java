package org.raqib.detection.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Checks, before a training, that the training engine computes the network's convolutions right on this machine.
 *
 * <p>PyTorch 2.7.1's CPU convolutions (oneDNN 3.7.1) computed some of the reader network's layers wrong on an AMD EPYC
 * with AVX-512 (bf16): at a batch of 64 a 24-to-48-channel 3x3 convolution at 16x40 off by 17 with the default
 * instruction set, a 12-to-24 one at 32x80 off by 32 with {@code ONEDNN_MAX_CPU_ISA=AVX2}; with {@code SSE41} every
 * layer was right. The error is silent (a network trains on it, and its ONNX export, which OnnxRuntime computes right,
 * then disagrees with what was trained), so each trainer compares the engine's forward convolution for each of its
 * layers' shapes, at its batch size and thread settings, with a plain Java one first, and refuses to train on a
 * mismatch. It checks the forward pass only (the gradients' kernels are not compared).
 */
public final class EngineCheck {

    /** Largest difference allowed, relative to the largest output (float sums of up to ~600 products). */
    static final double TOLERANCE = 1e-4;

    /** Environment variable that caps oneDNN's instruction set; the launcher sets it unless it is set already. */
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";

    private EngineCheck() {
    }

    /**
     * One convolution layer as the network runs it: a batch of {@code batch} maps of {@code in} channels, {@code h} x
     * {@code w}, into {@code out} channels with a square {@code k} x {@code k} kernel, padding {@code k / 2}, stride
     * {@code stride}.
     */
    public record Layer(int batch, int in, int out, int k, int stride, int h, int w) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%dx%d conv %d->%d stride %d at %dx%d, batch %d", k, k, in, out, stride, h, w,
                    batch);
        }
    }

    /**
     * Throws an {@link IllegalStateException} naming the first of {@code layers} that {@code manager}'s engine computes
     * differently from {@link #reference}; returns quietly when all agree.
     */
    public static void requireExactConvolutions(NDManager manager, List<Layer> layers) {
        Random rnd = new Random(1);
        for (Layer l : layers) {
            float[] x = gaussian(rnd, l.batch() * l.in() * l.h() * l.w());
            float[] k = gaussian(rnd, l.out() * l.in() * l.k() * l.k());
            float[] bias = gaussian(rnd, l.out());
            float[] engine;
            try (NDManager sub = manager.newSubManager()) {
                NDArray out = Conv2d.conv2d(sub.create(x, new Shape(l.batch(), l.in(), l.h(), l.w())),
                        sub.create(k, new Shape(l.out(), l.in(), l.k(), l.k())), sub.create(bias, new Shape(l.out())),
                        new Shape(l.stride(), l.stride()), new Shape(l.k() / 2, l.k() / 2), new Shape(1, 1), 1).head();
                engine = out.toFloatArray();
            }
            String mismatch = mismatch(engine, reference(l, x, k, bias));
            if (mismatch != null) {
                throw new IllegalStateException("the training engine (" + manager.getEngine().getEngineName()
                        + ") computes a " + l + " wrong on this machine (" + mismatch + "); a network trained so would"
                        + " not be the one exported. Run again with " + ISA_VARIABLE + "=SSE41 in the environment (its"
                        + " current value: " + System.getenv().getOrDefault(ISA_VARIABLE, "unset") + ")");
            }
        }
    }

    /** Null when {@code actual} matches {@code expected} within {@link #TOLERANCE}, else what differs. */
    static String mismatch(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            return actual.length + " outputs, expected " + expected.length;
        }
        double maxAbs = 0;
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        return maxDiff <= TOLERANCE * Math.max(1, maxAbs) ? null
                : String.format(Locale.ROOT, "largest difference %.4g, largest output %.4g", maxDiff, maxAbs);
    }

    /** The convolution of {@code layer} computed in plain Java (double sums), NCHW. */
    static float[] reference(Layer l, float[] x, float[] k, float[] bias) {
        int pad = l.k() / 2;
        int oh = (l.h() + 2 * pad - l.k()) / l.stride() + 1;
        int ow = (l.w() + 2 * pad - l.k()) / l.stride() + 1;
        float[] out = new float[l.batch() * l.out() * oh * ow];
        for (int b = 0; b < l.batch(); b++) {
            for (int o = 0; o < l.out(); o++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double acc = bias[o];
                        for (int c = 0; c < l.in(); c++) {
                            for (int ky = 0; ky < l.k(); ky++) {
                                int iy = y * l.stride() - pad + ky;
                                if (iy < 0 || iy >= l.h()) {
                                    continue;
                                }
                                for (int kx = 0; kx < l.k(); kx++) {
                                    int ix = xx * l.stride() - pad + kx;
                                    if (ix >= 0 && ix < l.w()) {
                                        acc += (double) x[((b * l.in() + c) * l.h() + iy) * l.w() + ix]
                                                * k[((o * l.in() + c) * l.k() + ky) * l.k() + kx];
                                    }
                                }
                            }
                        }
                        out[((b * l.out() + o) * oh + y) * ow + xx] = (float) acc;
                    }
                }
            }
        }
        return out;
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    /** The layers of a stack of convolutions, each 2x2-max-pooled after where {@code pooled[i]}. */
    static List<Layer> stack(int batch, int h, int w, int[] channels, int[] kernels, int[] strides, boolean[] pooled) {
        List<Layer> layers = new ArrayList<>();
        int in = 1;
        for (int i = 0; i < channels.length; i++) {
            layers.add(new Layer(batch, in, channels[i], kernels[i], strides[i], h, w));
            int pad = kernels[i] / 2;
            h = (h + 2 * pad - kernels[i]) / strides[i] + 1;
            w = (w + 2 * pad - kernels[i]) / strides[i] + 1;
            if (pooled[i]) {
                h /= 2;
                w /= 2;
            }
            in = channels[i];
        }
        return layers;
    }
}
