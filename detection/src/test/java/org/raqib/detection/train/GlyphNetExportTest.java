package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphNet;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphNetExportTest {

    @Test
    void onnxExportComputesWhatThePyTorchEngineComputes() {
        // given a glyph net whose weights and batch-norm statistics moved away from their initial values
        Engine.getEngine("PyTorch").setRandomSeed(7);
        GlyphNetBlock net = new GlyphNetBlock();
        int b = 16;
        int px = GlyphClassifier.INPUTS;
        Random rnd = new Random(3);
        float[] x = new float[b * px];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.9 + 0.2);
        }
        float[] pt;
        try (Model model = Model.newInstance("t", "PyTorch")) {
            model.setBlock(net.block());
            try (Trainer tr = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(Optimizer.adam().build()))) {
                tr.initialize(GlyphNetBlock.inputShape(b));
                NDManager m = tr.getManager();
                for (int step = 0; step < 3; step++) {
                    try (NDManager sub = m.newSubManager()) {
                        NDArray in = sub.create(x, GlyphNetBlock.inputShape(b));
                        try (GradientCollector gc = tr.newGradientCollector()) {
                            NDArray out = tr.forward(new NDList(in)).head();
                            gc.backward(out.sub(1f).square().mean());
                        }
                        tr.step();
                    }
                }
                // when the training engine and the exported graph run on the same inputs
                try (NDManager sub = m.newSubManager()) {
                    pt = net.block().forward(new ParameterStore(sub, false), new NDList(sub.create(x, GlyphNetBlock.inputShape(b))), false)
                            .head().toFloatArray();
                }
            }
            GlyphNet onnx = new GlyphNet(GlyphNetExport.export(net, "test"));
            List<float[]> inputs = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                inputs.add(Arrays.copyOfRange(x, i * px, (i + 1) * px));
            }
            float[][] ort = onnx.logits(inputs);
            // then they agree to float rounding
            assertEquals(b, ort.length);
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < b; i++) {
                assertEquals(GlyphClassifier.CLASSES, ort[i].length);
                for (int k = 0; k < GlyphClassifier.CLASSES; k++) {
                    float p = pt[i * GlyphClassifier.CLASSES + k];
                    maxDiff = Math.max(maxDiff, Math.abs(ort[i][k] - p));
                    maxAbs = Math.max(maxAbs, Math.abs(p));
                }
            }
            assertTrue(maxAbs > 0.01, "outputs are not trivially zero");
            assertTrue(maxDiff < 1e-4 * Math.max(1, maxAbs), "max difference " + maxDiff + " (max |logit| " + maxAbs + ")");
        }
    }
}
