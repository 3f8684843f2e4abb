package org.raqib.detection.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.opencv.core.Mat;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.Calibration;
import org.raqib.detection.read.CropPreprocessor;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.PlateDecoder;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.synth.Degrader;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

/**
 * Trains the plate reader with DJL on the PyTorch engine (CPU), exports it to ONNX, fits the
 * confidence calibration on held-out crops and measures it. See {@link TrainOptions} for the settings.
 */
public final class ReaderTrainer {

    /** One training example: 64x160 gray pixels, a class per target and a mask (0 = not taught). */
    record Example(byte[] gray, int[] targets, float[] mask) {
    }

    /** A run stopped because it stopped learning ({@link LossStall}); nothing is written. */
    public static final class StuckTrainingException extends RuntimeException {
        StuckTrainingException(String message) {
            super(message);
        }
    }

    /** Everything the model card reports. */
    public record Result(byte[] onnx, byte[] params, Calibration calibration, List<String> lines) {
    }

    private static final int PX = CropPreprocessor.HEIGHT * CropPreprocessor.WIDTH;
    /** Fraction of synthetic plates whose top row shows another text, so the two heads learn to read apart. */
    private static final double INCONSISTENT_FRACTION = 0.04;

    private final TrainOptions o;
    private final PrintStream err;
    private final List<String> card = new ArrayList<>();

    private ReaderTrainer(TrainOptions options, PrintStream err) {
        this.o = options.validate();
        this.err = err;
    }

    /** Runs a whole training; progress goes to {@code err}. */
    public static Result train(TrainOptions options, PrintStream err) throws Exception {
        return new ReaderTrainer(options, err).run();
    }

    /**
     * The photos of {@code photos} trained on: those outside the validation split, less those of reader fold
     * {@code leaveOutFold} ("A" or "B", {@link FoldReaders#inFoldA}; null: none left out).
     */
    static List<LabelledPhotos.Photo> trainingPhotos(List<LabelledPhotos.Photo> photos, String leaveOutFold) {
        return photos.stream().filter(p -> !p.isValidation())
                .filter(p -> leaveOutFold == null || FoldReaders.inFoldA(p) != leaveOutFold.equals("A")).toList();
    }

