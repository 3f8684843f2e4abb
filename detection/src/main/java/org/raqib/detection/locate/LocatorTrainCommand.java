package org.raqib.detection.locate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import org.raqib.detection.Box;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.detection.opencv.Affine;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * Trains the localiser's {@link CandidateScorer}: collects the candidates the classical generators
 * propose on the training photos (text known and not held out, see {@link LabelledPhotos}) and on
 * synthetic scenes, labels each by its overlap with the true plate box, fits a logistic regression,
 * measures candidate recall on the held-out photos (validation photos and photos without text), and
 * writes {@code plate-locator.json} and a model card {@code plate-locator.md}. Deterministic for a
 * given seed.
 */
public final class LocatorTrainCommand {

    static final String USAGE = String.join("\n",
            "usage: train-locator [--manifest MANIFEST] [--scenes N] [--epochs N] [--seed N] [--out DIR]",
            "                     [--tilted-copies N [--max-tilt DEG]] [--out-of-fold [--fold-seed N]]",
            "  Trains the plate localiser's candidate scorer (HOG + a small perceptron).",
            "  --manifest  labelled photos (default ../shared/data/ksa-dev/manifest.tsv); its held-out photos",
            "              (validation, and those without text) are only used to measure",
            "  --scenes    synthetic scenes added to the training data (default 300)",
            "  --epochs    passes over the data (default 20)",
            "  --seed      random seed (default 7)",
            "  --tilted-copies N  each training photo also learnt from N times turned about its centre by an angle of a",
            "              quarter of --max-tilt to --max-tilt degrees either way (drawn from the seed; the label the bounds of",
            "              its turned box), as a tilted camera shows it (default 0: the photos as they are; measured, not used",
            "              for the committed scorer: BENCHMARKS.md, session 37)",
            "  --max-tilt DEG  with --tilted-copies: the largest turn (default " + Tilts.DEFAULT_MAX_DEGREES + ")",
            "  --out       folder for plate-locator.json and plate-locator.md",
            "              (default detection/src/main/resources/org/raqib/detection/models)",
            "  --out-of-fold  measure only: train on each half of the training photos (and the scenes), measure the",
            "              candidate recall on the other half, and the committed model's on the same photos (trained",
            "              on, in-sample); writes nothing and does not look at the held-out photos",
            "  --negative-iou  candidates overlapping the true box less than this are the non-plates learnt (default",
            "              0.45; at most 0.6, where the plates start; in between: not used)",
            "  --fold-seed with --out-of-fold: how the halves are drawn (default 0: by a hash of the file name, as in",
            "              session 9; N >= 1: by a hash of the plate text mixed with N, so that the photos of one car are",
            "              on one side)",
            "  Exit code: 0 trained, 2 bad usage or missing data.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("train-locator", USAGE)
            .options("manifest", "scenes", "epochs", "seed", "out", "fold-seed", "negative-iou", "tilted-copies", "max-tilt")
            .flags("out-of-fold");

    /** The committed model's settings (the command's defaults; its card says them). */
    public static final int DEFAULT_SCENES = 300;
    /** See {@link #DEFAULT_SCENES}. */
    public static final int DEFAULT_EPOCHS = 20;
    /** See {@link #DEFAULT_SCENES}. */
    public static final long DEFAULT_SEED = 7;

    /**
     * Tilted copies of each training photo the scorer also learns from: {@code copies} of them, each turned about the
     * photo's centre by an angle drawn between a quarter of {@code maxDegrees} and {@code maxDegrees}, either way.
     * None for the committed scorer: with them a photo's looser framings scored higher and the photos as they are
     * were read worse (BENCHMARKS.md, session 37).
     */
    public record Tilts(int copies, double maxDegrees) {

        /** The committed scorer's: none. */
        public static final Tilts NONE = new Tilts(0, Tilts.DEFAULT_MAX_DEGREES);
        /** The largest turn unless told otherwise. */
        public static final double DEFAULT_MAX_DEGREES = 8;

        /** Checks the ranges. */
        public Tilts {
            if (copies < 0 || !(maxDegrees > 0 && maxDegrees <= 45)) {
                throw new IllegalArgumentException("tilted copies " + copies + ", max tilt " + maxDegrees);
            }
        }

        /** One turn, in degrees, counter-clockwise when positive. */
        double draw(Random rnd) {
            return maxDegrees * (0.25 + 0.75 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
        }

        /** For stamps and cards: "0" or e.g. "1 x 2-8 degrees". */
        public String describe() {
            return copies == 0 ? "0" : copies + " x " + fmt(maxDegrees / 4) + "-" + fmt(maxDegrees) + " degrees";
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** A candidate overlapping the true box at least this much is a plate. */
    public static final double POSITIVE_IOU = 0.6;
    /**
     * A candidate overlapping the true box less than this is not a plate (in between: not used). As high
     * as 0.45 so that half of a wide plate, which looks much like a whole standard plate, is learnt as
     * a poor framing and loses to the whole plate.
     */
    public static final double NEGATIVE_IOU = 0.45;

    private LocatorTrainCommand() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path manifest;
        int scenes;
        int epochs;
        long seed;
        Path outDir;
        boolean outOfFold;
        int foldSeed;
        double negativeIou;
        Tilts tilts;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            manifest = line.path("manifest", null);
            scenes = line.integer("scenes", DEFAULT_SCENES, 0, Integer.MAX_VALUE);
            epochs = line.integer("epochs", DEFAULT_EPOCHS, 1, Integer.MAX_VALUE);
            seed = line.longValue("seed", DEFAULT_SEED);
            foldSeed = line.integer("fold-seed", 0, 0, Integer.MAX_VALUE);
            negativeIou = line.decimalAbove("negative-iou", NEGATIVE_IOU, 0, POSITIVE_IOU);
            outDir = line.path("out", Path.of("detection/src/main/resources/org/raqib/detection/models"));
            outOfFold = line.flag("out-of-fold");
            tilts = new Tilts(line.integer("tilted-copies", 0, 0, 10),
                    line.decimalAbove("max-tilt", Tilts.DEFAULT_MAX_DEGREES, 0, 45));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        if (manifest == null) {
            Optional<Path> dev = LabelledPhotos.findDevManifest();
            if (dev.isEmpty()) {
                err.println("train-locator: manifest not found (no ../shared/data/ksa-dev/manifest.tsv; give --manifest)");
                return 2;
            }
            manifest = dev.get();
        } else if (!Files.isRegularFile(manifest)) {
            err.println("train-locator: manifest not found: " + manifest);
            return 2;
        }
        OpenCvLoader.load();
        List<Photo> photos = LabelledPhotos.read(manifest);
        List<Photo> train = photos.stream().filter(p -> p.hasText() && !p.isValidation()).toList();
        List<Photo> heldOut = photos.stream().filter(p -> !p.hasText() || p.isValidation()).toList();
        Random rnd = new Random(seed);
        if (outOfFold) {
            return outOfFold(train, foldSeed, scenes, epochs, seed, negativeIou, tilts, out, err);
        }
        Samples samples = new Samples();
        out.printf(Locale.ROOT, "train-locator: %d training photos (tilted copies: %s), %d synthetic scenes, %d held-out photos%n",
                train.size(), tilts.describe(), scenes, heldOut.size());
        Progress progress = new Progress(out, "candidates", train.size() + scenes);
        collectPhotos(train, rnd, negativeIou, tilts, tiltRandom(seed), samples, progress, err);
        collectScenes(scenes, seed, rnd, negativeIou, samples, progress);
        progress.done();
        out.printf(Locale.ROOT, "train-locator: %d samples (%d plates)%n", samples.size(), samples.positives());
        CandidateScorer scorer = fit(samples, epochs, rnd, out, "seed " + seed);
        out.print("train-locator: held-out ");
        Evaluation eval = evaluate(scorer, heldOut, out);
        try {
            Files.createDirectories(outDir);
            Files.write(outDir.resolve("plate-locator.json"), scorer.toJson());
            Files.writeString(outDir.resolve("plate-locator.md"),
                    modelCard(manifest, train.size(), scenes, epochs, seed, negativeIou, tilts, samples, eval), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("train-locator: cannot write the model to " + outDir + ": " + e.getMessage());
            return 2;
        }
        out.println("train-locator: wrote " + outDir.resolve("plate-locator.json") + " and plate-locator.md");
        return 0;
    }

    /** The fold (0 or 1) of a training photo: by its file name, so that it does not depend on the manifest's order. */
    static int fold(Photo p) {
        return Math.floorMod(p.image().getFileName().toString().hashCode(), 2);
    }

    /**
     * The fold (0 or 1) of a photo for fold seed {@code foldSeed}: 0 is {@link #fold(Photo)} (session 9's split, so
     * that its figures reproduce); from 1 on, a mix of the plate text's hash (the file name's for a photo without
     * text) and the seed, so that the photos of one car (several share a plate text) fall on one side and the
     * scorer is not measured on a car it was trained on.
     */
    public static int fold(Photo p, int foldSeed) {
        if (foldSeed == 0) {
            return fold(p);
        }
        String key = p.hasText() ? p.plateText() : p.image().getFileName().toString();
        // splitmix64's finaliser: neighbouring seeds give unrelated splits.
        long z = key.hashCode() * 0x9E3779B97F4A7C15L + foldSeed * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) (z & 1);
    }

    /** {@code photos} in fold 0 and in fold 1 for fold seed {@code foldSeed} (see {@link #fold(Photo, int)}). */
    private static List<List<Photo>> folds(List<Photo> photos, int foldSeed) {
        return List.of(photos.stream().filter(p -> fold(p, foldSeed) == 0).toList(),
                photos.stream().filter(p -> fold(p, foldSeed) == 1).toList());
    }

    /**
     * {@code --out-of-fold}: a scorer trained on each half of the training photos (with all the scenes) is
     * measured on the other half, and the committed scorer (trained on all of them) on the same photos.
     */
    private static int outOfFold(List<Photo> train, int foldSeed, int scenes, int epochs, long seed, double negativeIou,
            Tilts tilts, PrintStream out, PrintStream err) {
        List<List<Photo>> folds = folds(train, foldSeed);
        CandidateScorer[] scorers = foldScorers(train, foldSeed, scenes, epochs, seed, negativeIou, tilts, out, err);
        CandidateScorer committed = CandidateScorer.loadDefault();
        for (int k = 0; k < 2; k++) {
            List<Photo> other = folds.get(1 - k);
            out.print("fold " + k + " out of fold, on the other " + other.size() + " photos: ");
            evaluate(scorers[k], other, out);
            out.print("  committed scorer (trained on them), same photos: ");
            evaluate(committed, other, out);
        }
        return 0;
    }

    /**
     * Two scorers for out-of-fold measures: element k is trained, as {@code train-locator} trains the committed one
     * (the same steps and random draws for a seed), on the photos of {@code train} in fold k (see
     * {@link #fold(Photo, int)}) and on {@code scenes} synthetic scenes, candidates overlapping the true box less than
     * {@code negativeIou} being the non-plates ({@link #NEGATIVE_IOU} for the committed one), each photo also
     * tilted as {@code tilts} says. Deterministic for given arguments. Progress and the fits' losses go to
     * {@code log}.
     */
    public static CandidateScorer[] foldScorers(List<Photo> train, int foldSeed, int scenes, int epochs, long seed,
            double negativeIou, Tilts tilts, PrintStream log, PrintStream err) {
        OpenCvLoader.load();
        Random rnd = new Random(seed);
        Random tiltRnd = tiltRandom(seed);
        List<List<Photo>> folds = folds(train, foldSeed);
        log.printf(Locale.ROOT, "train-locator --out-of-fold: folds of %d and %d training photos (fold seed %d), %d synthetic scenes%n",
                folds.get(0).size(), folds.get(1).size(), foldSeed, scenes);
        List<Samples> photoSamples = new ArrayList<>();
        Progress progress = new Progress(log, "candidates", train.size() + scenes);
        for (List<Photo> f : folds) {
            Samples s = new Samples();
            collectPhotos(f, rnd, negativeIou, tilts, tiltRnd, s, progress, err);
            photoSamples.add(s);
        }
        Samples sceneSamples = new Samples();
        collectScenes(scenes, seed, rnd, negativeIou, sceneSamples, progress);
        progress.done();
        CandidateScorer[] scorers = new CandidateScorer[2];
        for (int k = 0; k < 2; k++) {
            Samples s = new Samples();
            s.x.addAll(photoSamples.get(k).x);
            s.y.addAll(photoSamples.get(k).y);
            s.x.addAll(sceneSamples.x);
            s.y.addAll(sceneSamples.y);
            log.printf(Locale.ROOT, "fold %d: trained on %d photos (%d samples, %d plates)%n", k, folds.get(k).size(),
                    s.size(), s.positives());
            scorers[k] = fit(s, epochs, rnd, log, "seed " + seed + " fold " + k + " of fold seed " + foldSeed);
        }
        return scorers;
    }

    /**
     * The random draws of the tilted copies (their angles and their own reframing samples), apart from the seed's
     * other draws so that the photos' samples as they are do not depend on how many copies are made.
     */
    static Random tiltRandom(long seed) {
        return new Random(seed * 0x9E3779B97F4A7C15L + 0x7117);
    }

    /**
     * The samples of each labelled photo (see {@link #collect}), and of its tilted copies ({@code tilts}; angles and
     * their samples drawn from {@code tiltRnd}), the label the bounds of the turned box as {@code eval --rotate}
     * measures it. The photos show plates close to level; the committed scorer gives a plate turned 6 degrees, framed at
     * IoU 0.6-0.9 by a generator, a score of 0 in several photos (BENCHMARKS.md, session 37).
     */
    private static void collectPhotos(List<Photo> photos, Random rnd, double negativeIou, Tilts tilts, Random tiltRnd,
            Samples samples, Progress progress, PrintStream err) {
        for (Photo p : photos) {
            Mat bgr = Imgcodecs.imread(p.image().toString(), Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
            if (bgr.empty()) {
                err.println("train-locator: skipping unreadable " + p.image());
            } else {
                collect(bgr, new Rect(p.x(), p.y(), p.width(), p.height()), rnd, negativeIou, samples);
                for (int c = 0; c < tilts.copies(); c++) {
                    double degrees = tilts.draw(tiltRnd);
                    Mat m = Affine.rotation(bgr.size(), degrees, 1);
                    Mat turned = Affine.rotate(bgr, m);
                    Box b = Affine.bounds(m, new Box(p.x(), p.y(), p.width(), p.height()), bgr.size());
                    collect(turned, new Rect(b.x(), b.y(), b.width(), b.height()), tiltRnd, negativeIou, samples);
                    turned.release();
                    m.release();
                }
            }
            bgr.release();
            progress.step();
        }
    }

    /** The samples of {@code scenes} synthetic scenes, the same ones for a given seed. */
    private static void collectScenes(int scenes, long seed, Random rnd, double negativeIou, Samples samples,
            Progress progress) {
        SceneGenerator generator = new SceneGenerator();
        for (int i = 0; i < scenes; i++) {
            SceneGenerator.Scene s = scene(generator, seed, i);
            Mat bgr = Mats.toBgr(s.image());
            collect(bgr, new Rect(s.box().x, s.box().y, s.box().width, s.box().height), rnd, negativeIou, samples);
            bgr.release();
            progress.step();
        }
    }

    /** The {@code i}th synthetic scene a scorer trained with {@code seed} learns from. */
    static SceneGenerator.Scene scene(SceneGenerator generator, long seed, int i) {
        return generator.render(seed * 1_000_003L + i);
    }

    private static void collect(Mat bgr, Rect truth, Random rnd, double negativeIou, Samples samples) {
        List<Mat> pyramid = PlateLocator.pyramid(PlateLocator.toGray(bgr), LocatorOptions.defaults().levels());
        Mat gray = pyramid.get(0);
        List<PlateCandidate> raw = PlateLocator.generate(pyramid);
        int n = raw.size();
        for (int i = 0; i < n; i++) {
            PlateCandidate r = PlateLocator.refine(gray, raw.get(i));
            if (r != null) {
                raw.add(r);
            }
        }
        // Reframings as the locator makes them for its best candidates: near the plate, and a sample elsewhere.
        int m = raw.size();
        for (int i = 0; i < m; i++) {
            PlateCandidate c = raw.get(i);
            if (Boxes.iou(c.bounds(), truth) > 0.1 || rnd.nextDouble() < 0.05) {
                raw.addAll(PlateLocator.variants(c, gray.size()));
            }
        }
        for (PlateCandidate c : raw) {
            double iou = Boxes.iou(c.bounds(), truth);
            if (iou >= POSITIVE_IOU || iou < negativeIou) {
                samples.add(CandidateScorer.features(pyramid, c.bounds(), gray.rows()), iou >= POSITIVE_IOU);
            }
        }
        // The true box and slightly shifted copies of it: the plates the generators should have found.
        for (int k = 0; k < 4; k++) {
            double j = k == 0 ? 0 : 0.06;
            int w = (int) Math.round(truth.width * (1 + (rnd.nextDouble() - 0.5) * 2 * j));
            int h = (int) Math.round(truth.height * (1 + (rnd.nextDouble() - 0.5) * 2 * j));
            int x = (int) Math.round(truth.x + (truth.width - w) / 2.0 + (rnd.nextDouble() - 0.5) * 2 * j * truth.width);
            int y = (int) Math.round(truth.y + (truth.height - h) / 2.0 + (rnd.nextDouble() - 0.5) * 2 * j * truth.height);
            Rect b = QuadGeometry.clip(new Rect(x, y, w, h), gray.size());
            if (Boxes.iou(b, truth) >= POSITIVE_IOU) {
                samples.add(CandidateScorer.features(pyramid, b, gray.rows()), true);
            }
        }
        pyramid.forEach(Mat::release);
    }

    /** Feature vectors and labels. */
    static final class Samples {
        final List<float[]> x = new ArrayList<>();
        final List<Boolean> y = new ArrayList<>();
        private float[] mean;
        private float[] std;

        void add(float[] f, boolean plate) {
            if (f != null) {
                x.add(f);
                y.add(plate);
            }
        }

        int size() {
            return x.size();
        }

        long positives() {
            return y.stream().filter(b -> b).count();
        }

        void standardise() {
            int d = x.get(0).length;
            double[] s = new double[d];
            double[] sq = new double[d];
            for (float[] f : x) {
                for (int i = 0; i < d; i++) {
                    s[i] += f[i];
                    sq[i] += (double) f[i] * f[i];
                }
            }
            mean = new float[d];
            std = new float[d];
            for (int i = 0; i < d; i++) {
                double m = s[i] / x.size();
                mean[i] = (float) m;
                std[i] = (float) Math.sqrt(Math.max(1e-12, sq[i] / x.size() - m * m));
            }
        }

        float[] mean() {
            return mean;
        }

        float[] std() {
            return std;
        }
    }

    /** Hidden units of the scorer. */
    static final int HIDDEN = 16;

    /** A class-balanced, L2-regularised one-hidden-layer perceptron fitted by mini-batch Adam. */
    static CandidateScorer fit(Samples s, int epochs, Random rnd, PrintStream out, String version) {
        s.standardise();
        int n = s.size();
        int d = s.x.get(0).length;
        float[][] z = new float[n][d];
        for (int k = 0; k < n; k++) {
            float[] f = s.x.get(k);
            for (int i = 0; i < d; i++) {
                z[k][i] = (f[i] - s.mean()[i]) / s.std()[i];
            }
        }
        long pos = s.positives();
        double wPos = n / (2.0 * Math.max(1, pos));
        double wNeg = n / (2.0 * Math.max(1, n - pos));
        int h = HIDDEN;
        // Parameters in one array: w1 (h*d), b1 (h), w2 (h), b2 (1).
        int p = h * d + h + h + 1;
        double[] w = new double[p];
        double scale = Math.sqrt(2.0 / d);
        for (int i = 0; i < h * d; i++) {
            w[i] = rnd.nextGaussian() * scale;
        }
        for (int k = 0; k < h; k++) {
            w[h * d + h + k] = rnd.nextGaussian() * Math.sqrt(1.0 / h);
        }
        double[] m1 = new double[p];
        double[] m2 = new double[p];
        double lr = 0.002;
        double l2 = 1e-4;
        int batch = 64;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int t = 0;
        Progress progress = new Progress(out, "epochs", epochs);
        double loss = 0;
        double[] a = new double[h];
        double[] g = new double[p];
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            loss = 0;
            for (int b0 = 0; b0 < n; b0 += batch) {
                java.util.Arrays.fill(g, 0);
                int b1 = Math.min(n, b0 + batch);
                for (int k = b0; k < b1; k++) {
                    float[] x = z[order[k]];
                    boolean label = s.y.get(order[k]);
                    double o = w[p - 1];
                    for (int u = 0; u < h; u++) {
                        double v = w[h * d + u];
                        int row = u * d;
                        for (int i = 0; i < d; i++) {
                            v += w[row + i] * x[i];
                        }
                        a[u] = Math.max(0, v);
                        o += w[h * d + h + u] * a[u];
                    }
                    double prob = 1 / (1 + Math.exp(-o));
                    double cw = label ? wPos : wNeg;
                    loss += -cw * Math.log(Math.max(1e-9, label ? prob : 1 - prob));
                    double r = cw * (prob - (label ? 1 : 0));
                    g[p - 1] += r;
                    for (int u = 0; u < h; u++) {
                        g[h * d + h + u] += r * a[u];
                        if (a[u] > 0) {
                            double ru = r * w[h * d + h + u];
                            g[h * d + u] += ru;
                            int row = u * d;
                            for (int i = 0; i < d; i++) {
                                g[row + i] += ru * x[i];
                            }
                        }
                    }
                }
                t++;
                double c1 = 1 - Math.pow(0.9, t);
                double c2 = 1 - Math.pow(0.999, t);
                for (int i = 0; i < p; i++) {
                    double gi = g[i] / (b1 - b0) + (i < h * d ? l2 * w[i] : 0);
                    m1[i] = 0.9 * m1[i] + 0.1 * gi;
                    m2[i] = 0.999 * m2[i] + 0.001 * gi * gi;
                    w[i] -= lr * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + 1e-8);
                }
            }
            progress.step();
        }
        progress.done();
        out.printf(Locale.ROOT, "train-locator: final weighted log-loss %.4f%n", loss / n);
        float[] w1 = new float[h * d];
        float[] b1 = new float[h];
        float[] w2 = new float[h];
        for (int i = 0; i < h * d; i++) {
            w1[i] = (float) w[i];
        }
        for (int u = 0; u < h; u++) {
            b1[u] = (float) w[h * d + u];
            w2[u] = (float) w[h * d + h + u];
        }
        return new CandidateScorer(s.mean(), s.std(), w1, b1, w2, (float) w[p - 1], version);
    }

    /** Held-out candidate recall: the true plate among the top-k candidates at IoU 0.5. */
    record Evaluation(int photos, int[] hitsAtK, int[] ks, double medianMs) {
        String describe() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < ks.length; i++) {
                sb.append(String.format(Locale.ROOT, "top-%d %.1f%% (%d/%d)%s", ks[i], 100.0 * hitsAtK[i] / Math.max(1, photos),
                        hitsAtK[i], photos, i + 1 < ks.length ? ", " : ""));
            }
            return sb.append(String.format(Locale.ROOT, "; median locate time %.1f ms", medianMs)).toString();
        }
    }

