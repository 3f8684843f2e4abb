package org.raqib.detection.train;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import org.raqib.detection.read.CropPreprocessor;
import org.raqib.detection.read.PlateDecoder;

/**
 * Writes a trained {@link ReaderNet} as an ONNX model (opset 13) for the OnnxRuntime engine. Batch norm
 * is folded into the preceding convolution and the three linear heads become one Gemm over the full
 * flattened feature map (each head's weights placed at the columns of the half it reads, zeros
 * elsewhere), so the graph is only Conv, Relu, MaxPool, Flatten and Gemm.
 */
public final class OnnxExport {

    /** Name of the graph's input: (N, 1, 64, 160) standardised gray pixels. */
    public static final String INPUT = "input";
    /** Name of the graph's output: (N, {@link PlateDecoder#OUTPUTS}) logits. */
    public static final String OUTPUT = "logits";
    static final long OPSET = 13;
    static final long IR_VERSION = 7;

    private OnnxExport() {
    }

    /** The ONNX bytes of {@code net} (inference mode: running batch-norm statistics, no dropout). */
    public static byte[] export(ReaderNet net, String version) {
        OnnxWriter.Message graph = new OnnxWriter.Message();
        graph.string(2, "raqib-plate-reader");
        String x = INPUT;
        int stages = net.convs.size();
        for (int i = 0; i < stages; i++) {
            Conv2d conv = net.convs.get(i);
            BatchNorm bn = net.norms.get(i);
            long[] wShape = foldedConv(graph, i, conv, bn, ReaderNet.BN_EPSILON);
            String wName = "conv" + i + ".w";
            String bName = "conv" + i + ".b";
            int k = (int) wShape[2];
            int pad = k / 2;
            String convOut = "conv" + i;
            graph.message(1, OnnxWriter.node("Conv", convOut, new String[] {x, wName, bName}, convOut,
                    OnnxWriter.intsAttr("kernel_shape", k, k), OnnxWriter.intsAttr("pads", pad, pad, pad, pad),
                    OnnxWriter.intsAttr("strides", i == 0 ? 2 : 1, i == 0 ? 2 : 1)));
            String relu = "relu" + i;
            graph.message(1, OnnxWriter.node("Relu", relu, new String[] {convOut}, relu));
            x = relu;
            if (i > 0 && i < stages - 1) {
                String pool = "pool" + i;
                graph.message(1, OnnxWriter.node("MaxPool", pool, new String[] {x}, pool,
                        OnnxWriter.intsAttr("kernel_shape", 2, 2), OnnxWriter.intsAttr("strides", 2, 2)));
                x = pool;
            }
        }
        graph.message(1, OnnxWriter.node("Flatten", "flatten", new String[] {x}, "features", OnnxWriter.intAttr("axis", 1)));

        int c = ReaderNet.FEATURES;
        int h = ReaderNet.MAP_H;
        int wd = ReaderNet.MAP_W;
        int half = h / 2;
        int full = c * h * wd;
        float[] gw = new float[PlateDecoder.OUTPUTS * full];
        float[] gb = new float[PlateDecoder.OUTPUTS];
        placeHead(net.heads.latin, PlateDecoder.LATIN, half, h, gw, gb, c, h, wd);
        placeHead(net.heads.arabic, PlateDecoder.ARABIC, 0, half, gw, gb, c, h, wd);
        placeHead(net.heads.global, PlateDecoder.LAYOUT, 0, h, gw, gb, c, h, wd);
        graph.message(5, OnnxWriter.tensor("heads.w", new long[] {PlateDecoder.OUTPUTS, full}, gw));
        graph.message(5, OnnxWriter.tensor("heads.b", new long[] {PlateDecoder.OUTPUTS}, gb));
        graph.message(1, OnnxWriter.node("Gemm", "heads", new String[] {"features", "heads.w", "heads.b"}, OUTPUT,
                OnnxWriter.intAttr("transB", 1)));
        graph.message(11, OnnxWriter.valueInfo(INPUT, -1, 1, CropPreprocessor.HEIGHT, CropPreprocessor.WIDTH));
        graph.message(12, OnnxWriter.valueInfo(OUTPUT, -1, PlateDecoder.OUTPUTS));
        return OnnxWriter.model(graph, "raqib", version, OPSET, IR_VERSION);
    }

    /** Copies a head's (units x in) weights to rows from {@code row0}, at the columns of map rows h0..h1. */
    private static void placeHead(ai.djl.nn.core.Linear head, int row0, int h0, int h1, float[] gw, float[] gb,
            int c, int h, int wd) {
        float[] w = array(head, "weight");
        float[] b = array(head, "bias");
        int units = b.length;
        int in = c * (h1 - h0) * wd;
        int full = c * h * wd;
        for (int u = 0; u < units; u++) {
            gb[row0 + u] = b[u];
            for (int ch = 0; ch < c; ch++) {
                for (int y = h0; y < h1; y++) {
                    for (int xx = 0; xx < wd; xx++) {
                        int src = ch * (h1 - h0) * wd + (y - h0) * wd + xx;
                        int dst = ch * h * wd + y * wd + xx;
                        gw[(row0 + u) * full + dst] = w[u * in + src];
                    }
                }
            }
        }
    }

    /**
     * Writes convolution {@code i}'s weights with its batch norm folded in (inference: running statistics) as the
     * initialisers {@code conv<i>.w} and {@code conv<i>.b}; returns the weight's shape (out, in, k, k).
     */
    static long[] foldedConv(OnnxWriter.Message graph, int i, Conv2d conv, BatchNorm bn, float epsilon) {
        float[][] folded = fold(conv, bn, epsilon);
        long[] wShape = conv.getParameters().get("weight").getArray().getShape().getShape();
        graph.message(5, OnnxWriter.tensor("conv" + i + ".w", wShape, folded[0]));
        graph.message(5, OnnxWriter.tensor("conv" + i + ".b", new long[] {folded[1].length}, folded[1]));
        return wShape;
    }

    /** The weights and bias ({@code [0]} and {@code [1]}) of {@code conv} with batch norm {@code bn} folded into it. */
    static float[][] fold(Conv2d conv, BatchNorm bn, float epsilon) {
        float[] w = array(conv, "weight");
        float[] b = array(conv, "bias");
        float[] gamma = array(bn, "gamma");
        float[] beta = array(bn, "beta");
        float[] mean = array(bn, "runningMean");
        float[] var = array(bn, "runningVar");
        int out = b.length;
        int per = w.length / out;
        float[] fw = new float[w.length];
        float[] fb = new float[out];
        for (int o = 0; o < out; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + epsilon);
            for (int k = 0; k < per; k++) {
                fw[o * per + k] = (float) (w[o * per + k] * s);
            }
            fb[o] = (float) ((b[o] - mean[o]) * s + beta[o]);
        }
        return new float[][] {fw, fb};
    }

    private static float[] array(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }
}
