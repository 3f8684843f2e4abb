package org.raqib.detection.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.raqib.detection.read.GlyphClassifier;

/**
 * Trains {@link GlyphNetBlock} with DJL on the PyTorch engine (CPU, one thread, so a seed gives the
 * same weights) on the glyph examples the perceptron is trained on, and exports it to ONNX. Its own
 * {@link Random}: the perceptron's examples and training are untouched by it.
 */
final class GlyphNetTrainer {

    /** Examples per step. */
    static final int BATCH = 64;

    private GlyphNetTrainer() {
    }

    /** How one training went: the ONNX bytes and the last epoch's mean loss and training accuracy. */
    record Result(byte[] onnx, double loss, double accuracy) {
    }

    /** Trains a fresh network on {@code data} for {@code epochs} passes (Adam, cosine decay from {@code lr}). */
    static Result train(List<GlyphTrainer.Example> data, int epochs, double lr, long seed, PrintStream err, String label) {
        return train(data, epochs, lr, GlyphNetBlock.CHANNELS, 1, seed, err, label);
    }

    /**
     * An ensemble of {@code members} nets of conv stages with {@code channels}, each trained as
     * {@link #train(List, int, double, long, PrintStream, String)} from its own seed (the first from {@code seed}, so a
     * one-member ensemble is that net), exported as one graph that averages their logits; the loss and accuracy are
     * the members' means.
     */
    static Result train(List<GlyphTrainer.Example> data, int epochs, double lr, int[] channels, int members, long seed,
            PrintStream err, String label) {
        List<GlyphNetExport.Folded> nets = new ArrayList<>();
        double loss = 0;
        double accuracy = 0;
        for (int m = 0; m < members; m++) {
            Member one = trainOne(data, epochs, lr, channels, seed + MEMBER_SEED_STRIDE * m, err,
                    members == 1 ? label : label + " member " + (m + 1));
            nets.add(one.net());
            loss += one.loss() / members;
            accuracy += one.accuracy() / members;
        }
        return new Result(GlyphNetExport.export(nets, "glyph-net-seed" + seed), loss, accuracy);
    }

    /** Seed offset between an ensemble's members. */
    static final long MEMBER_SEED_STRIDE = 1009;

    /** One trained net, folded, with its last epoch's mean loss and training accuracy. */
    private record Member(GlyphNetExport.Folded net, double loss, double accuracy) {
    }

    /** The layer shapes {@link EngineCheck} has passed in this process. */
    private static final Set<List<EngineCheck.Layer>> CHECKED = ConcurrentHashMap.newKeySet();

    private static Member trainOne(List<GlyphTrainer.Example> data, int epochs, double lr, int[] channels, long seed,
            PrintStream err, String label) {
        // Before the engine's first use in this process (ReaderTrainer sets its own): one thread keeps a seed's
        // weights the same from run to run, and the machine is shared.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine("PyTorch");
        List<EngineCheck.Layer> layers = GlyphNetBlock.layers(BATCH, channels);
        if (CHECKED.add(layers)) {
            try (NDManager check = engine.newBaseManager()) {
                EngineCheck.requireExactConvolutions(check, layers);
            }
        }
        engine.setRandomSeed((int) seed);
        Random rnd = new Random(seed);
        int n = data.size();
        int steps = n / BATCH;
        int px = GlyphClassifier.INPUTS;
        GlyphNetBlock net = new GlyphNetBlock(channels);
        try (Model model = Model.newInstance("glyph-net", "PyTorch")) {
            model.setBlock(net.block());
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(Tracker.cosine().setBaseValue((float) lr).optFinalValue((float) lr / 100)
                            .setMaxUpdates(Math.max(1, steps * epochs)).build())
                    .optWeightDecays(1e-4f)
                    .build();
            double loss = Double.NaN;
            double accuracy = Double.NaN;
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam))) {
                trainer.initialize(GlyphNetBlock.inputShape(BATCH));
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                float[] x = new float[BATCH * px];
                float[] y = new float[BATCH];
                ProgressBar bar = new ProgressBar(err, label + " net", (long) epochs * steps);
                for (int e = 0; e < epochs; e++) {
                    GlyphTrainer.shuffle(order, rnd);
                    double lossSum = 0;
                    long correct = 0;
                    for (int s = 0; s < steps; s++) {
                        for (int i = 0; i < BATCH; i++) {
                            GlyphTrainer.Example ex = data.get(order[s * BATCH + i]);
                            System.arraycopy(ex.x(), 0, x, i * px, px);
                            y[i] = ex.label();
                        }
                        try (NDManager sub = trainer.getManager().newSubManager()) {
                            NDArray in = sub.create(x, GlyphNetBlock.inputShape(BATCH));
                            NDArray labels = sub.create(y, new Shape(BATCH));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray out = trainer.forward(new NDList(in)).head();
                                NDArray l = trainer.getLoss().evaluate(new NDList(labels), new NDList(out));
                                lossSum += l.getFloat();
                                correct += out.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                        .eq(labels).countNonzero().getLong();
                                gc.backward(l);
                            }
                            trainer.step();
                        }
                        if ((s & 63) == 0) {
                            bar.update((long) e * steps + s + 1, String.format("epoch %d/%d loss %.3f", e + 1, epochs,
                                    lossSum / (s + 1)));
                        }
                    }
                    loss = lossSum / Math.max(1, steps);
                    accuracy = correct / (double) Math.max(1, (long) steps * BATCH);
                    bar.update((long) (e + 1) * steps, String.format("epoch %d/%d loss %.3f train-acc %.3f", e + 1, epochs,
                            loss, accuracy));
                }
            }
            return new Member(GlyphNetExport.fold(net), loss, accuracy);
        }
    }
}