    static Evaluation evaluate(CandidateScorer scorer, List<Photo> photos, PrintStream out) {
        int[] ks = {1, 3, 5, 8, 12};
        int[] hits = new int[ks.length];
        PlateLocator locator = new PlateLocator(LocatorOptions.defaults().withMaxCandidates(12), scorer);
        List<Long> times = new ArrayList<>();
        int n = 0;
        for (Photo p : photos) {
            Mat bgr = Imgcodecs.imread(p.image().toString(), Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
            if (bgr.empty()) {
                continue;
            }
            n++;
            long t0 = System.nanoTime();
            List<PlateCandidate> cs = locator.locate(bgr);
            times.add(System.nanoTime() - t0);
            bgr.release();
            Rect truth = new Rect(p.x(), p.y(), p.width(), p.height());
            int rank = -1;
            for (int i = 0; i < cs.size() && rank < 0; i++) {
                if (cs.get(i).iou(truth) >= 0.5) {
                    rank = i;
                }
            }
            for (int i = 0; i < ks.length; i++) {
                if (rank >= 0 && rank < ks[i]) {
                    hits[i]++;
                }
            }
        }
        double median = times.isEmpty() ? 0 : times.stream().sorted().toList().get(times.size() / 2) / 1e6;
        Evaluation e = new Evaluation(n, hits, ks, median);
        out.println("candidate recall @IoU0.5: " + e.describe());
        return e;
    }

    private static String modelCard(Path manifest, int trainPhotos, int scenes, int epochs, long seed,
                                    double negativeIou, Tilts tilts, Samples s, Evaluation e) {
        return String.join("\n",
                "# Model card: plate-locator (candidate scorer of the plate localiser)",
                "",
                "- What: a perceptron with one hidden layer of " + HIDDEN + " ReLU units over a HOG descriptor (" + CandidateScorer.WIN_W + "x" + CandidateScorer.WIN_H + " window; 8x8 cells, 2x2-cell blocks, 9 bins) of a",
                "  candidate region with 15% context, plus log aspect and log relative height. It ranks the classical",
                "  candidates (text blocks, bright regions, character rows, plate outlines, refined to the plate",
                "  background, and reframings of the best) so that the reader only reads the best few.",
                "- Trained by: `LocatorTrainCommand` (this repository), seed " + seed + ", " + epochs + " epochs, Adam, L2 1e-4,",
                "  class-balanced.",
                "- Data: " + trainPhotos + " real training photos of " + manifest.getFileName() + " (text known, not held out;",
                "  see LabelledPhotos)" + (tilts.copies() == 0 ? "" : ", each also turned " + tilts.describe()
                        + " either way,") + " and " + scenes
                        + " synthetic scenes (SceneGenerator); " + s.size() + " candidates, "
                        + s.positives() + " plates",
                "  (IoU >= " + POSITIVE_IOU + " with the true box, plus the true box jittered) and the rest non-plates (IoU < "
                        + negativeIou + ").",
                "- Held-out measurement (validation photos and photos without text, never trained on):",
                "  " + e.describe() + ".",
                "- Reproduce: `LocatorTrainCommand --scenes " + scenes + " --epochs " + epochs + " --seed " + seed
                        + (negativeIou == NEGATIVE_IOU ? "" : " --negative-iou " + negativeIou)
                        + (tilts.copies() == 0 ? "" : " --tilted-copies " + tilts.copies() + " --max-tilt " + tilts.maxDegrees())
                        + "` with the development photos at ../shared/data/ksa-dev.",
                "- Limits: other cars' plates in a photo are unlabelled and so count as non-plates in training; the",
                "  reader's plate score is the final judge of what is a plate.",
                "");
    }

    /** A one-line text progress bar. */
    static final class Progress {
        private final PrintStream out;
        private final String what;
        private final int total;
        private int done;
        private int shown = -1;

        Progress(PrintStream out, String what, int total) {
            this.out = out;
            this.what = what;
            this.total = Math.max(1, total);
        }

        void step() {
            done++;
            int pct = done * 100 / total;
            if (pct / 5 != shown) {
                shown = pct / 5;
                out.print("\r  " + what + " [" + "#".repeat(pct / 5) + " ".repeat(20 - pct / 5) + "] " + done + "/" + total);
                out.flush();
            }
        }

        void done() {
            out.println();
        }
    }
}
