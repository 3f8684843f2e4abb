package org.raqib.detection.train;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphNet;

/**
 * Writes a trained {@link GlyphNetBlock} as an ONNX model (opset 13): batch norm folded into each
 * convolution, so the graph is only Conv, Relu, MaxPool, Flatten and one Gemm. Several nets (an ensemble) go into one
 * graph side by side, their logits averaged (each head scaled by 1/k, then one Sum): the reader loads it as one net.
 */
final class GlyphNetExport {

    private GlyphNetExport() {
    }

    /**
     * One trained net as plain arrays, batch norm folded (inference mode: running statistics): each conv stage's
     * weights (out, in, 3, 3) and bias, and the head's weights (CLASSES, features) and bias.
     */
    record Folded(List<float[]> convW, List<long[]> convShape, List<float[]> convB, float[] headW, float[] headB) {
    }

    /** {@code net}'s weights, folded; taken while its model is open. */
    static Folded fold(GlyphNetBlock net) {
        List<float[]> w = new ArrayList<>();
        List<long[]> shape = new ArrayList<>();
        List<float[]> b = new ArrayList<>();
        for (int i = 0; i < net.convs.size(); i++) {
            float[][] f = OnnxExport.fold(net.convs.get(i), net.norms.get(i), GlyphNetBlock.BN_EPSILON);
            w.add(f[0]);
            b.add(f[1]);
            shape.add(net.convs.get(i).getParameters().get("weight").getArray().getShape().getShape());
        }
        return new Folded(w, shape, b, array(net.head, "weight"), array(net.head, "bias"));
    }

    /** The ONNX bytes of {@code net} (inference mode: running batch-norm statistics). */
    static byte[] export(GlyphNetBlock net, String version) {
        return export(List.of(fold(net)), version);
    }

    /**
     * The ONNX bytes of {@code members}: one net as it always was; several side by side on the same input, the
     * output the mean of their logits (the normalised geometric mean of their probabilities). The first member's
     * names are a single net's; member m's are prefixed "m&lt;m&gt;.".
     */
    static byte[] export(List<Folded> members, String version) {
        OnnxWriter.Message graph = new OnnxWriter.Message();
        graph.string(2, "raqib-glyph-net");
        int k = members.size();
        String[] heads = new String[k];
        for (int m = 0; m < k; m++) {
            Folded f = members.get(m);
            String p = m == 0 ? "" : "m" + m + ".";
            String x = GlyphNet.INPUT;
            for (int i = 0; i < f.convW().size(); i++) {
                String wName = p + "conv" + i + ".w";
                String bName = p + "conv" + i + ".b";
                graph.message(5, OnnxWriter.tensor(wName, f.convShape().get(i), f.convW().get(i)));
                graph.message(5, OnnxWriter.tensor(bName, new long[] {f.convB().get(i).length}, f.convB().get(i)));
                String convOut = p + "conv" + i;
                graph.message(1, OnnxWriter.node("Conv", convOut, new String[] {x, wName, bName}, convOut,
                        OnnxWriter.intsAttr("kernel_shape", 3, 3), OnnxWriter.intsAttr("pads", 1, 1, 1, 1),
                        OnnxWriter.intsAttr("strides", 1, 1)));
                String relu = p + "relu" + i;
                graph.message(1, OnnxWriter.node("Relu", relu, new String[] {convOut}, relu));
                x = relu;
                if (GlyphNetBlock.pooled(i)) {
                    String pool = p + "pool" + i;
                    graph.message(1, OnnxWriter.node("MaxPool", pool, new String[] {x}, pool,
                            OnnxWriter.intsAttr("kernel_shape", 2, 2), OnnxWriter.intsAttr("strides", 2, 2)));
                    x = pool;
                }
            }
            String features = p + "features";
            graph.message(1, OnnxWriter.node("Flatten", p + "flatten", new String[] {x}, features, OnnxWriter.intAttr("axis", 1)));
            float[] hw = scaled(f.headW(), k);
            float[] hb = scaled(f.headB(), k);
            graph.message(5, OnnxWriter.tensor(p + "head.w", new long[] {GlyphClassifier.CLASSES, hw.length / GlyphClassifier.CLASSES}, hw));
            graph.message(5, OnnxWriter.tensor(p + "head.b", new long[] {GlyphClassifier.CLASSES}, hb));
            heads[m] = k == 1 ? GlyphNet.OUTPUT : "member" + m + ".logits";
            graph.message(1, OnnxWriter.node("Gemm", p + "head", new String[] {features, p + "head.w", p + "head.b"}, heads[m],
                    OnnxWriter.intAttr("transB", 1)));
        }
        if (k > 1) {
            graph.message(1, OnnxWriter.node("Sum", "mean", heads, GlyphNet.OUTPUT));
        }
        graph.message(11, OnnxWriter.valueInfo(GlyphNet.INPUT, -1, 1, GlyphClassifier.H, GlyphClassifier.W));
        graph.message(12, OnnxWriter.valueInfo(GlyphNet.OUTPUT, -1, GlyphClassifier.CLASSES));
        return OnnxWriter.model(graph, "raqib", version, OnnxExport.OPSET, OnnxExport.IR_VERSION);
    }

    /** {@code a} divided by {@code k} (the same array when k is 1: a single net's bytes are unchanged). */
    private static float[] scaled(float[] a, int k) {
        if (k == 1) {
            return a;
        }
        float[] s = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] / k;
        }
        return s;
    }

    private static float[] array(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }
}
