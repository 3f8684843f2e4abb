package org.raqib.detection.train;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphNet;

/**
 * Writes a trained {@link GlyphNetBlock} as an ONNX model (opset 13): batch norm folded into each
 * convolution, so the graph is only Conv, Relu, MaxPool, Flatten and one Gemm.
 */
final class GlyphNetExport {

    private GlyphNetExport() {
    }

    /** The ONNX bytes of {@code net} (inference mode: running batch-norm statistics). */
    static byte[] export(GlyphNetBlock net, String version) {
        OnnxWriter.Message graph = new OnnxWriter.Message();
        graph.string(2, "raqib-glyph-net");
        String x = GlyphNet.INPUT;
        for (int i = 0; i < net.convs.size(); i++) {
            Conv2d conv = net.convs.get(i);
            BatchNorm bn = net.norms.get(i);
            OnnxExport.foldedConv(graph, i, conv, bn, GlyphNetBlock.BN_EPSILON);
            String wName = "conv" + i + ".w";
            String bName = "conv" + i + ".b";
            String convOut = "conv" + i;
            graph.message(1, OnnxWriter.node("Conv", convOut, new String[] {x, wName, bName}, convOut,
                    OnnxWriter.intsAttr("kernel_shape", 3, 3), OnnxWriter.intsAttr("pads", 1, 1, 1, 1),
                    OnnxWriter.intsAttr("strides", 1, 1)));
            String relu = "relu" + i;
            graph.message(1, OnnxWriter.node("Relu", relu, new String[] {convOut}, relu));
            x = relu;
            if (GlyphNetBlock.pooled(i)) {
                String pool = "pool" + i;
                graph.message(1, OnnxWriter.node("MaxPool", pool, new String[] {x}, pool,
                        OnnxWriter.intsAttr("kernel_shape", 2, 2), OnnxWriter.intsAttr("strides", 2, 2)));
                x = pool;
            }
        }
        graph.message(1, OnnxWriter.node("Flatten", "flatten", new String[] {x}, "features", OnnxWriter.intAttr("axis", 1)));
        float[] hw = array(net.head, "weight");
        float[] hb = array(net.head, "bias");
        graph.message(5, OnnxWriter.tensor("head.w", new long[] {GlyphClassifier.CLASSES, hw.length / GlyphClassifier.CLASSES}, hw));
        graph.message(5, OnnxWriter.tensor("head.b", new long[] {GlyphClassifier.CLASSES}, hb));
        graph.message(1, OnnxWriter.node("Gemm", "head", new String[] {"features", "head.w", "head.b"}, GlyphNet.OUTPUT,
                OnnxWriter.intAttr("transB", 1)));
        graph.message(11, OnnxWriter.valueInfo(GlyphNet.INPUT, -1, 1, GlyphClassifier.H, GlyphClassifier.W));
        graph.message(12, OnnxWriter.valueInfo(GlyphNet.OUTPUT, -1, GlyphClassifier.CLASSES));
        return OnnxWriter.model(graph, "raqib", version, OnnxExport.OPSET, OnnxExport.IR_VERSION);
    }

    private static float[] array(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }
}
