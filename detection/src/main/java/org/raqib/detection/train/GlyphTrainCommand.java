package org.raqib.detection.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.opencv.core.Mat;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.CropPreprocessor;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.read.ReadResult;
import org.raqib.models.plate.SaudiPlate;

/**
 * {@code ./raqib train-glyphs}: trains the character classifier of {@link GlyphReader} and fits its
 * confidence, deterministically from a seed, and writes {@value GlyphClassifier#MODEL_FILE} and a model card.
 */
public final class GlyphTrainCommand {

    static final String USAGE = """
            usage: raqib train-glyphs [options]
              --real MANIFEST      manifest.tsv of real labelled photos; only photos outside the validation
                                   split are used (default ../shared/data/ksa-dev/manifest.tsv)
              --out DIR            where to write glyph-classifier.json and glyph-classifier.md (default work/glyphs)
              --seed N             random seed (default 42)
              --synthetic N        synthetic plates rendered for glyphs (default 2000)
              --real-repeats N     jittered crops per real training photo (default 16)
              --epochs N           passes over the glyphs (default 8)
              --hidden N           hidden units of the classifier (default 96)
              --lr X               SGD learning rate (default 0.002)
            The confidence is fitted out of fold: a classifier trained on one half of the training photos
            (plus synthetic glyphs) reads the other half, and the reverse.
            """;

    private GlyphTrainCommand() {
    }

