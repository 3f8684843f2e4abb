package org.raqib.detection.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.opencv.core.Mat;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphNet;
import org.raqib.detection.read.CropPreprocessor;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.read.ReadResult;
import org.raqib.detection.read.TopRow;
import org.raqib.models.PlateLayout;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;
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
              --wide-repeats F     wide plates' real photos give F times as many jittered crops (default 3, as the
                                   committed classifier was trained; 1 for as many as standard plates'): wide
                                   and standard plates share the classifier, and wide photos are about a quarter.
                                   Out of fold (seeds 42/43/44, fresh fold caches) 3 read 1752 crops right, 566
                                   automatic, 0 wrong (1734, 530 with 1; wide plates 412 and 90, with 1 402 and 81);
                                   2: 1746, 567 (wide 410, 83); 2 with bilinear scaling of small crops: 1738, 561
              --epochs N           passes over the glyphs (default 8)
              --hidden N           hidden units of the classifier (default 96)
              --top-epochs N       passes over the top row's cells (default 16)
              --top-hidden N       hidden units of the top row's classifier (default 160)
              --lr X               SGD learning rate (default 0.002)
              --distort P          share of glyph examples (characters and junk) distorted at random: tilt,
                                   shear, scale, aspect, sub-pixel shift, stroke width, blur, gamma, noise
                                   (default 0.8, the committed classifier's training; 0 for none)
              --faint P            share of the distorted examples also degraded as a poor photo shows glyphs: faint
                                   and low in contrast (noise in proportion), strongly blurred, thin-stroked, JPEG
                                   blocks, a low resolution (default 0: out of fold it read no more crops right)
              --top-faint P        share of the top row's cells degraded so, in place of the plain cell (default 0.7;
                                   0 for none)
              --top-synthetic L    which synthetic plates' top-row cells also train the top row's classifiers
                                   (perceptron and net, in each fold and final): standard (default, as the committed
                                   models were trained since session 24), all or none. Out of fold (seeds 42/43/44,
                                   fresh fold caches, the renderer drawing wide plates to the photos' geometry)
                                   standard read 1837 crops right, 645 automatic; with its middle panel 0.475-0.595:
                                   standard 1832, 644; none 1835, 636 (the simulator's plates then unconfirmed: 1
                                   automatic read of 400); all 1836, 575 (the renderer's wide Arabic rows teach the
                                   top row worse than none)
              --small P            share of the real jittered crops also given shrunk to 12-32 pixels tall (area
                                   or bilinear), cut and labelled again there: a small plate's blur and aliasing
                                   (default 1.0, as the committed classifier was trained; 0 for none). Out of fold
                                   (seeds 42/43/44, fresh fold caches) 1.0 read 1815 crops right, 624 automatic,
                                   0 wrong (0: 1809, 574); seed 45: 602, 201 (601, 186)
              --edge-cut P         share of rows whose first and last characters are also given cut by the
                                   crop's edge (8 to 30 percent of the width gone), labelled as the character (default 0)
              --distort-beside     a distorted example is added beside the plain one instead of replacing it
              --other-cuts         glyph examples also from the segmenter's other cuts of a row that have as
                                   many boxes as its text has characters (default: its own cut only)
              --net-epochs N       also train the convolutional glyph classifier (GlyphNet, DJL PyTorch) for N
                                   passes over the same glyphs, in each fold too, and let it name the boxes of
                                   the cuts the reader chooses among (default 6, the committed model's training;
                                   0 for no net)
              --net-lr X           the net's Adam learning rate (default 0.002)
              --net-channels LIST  the net's conv stages, channels of each comma-separated (default 8,16,32, the
                                   committed model's; a 2x2 max pool follows the first two stages only)
              --net-members K      an ensemble of K nets, each from its own seed, exported as one model that
                                   averages their logits (default 1)
              --net-weight W       the net's share of each box's log-probabilities, the perceptron's being
                                   1 - W (default 0.5; 1 for the net alone)
              --top-net-epochs N   also train a GlyphNet on the top row's cells for N passes (its own net per
                                   fold too), combined with the top row's perceptron (default 6, the committed
                                   model's training; 0 for none)
              --top-net-weight W   that net's share of each cell's log-probabilities (default 0.5)
              --members K          a seed ensemble of K readers (default 2, as the committed reader was trained
                                   since session 57; 1 for one): member m (1..K) is trained as a reader of
                                   seed SEED + m - 1 alone would be (so member 1 is the reader of --seed), and each
                                   glyph's class probabilities (both rows' perceptrons and nets) are the normalised
                                   geometric mean of the members' (their logits averaged); the confidence is fitted
                                   on the ensemble's out-of-fold readings. Members after the first are written
                                   under "members" in glyph-classifier.json with their nets beside it
                                   (glyph-net-2.onnx, glyph-net-top-2.onnx, ...). (--net-members, by contrast,
                                   averages several Latin nets inside each member.) Out of fold end to end (session
                                   57, eval --locator-out-of-fold, six conditions, both fold pairs) two members read
                                   1763 photos exactly against 1748-1753 for one, 0 wrong at >= 0.9
            Reader experiments (developer options):
              --reuse-folds DIR    keep the two folds' models in DIR (with --members K > 1: one folder per member,
                                   comma-separated, or one DIR whose member m keeps its own in DIR/member-m;
                                   an existing folder whose name holds a comma is taken whole):
                                   if DIR holds fold models trained with the
                                   same settings (its stamp: manifest, seed, every option above that changes
                                   them, not the nets' weights, and a digest of a few plates the renderer draws,
                                   so a renderer or font change refuses it), load them instead of training
                                   them; otherwise train them and save them there; a stamp of other settings
                                   is refused.
                                   Exact only while the reader cuts the training glyphs as it did when they were
                                   trained: after a change to the cut (GlyphSegmenter, the boxes GlyphTrainer
                                   labels) the cached models are the old cut's, so confirm with a run without it
              --dump-readings FILE write one TSV line per out-of-fold crop attempt to FILE (photo file name, crop
                                   0 = box crop or 1-3 jittered, truth, reading, right, out-of-fold confidence,
                                   capped by the network, top-row contradictions, error class, automatic, the
                                   reader's text even when it is no plate). Holds plate texts: personal data
              --folds-only         stop after the out-of-fold report: no final models, no validation measure
              --train-share F      with --folds-only: each fold reader learns from a share F (0..1) of its fold's
                                   training photos, drawn by a hash of each photo's file name (the photos of a
                                   smaller share are among a larger one's), and still reads every photo of the
                                   other fold; in the --reuse-folds stamp. For a learning curve: eval
                                   --reader-folds then reads every training photo with readers that learnt from
                                   fewer photos (BENCHMARKS.md, "Session 75")
              --no-validation      write the final models without reading the validation photos (models made
                                   for an experiment, so that a retrain is not also a look at the held-out
                                   photos); the card then says they were not measured
            The confidence is fitted out of fold: a classifier trained on one half of the training photos
            (plus synthetic glyphs) reads the other half, and the reverse.
            """;

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib train-glyphs", USAGE.stripTrailing())
            .options("real", "out", "seed", "synthetic", "real-repeats", "wide-repeats", "epochs", "hidden", "top-epochs", "top-hidden", "lr",
            "distort", "faint", "top-faint", "top-synthetic", "small", "edge-cut", "net-epochs", "net-lr", "net-channels", "net-members", "net-weight", "top-net-epochs", "top-net-weight", "members", "reuse-folds", "dump-readings", "train-share")
            .flags("other-cuts", "distort-beside", "folds-only", "no-validation");

    private GlyphTrainCommand() {
    }

    /** CLI entry point. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path manifest;
        Path dir;
        long seed;
        int members;
        int synthetic;
        int repeats;
        int wideRepeats;
        int epochs;
        int hidden;
        int topEpochs;
        int topHidden;
        GlyphTrainer.TopSynthetic topSynthetic;
        double lr;
        GlyphAugmenter.Settings aug;
        NetSettings netSettings;
        NetSettings topNet;
        Experiment experiment;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            manifest = line.path("real", null);
            dir = line.path("out", Path.of("work", "glyphs"));
            seed = line.longValue("seed", 42);
            // 2 by default, as the committed reader was trained since session 57 (see the help above).
            members = line.integer("members", 2, 1, MAX_MEMBERS);
            synthetic = line.integer("synthetic", 2000, 0, Integer.MAX_VALUE);
            repeats = line.integer("real-repeats", 16, 0, Integer.MAX_VALUE);
            // 3 by default, as the committed classifier was trained (session 18, wsep18: see the help above).
            wideRepeats = line.integer("wide-repeats", 3, 1, 16);
            epochs = line.integer("epochs", 8, 1, Integer.MAX_VALUE);
            hidden = line.integer("hidden", 96, 1, Integer.MAX_VALUE);
            topEpochs = line.integer("top-epochs", 16, 1, Integer.MAX_VALUE);
            topHidden = line.integer("top-hidden", 160, 1, Integer.MAX_VALUE);
            // Standard plates' by default, as the committed models were trained since session 24: the synthetic wide
            // plates' top-row cells taught the top row's classifiers worse than none (see the help above).
            topSynthetic = topSynthetic(line.string("top-synthetic", "standard"));
            lr = line.decimalAbove("lr", 0.002, 0, Double.POSITIVE_INFINITY);
            // Distortion on by default, as the committed classifier was trained: out of fold (BENCHMARKS, racc's
            // session 6 subsection) distorting 0.8 of the examples reads more crops right (457 -> 479 and
            // 467 -> 482 at seeds 42 and 43; 473 -> 488 on session 6's segmentation), at the price of fewer
            // training photos read in-sample, which measures memory rather than reading. Edge cuts and the
            // other cuts' boxes gained nothing beyond the seeds' spread, so they stay off.
            aug = new GlyphAugmenter.Settings(line.decimal("distort", 0.8, 0, 1), line.decimal("edge-cut", 0, 0, 1),
                    line.flag("other-cuts"), line.flag("distort-beside"), line.decimal("faint", 0, 0, 1),
                    line.decimal("top-faint", 0.7, 0, 1), line.decimal("small", 1.0, 0, 1));
            // On by default, as the committed model was trained: out of fold (BENCHMARKS, rcnn's session 7 subsection)
            // the net reads 488 -> 512 crops right at seed 42, and 513 at seed 43, with no wrong automatic read.
            netSettings = new NetSettings(line.integer("net-epochs", 6, 0, Integer.MAX_VALUE),
                    line.decimalAbove("net-lr", 0.002, 0, Double.POSITIVE_INFINITY), line.decimalAbove("net-weight", 0.5, 0, 1),
                    channels(line.string("net-channels", "8,16,32")), line.integer("net-members", 1, 1, 16));
            // On by default, as the committed model was trained: out of fold at seed 42 (BENCHMARKS, session 9's
            // top-row net) the top row contradicts 88 right readings instead of 142 and confirms 155 automatic reads
            // instead of 128, 0 of them wrong; it changes no text.
            topNet = new NetSettings(line.integer("top-net-epochs", 6, 0, Integer.MAX_VALUE), netSettings.lr(),
                    line.decimalAbove("top-net-weight", 0.5, 0, 1), GlyphNetBlock.CHANNELS, 1);
            experiment = new Experiment(foldDirs(line.string("reuse-folds", null), members), line.path("dump-readings", null),
                    line.flag("folds-only"), line.flag("no-validation"), line.decimalAbove("train-share", 1, 0, 1));
            if (experiment.trainShare() < 1 && !experiment.foldsOnly()) {
                throw new UsageException("--train-share trains the fold readers on part of the photos, for a measure:"
                        + " only with --folds-only (no final model is trained on part of them)");
            }
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
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
            // Per member: the stamp of its cached folds (--reuse-folds; none without it) and those folds, null when there
            // are none yet.
            List<Map<String, String>> stamps = new ArrayList<>();
            List<FoldCache.Folds> cached = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                if (experiment.reuseFolds() == null) {
                    stamps.add(null);
                    cached.add(null);
                    continue;
                }
                Path folds = experiment.reuseFolds().get(m);
                Map<String, String> stamp = FoldCache.stamp(manifest, seed + m, synthetic, repeats, wideRepeats, epochs, hidden, topEpochs,
                        topHidden, topSynthetic, lr, aug, netSettings, topNet);
                if (experiment.trainShare() < 1) {
                    // Only when on: caches trained on every photo keep their stamp.
                    stamp.put("train-share", Double.toString(experiment.trainShare()));
                }
                Optional<String> differs = FoldCache.compare(folds, stamp);
                if (differs.isPresent() && !differs.get().isEmpty()) {
                    err.println("raqib train-glyphs: --reuse-folds " + folds + " holds fold models trained with "
                            + "other settings (" + differs.get() + "); give another folder or remove that one");
                    return 2;
                }
                stamps.add(stamp);
                cached.add(differs.isPresent() ? FoldCache.load(folds) : null);
            }
            train(manifest, dir, seed, synthetic, repeats, wideRepeats, epochs, hidden, topEpochs, topHidden, topSynthetic, lr, aug, netSettings,
                    topNet, experiment, stamps, cached, out, err);
            return 0;
        } catch (IOException e) {
            err.println("raqib train-glyphs: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The {@code --reuse-folds} folders, one per member: a comma-separated list of exactly {@code members}, or one
     * folder whose member m (from 2) keeps its folds in {@code member-m} inside it; null without the option.
     */
    static List<Path> foldDirs(String value, int members) throws UsageException {
        if (value == null) {
            return null;
        }
        List<Path> parts = FoldCache.listed(value);
        if (parts.size() == 1) {
            Path first = parts.get(0);
            List<Path> dirs = new ArrayList<>(List.of(first));
            for (int m = 2; m <= members; m++) {
                dirs.add(FoldCache.memberDir(first, m));
            }
            return dirs;
        }
        if (parts.size() != members) {
            throw new UsageException("--reuse-folds names " + parts.size() + " folders for " + members
                    + " members: give one per member, or one folder");
        }
        return parts;
    }

    /** The {@code --top-synthetic} choice: standard, all or none. */
    static GlyphTrainer.TopSynthetic topSynthetic(String value) throws UsageException {
        try {
            return GlyphTrainer.TopSynthetic.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--top-synthetic wants standard, all or none, not " + value);
        }
    }

    /** The {@code --net-channels} list: positive channel counts, comma-separated. */
    static int[] channels(String list) throws UsageException {
        String[] parts = list.split(",", -1);
        int[] c = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                c[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                c[i] = 0;
            }
            if (c[i] < 1) {
                throw new UsageException("--net-channels wants positive channel counts separated by commas, not " + list);
            }
        }
        return c;
    }

    static boolean foldA(LabelledPhotos.Photo p) {
        // Independent of the validation split (hash mod 5) so both folds hold every kind of plate.
        return Math.floorMod(Integer.rotateLeft(p.plateText().hashCode(), 13) * 31 + 7, 2) == 0;
    }

    private static void train(Path manifest, Path dir, long seed, int synthetic, int repeats, int wideRepeats, int epochs, int hidden,
            int topEpochs, int topHidden, GlyphTrainer.TopSynthetic topSynthetic, double lr, GlyphAugmenter.Settings aug, NetSettings netSettings, NetSettings topNet,
            Experiment experiment, List<Map<String, String>> stamps, List<FoldCache.Folds> cached, PrintStream out, PrintStream err)
            throws IOException {
        List<LabelledPhotos.Photo> all = LabelledPhotos.read(manifest);
        List<RealCrops.Loaded> trainPhotos = RealCrops.load(all.stream().filter(p -> p.hasText() && !p.isValidation()).toList());
        List<RealCrops.Loaded> valPhotos = experiment.noValidation() ? List.of()
                : RealCrops.load(all.stream().filter(p -> p.hasText() && p.isValidation()).toList());
        List<RealCrops.Loaded> a = trainPhotos.stream().filter(l -> foldA(l.photo())).toList();
        List<RealCrops.Loaded> b = trainPhotos.stream().filter(l -> !foldA(l.photo())).toList();
        out.printf("real training photos %d (folds %d/%d), validation photos %s%n", trainPhotos.size(), a.size(), b.size(),
                experiment.noValidation() ? "not read (--no-validation)" : valPhotos.size() + " (measured only)");
        // The fold readers learn from their share of each fold (all of it by default) and read all of the other fold.
        List<RealCrops.Loaded> learnA = a.stream().filter(l -> inShare(l.photo(), experiment.trainShare())).toList();
        List<RealCrops.Loaded> learnB = b.stream().filter(l -> inShare(l.photo(), experiment.trainShare())).toList();
        if (experiment.trainShare() < 1) {
            out.printf("the fold readers learn from a share %s of the training photos (--train-share): %d/%d%n",
                    experiment.trainShare(), learnA.size(), learnB.size());
        }
        int members = cached.size();
        // Each member in turn: its glyph sets (its own seed), its two fold readers (trained or cached) and, unless only
        // the folds are asked for, its final models; the sets are let go before the next member's are made.
        List<FoldCache.Fold> foldsA = new ArrayList<>();
        List<FoldCache.Fold> foldsB = new ArrayList<>();
        List<FoldCache.Fold> finals = new ArrayList<>();
        int[] counts = null;
        List<String> netLines = new ArrayList<>();
        List<String> topNetLines = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            long s = seed + m;
            String who = members == 1 ? "" : "member " + (m + 1) + " (seed " + s + "): ";
            FoldCache.Folds c = cached.get(m);
            // The glyph sets train models only: the out-of-fold readings need none when the folds are cached.
            boolean needSets = c == null || !experiment.foldsOnly();
            GlyphTrainer.Sets synSets = needSets ? GlyphTrainer.synthetic(s, synthetic, topSynthetic, aug, err) : null;
            GlyphTrainer.Sets realASets = needSets ? GlyphTrainer.real(learnA, repeats, wideRepeats, s + 11, aug) : null;
            GlyphTrainer.Sets realBSets = needSets ? GlyphTrainer.real(learnB, repeats, wideRepeats, s + 12, aug) : null;
            int[] n = needSets ? new int[] {synSets.latin().size(), realASets.latin().size(), realBSets.latin().size(),
                synSets.arabic().size(), realASets.arabic().size() + realBSets.arabic().size()} : c.counts();
            counts = counts == null ? n : counts;
            out.printf("%sglyphs: synthetic %d, real fold A %d, fold B %d; top-row cells: synthetic %d, real %d%n", who, n[0],
                    n[1], n[2], n[3], n[4]);
            List<String> nl = c != null ? c.netLines() : new ArrayList<>();
            List<String> tl = c != null ? c.topNetLines() : new ArrayList<>();
            // Fold "A" is trained with fold A's real glyphs (it reads fold B), "B" with fold B's.
            FoldCache.Fold foldA = c != null ? c.a()
                    : trainFold(synSets, realASets, hidden, epochs, topHidden, topEpochs, lr, netSettings, topNet, s, 0, err, nl, tl);
            FoldCache.Fold foldB = c != null ? c.b()
                    : trainFold(synSets, realBSets, hidden, epochs, topHidden, topEpochs, lr, netSettings, topNet, s, 1, err, nl, tl);
            if (stamps.get(m) != null && c == null) {
                FoldCache.save(experiment.reuseFolds().get(m), stamps.get(m), new FoldCache.Folds(foldA, foldB, nl, tl, n));
            }
            foldsA.add(foldA);
            foldsB.add(foldB);
            nl.forEach(l -> netLines.add(who + l));
            tl.forEach(l -> topNetLines.add(who + l));
            if (!experiment.foldsOnly()) {
                finals.add(trainFinal(synSets, concat(realASets.latin(), realBSets.latin()),
                        concat(realASets.arabic(), realBSets.arabic()), hidden, epochs, topHidden, topEpochs, lr, netSettings, topNet,
                        s, err, who));
            }
        }

        // Readings of fold B by the readers trained without it, then of fold A likewise.
        OutOfFold oof = new OutOfFold();
        int foldBPoints;
        try (PlateReader net = PlateReader.loadNetworkOnly()) {
            collect(reader(foldsA, RAW, netSettings, topNet), net, b, seed + 31, oof);
            foldBPoints = oof.xs.size();
            collect(reader(foldsB, RAW, netSettings, topNet), net, a, seed + 32, oof);
        }
        List<double[]> calX = oof.xs;
        List<Boolean> calY = oof.ys;
        int[] attempts = oof.attempts;
        List<Boolean> cappedFlags = oof.cappedFlags;
        List<TopRow.Evidence> tops = oof.tops;
        int[] errors = oof.errors;
        GlyphReader.GlyphCalibration cal = fit(calX, calY);
        long right = calY.stream().filter(x -> x).count();
        // The calibration itself measured out of fold: fitted on one fold's readings, applied to the other's.
        int n = calX.size();
        GlyphReader.GlyphCalibration onB = fit(calX.subList(0, foldBPoints), calY.subList(0, foldBPoints));
        GlyphReader.GlyphCalibration onA = fit(calX.subList(foldBPoints, n), calY.subList(foldBPoints, n));
        int high = 0;
        int highWrong = 0;
        int highChecked = 0;
        int highCheckedWrong = 0;
        int contradictedRight = 0;
        int contradictedWrong = 0;
        // Each reading gets the calibration fitted on the other fold.
        GlyphReader.GlyphCalibration[] otherFold = new GlyphReader.GlyphCalibration[n];
        for (int i = 0; i < n; i++) {
            otherFold[i] = i < foldBPoints ? onA : onB;
        }
        // The cross-check's cap as read reports it: set aside where the reader's own rows outvote the network's Arabic
        // row (read holds such a reading at the cap while the recogniser searches, and reports it uncapped if kept),
        // which needs the reading's confidence (here from the calibration fitted on the other fold).
        int[] capped = new int[2];
        for (int i = 0; i < n; i++) {
            if (oof.outvotable.get(i) && otherFold[i].confidence(calX.get(i)) >= PlateReader.OUTVOTE_CONFIDENCE) {
                cappedFlags.set(i, false);
            }
            if (cappedFlags.get(i)) {
                capped[0]++;
                capped[1] += calY.get(i) ? 1 : 0;
            }
        }
        for (int i = 0; i < n; i++) {
            double p = otherFold[i].confidence(calX.get(i));
            TopRow.Evidence top = tops.get(i);
            // Null for a reading from the top row alone (GlyphReader#topRowFirst): no second row to contradict it.
            if (top != null && top.contradictions() > 0) {
                contradictedRight += calY.get(i) ? 1 : 0;
                contradictedWrong += calY.get(i) ? 0 : 1;
            }
            if (p >= 0.9) {
                high++;
                highWrong += calY.get(i) ? 0 : 1;
                if (!cappedFlags.get(i)) {
                    highChecked++;
                    highCheckedWrong += calY.get(i) ? 0 : 1;
                }
            }
        }
        int[] automatic = automaticReads(PlateReader.ARABIC_CONFIRM, otherFold, calX, calY, cappedFlags, tops);
        String topRow = String.format("the top row (own classifier, out of fold) contradicts %d right and %d wrong readings; "
                + "of the %d readings at >= 0.9 after the network cross-check, %d keep >= 0.9 under the top-row rule "
                + "(no contradiction, every character's twin >= %.2f), %d of them wrong", contradictedRight, contradictedWrong,
                highChecked, automatic[0], PlateReader.ARABIC_CONFIRM, automatic[1]);
        String misreads = String.format("misread crops: %d with the wrong number of characters (segmentation), %d with the "
                + "right count and one wrong character, %d with the right count and several wrong", errors[0], errors[1],
                errors[2]);
        out.println("top row: " + topRow);
        StringBuilder table = new StringBuilder();
        for (double confirm : new double[] {0.5, 0.7, 0.8, 0.9, 0.95}) {
            int[] kept = automaticReads(confirm, otherFold, calX, calY, cappedFlags, tops);
            table.append(String.format("%s%.2f: %d (%d wrong)", table.length() == 0 ? "" : "; ", confirm, kept[0], kept[1]));
        }
        out.println("top row: automatic reads by confirmation threshold: " + table);
        out.println("errors: " + misreads);
        for (String l : netLines) {
            out.println("net: " + l);
        }
        String calibration = String.format("%d crops of the training photos (box crop and 3 jittered crops each; "
                + "%d of them wide plates), each read by the classifier trained without its photo: %d read as a plate text, "
                + "%d right (%.1f%%; wide plates %d of %d); confidence fitted on one fold's readings and applied to "
                + "the other's: %d at >= 0.9 with %d wrong (the character reader alone); the network cross-check caps %d of "
                + "the readings (%d of those right), leaving %d at >= 0.9 with %d wrong (optimistic: the network was trained "
                + "on these photos)", attempts[0], attempts[2], n, right, 100.0 * right / Math.max(1, attempts[0]), attempts[3],
                attempts[2], high, highWrong, capped[0], capped[1], highChecked, highCheckedWrong);
        out.printf("out of fold: %s%ncalibration: wLog %.4f wMin %.4f wMargin %.4f wShort %.4f bias %.4f%n", calibration,
                cal.wLog(), cal.wMin(), cal.wMargin(), cal.wShort(), cal.bias());
        if (experiment.dumpReadings() != null) {
            dump(experiment.dumpReadings(), oof, otherFold);
            out.println("readings: " + oof.rows.size() + " crop attempts written to " + experiment.dumpReadings());
        }
        if (experiment.foldsOnly()) {
            return;
        }

        GlyphReader reader = reader(finals, cal, netSettings, topNet);
        String measured = experiment.noValidation()
                ? "- not measured: trained with `--no-validation` (models made for an experiment)" : measure(reader, valPhotos);
        out.println(measured);

        Files.createDirectories(dir);
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("version", "glyphs-seed" + seed + (members == 1 ? "" : "x" + members));
        FoldCache.Fold first = finals.get(0);
        first.latin().writeTo(root.putObject("classifier"));
        first.top().writeTo(root.putObject("arabic"));
        ObjectNode c = root.putObject("calibration");
        c.put("wLog", cal.wLog());
        c.put("wMin", cal.wMin());
        c.put("wMargin", cal.wMargin());
        c.put("wShort", cal.wShort());
        c.put("bias", cal.bias());
        writeNet(root, dir, "net", GlyphNet.MODEL_FILE, first.net(), netSettings.weight());
        writeNet(root, dir, "arabicNet", GlyphNet.TOP_MODEL_FILE, first.topNet(), topNet.weight());
        // The other members: their classifiers embedded, their nets beside this file (the weights are the first's).
        com.fasterxml.jackson.databind.node.ArrayNode more = members == 1 ? null : root.putArray(GlyphReader.MEMBERS);
        for (int m = 2; m <= MAX_MEMBERS; m++) {
            if (m > members) {
                Files.deleteIfExists(dir.resolve(memberFile(GlyphNet.MODEL_FILE, m)));
                Files.deleteIfExists(dir.resolve(memberFile(GlyphNet.TOP_MODEL_FILE, m)));
                continue;
            }
            FoldCache.Fold f = finals.get(m - 1);
            ObjectNode node = more.addObject();
            f.latin().writeTo(node.putObject("classifier"));
            f.top().writeTo(node.putObject("arabic"));
            writeNet(node, dir, "net", memberFile(GlyphNet.MODEL_FILE, m), f.net(), netSettings.weight());
            writeNet(node, dir, "arabicNet", memberFile(GlyphNet.TOP_MODEL_FILE, m), f.topNet(), topNet.weight());
        }
        Files.writeString(dir.resolve(GlyphClassifier.MODEL_FILE), om.writeValueAsString(root));
        String card = """
                # Glyph classifier model card

                Written by `./raqib train-glyphs`; regenerate rather than edit.

                A two-layer perceptron (%d hidden units, %d parameters; the top row's: %d hidden units, %d epochs) over %dx%d standardised glyph images,
                classes 0-9, the 17 plate letters and junk. Glyphs come from `GlyphSegmenter` (adaptive threshold,
                frame and divider lines erased, connected components between the row divider and the plate's
                bottom edge, on a common baseline; touching characters cut at their thinnest columns).

                ## Data and settings
                - seed %d; %d synthetic plates (Java2D; faces: %s), %d synthetic glyphs
                - real: %s, photos outside the validation split with a text (%d), %d jittered crops each (%s) plus
                  the box crop; a crop is used only when its row cuts into exactly as many glyphs as its text
                  has characters: %d real glyphs
                - %d epochs of SGD (momentum 0.9, lr %s with cosine decay, weight decay 1e-4)
                - glyph distortions (`GlyphAugmenter`): a share %s of the Latin examples, junk included, tilted,
                  sheared, scaled, squeezed, shifted by a fraction of a pixel, with thicker or thinner strokes,
                  blur, another gamma or noise; a share %s of those also degraded as a poor photo shows glyphs
                  (faint and low in contrast with noise in proportion, strongly blurred, thin strokes, JPEG blocks,
                  a low resolution); a share %s of rows also give their first and last character cut
                  by the crop's edge (8-30%% of its width gone), labelled as that character; boxes of the
                  segmenter's other cuts with the text's length: %s; distorted examples %s
                - a 28th class, junk, is trained on boxes that are not one whole character (two neighbours,
                  a box straddling two, part of a character, its top half, the top row above it); the
                  reader cuts the row several ways and keeps the cut whose boxes score the highest
                  summed log-odds; among those cuts, the best for each number of characters found by a
                  search over candidate cut columns scored by the classifier (`RowSearch`)
                - confidence: logistic regression of (sum of log-probabilities, weakest character's
                  log-probability, margin over the best cut that reads another text, a standard-shaped
                  crop read with fewer than four digits) fitted on out-of-fold readings (two halves of
                  the training photos, each read by a classifier trained without it), its weights held to
                  their signs (the first three >= 0, the last <= 0: a weaker reading never gains confidence).
                  At read time a reading the network confirms gets max(p_glyph, p_network); one that fails
                  the cross-check (digit count, the network's Arabic row) is capped at 0.5; where the
                  reader's own rows outvote that row (a reading of four digits at p >= %.2f, its own top row
                  >= %.2f for each character the network's row contradicts and >= %.2f for every one), the
                  recogniser reports it, if it keeps it, without that cap.
                - top row: a second perceptron of the same shape reads the Arabic row in the cell above each
                  Latin box (each Arabic letter and digit is printed above its twin; its class k is the
                  twin of Latin class k), trained on the cells of the same crops labelled from the Latin text
                  (%s); a share %s of the cells degraded as a poor photo
                  shows them (as the Latin glyphs above, in place of the plain cell). An automatic read (>= 0.9) needs
                  it: a top row sure (>= 0.7) of another character anywhere caps the reading at 0.5, one that
                  does not give every character's twin at least 0.9 caps it at 0.85. Where it contradicts, each
                  Latin character under %s is named again as its kind's class with the highest log p_latin +
                  %s log p_top (the reading stays capped at 0.5). Top-row net (`%s`, a GlyphNet
                  of the same shape trained on the same cells, combined with the top row's perceptron as the glyph
                  net is with the Latin one): %s%s.
                  %s; automatic reads by confirmation threshold: %s; %s.
                - convolutional glyph classifier (`GlyphNet`, `%s`): %s. 3x3 conv stages (%s channels;
                  batch norm, ReLU, 2x2 max pool after the first two) over the same input, one linear layer to the
                  same classes; trained with DJL (PyTorch engine, one thread, batch %d, cosine decay, weight decay 1e-4,
                  softmax cross-entropy) on the same glyph examples (a net per fold for the out-of-fold readings),
                  exported to ONNX with batch norm folded. The perceptron still scores the cut search (`RowSearch`);
                  the boxes of the cuts compared (the segmenter's, the search's best per length, the first all-sure
                  cut) are named by the normalised weighted geometric mean of both classifiers' probabilities.
                  %s
                - calibration: wLog %.4f, wMin %.4f, wMargin %.4f, wShort %.4f, bias %.4f
                - %s

                ## Measured out of fold on the training photos
                - %s

                Reproduce: `./raqib train-glyphs --seed %d --members %d --synthetic %d --real-repeats %d%s --epochs %d --hidden %d --top-epochs %d --top-hidden %d --lr %s --distort %s --faint %s --top-faint %s --top-synthetic %s --edge-cut %s%s%s%s%s --out DIR`

                ## Measured on the validation photos (never trained on)
                %s
                """.formatted(hidden, hidden * (GlyphClassifier.INPUTS + 1) + GlyphClassifier.CLASSES * (hidden + 1), topHidden, topEpochs,
                GlyphClassifier.W, GlyphClassifier.H, seed, synthetic, String.join(", ", GlyphTrainer.FONTS), counts[0],
                manifest, trainPhotos.size(), repeats, wideRepeats == 1 ? "wide plates' photos as many"
                        : "wide plates' photos " + wideRepeats + " times as many", counts[1] + counts[2], epochs, lr, aug.distort(), aug.faint(), aug.edgeCut(), aug.otherCuts() ? "used" : "not used",
                aug.beside() ? "beside the plain ones" : "in place of the plain ones",
                PlateReader.OUTVOTE_CONFIDENCE, PlateReader.OUTVOTE_SUPPORT, PlateReader.OUTVOTE_LEAST_SUPPORT,
                switch (topSynthetic) {
                    case NONE -> "the photos' cells only";
                    case STANDARD -> "and the synthetic standard plates' cells: their renderer prints each twin above its Latin character, as "
                            + "real plates do, and only that order is accepted";
                    case ALL -> "and every synthetic plate's cells: their renderer prints each twin above its Latin character, as real "
                            + "plates do, and only that order is accepted";
                }, aug.topFaint(), GlyphReader.FUSE_BELOW, GlyphReader.TOP_ROW_WEIGHT, GlyphNet.TOP_MODEL_FILE, topNet.describe(), topNetLines.isEmpty() ? "" : "; " + String.join("; ", topNetLines),
                Character.toUpperCase(topRow.charAt(0)) + topRow.substring(1), table, misreads, GlyphNet.MODEL_FILE, netSettings.describe(),
                java.util.Arrays.toString(netSettings.channels()), GlyphNetTrainer.BATCH, String.join("; ", netLines), cal.wLog(), cal.wMin(), cal.wMargin(), cal.wShort(), cal.bias(), ensemble(seed, members), calibration, seed, members, synthetic, repeats, wideRepeats == 1 ? "" : " --wide-repeats " + wideRepeats, epochs, hidden, topEpochs, topHidden, lr, aug.distort(), aug.faint(), aug.topFaint(), topSynthetic.name().toLowerCase(java.util.Locale.ROOT), aug.edgeCut(), aug.otherCuts() ? " --other-cuts" : "", aug.beside() ? " --distort-beside" : "", aug.small() > 0 ? " --small " + aug.small() : "", netSettings.options() + topNet.topOptions(), measured);
        Files.writeString(dir.resolve("glyph-classifier.md"), card);
        out.println("wrote " + dir.resolve(GlyphClassifier.MODEL_FILE));
    }

    /**
     * Writes a net's ONNX {@code model} as {@code file} in {@code dir} and names it, with its weight, under {@code key}
     * of the classifier file's {@code root}; without a model (none trained) removes a stale {@code file} instead.
     */
    private static void writeNet(ObjectNode root, Path dir, String key, String file, byte[] model, double weight)
            throws IOException {
        if (model == null) {
            Files.deleteIfExists(dir.resolve(file));
            return;
        }
        ObjectNode node = root.putObject(key);
        node.put("file", file);
        node.put("weight", weight);
        Files.write(dir.resolve(file), model);
    }

    /**
     * The out-of-fold readings: the calibration's points (features, rightness; one per crop read as a valid plate
     * text) with their network cross-check and top-row evidence, counts, and a row per crop attempt.
     */
    private static final class OutOfFold {
        final List<double[]> xs = new ArrayList<>();
        final List<Boolean> ys = new ArrayList<>();
        /** Crops read, right, wide crops, wide right. */
        final int[] attempts = new int[4];
        /** Per reading: capped by the network cross-check (once calibrated, as read caps it). */
        final List<Boolean> cappedFlags = new ArrayList<>();
        /** Per reading: capped, but outvoted by the reader's own rows at a confidence of {@link PlateReader#OUTVOTE_CONFIDENCE}. */
        final List<Boolean> outvotable = new ArrayList<>();
        final List<TopRow.Evidence> tops = new ArrayList<>();
        /** Wrong readings by {@link #errorClass}. */
        final int[] errors = new int[3];
        final List<Attempt> rows = new ArrayList<>();
    }

    /**
     * One crop attempt: its photo's file name, crop index (0 the box crop, 1-3 jittered), the truth, the reader's text
     * (null for none) and the index of its calibration point (-1 when it is no valid plate text).
     */
    private record Attempt(String photo, int crop, String truth, String text, int point) {
    }

    /** The class of a wrong reading: 0 the wrong number of characters, 1 one wrong character, 2 several. */
    static int errorClass(String read, String truth) {
        int wrongChars = 0;
        for (int k = 0; k < Math.min(read.length(), truth.length()); k++) {
            wrongChars += read.charAt(k) == truth.charAt(k) ? 0 : 1;
        }
        return read.length() != truth.length() ? 0 : wrongChars == 1 ? 1 : 2;
    }

    /** Names of {@link #errorClass}'s classes in the dumped readings. */
    private static final String[] ERROR_NAMES = {"count", "one", "several"};

    /**
     * Out-of-fold readings of {@code photos} for the calibration fit: the glyph reader's own evidence
     * only. (The network was trained on these photos, so its agreement here would be optimistic: it is
     * combined at read time instead.) The readings the reader's cross-check with the network would cap are
     * counted, and how many of them were right.
     */
    private static void collect(GlyphReader reader, PlateReader net, List<RealCrops.Loaded> photos, long seed, OutOfFold oof) {
        Random rnd = new Random(seed);
        for (RealCrops.Loaded l : photos) {
            boolean wide = l.layout() == PlateLayout.WIDE;
            for (int r = 0; r < 4; r++) {
                RealCrops.Frame frame = r == 0 ? RealCrops.evalFrame(l) : RealCrops.jitteredFrame(l, rnd, rnd.nextDouble() * 0.6);
                Mat crop = RealCrops.crop(l, frame);
                Optional<GlyphReader.Reading> g = reader.read(crop, extra -> RealCrops.crop(l, frame.taller(extra)));
                oof.attempts[0]++;
                oof.attempts[2] += wide ? 1 : 0;
                String truth = l.photo().plateText();
                int point = -1;
                if (g.isPresent() && SaudiPlate.isValid(g.get().text())) {
                    boolean right = g.get().text().equals(truth);
                    oof.attempts[1] += right ? 1 : 0;
                    oof.attempts[3] += right && wide ? 1 : 0;
                    float[] logits = net.logits(CropPreprocessor.toInput(crop), 1);
                    ReadResult n = net.read(crop);
                    boolean fails = PlateReader.crossCheckFails(g.get().text(), n, logits, 0);
                    oof.cappedFlags.add(fails);
                    // Whether the reader's own rows would outvote the network here if the reading were sure enough.
                    oof.outvotable.add(fails && PlateReader.crossCheckOutvoted(g.get(), 1, n, logits, 0));
                    oof.tops.add(g.get().topRow());
                    if (!right) {
                        oof.errors[errorClass(g.get().text(), truth)]++;
                    }
                    point = oof.xs.size();
                    oof.xs.add(GlyphReader.GlyphCalibration.features(g.get()));
                    oof.ys.add(right);
                }
                oof.rows.add(new Attempt(l.photo().image().getFileName().toString(), r, truth,
                        g.map(GlyphReader.Reading::text).orElse(null), point));
                crop.release();
            }
        }
    }

    /**
     * Writes {@code --dump-readings}: a header, then a TSV line per crop attempt (photo, crop, truth, reading, right,
     * confidence from the calibration fitted on the other fold, capped, top-row contradictions, error class, automatic
     * as the report counts it, the reader's text even when it is no plate). Empty fields where there is no reading.
     */
    private static void dump(Path file, OutOfFold oof, GlyphReader.GlyphCalibration[] otherFold) throws IOException {
        StringBuilder sb = new StringBuilder(
                "photo\tcrop\ttruth\treading\tright\tconfidence\tcapped\tcontradictions\terror\tautomatic\ttext\n");
        for (Attempt t : oof.rows) {
            sb.append(t.photo()).append('\t').append(t.crop()).append('\t').append(t.truth()).append('\t');
            int i = t.point();
            if (i < 0) {
                sb.append("\t0\t\t\t\tnone\t0\t");
            } else {
                boolean right = oof.ys.get(i);
                double p = otherFold[i].confidence(oof.xs.get(i));
                boolean automatic = p >= 0.9 && !oof.cappedFlags.get(i)
                        && PlateReader.topRowRule(p, oof.tops.get(i), PlateReader.ARABIC_CONFIRM) >= 0.9;
                sb.append(t.text()).append('\t').append(right ? 1 : 0).append('\t').append(String.format(Locale.ROOT, "%.4f", p))
                        .append('\t').append(oof.cappedFlags.get(i) ? 1 : 0).append('\t').append(oof.tops.get(i) == null ? 0 : oof.tops.get(i).contradictions())
                        .append('\t').append(right ? "" : ERROR_NAMES[errorClass(t.text(), t.truth())]).append('\t')
                        .append(automatic ? 1 : 0).append('\t');
            }
            sb.append(t.text() == null ? "" : t.text()).append('\n');
        }
        Files.writeString(file, sb);
    }

    /**
     * One fold's models trained on the synthetic sets and the other fold's real ones ({@code fold} 0 for A, 1 for B:
     * the seeds' offsets); the nets' last epochs are noted in {@code netLines} and {@code topNetLines}.
     */
    private static FoldCache.Fold trainFold(GlyphTrainer.Sets syn, GlyphTrainer.Sets real, int hidden, int epochs, int topHidden,
            int topEpochs, double lr, NetSettings netSettings, NetSettings topNet, long seed, int fold, PrintStream err,
            List<String> netLines, List<String> topNetLines) {
        String name = fold == 0 ? "fold A" : "fold B";
        GlyphClassifier m = GlyphTrainer.train(concat(syn.latin(), real.latin()), hidden, epochs, lr, seed + 21 + fold, err, name);
        GlyphClassifier t = GlyphTrainer.train(concat(syn.arabic(), real.arabic()), topHidden, topEpochs, lr, seed + 41 + fold, err,
                "top row " + name);
        byte[] n = netSettings.train(concat(syn.latin(), real.latin()), seed + 51 + fold, err, name, netLines);
        byte[] tn = topNet.train(concat(syn.arabic(), real.arabic()), seed + 61 + fold, err, "top row " + name, topNetLines);
        return new FoldCache.Fold(m, t, n, tn);
    }

    /** The model card's line on the members. */
    static String ensemble(long seed, int members) {
        if (members == 1) {
            return "one reader (`--members 1`): the models above, trained once from the seed";
        }
        return String.format(Locale.ROOT, "a seed ensemble of %d readers (`--members %d`), seeds %d to %d: each trained as above from "
                + "its own seed (member 1 is the reader of seed %d alone), each glyph's class probabilities (both rows' "
                + "perceptrons and nets) the normalised geometric mean of the members' (their logits averaged); the "
                + "out-of-fold readings the calibration is fitted on, and those measured below, are the ensemble's fold "
                + "readers'. Members 2 on are under \"members\" in glyph-classifier.json, their nets beside it "
                + "(glyph-net-2.onnx, glyph-net-top-2.onnx, ...)", members, members, seed, seed + members - 1, seed);
    }

    /** The most members {@code --members} takes (and the most members' stale net files a retrain removes). */
    static final int MAX_MEMBERS = 8;

    /** The file name of member {@code m}'s (from 2) copy of {@code file}: glyph-net.onnx -> glyph-net-2.onnx. */
    static String memberFile(String file, int m) {
        int dot = file.lastIndexOf('.');
        return file.substring(0, dot) + "-" + m + file.substring(dot);
    }

    /**
     * A member's final models (the same four a fold has), trained on all training photos' glyphs from its sets
     * ({@code seed} its own), as a single reader of that seed trains them.
     */
    private static FoldCache.Fold trainFinal(GlyphTrainer.Sets syn, List<GlyphTrainer.Example> realLatin, List<GlyphTrainer.Example> realArabic,
            int hidden, int epochs, int topHidden, int topEpochs, double lr, NetSettings netSettings, NetSettings topNet, long seed,
            PrintStream err, String who) {
        List<GlyphTrainer.Example> everything = concat(syn.latin(), realLatin);
        List<GlyphTrainer.Example> cells = concat(syn.arabic(), realArabic);
        GlyphClassifier model = GlyphTrainer.train(everything, hidden, epochs, lr, seed + 23, err, who + "final");
        GlyphClassifier arabic = GlyphTrainer.train(cells, topHidden, topEpochs, lr, seed + 43, err, who + "top row final");
        byte[] netModel = netSettings.epochs() > 0
                ? GlyphNetTrainer.train(everything, netSettings.epochs(), netSettings.lr(), netSettings.channels(), netSettings.members(),
                        seed + 53, err, who + "final").onnx() : null;
        byte[] topNetModel = topNet.epochs() > 0
                ? GlyphNetTrainer.train(cells, topNet.epochs(), topNet.lr(), seed + 63, err, who + "top row final").onnx() : null;
        return new FoldCache.Fold(model, arabic, netModel, topNetModel);
    }

    /**
     * The readers of several members' models (each member's fold, or its final models) as one, their mean, with
     * {@code cal}: the raw calibration for the out-of-fold readings, whose features are its input.
     */
    private static GlyphReader reader(List<FoldCache.Fold> members, GlyphReader.GlyphCalibration cal, NetSettings netSettings,
            NetSettings topNet) {
        List<GlyphReader> each = members.stream().map(f -> new GlyphReader(f.latin(), cal, f.top(),
                f.net() == null ? null : new GlyphNet(f.net()), netSettings.weight(), f.topNet() == null ? null : new GlyphNet(f.topNet()),
                topNet.weight())).toList();
        return each.get(0).mean(each);
    }

    /** The calibration of the out-of-fold readings: the raw figure (their features are the fit's input). */
    private static final GlyphReader.GlyphCalibration RAW = new GlyphReader.GlyphCalibration(1, 0, 0, 0, 0);

    /**
     * The developer options of a reader experiment: where the folds are kept, where readings go, whether to stop early,
     * whether to leave the validation photos unread.
     */
    private record Experiment(List<Path> reuseFolds, Path dumpReadings, boolean foldsOnly, boolean noValidation,
            double trainShare) {
    }

    /**
     * Whether {@code p} is among the share {@code share} of the photos that {@code --train-share} keeps: the first four
     * bytes of the SHA-256 of its file name, as a fraction of 2^32, below {@code share} (independent of the folds'
     * and the validation split's hashes of the plate text; a smaller share's photos are among a larger one's).
     */
    static boolean inShare(LabelledPhotos.Photo p, double share) {
        if (share >= 1) {
            return true;
        }
        String hex = CacheStamp.sha256(p.image().getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.parseLong(hex.substring(0, 8), 16) < share * 4294967296.0;
    }

    /**
     * The sign each calibration weight must have (wLog, wMin, wMargin, wShort): a surer text, a surer weakest
     * character or a wider margin over the other cuts never lowers the confidence, and a short standard reading
     * never raises it. The readings' features are strongly correlated (the weakest character's log-probability is a
     * term of the sum), so an unconstrained fit is free to trade one against the other: the out-of-fold readings of
     * session 8 gave wMin a negative weight, by which a weaker weakest character raised the confidence.
     */
    static final int[] SIGNS = {1, 1, 1, -1};

    /**
     * Logistic regression of a reading's rightness on its features under {@link #SIGNS}: the lowest penalised
     * loss over every choice of weights held at zero whose free fit ({@link #fitFree}) has the right signs.
     * Exact for this convex problem (the constrained optimum is the free fit on its own non-zero weights), and with
     * four weights only sixteen fits. The all-zero choice (the intercept alone) always qualifies.
     */
    static GlyphReader.GlyphCalibration fit(List<double[]> xs, List<Boolean> ys) {
        int d = SIGNS.length;
        double[] best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < 1 << d; mask++) {
            boolean[] free = new boolean[d + 1];
            for (int i = 0; i < d; i++) {
                free[i] = (mask >> i & 1) == 1;
            }
            free[d] = true;
            double[] w = fitFree(xs, ys, free);
            boolean signsHold = true;
            for (int i = 0; i < d; i++) {
                signsHold &= w[i] * SIGNS[i] >= 0;
            }
            double l = loss(w, xs, ys, LAMBDA);
            // Strictly lower only: ties keep the choice with fewer free weights (the lower mask comes first).
            if (signsHold && l < bestLoss - 1e-9) {
                best = w;
                bestLoss = l;
            }
        }
        return new GlyphReader.GlyphCalibration(best[0], best[1], best[2], best[3], best[4]);
    }

    /** L2 penalty on the calibration's weights (not on the intercept). */
    private static final double LAMBDA = 1e-2;

    /**
     * Logistic regression by damped Newton's method (a step that does not lower the penalised loss is
     * halved) with a small L2 penalty on the weights, not on the intercept, over the weights marked
     * {@code free} (the others stay zero; the last is the intercept). Starts from zero: a start far out on
     * the logistic's flat tails gives a near-singular Hessian and wild steps.
     */
    static double[] fitFree(List<double[]> xs, List<Boolean> ys, boolean[] free) {
        int d = free.length;
        double[] w = new double[d];
        double lambda = LAMBDA;
        double loss = loss(w, xs, ys, lambda);
        for (int iter = 0; iter < 100; iter++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int n = 0; n < xs.size(); n++) {
                double[] x = row(xs.get(n));
                double q = 1 / (1 + Math.exp(-dot(w, x)));
                double y = ys.get(n) ? 1 : 0;
                for (int i = 0; i < d; i++) {
                    grad[i] += (q - y) * x[i];
                    for (int j = 0; j < d; j++) {
                        hess[i][j] += q * (1 - q) * x[i] * x[j];
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                grad[i] += i < d - 1 ? lambda * w[i] : 0;
                hess[i][i] += i < d - 1 ? lambda : 1e-9;
            }
            // A weight held at zero: its row and column of the Newton system become the identity's, its gradient 0.
            for (int i = 0; i < d; i++) {
                if (!free[i]) {
                    grad[i] = 0;
                    for (int j = 0; j < d; j++) {
                        hess[i][j] = i == j ? 1 : 0;
                        hess[j][i] = i == j ? 1 : 0;
                    }
                }
            }
            double[] step = CalibrationFit.solve(hess, grad);
            double[] next = new double[d];
            double nextLoss = Double.POSITIVE_INFINITY;
            for (int halving = 0; halving < 30; halving++) {
                for (int i = 0; i < d; i++) {
                    next[i] = w[i] - step[i];
                }
                nextLoss = loss(next, xs, ys, lambda);
                if (nextLoss <= loss) {
                    break;
                }
                for (int i = 0; i < d; i++) {
                    step[i] /= 2;
                }
            }
            if (!(nextLoss <= loss)) {
                break;
            }
            double gain = loss - nextLoss;
            w = next;
            loss = nextLoss;
            if (gain < 1e-10) {
                break;
            }
        }
        return w;
    }

    private static double[] row(double[] f) {
        return new double[] {f[0], f[1], f[2], f[3], 1};
    }

    private static double dot(double[] w, double[] x) {
        double z = 0;
        for (int i = 0; i < w.length; i++) {
            z += w[i] * x[i];
        }
        return z;
    }

    private static double loss(double[] w, List<double[]> xs, List<Boolean> ys, double lambda) {
        double l = 0;
        for (int n = 0; n < xs.size(); n++) {
            double z = dot(w, row(xs.get(n)));
            // log(1 + e^-z) for a right reading, log(1 + e^z) for a wrong one, computed without overflow
            double m = ys.get(n) ? -z : z;
            l += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
        }
        for (int i = 0; i < w.length - 1; i++) {
            l += 0.5 * lambda * w[i] * w[i];
        }
        return l;
    }

    /** Glyph-reader accuracy on the validation box crops (segmentation, exact text, confident reads). */
    private static String measure(GlyphReader reader, List<RealCrops.Loaded> photos) {
        int segmented = 0;
        int exact = 0;
        int confident = 0;
        int confidentWrong = 0;
        for (RealCrops.Loaded l : photos) {
            RealCrops.Frame frame = RealCrops.evalFrame(l);
            Mat crop = RealCrops.crop(l, frame);
            Optional<GlyphReader.Reading> g = reader.read(crop, extra -> RealCrops.crop(l, frame.taller(extra)));
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

    /**
     * How many out-of-fold readings would be automatic (>= 0.9) with top-row confirmation threshold
     * {@code confirm}, and how many of those are wrong: confidence from the calibration fitted on the other fold,
     * not capped by the network cross-check, and kept by {@link PlateReader#topRowRule}.
     */
    private static int[] automaticReads(double confirm, GlyphReader.GlyphCalibration[] otherFold, List<double[]> calX,
            List<Boolean> calY, List<Boolean> cappedFlags, List<TopRow.Evidence> tops) {
        int[] kept = new int[2];
        for (int i = 0; i < calX.size(); i++) {
            double p = otherFold[i].confidence(calX.get(i));
            if (p >= 0.9 && !cappedFlags.get(i) && PlateReader.topRowRule(p, tops.get(i), confirm) >= 0.9) {
                kept[0]++;
                kept[1] += calY.get(i) ? 0 : 1;
            }
        }
        return kept;
    }

    /** The convolutional classifier's training (none when {@code epochs} is 0) and its share in the reader. */
    record NetSettings(int epochs, double lr, double weight, int[] channels, int members) {
        /** Whether the conv stages are the default ones ({@link GlyphNetBlock#CHANNELS}). */
        boolean defaultChannels() {
            return java.util.Arrays.equals(channels, GlyphNetBlock.CHANNELS);
        }

        /** The channels as the option's text, "8,16,32". */
        String channelList() {
            return String.join(",", java.util.Arrays.stream(channels).mapToObj(Integer::toString).toList());
        }

        /**
         * A net trained on {@code data} as ONNX bytes, or null when none is asked for; its last epoch is noted in
         * {@code lines}.
         */
        byte[] train(List<GlyphTrainer.Example> data, long seed, PrintStream err, String label, List<String> lines) {
            if (epochs == 0) {
                return null;
            }
            GlyphNetTrainer.Result r = GlyphNetTrainer.train(data, epochs, lr, channels, members, seed, err, label);
            lines.add(String.format("%s: loss %.3f, training accuracy %.3f", label, r.loss(), r.accuracy()));
            return r.onnx();
        }

        String describe() {
            return epochs == 0 ? "none" : String.format("%d epochs, Adam lr %s, weight %s%s", epochs, lr, weight,
                    members == 1 ? "" : ", an ensemble of " + members + " nets (logits averaged)");
        }

        String options() {
            return epochs == 0 ? "" : String.format(" --net-epochs %d --net-lr %s --net-weight %s%s", epochs, lr, weight,
                    (defaultChannels() ? "" : " --net-channels " + channelList()) + (members == 1 ? "" : " --net-members " + members));
        }

        /** These settings as the top-row net's options (its learning rate is the glyph net's). */
        String topOptions() {
            return epochs == 0 ? "" : String.format(" --top-net-epochs %d --top-net-weight %s", epochs, weight);
        }
    }
}
