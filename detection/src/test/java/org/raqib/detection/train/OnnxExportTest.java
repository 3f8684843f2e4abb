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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.read.Calibration;
import org.raqib.detection.read.CropPreprocessor;
import org.raqib.detection.read.PlateDecoder;
import org.raqib.detection.read.PlateReader;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnnxExportTest {

    @Test
    void onnxExportComputesWhatThePyTorchEngineComputes() {
        // given a network whose batch-norm statistics and weights moved away from their initial values
        Engine.getEngine("PyTorch").setRandomSeed(11);
        ReaderNet net = new ReaderNet();
        int b = 8;
        int px = CropPreprocessor.HEIGHT * CropPreprocessor.WIDTH;
        Random rnd = new Random(5);
        float[] x = new float[b * px];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 0.8 + 0.3);
        }
        float[] pt;
        try (Model model = Model.newInstance("t", "PyTorch")) {
            model.setBlock(net.block());
            try (Trainer tr = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(Optimizer.adam().build()))) {
                tr.initialize(ReaderNet.inputShape(b));
                NDManager m = tr.getManager();
                for (int step = 0; step < 3; step++) {
                    try (NDManager sub = m.newSubManager()) {
                        NDArray in = sub.create(x, ReaderNet.inputShape(b));
                        try (GradientCollector gc = tr.newGradientCollector()) {
                            NDArray out = tr.forward(new NDList(in)).head();
                            gc.backward(out.sub(1f).square().mean());
                        }
                        tr.step();
                    }
                }
                // when the training engine and the exported graph run on the same input
                try (NDManager sub = m.newSubManager()) {
                    pt = net.block().forward(new ParameterStore(sub, false), new NDList(sub.create(x, ReaderNet.inputShape(b))), false)
                            .head().toFloatArray();
                }
            }
            byte[] onnx = OnnxExport.export(net, "test");
            float[] ort;
            try (PlateReader reader = PlateReader.of(onnx, Calibration.RAW, PlateReader.Options.DEFAULT)) {
                ort = reader.logits(x, b);
            }
            // then they agree to float rounding
            assertEquals(b * PlateDecoder.OUTPUTS, ort.length);
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < ort.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(ort[i] - pt[i]));
                maxAbs = Math.max(maxAbs, Math.abs(pt[i]));
            }
            assertTrue(maxAbs > 0.01, "outputs are not trivially zero");
            assertTrue(maxDiff < 1e-3 * Math.max(1, maxAbs), "max difference " + maxDiff + " (max |logit| " + maxAbs + ")");
        }
    }

    @Test
    void protobufVarintsAreLittleEndianBase128() {
        byte[] b = new OnnxWriter.Message().varint(1, 300).toByteArray();
        // key (field 1, wire type 0) = 0x08, then 300 = 0xAC 0x02
        assertEquals(3, b.length);
        assertEquals(0x08, b[0] & 0xFF);
        assertEquals(0xAC, b[1] & 0xFF);
        assertEquals(0x02, b[2] & 0xFF);
    }
}