    /** CLI entry point. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path manifest = null;
        Path dir = Path.of("work", "glyphs");
        long seed = 42;
        int synthetic = 2000;
        int repeats = 16;
        int epochs = 8;
        int hidden = 96;
        double lr = 0.002;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--real" -> manifest = Path.of(v);
                    case "--out" -> dir = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--synthetic" -> synthetic = Integer.parseInt(v);
                    case "--real-repeats" -> repeats = Integer.parseInt(v);
                    case "--epochs" -> epochs = Integer.parseInt(v);
                    case "--hidden" -> hidden = Integer.parseInt(v);
                    case "--lr" -> lr = Double.parseDouble(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (synthetic < 0 || repeats < 0 || epochs < 1 || hidden < 1 || lr <= 0) {
                throw new IllegalArgumentException("--synthetic/--real-repeats >= 0, --epochs/--hidden >= 1, --lr > 0");
            }
        } catch (IllegalArgumentException e) {
            err.println("raqib train-glyphs: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (manifest == null) {
            Optional<Path> dev = LabelledPhotos.findDevManifest();
            if (dev.isEmpty()) {
                err.println("raqib train-glyphs: no --real manifest and ../shared/data/ksa-dev is absent");
                return 2;
            }
            manifest = dev.get();
        }
        try {
            train(manifest, dir, seed, synthetic, repeats, epochs, hidden, lr, out, err);
            return 0;
        } catch (IOException e) {
            err.println("raqib train-glyphs: " + e.getMessage());
            return 1;
        }
    }

    private static boolean foldA(LabelledPhotos.Photo p) {
        // Independent of the validation split (hash mod 5) so both folds hold every kind of plate.
        return Math.floorMod(Integer.rotateLeft(p.plateText().hashCode(), 13) * 31 + 7, 2) == 0;
    }

    private static void train(Path manifest, Path dir, long seed, int synthetic, int repeats, int epochs, int hidden,
            double lr, PrintStream out, PrintStream err) throws IOException {
        List<LabelledPhotos.Photo> all = LabelledPhotos.read(manifest);
        List<RealCrops.Loaded> trainPhotos = RealCrops.load(all.stream().filter(p -> p.hasText() && !p.isValidation()).toList());
        List<RealCrops.Loaded> valPhotos = RealCrops.load(all.stream().filter(p -> p.hasText() && p.isValidation()).toList());
        List<RealCrops.Loaded> a = trainPhotos.stream().filter(l -> foldA(l.photo())).toList();
        List<RealCrops.Loaded> b = trainPhotos.stream().filter(l -> !foldA(l.photo())).toList();
        out.printf("real training photos %d (folds %d/%d), validation photos %d (measured only)%n", trainPhotos.size(),
                a.size(), b.size(), valPhotos.size());
        List<GlyphTrainer.Example> syn = GlyphTrainer.synthetic(seed, synthetic, err);
        List<GlyphTrainer.Example> realA = GlyphTrainer.real(a, repeats, seed + 11);
        List<GlyphTrainer.Example> realB = GlyphTrainer.real(b, repeats, seed + 12);
        out.printf("glyphs: synthetic %d, real fold A %d, fold B %d%n", syn.size(), realA.size(), realB.size());

        List<double[]> calX = new ArrayList<>();
        List<Boolean> calY = new ArrayList<>();
        GlyphReader.GlyphCalibration raw = new GlyphReader.GlyphCalibration(1, 0, 0);
        int[] capped = new int[2];
        try (PlateReader net = PlateReader.loadNetworkOnly()) {
            GlyphClassifier ma = GlyphTrainer.train(concat(syn, realA), hidden, epochs, lr, seed + 21, err, "fold A");
            collect(new GlyphReader(ma, raw), net, b, seed + 31, calX, calY, capped);
            GlyphClassifier mb = GlyphTrainer.train(concat(syn, realB), hidden, epochs, lr, seed + 22, err, "fold B");
            collect(new GlyphReader(mb, raw), net, a, seed + 32, calX, calY, capped);
        }
        GlyphReader.GlyphCalibration cal = fit(calX, calY);
        long right = calY.stream().filter(x -> x).count();
        int high = 0;
        int highWrong = 0;
        for (int i = 0; i < calX.size(); i++) {
            double[] f = calX.get(i);
            double p = 1 / (1 + Math.exp(-(cal.wLog() * f[0] + cal.wMin() * f[1] + cal.bias())));
            if (p >= 0.9) {
                high++;
                highWrong += calY.get(i) ? 0 : 1;
            }
        }
        String calibration = String.format("%d out-of-fold real crops, %d read right, %d at glyph confidence >= 0.9 with "
                + "%d wrong; the network cross-check would cap %d of them, %d of those read right",
                calY.size(), right, high, highWrong, capped[0], capped[1]);
        out.printf("calibration: %s; wLog %.4f wMin %.4f bias %.4f%n", calibration, cal.wLog(), cal.wMin(), cal.bias());

        List<GlyphTrainer.Example> everything = concat(syn, concat(realA, realB));
        GlyphClassifier model = GlyphTrainer.train(everything, hidden, epochs, lr, seed + 23, err, "final");
        GlyphReader reader = new GlyphReader(model, cal);
        String measured = measure(reader, valPhotos);
        out.println(measured);

        Files.createDirectories(dir);
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("version", "glyphs-seed" + seed);
        model.writeTo(root.putObject("classifier"));
        ObjectNode c = root.putObject("calibration");
        c.put("wLog", cal.wLog());
        c.put("wMin", cal.wMin());
        c.put("bias", cal.bias());
        Files.writeString(dir.resolve(GlyphClassifier.MODEL_FILE), om.writeValueAsString(root));
        String card = """
                # Glyph classifier model card

                Written by `./raqib train-glyphs`; regenerate rather than edit.

                A two-layer perceptron (%d hidden units, %d parameters) over %dx%d standardised glyph images,
                classes 0-9 and the 17 plate letters. Glyphs come from `GlyphSegmenter` (adaptive threshold,
                frame and divider lines erased, connected components between the row divider and the plate's
                bottom edge, on a common baseline; touching characters cut at their thinnest columns).

                ## Data and settings
                - seed %d; %d synthetic plates (Java2D; faces: %s), %d synthetic glyphs
                - real: %s, photos outside the validation split with a text (%d), %d jittered crops each plus
                  the box crop; a crop is used only when its row cuts into exactly as many glyphs as its text
                  has characters: %d real glyphs
                - %d epochs of SGD (momentum 0.9, lr %s with cosine decay, weight decay 1e-4)
                - confidence: logistic regression of (sum of log-probabilities, weakest character's
                  log-probability) fitted out of fold (two halves of the training photos, box crop and 3
                  jittered crops each, each half read by a classifier trained without it): %s.
                  At read time a reading the network confirms gets max(p_glyph, p_network); one that fails
                  the cross-check (digit count, Arabic row) is capped at 0.5.
                - calibration: wLog %.4f, wMin %.4f, bias %.4f

                Reproduce: `./raqib train-glyphs --seed %d --synthetic %d --real-repeats %d --epochs %d --hidden %d --lr %s --out DIR`

                ## Measured on the validation photos (never trained on)
                %s
                """.formatted(hidden, hidden * (GlyphClassifier.INPUTS + 1) + GlyphClassifier.CLASSES * (hidden + 1),
                GlyphClassifier.W, GlyphClassifier.H, seed, synthetic, String.join(", ", GlyphTrainer.FONTS), syn.size(),
                manifest, trainPhotos.size(), repeats, realA.size() + realB.size(), epochs, lr, calibration,
                cal.wLog(), cal.wMin(), cal.bias(), seed, synthetic, repeats, epochs, hidden, lr, measured);
        Files.writeString(dir.resolve("glyph-classifier.md"), card);
        out.println("wrote " + dir.resolve(GlyphClassifier.MODEL_FILE));
    }

    /**
     * Out-of-fold readings of {@code photos} for the calibration fit: the glyph reader's own evidence
     * only. (The network was trained on these photos, so its agreement here would be optimistic: it is
     * combined at read time instead.) {@code capped} counts readings whose confidence the reader's
     * cross-check with the network would cap, and how many of them were right.
     */
    private static void collect(GlyphReader reader, PlateReader net, List<RealCrops.Loaded> photos, long seed,
            List<double[]> xs, List<Boolean> ys, int[] capped) {
        Random rnd = new Random(seed);
        for (RealCrops.Loaded l : photos) {
            for (int r = 0; r < 4; r++) {
                Mat crop = r == 0 ? RealCrops.evalCrop(l) : RealCrops.jitteredCrop(l, rnd, rnd.nextDouble() * 0.6);
                Optional<GlyphReader.Reading> g = reader.read(crop);
                if (g.isPresent() && SaudiPlate.isValid(g.get().text())) {
                    boolean right = g.get().text().equals(l.photo().plateText());
                    float[] logits = net.logits(CropPreprocessor.toInput(crop), 1);
                    ReadResult n = net.read(crop);
                    if (PlateReader.crossCheckFails(g.get().text(), n, logits, 0)) {
                        capped[0]++;
                        capped[1] += right ? 1 : 0;
                    }
                    xs.add(GlyphReader.GlyphCalibration.features(g.get()));
                    ys.add(right);
                }
                crop.release();
            }
        }
    }

