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

    private static final int B = 16;

    @Test
    void onnxExportComputesWhatThePyTorchEngineComputes() {
        // given a glyph net whose weights and batch-norm statistics moved away from their initial values
        float[] x = inputs();
        Trained t = trained(GlyphNetBlock.CHANNELS, 7, x);
        // when the exported graph runs on the same inputs
        float[][] ort = new GlyphNet(GlyphNetExport.export(List.of(t.folded()), "test")).logits(rows(x));
        // then it agrees with the training engine to float rounding
        assertAgree(t.logits(), ort);
    }

    @Test
    void aWiderDeeperNetExportsAsItComputes() {
        // given a net of four conv stages, wider than the default
        float[] x = inputs();
        Trained t = trained(new int[] {16, 32, 64, 48}, 11, x);
        // when exported and run
        float[][] ort = new GlyphNet(GlyphNetExport.export(List.of(t.folded()), "test")).logits(rows(x));
        // then it agrees with the training engine
        assertAgree(t.logits(), ort);
    }

    @Test
    void anEnsembleExportsTheMeanOfItsMembersLogits() {
        // given two nets of different shapes and seeds
        float[] x = inputs();
        Trained a = trained(GlyphNetBlock.CHANNELS, 7, x);
        Trained b = trained(new int[] {16, 32, 64}, 9, x);
        // when exported as one graph
        float[][] ort = new GlyphNet(GlyphNetExport.export(List.of(a.folded(), b.folded()), "test")).logits(rows(x));
        // then its logits are the mean of the members' logits
        float[] mean = new float[a.logits().length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (a.logits()[i] + b.logits()[i]) / 2;
        }
        assertAgree(mean, ort);
    }

    private record Trained(GlyphNetExport.Folded folded, float[] logits) {
    }

    private static float[] inputs() {
        Random rnd = new Random(3);
        float[] x = new float[B * GlyphClassifier.INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.9 + 0.2);
        }
        return x;
    }

    private static List<float[]> rows(float[] x) {
        int px = GlyphClassifier.INPUTS;
        List<float[]> inputs = new ArrayList<>();
        for (int i = 0; i < B; i++) {
            inputs.add(Arrays.copyOfRange(x, i * px, (i + 1) * px));
        }
        return inputs;
    }

    /** A net of {@code channels} after three Adam steps (weights and batch-norm statistics moved), folded, and its logits on x. */
    private static Trained trained(int[] channels, int seed, float[] x) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        GlyphNetBlock net = new GlyphNetBlock(channels);
        try (Model model = Model.newInstance("t", "PyTorch")) {
            model.setBlock(net.block());
            try (Trainer tr = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(Optimizer.adam().build()))) {
                tr.initialize(GlyphNetBlock.inputShape(B));
                NDManager m = tr.getManager();
                for (int step = 0; step < 3; step++) {
                    try (NDManager sub = m.newSubManager()) {
                        NDArray in = sub.create(x, GlyphNetBlock.inputShape(B));
                        try (GradientCollector gc = tr.newGradientCollector()) {
                            NDArray out = tr.forward(new NDList(in)).head();
                            gc.backward(out.sub(1f).square().mean());
                        }
                        tr.step();
                    }
                }
                try (NDManager sub = m.newSubManager()) {
                    float[] pt = net.block().forward(new ParameterStore(sub, false),
                            new NDList(sub.create(x, GlyphNetBlock.inputShape(B))), false).head().toFloatArray();
                    return new Trained(GlyphNetExport.fold(net), pt);
                }
            }
        }
    }

    private static void assertAgree(float[] pt, float[][] ort) {
        assertEquals(B, ort.length);
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < B; i++) {
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