    private Result run() throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(o.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) o.seed());
        try (NDManager check = engine.newBaseManager()) {
            EngineCheck.requireExactConvolutions(check, ReaderNet.layers(o.batch()));
        }

        List<LabelledPhotos.Photo> photos = new ArrayList<>();
        for (Path m : o.realManifests()) {
            photos.addAll(LabelledPhotos.read(m));
        }
        List<LabelledPhotos.Photo> trainPhotos = trainingPhotos(photos, o.leaveOutFold());
        List<LabelledPhotos.Photo> valPhotos = photos.stream().filter(LabelledPhotos.Photo::isValidation).toList();
        if (o.leaveOutFold() != null) {
            card.add("- the training photos of reader fold " + o.leaveOutFold() + " left out (--leave-out-fold): a network"
                    + " for measuring the recogniser out of fold, not for shipping");
        }
        List<RealCrops.Loaded> realTrain = RealCrops.load(trainPhotos);
        List<RealCrops.Loaded> realVal = RealCrops.load(valPhotos);
        err.printf("real photos: %d for training (%d with text), %d held out for validation%n", realTrain.size(),
                realTrain.stream().filter(l -> l.photo().hasText()).count(), realVal.size());

        List<RealCrops.Loaded> swapped = columnSwaps(realTrain);

        List<Example> synthetic = generateSynthetic(o.synthetic(), o.seed(), true);

        ReaderNet net = new ReaderNet();
        int stepsPerEpoch = Math.max(1, (synthetic.size() + realExamplesPerEpoch(realTrain)
                + swapped.size() * swappedRepeats()) / o.batch());
        try (Model model = Model.newInstance("plate-reader", "PyTorch")) {
            model.setBlock(net.block());
            // Loaded before the trainer exists: initialising the trainer keeps already-set weights.
            if (o.init() != null) {
                try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                        java.nio.file.Files.newInputStream(o.init().resolve(TrainOptions.PARAMS_FILE))))) {
                    net.block().loadParameters(model.getNDManager(), in);
                }
                err.println("continuing from " + o.init().resolve(TrainOptions.PARAMS_FILE));
                card.add(ModelCard.STARTED_FROM);
            }
            int updates = Math.max(1, stepsPerEpoch * o.epochs());
            int warmUp = Math.min(updates, (int) Math.round(o.warmupEpochs() * stepsPerEpoch));
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(learningRate(o.learningRate(), warmUp, updates))
                    .optWeightDecays(1e-4f)
                    .build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new ReaderLoss()).optOptimizer(adam))) {
                trainer.initialize(ReaderNet.inputShape(o.batch()));
                List<Double> losses = new ArrayList<>();
                for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                    List<Example> data = new ArrayList<>(synthetic);
                    data.addAll(realExamples(realTrain, new Random(o.seed() * 1_000_003L + epoch)));
                    data.addAll(swappedExamples(swapped, new Random(o.seed() * 1_000_033L + epoch)));
                    Collections.shuffle(data, new Random(o.seed() * 7919L + epoch));
                    double loss = runEpoch(trainer, data, epoch);
                    double val = realVal.isEmpty() ? Double.NaN : exactRate(net, trainer.getManager(), realVal);
                    String line = String.format("epoch %d/%d: loss %.4f, exact on held-out real crops %.3f", epoch, o.epochs(), loss, val);
                    err.println(line);
                    card.add("- " + line);
                    losses.add(loss);
                    String stuck = LossStall.check(losses);
                    if (stuck != null) {
                        throw new StuckTrainingException(stuck);
                    }
                }
            }
            byte[] onnx = OnnxExport.export(net, "seed-" + o.seed());
            java.io.ByteArrayOutputStream params = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.DataOutputStream(params)) {
                net.block().saveParameters(out);
            }
            Calibration cal = calibrateAndMeasure(onnx, realVal);
            return new Result(onnx, params.toByteArray(), cal, card);
        }
    }

    /**
     * The plate network's learning rate over {@code updates} updates: a cosine decay from {@code lr} to 1% of it, after a
     * linear warm-up over the first {@code warmUp} of them (from lr / warmUp to lr; 0: none, the schedule as before
     * {@code --warmup-epochs} existed), both DJL's trackers.
     *
     * <p>Why a warm-up: Adam's first steps are taken at the full rate with second-moment estimates from a handful of
     * batches. Measured here (BENCHMARKS.md, "Session 49"): in short runs at lr 0.01 and 0.02 a warm-up of half an epoch
     * let the loss fall much further (at 0.02 the run without it nearly stalled); at 0.002-0.003 it changed little in
     * short runs and cost in a full one. So it is off by default, an option for a higher rate. A run that stops learning
     * all the same is stopped by {@link LossStall}.
     */
    static Tracker learningRate(double lr, int warmUp, int updates) {
        Tracker decay = Tracker.cosine().setBaseValue((float) lr).optFinalValue((float) lr / 100)
                .setMaxUpdates(Math.max(1, updates - warmUp)).build();
        return warmUp == 0 ? decay
                : Tracker.warmUp().setMainTracker(decay).optWarmUpSteps(warmUp).optWarmUpBeginValue((float) lr / warmUp).build();
    }

    /**
     * {@code --column-swaps}' plates ({@link ColumnSwaps}) made from the standard photos of {@code realTrain}, whose
     * strips the committed character reader finds; none (and no reader loaded) at 0.
     */
    private List<RealCrops.Loaded> columnSwaps(List<RealCrops.Loaded> realTrain) {
        if (o.columnSwaps() == 0) {
            return List.of();
        }
        GlyphReader reader = GlyphReader.loadDefault();
        Random rnd = new Random(o.seed() * 1_000_037L + 5);
        List<RealCrops.Loaded> out = new ArrayList<>();
        int stripped = 0;
        int digits = 0;
        int letters = 0;
        int plates = 0;
        for (RealCrops.Loaded l : realTrain) {
            var columns = ColumnSwaps.columns(l, reader);
            if (columns.isPresent()) {
                stripped++;
                digits += columns.get().swappable(0) ? 1 : 0;
                letters += columns.get().swappable(1) ? 1 : 0;
                List<RealCrops.Loaded> v = ColumnSwaps.variants(columns.get(), o.columnSwaps(), rnd);
                plates += v.isEmpty() ? 0 : 1;
                out.addAll(v);
            }
        }
        String line = String.format("column swaps: %d plates made from %d training photos (--column-swaps %d); strips"
                + " found in %d of %d, digits swappable in %d, letters in %d, by the committed character reader %s",
                out.size(), plates, o.columnSwaps(), stripped, realTrain.size(), digits, letters, characterReaderDigest());
        err.println(line);
        card.add("- " + line);
        return out;
    }

    /**
     * Names the committed character reader {@code --column-swaps} finds strips with, which a later commit may change:
     * its model file and the two nets that file names, and the first 16 hex digits of the SHA-256 of their bytes.
     */
    static String characterReaderDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            JsonNode model = GlyphClassifier.resource();
            List<String> files = List.of(GlyphClassifier.MODEL_FILE,
                    model.path("net").path("file").asText(), model.path("arabicNet").path("file").asText());
            for (String f : files) {
                try (InputStream in = GlyphReader.class.getResourceAsStream(PlateReader.RESOURCE_DIR + f)) {
                    if (in == null) {
                        throw new IllegalStateException("character reader file missing from the classpath: " + f);
                    }
                    sha.update(in.readAllBytes());
                }
            }
            return "(" + String.join(", ", files) + ": sha256 " + HexFormat.of().formatHex(sha.digest()).substring(0, 16)
                    + ")";
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot read the committed character reader", e);
        }
    }

    /** Jittered crops per epoch of each {@code --column-swaps} plate: half a real photo's. */
    private int swappedRepeats() {
        return Math.max(1, o.realRepeats() / 2);
    }

    private List<Example> swappedExamples(List<RealCrops.Loaded> swapped, Random rnd) {
        List<Example> out = new ArrayList<>();
        for (RealCrops.Loaded l : swapped) {
            for (int i = 0; i < swappedRepeats(); i++) {
                out.add(jitteredExample(l, rnd));
            }
        }
        return out;
    }

    private int realExamplesPerEpoch(List<RealCrops.Loaded> real) {
        int n = 0;
        for (RealCrops.Loaded l : real) {
            n += l.photo().hasText() ? o.realRepeats() : o.realRepeats() / 2;
            n += 2;
        }
        return n;
    }

    private double runEpoch(Trainer trainer, List<Example> data, int epoch) {
        int b = o.batch();
        int steps = data.size() / b;
        ProgressBar bar = new ProgressBar(err, "epoch " + epoch, steps);
        double lossSum = 0;
        float[] x = new float[b * PX];
        int[] y = new int[b * ReaderLoss.TARGETS];
        float[] mask = new float[b * ReaderLoss.TARGETS];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < b; i++) {
                Example e = data.get(s * b + i);
                CropPreprocessor.normalize(e.gray(), x, i * PX);
                System.arraycopy(e.targets(), 0, y, i * ReaderLoss.TARGETS, ReaderLoss.TARGETS);
                System.arraycopy(e.mask(), 0, mask, i * ReaderLoss.TARGETS, ReaderLoss.TARGETS);
            }
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDArray in = sub.create(x, ReaderNet.inputShape(b));
                NDList labels = new NDList(sub.create(y, new Shape(b, ReaderLoss.TARGETS)),
                        sub.create(mask, new Shape(b, ReaderLoss.TARGETS)));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList pred = trainer.forward(new NDList(in));
                    NDArray loss = trainer.getLoss().evaluate(labels, pred);
                    lossSum += loss.getFloat();
                    gc.backward(loss);
                }
                trainer.step();
            }
            bar.update(s + 1, String.format("loss %.3f", lossSum / (s + 1)));
        }
        return lossSum / Math.max(1, steps);
    }

    /** Synthetic plates and negatives, generated in parallel chunks with per-chunk seeds (deterministic). */
    private List<Example> generateSynthetic(int plates, long seed, boolean showProgress) throws Exception {
        int negatives = plates / 4;
        int total = plates + negatives;
        int chunk = 500;
        int chunks = (total + chunk - 1) / chunk;
        ExecutorService pool = Executors.newFixedThreadPool(o.threads());
        AtomicLong done = new AtomicLong();
        ProgressBar bar = new ProgressBar(err, "synthetic", total);
        try {
            List<Future<List<Example>>> futures = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int from = c * chunk;
                int to = Math.min(total, from + chunk);
                long chunkSeed = seed * 1_000_003L + c * 7_919L + 17;
                futures.add(pool.submit(() -> {
                    SyntheticPlates gen = new SyntheticPlates(chunkSeed, o.topRowFonts());
                    Random rnd = new Random(chunkSeed ^ 0x5DEECE66DL);
                    List<Example> out = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        if (i < plates) {
                            PlateSpec spec = SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd,
                                    o.topRowFonts());
                            if (rnd.nextDouble() < INCONSISTENT_FRACTION) {
                                spec = spec.withTopText(SyntheticPlates.randomText(rnd));
                            }
                            SyntheticPlates.Sample s = gen.plate(spec, rnd.nextDouble());
                            out.add(plateExample(s.image(), spec.text(), spec.topText(), spec.layout()));
                            s.image().release();
                        } else {
                            SyntheticPlates.Sample s = gen.nextNegative();
                            out.add(negativeExample(s.image()));
                            s.image().release();
                        }
                        long d = done.incrementAndGet();
                        if (showProgress) {
                            synchronized (bar) {
                                bar.update(d, "");
                            }
                        }
                    }
                    return out;
                }));
            }
            List<Example> all = new ArrayList<>(total);
            for (Future<List<Example>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Example> realExamples(List<RealCrops.Loaded> real, Random rnd) {
        List<Example> out = new ArrayList<>();
        for (RealCrops.Loaded l : real) {
            int n = l.photo().hasText() ? o.realRepeats() : o.realRepeats() / 2;
            for (int i = 0; i < n; i++) {
                out.add(jitteredExample(l, rnd));
            }
            for (int i = 0; i < 2; i++) {
                Mat neg = RealCrops.negativeCrop(l, rnd);
                if (neg != null) {
                    out.add(negativeExample(neg));
                    neg.release();
                }
            }
        }
        return out;
    }

    /** One jittered crop of {@code l}'s plate, sometimes degraded a little more, as a training example. */
    private static Example jitteredExample(RealCrops.Loaded l, Random rnd) {
        Mat crop = RealCrops.jitteredCrop(l, rnd, rnd.nextDouble());
        if (rnd.nextDouble() < 0.5) {
            // Real photos are already degraded; add a little more so the model does not learn their exact look.
            Degrader.photometric(crop, rnd, rnd.nextDouble() * 0.4);
        }
        String text = l.photo().plateText();
        Example e = text.isEmpty() ? unreadPlateExample(crop, l.layout()) : plateExample(crop, text, text, l.layout());
        crop.release();
        return e;
    }

    static Example plateExample(Mat crop, String text, String topText, PlateLayout layout) {
        int[] t = new int[ReaderLoss.TARGETS];
        float[] m = new float[ReaderLoss.TARGETS];
        System.arraycopy(PlateDecoder.targets(text), 0, t, 0, PlateDecoder.SLOTS);
        System.arraycopy(PlateDecoder.targets(topText), 0, t, PlateDecoder.SLOTS, PlateDecoder.SLOTS);
        java.util.Arrays.fill(m, 1f);
        t[ReaderLoss.LAYOUT_TARGET] = layout == PlateLayout.WIDE ? 1 : 0;
        t[ReaderLoss.PLATE_TARGET] = 1;
        return new Example(CropPreprocessor.toGray(crop), t, m);
    }

    private static Example unreadPlateExample(Mat crop, PlateLayout layout) {
        int[] t = new int[ReaderLoss.TARGETS];
        float[] m = new float[ReaderLoss.TARGETS];
        t[ReaderLoss.LAYOUT_TARGET] = layout == PlateLayout.WIDE ? 1 : 0;
        m[ReaderLoss.LAYOUT_TARGET] = 1;
        t[ReaderLoss.PLATE_TARGET] = 1;
        m[ReaderLoss.PLATE_TARGET] = 1;
        return new Example(CropPreprocessor.toGray(crop), t, m);
    }

    private static Example negativeExample(Mat crop) {
        int[] t = new int[ReaderLoss.TARGETS];
        float[] m = new float[ReaderLoss.TARGETS];
        m[ReaderLoss.PLATE_TARGET] = 1;
        return new Example(CropPreprocessor.toGray(crop), t, m);
    }

    /** Exact-text rate of the training-engine network on the held-out real crops. */
    private static double exactRate(ReaderNet net, NDManager manager, List<RealCrops.Loaded> val) {
        int n = val.size();
        float[] x = new float[n * PX];
        for (int i = 0; i < n; i++) {
            Mat c = RealCrops.evalCrop(val.get(i));
            CropPreprocessor.normalize(CropPreprocessor.toGray(c), x, i * PX);
            c.release();
        }
        float[] logits;
        try (NDManager sub = manager.newSubManager()) {
            logits = net.block().forward(new ParameterStore(sub, false), new NDList(sub.create(x, ReaderNet.inputShape(n))), false)
                    .head().toFloatArray();
        }
        int ok = 0;
        for (int i = 0; i < n; i++) {
            if (PlateDecoder.evidence(logits, i * PlateDecoder.OUTPUTS).text().equals(val.get(i).photo().plateText())) {
                ok++;
            }
        }
        return (double) ok / n;
    }

    /** Held-out evidence with its truth ("" for non-plates) and whether it came from a real photo. */
    private record Scored(PlateDecoder.Evidence e, String truth, boolean real, int fold) {
        boolean correct() {
            return !truth.isEmpty() && e.text().equals(truth);
        }

        CalibrationFit.Point point() {
            // Real crops are what the reader will see; weighted so they count about as much as all synthetic ones.
            return new CalibrationFit.Point(e.logScore(), e.disagreements(), e.plateScore(), correct(), real ? 10 : 1);
        }
    }

    /**
     * Fits the calibration on held-out synthetic crops (a fresh seed) and the held-out real crops, and
     * reports out-of-fold numbers: real validation photos are split in two folds by text hash, and each
     * fold is measured with a calibration fitted without it.
     */
    private Calibration calibrateAndMeasure(byte[] onnx, List<RealCrops.Loaded> realVal) throws Exception {
        err.println("calibrating and measuring...");
        List<Scored> scored = new ArrayList<>();
        try (PlateReader reader = PlateReader.of(onnx, Calibration.RAW, new PlateReader.Options(o.threads()))) {
            SyntheticPlates gen = new SyntheticPlates(o.seed() + 99_991L, o.topRowFonts());
            Random rnd = new Random(o.seed() + 99_989L);
            for (int i = 0; i < 1500; i++) {
                PlateSpec spec = SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd, o.topRowFonts());
                SyntheticPlates.Sample s = gen.plate(spec, rnd.nextDouble());
                scored.add(new Scored(evidence(reader, s.image()), s.text(), false, -1));
                s.image().release();
            }
            for (int i = 0; i < 400; i++) {
                SyntheticPlates.Sample s = gen.nextNegative();
                scored.add(new Scored(evidence(reader, s.image()), "", false, -1));
                s.image().release();
            }
            for (RealCrops.Loaded l : realVal) {
                int fold = Math.floorMod(l.photo().plateText().hashCode() / 5, 2);
                Mat c = RealCrops.evalCrop(l);
                scored.add(new Scored(evidence(reader, c), l.photo().plateText(), true, fold));
                c.release();
                for (int k = 0; k < 4; k++) {
                    Mat j = RealCrops.jitteredCrop(l, rnd, 0.5);
                    scored.add(new Scored(evidence(reader, j), l.photo().plateText(), true, fold));
                    j.release();
                }
            }
            long t0 = System.nanoTime();
            int timed = 0;
            for (RealCrops.Loaded l : realVal.isEmpty() ? List.<RealCrops.Loaded>of() : realVal) {
                Mat c = RealCrops.evalCrop(l);
                reader.read(c);
                c.release();
                timed++;
            }
            if (timed > 0) {
                card.add(String.format("- inference (OnnxRuntime, %d thread(s), preprocessing included): %.2f ms per crop",
                        o.threads(), (System.nanoTime() - t0) / 1e6 / timed));
            }
        }
        Calibration all = CalibrationFit.fit(scored.stream().map(Scored::point).toList());
        // Out-of-fold: each real fold judged by a calibration that never saw it.
        List<Calibration> foldCal = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            int fold = f;
            foldCal.add(CalibrationFit.fit(scored.stream().filter(s -> s.fold() != fold).map(Scored::point).toList()));
        }
        card.add("");
        card.add("Held-out measurements:");
        report("real validation crops, manifest box + 4% margin", scored.stream().filter(s -> s.real()).toList(), foldCal, true, 0);
        report("real validation crops, jittered like a localiser", scored.stream().filter(s -> s.real()).toList(), foldCal, true, 1);
        report("synthetic plates (fresh seed, degradation 0..1)",
                scored.stream().filter(s -> !s.real() && !s.truth().isEmpty()).toList(), List.of(all, all), false, -1);
        List<Scored> negs = scored.stream().filter(s -> !s.real() && s.truth().isEmpty()).toList();
        long falsePlates = negs.stream().filter(s -> s.e().plateScore() >= 0.5).count();
        card.add(String.format("- synthetic non-plates: %d, plateScore >= 0.5 on %d; reads at confidence >= 0.9: %d", negs.size(),
                falsePlates, negs.stream().filter(s -> conf(all, s) >= 0.9).count()));
        card.add(String.format("- calibration (fitted on all of the above): wScore %.4f, wDisagree %.4f, wPlate %.4f, bias %.4f",
                all.wScore(), all.wDisagree(), all.wPlate(), all.bias()));
        for (String line : card) {
            err.println(line);
        }
        return all;
    }

    /** kind 0: only the fixed-margin crop of each photo; kind 1: only the jittered ones; -1: all. */
    private void report(String title, List<Scored> list, List<Calibration> cal, boolean realFolds, int kind) {
        List<Scored> sel = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            boolean fixed = !realFolds || i % 5 == 0;
            if (kind == -1 || (kind == 0 && fixed) || (kind == 1 && !fixed)) {
                sel.add(list.get(i));
            }
        }
        int ok = 0;
        int confident = 0;
        int wrongConfident = 0;
        long chars = 0;
        long charsOk = 0;
        for (Scored s : sel) {
            if (s.correct()) {
                ok++;
            }
            String a = s.e().text();
            String b = s.truth();
            for (int i = 0; i < Math.max(a.length(), b.length()); i++) {
                chars++;
                if (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
                    charsOk++;
                }
            }
            double c = conf(cal.get(Math.max(0, s.fold())), s);
            if (c >= 0.9) {
                confident++;
                if (!s.correct()) {
                    wrongConfident++;
                }
            }
        }
        card.add(String.format("- %s: %d crops, exact %.3f (%d), character accuracy %.3f, confidence >= 0.9 on %d with %d wrong%s",
                title, sel.size(), sel.isEmpty() ? 0 : (double) ok / sel.size(), ok, chars == 0 ? 0 : (double) charsOk / chars,
                confident, wrongConfident, realFolds ? " (out-of-fold calibration)" : ""));
    }

    private static double conf(Calibration c, Scored s) {
        return c.confidence(s.e().logScore(), s.e().disagreements(), s.e().formatBroken(), s.e().plateScore());
    }

    private static PlateDecoder.Evidence evidence(PlateReader reader, Mat crop) {
        float[] in = CropPreprocessor.toInput(crop);
        return PlateDecoder.evidence(reader.logits(in, 1), 0);
    }
}