    private static GlyphReader.GlyphCalibration fit(List<double[]> xs, List<Boolean> ys) {
        int d = 3;
        double[] w = {1, 0, 0};
        double lambda = 1e-2;
        for (int iter = 0; iter < 60; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int n = 0; n < xs.size(); n++) {
                double[] f = xs.get(n);
                double[] x = {f[0], f[1], 1};
                double z = 0;
                for (int i = 0; i < d; i++) {
                    z += w[i] * x[i];
                }
                double q = 1 / (1 + Math.exp(-z));
                double y = ys.get(n) ? 1 : 0;
                for (int i = 0; i < d; i++) {
                    grad[i] += (q - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        hess[i][j] += q * (1 - q) * x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                grad[i] += lambda * w[i];
                hess[i][i] += lambda;
            }
            double[] step = CalibrationFit.solve(hess, grad);
            double norm = 0;
            for (int i = 0; i < d; i++) {
                w[i] -= step[i];
                norm += step[i] * step[i];
            }
            if (norm < 1e-12) {
                break;
            }
        }
        return new GlyphReader.GlyphCalibration(w[0], w[1], w[2]);
    }

    /** Glyph-reader accuracy on the validation box crops (segmentation, exact text, confident reads). */
    private static String measure(GlyphReader reader, List<RealCrops.Loaded> photos) {
        int segmented = 0;
        int exact = 0;
        int confident = 0;
        int confidentWrong = 0;
        for (RealCrops.Loaded l : photos) {
            Mat crop = RealCrops.evalCrop(l);
            Optional<GlyphReader.Reading> g = reader.read(crop);
            crop.release();
            if (g.isEmpty()) {
                continue;
            }
            segmented++;
            boolean ok = g.get().text().equals(l.photo().plateText());
            if (ok) {
                exact++;
            }
            if (reader.calibration().confidence(g.get()) >= 0.9) {
                confident++;
                if (!ok) {
                    confidentWrong++;
                }
            }
        }
        return String.format("- validation box crops (manifest box + 4%% margin): %d photos, segmented %d, exact %d (%.3f); "
                + "glyph confidence >= 0.9 on %d, %d of them wrong",
                photos.size(), segmented, exact, exact / (double) Math.max(1, photos.size()), confident, confidentWrong);
    }

    private static <T> List<T> concat(List<T> x, List<T> y) {
        List<T> out = new ArrayList<>(x.size() + y.size());
        out.addAll(x);
        out.addAll(y);
        return out;
    }
}
