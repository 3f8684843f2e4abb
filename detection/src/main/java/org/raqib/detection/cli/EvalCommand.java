package org.raqib.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.raqib.detection.Alternative;
import org.raqib.detection.Box;
import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Recognition;
import org.raqib.detection.RecognizerOptions;
import org.raqib.detection.UnreadableImageException;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.detection.locate.CandidateScorer;
import org.raqib.detection.locate.LocatorTrainCommand;
import org.raqib.detection.locate.ScorerCache;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.train.FoldReaders;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code eval MANIFEST [--validation-only]}: measures the recogniser on labelled photos described by a
 * {@code manifest.tsv} (see {@link LabelledPhotos}) and prints exact-plate rate, character accuracy,
 * detection recall at IoU 0.5, confident wrong reads and speed.
 */
public final class EvalCommand {

    static final String USAGE = String.join("\n",
            "usage: eval MANIFEST [--validation-only | --training-only] [--list-photos] [--scale F] [--close-up PX]",
            "            [--rotate DEG] [--contrast F] [--brightness B] [--blur SIGMA]",
            "            [--motion-blur PX [--motion-angle DEG]]",
            "            [--jpeg Q] [--erase-plate]",
            "            [--locator-out-of-fold [--fold-seed N] [--negative-iou X] [--scenes N]",
            "                                   [--tilted-copies N [--max-tilt DEG]] [--reuse-scorers DIR]]",
            "            [--reader-folds DIR [--net-folds DIR]] [--alternative-scale F] [--framing-alternative-scale F] [--dump FILE]",
            "            [--models DIR]",
            "  Measures plate recognition on labelled photos (manifest.tsv: relative_image_path, plate_text, bbox_xywh),",
            "  e.g. ../shared/data/ksa-dev/manifest.tsv.",
            "  --validation-only  only the held-out photos (LabelledPhotos.Photo.isValidation()): the honest numbers,",
            "                     as the other photos may have been used for training",
            "  --training-only    only the photos that are not held out: for tuning without looking at the held-out ones",
            "  --list-photos      print the image path of each photo chosen (all, held out or training), one a line, and",
            "                     measure nothing: e.g. a folder of links to the held-out photos for read --json",
            "  Robustness (each photo changed before it is recognised; the label's box follows the geometry):",
            "  --scale F          resize by F (0.1..4; 0.5 halves every plate)",
            "  --close-up PX      a closer camera: each photo's window about its labelled plate in which the plate",
            "                     is PX wide, enlarged to the photo's size (the plate kept inside with a tenth to",
            "                     spare; no change where it is already as wide); before --rotate and --scale",
            "  --rotate DEG       rotate about the centre (-45..45, counter-clockwise)",
            "  --contrast F       gain about mid gray (e.g. 0.5 for flat light)",
            "  --brightness B     gray levels added (-255..255)",
            "  --blur SIGMA       Gaussian blur of SIGMA px (0..20), a camera out of focus; after the geometry",
            "  --motion-blur PX   motion blur PX px long (2..100), a vehicle moving during the exposure: each pixel the",
            "                     mean of a line PX long through it; after the geometry",
            "  --motion-angle DEG with --motion-blur: the line's direction, counter-clockwise from the rows (-90..90;",
            "                     default 0, a vehicle crossing the view; 90, one driving towards the camera)",
            "  --jpeg Q           re-encode as JPEG of quality Q (1..100; default lossless PNG)",
            "  --erase-plate      paint the labelled plate out: recall should then be 0, and 'photos with a plate",
            "                     reported elsewhere' counts what is reported instead (other cars' plates, false plates)",
            "                     and how many of those read at >= 0.5 and at >= 0.9",
            "  --locator-out-of-fold  the training photos only, out of fold for the localiser: its candidate scorer is",
            "                     trained (as train-locator trains the committed one: seed 7, 20 epochs, 300 scenes) on one",
            "                     half of the transcribed training photos, and the whole recogniser with it is measured on",
            "                     the other half (photos without text go to a half too), both ways; the reader is the",
            "                     committed one (trained on all of them). Deterministic. Combines with the changes above",
            "  --fold-seed N      with --locator-out-of-fold: how the halves are drawn (default 1; see train-locator)",
            "  --negative-iou X   with --locator-out-of-fold: the scorers' non-plates (default 0.45; see train-locator)",
            "  --tilted-copies N, --max-tilt DEG  with --locator-out-of-fold: tilted copies of each photo the fold scorers",
            "                     also learn from (see train-locator; default none, as the committed scorer)",
            "  --scenes N         with --locator-out-of-fold: synthetic scenes the fold scorers learn from (default 300,",
            "                     as train-locator's)",
            "  --reuse-scorers DIR  with --locator-out-of-fold: keep the two fold scorers in DIR with a stamp of their",
            "                     settings and the manifest's digest; a later run with the same settings reads them instead",
            "                     of training them (seconds instead of minutes), another run's folder is refused. Exact only",
            "                     while the candidate generator and the scorer's features are unchanged (they make the",
            "                     scorers' training data): after such a change, give a new folder. A change of the",
            "                     synthetic scenes (generator, renderer) is in the stamp and refuses the folder",
            "  --reader-folds DIR with --training-only: each photo read by the fold reader trained without it, kept in DIR",
            "                     by train-glyphs --reuse-folds DIR (same manifest), with the committed localiser and",
            "                     calibration: the reader out of fold on the localiser's framings, where train-glyphs'",
            "                     out-of-fold report reads the labelled box and its jitters. With --locator-out-of-fold",
            "                     instead: the whole recogniser out of fold, each photo found by the fold scorer and read",
            "                     by the fold reader both trained without it (four groups: the two splits cross)",
            "                     A seed ensemble's folds (train-glyphs --members K) are read as one: DIR holds the",
            "                     further members' in DIR/member-2 ..., or name one folder per member, comma-separated",
            "                     (an existing folder whose name holds a comma is taken whole)",
            "  --net-folds DIR    with --reader-folds: each photo's reading cross-checked by the plate network trained",
            "                     without its reader fold (DIR/without-a, DIR/without-b: ./raqib train --leave-out-fold A",
            "                     or B --out there) instead of the committed network, trained on every training photo",
            "  --alternative-scale F  the recogniser's alternativeScale (0..1; default RecognizerOptions.ALTERNATIVE_SCALE):",
            "                     each alternative the reader offers is reported at this share of its own figure (held to the",
            "                     reading's);",
            "                     1 measures the reader's own figure, whose right share is the scale to fit",
            "  --framing-alternative-scale F  the recogniser's framingAlternativeScale (0..1; default",
            "                     RecognizerOptions.FRAMING_ALTERNATIVE_SCALE): the same share for the texts other framings",
            "                     of the plate read (at their own confidences, held to the reading's)",
            "  --dump FILE        also write one line per photo measured (TSV: image, plate text, best IoU of a reported",
            "                     plate with the label, the reading of the labelled plate, its confidence, exact 1/0,",
            "                     another plate reported 1/0, the surest such plate's confidence, the label's box and the",
            "                     reading's box as x,y,w,h after any change above, the reading's per-character",
            "                     confidences); only with",
            "                     --training-only or --locator-out-of-fold, so that the held-out photos' readings",
            "                     are not looked at one by one, or on scenes that",
            "                     generate-scenes wrote (its generated-scenes.txt beside the manifest), all of them",
            ModelsOption.usage(21),
            "                     (with --reader-folds: DIR holds only a character reader, glyph-classifier.json",
            "                     and its nets, whose calibration and net weights the fold readers are read around",
            "                     instead of the committed one's: a retrain that changes them, measured as it would",
            "                     land; not with --locator-out-of-fold alone)",
            "  Exit code: 0 when evaluated, 2 on bad usage, a missing manifest or a folder given to --models that holds",
            "  no models.");

    /** The options that take a value: each changes what is measured or how. */
    private static final String[] OPTIONS = {"scale", "close-up", "rotate", "contrast", "brightness", "blur",
        "motion-blur", "motion-angle", "jpeg", "fold-seed", "negative-iou", "tilted-copies", "max-tilt", "scenes",
        "reuse-scorers", "dump", "reader-folds", "net-folds", "alternative-scale", "framing-alternative-scale", "models"};

    private static final CommandLine.Spec SPEC = CommandLine.spec("eval", USAGE)
            .flags("validation-only", "training-only", "erase-plate", "locator-out-of-fold", "list-photos")
            .options(OPTIONS).positional();

    /** A read at or above this confidence is treated as automatic (e.g. a ticket): it must not be wrong. */
    static final double CONFIDENT = 0.9;

    private EvalCommand() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path manifest;
        boolean validationOnly;
        boolean trainingOnly;
        PhotoTransform transform;
        boolean locatorOutOfFold;
        boolean listPhotos;
        int foldSeed;
        double negativeIou;
        int scenes;
        boolean scenesGiven;
        LocatorTrainCommand.Tilts tilts;
        boolean tiltedGiven;
        Path reuseScorers;
        Path dump;
        Path readerFolds;
        Path netFolds;
        Path modelsDir;
        RecognizerOptions options;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            validationOnly = line.flag("validation-only");
            trainingOnly = line.flag("training-only");
            locatorOutOfFold = line.flag("locator-out-of-fold");
            listPhotos = line.flag("list-photos");
            if (listPhotos && (Arrays.stream(OPTIONS).anyMatch(line::has) || line.flag("erase-plate")
                    || line.flag("locator-out-of-fold"))) {
                throw new UsageException("--list-photos takes the manifest and --validation-only or --training-only,"
                        + " nothing else: it measures nothing");
            }
            foldSeed = line.integer("fold-seed", 1, 0, Integer.MAX_VALUE);
            negativeIou = line.decimalAbove("negative-iou", LocatorTrainCommand.NEGATIVE_IOU, 0,
                    LocatorTrainCommand.POSITIVE_IOU);
            scenes = line.integer("scenes", LocatorTrainCommand.DEFAULT_SCENES, 0, 100_000);
            scenesGiven = line.has("scenes");
            tilts = new LocatorTrainCommand.Tilts(line.integer("tilted-copies", 0, 0, 10),
                    line.decimalAbove("max-tilt", LocatorTrainCommand.Tilts.DEFAULT_MAX_DEGREES, 0, 45));
            tiltedGiven = line.has("tilted-copies") || line.has("max-tilt");
            reuseScorers = line.path("reuse-scorers", null);
            dump = line.path("dump", null);
            readerFolds = line.path("reader-folds", null);
            netFolds = line.path("net-folds", null);
            modelsDir = line.path("models", null);
            options = RecognizerOptions.defaults().withAlternativeScale(line.decimalAbove("alternative-scale",
                    RecognizerOptions.ALTERNATIVE_SCALE, 0, 1))
                    .withFramingAlternativeScale(line.decimalAbove("framing-alternative-scale",
                            RecognizerOptions.FRAMING_ALTERNATIVE_SCALE, 0, 1));
            transform = new PhotoTransform(line.decimal("scale", 1, 0.1, 4), line.decimal("rotate", 0, -45, 45),
                    line.decimalAbove("contrast", 1, 0, 4), line.decimal("brightness", 0, -255, 255),
                    line.integer("jpeg", 0, 1, 100), line.flag("erase-plate"), line.integer("close-up", 0, 1, 4000))
                    .withBlur(line.decimal("blur", 0, 0, 20), line.integer("motion-blur", 0, 2, 100),
                            line.decimal("motion-angle", 0, -90, 90))
                    .validate();
            if (line.has("motion-angle") && !line.has("motion-blur")) {
                return SPEC.usageError(err, "--motion-angle sets the direction of --motion-blur: only with it");
            }
            List<String> positional = line.positional();
            if (positional.isEmpty()) {
                return SPEC.usageError(err, "no manifest given");
            }
            if (positional.size() > 1) {
                return SPEC.usageError(err, "only one manifest, got " + String.join(" and ", positional));
            }
            manifest = Path.of(positional.get(0));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        if (validationOnly && trainingOnly) {
            return SPEC.usageError(err, "--validation-only and --training-only exclude each other");
        }
        if (locatorOutOfFold && validationOnly) {
            return SPEC.usageError(err, "--locator-out-of-fold measures the training photos only: not with --validation-only");
        }
        if (readerFolds != null && !trainingOnly && !locatorOutOfFold) {
            return SPEC.usageError(err, "--reader-folds reads each training photo with the fold reader trained without it:"
                    + " only with --training-only or --locator-out-of-fold");
        }
        if (netFolds != null && readerFolds == null) {
            return SPEC.usageError(err, "--net-folds gives the fold readers their fold plate networks: only with --reader-folds");
        }
        if (scenesGiven && !locatorOutOfFold) {
            return SPEC.usageError(err, "--scenes sets the fold scorers' training of --locator-out-of-fold: only with it");
        }
        if (tiltedGiven && !locatorOutOfFold) {
            return SPEC.usageError(err,
                    "--tilted-copies and --max-tilt set the fold scorers' training of --locator-out-of-fold: only with it");
        }
        if (modelsDir != null && locatorOutOfFold && readerFolds == null) {
            return SPEC.usageError(err, "--models reads with the models of a folder; --locator-out-of-fold reads with fold"
                    + " scorers: not together, but with --reader-folds too (DIR then gives the fold readers' calibration"
                    + " and net weights)");
        }
        if (reuseScorers != null && !locatorOutOfFold) {
            return SPEC.usageError(err, "--reuse-scorers keeps the fold scorers of --locator-out-of-fold: only with it");
        }
        if (!Files.isRegularFile(manifest)) {
            err.println("eval: manifest not found: " + manifest
                    + " (the development photos are in ../shared/data/ksa-dev/manifest.tsv where that folder exists)");
            return 2;
        }
        if (dump != null && !trainingOnly && !locatorOutOfFold && !GeneratedScenesCommand.wrote(manifest)) {
            return SPEC.usageError(err, "--dump writes the training photos' readings one by one: only with --training-only"
                    + " or --locator-out-of-fold (the held-out photos are measured as a whole), or on scenes written by"
                    + " generate-scenes");
        }
        List<Photo> photos;
        try {
            photos = LabelledPhotos.read(manifest);
        } catch (RuntimeException e) {
            err.println("eval: " + e.getMessage());
            return 2;
        }
        FoldReaders.Pair readers = null;
        if (readerFolds != null) {
            try {
                readers = FoldReaders.load(readerFolds, manifest,
                        modelsDir == null ? GlyphReader.loadDefault() : foldBase(modelsDir, err));
                if (netFolds != null) {
                    readers = readers.withNets(netFolds);
                }
            } catch (IOException e) {
                err.println("eval: " + e.getMessage());
                return 2;
            }
        }
        if (locatorOutOfFold) {
            Report total;
            try {
                total = locatorOutOfFold(manifest, photos, foldSeed, scenes,
                        LocatorTrainCommand.DEFAULT_EPOCHS, negativeIou, tilts, reuseScorers, readers, options, transform,
                        out, err);
            } catch (ScorerCache.StaleException e) {
                err.println("eval: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("eval: cannot use the fold scorers' folder " + reuseScorers + ": " + e.getMessage());
                return 2;
            }
            return dump == null ? 0 : writeRows(total, dump, err);
        }
        List<Photo> subset = validationOnly ? photos.stream().filter(Photo::isValidation).toList()
                : trainingOnly ? photos.stream().filter(p -> !p.isValidation()).toList() : photos;
        if (listPhotos) {
            subset.forEach(p -> out.println(p.image()));
            return 0;
        }
        // The models are loaded before the header so that a refused --models folder prints only its reason.
        PlateRecognizer loaded = null;
        if (readers == null) {
            loaded = ModelsOption.recognizer(modelsDir, options, "eval", err);
            if (loaded == null) {
                return 2;
            }
        }
        out.printf(Locale.ROOT, "Evaluating %s: %s, %d of %d photos%n", manifest,
                validationOnly ? "held-out validation photos only"
                        : trainingOnly ? "training photos only (held-out photos left out)"
                        : GeneratedScenesCommand.wrote(manifest) ? "all scenes (written by generate-scenes)"
                        : "ALL photos (includes photos used for training)",
                subset.size(), photos.size());
        if (!transform.identity()) {
            out.println("Each photo changed first: " + transform.describe());
        }
        if (readers != null) {
            return readerOutOfFold(subset, readerFolds, readers, modelsDir, options, transform, dump, out, err);
        }
        try (PlateRecognizer recognizer = loaded) {
            recognizer.warmUp(true);
            Report report = evaluate(recognizer, subset, transform, err);
            report.print(out);
            return dump == null ? 0 : writeRows(report, dump, err);
        }
    }

    /**
     * {@code --reader-folds}: each of {@code photos} recognised with the committed localiser and the fold reader of
     * {@code readers} (kept in {@code folds}) trained without it ({@link FoldReaders}); 0 when measured, 2 when the
     * dump cannot be written.
     */
    /**
     * With {@code --reader-folds}, {@code --models DIR}'s character reader: the calibration and net weights the fold
     * readers are read around ({@link FoldReaders#load}) in place of the committed reader's. {@code dir} must hold
     * {@value GlyphClassifier#MODEL_FILE} (with the nets it names) and no other model, since fold models or the
     * committed ones stand in for those.
     */
    static GlyphReader foldBase(Path dir, PrintStream err) throws IOException {
        List<String> files;
        try {
            files = PlateRecognizer.modelFilesIn(dir);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        if (!files.equals(List.of(GlyphClassifier.MODEL_FILE))) {
            throw new IOException("with --reader-folds, --models " + dir + " gives only the calibration and net weights of"
                    + " its character reader: it must hold " + GlyphClassifier.MODEL_FILE + " and no other model (it holds "
                    + (files.isEmpty() ? "none" : String.join(", ", files)) + ")");
        }
        Path file = dir.resolve(GlyphClassifier.MODEL_FILE);
        GlyphReader base;
        try {
            base = GlyphReader.fromJson(new ObjectMapper().readTree(file.toFile()), dir);
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        err.println("eval: the fold readers are read around the calibration and net weights of " + file);
        return base;
    }

    private static int readerOutOfFold(List<Photo> photos, Path folds, FoldReaders.Pair readers, Path modelsDir,
            RecognizerOptions options, PhotoTransform transform, Path dump, PrintStream out, PrintStream err) {
        List<Photo> a = photos.stream().filter(FoldReaders::inFoldA).toList();
        List<Photo> b = photos.stream().filter(p -> !FoldReaders.inFoldA(p)).toList();
        out.printf(Locale.ROOT, "The reader out of fold: the folds in %s, fold A %d photos, fold B %d, each read by the"
                + " fold models trained without it (%s and the committed localiser; %s)%n", folds, a.size(), b.size(),
                modelsDir == null ? "the committed calibration"
                        : "the calibration and net weights of " + modelsDir.resolve(GlyphClassifier.MODEL_FILE),
                netsDescribed(readers));
        Report total = byFold(List.of(a, b), List.of("fold A (" + a.size() + " photos):", "fold B (" + b.size() + " photos):"),
                k -> new PlateRecognizer(readers.plateReader(k == 0), options), transform, out, err);
        return dump == null ? 0 : writeRows(total, dump, err);
    }

    /** Which plate network cross-checks the fold readers of {@code readers}, for the report's heading. */
    private static String netsDescribed(FoldReaders.Pair readers) {
        return readers.nets() == null ? "the committed plate network cross-checking every fold"
                : "each fold's reading cross-checked by the plate network trained without it, in " + readers.nets();
    }

    /**
     * Each fold of {@code folds} recognised by {@code recognizers}' recogniser of its index (the one trained without
     * it), its report printed under its heading, then their sum under "both folds:" ("all folds:" where there are more
     * than two), which is returned.
     */
    private static Report byFold(List<List<Photo>> folds, List<String> headings, IntFunction<PlateRecognizer> recognizers,
            PhotoTransform transform, PrintStream out, PrintStream err) {
        Report total = new Report();
        for (int k = 0; k < folds.size(); k++) {
            try (PlateRecognizer recognizer = recognizers.apply(k)) {
                recognizer.warmUp(true);
                Report report = evaluate(recognizer, folds.get(k), transform, err);
                out.println(headings.get(k));
                report.print(out);
                total.add(report);
            }
        }
        out.println(folds.size() == 2 ? "both folds:" : "all folds:");
        total.print(out);
        return total;
    }

    /** {@code --dump}: 0 when written, 2 (with the reason on {@code err}) when the file cannot be written. */
    private static int writeRows(Report report, Path dump, PrintStream err) {
        try {
            report.writeRows(dump);
            return 0;
        } catch (IOException e) {
            err.println("eval: cannot write " + dump + ": " + e);
            return 2;
        }
    }

    /**
     * {@code --locator-out-of-fold}: the recogniser with each fold's candidate scorer (see
     * {@link LocatorTrainCommand#foldScorers}) on the training photos of the other fold, each fold's report and
     * their sum. The held-out photos are neither trained on nor measured. With {@code reuseScorers} (null: none) the
     * fold scorers are read from that folder when it holds them for these settings, else trained and kept there
     * ({@link ScorerCache}). With {@code readers} (null: the committed reader) each of those folds is split again by
     * the reader's folds and read by the fold reader trained without it: the whole recogniser out of fold. Returns the
     * sum of all folds.
     */
    static Report locatorOutOfFold(Path manifest, List<Photo> photos, int foldSeed, int scenes, int epochs,
            double negativeIou, LocatorTrainCommand.Tilts tilts, Path reuseScorers, FoldReaders.Pair readers,
            RecognizerOptions options, PhotoTransform transform, PrintStream out, PrintStream err)
            throws IOException, ScorerCache.StaleException {
        List<Photo> measured = photos.stream().filter(p -> !p.isValidation()).toList();
        List<Photo> train = measured.stream().filter(Photo::hasText).toList();
        out.printf(Locale.ROOT, "Evaluating %s: training photos only (held-out photos left out), %d of %d photos, out of fold"
                + " for the localiser's scorer (fold seed %d, %d synthetic scenes, negative IoU %.2f, tilted copies %s; %s)%n",
                manifest, measured.size(), photos.size(), foldSeed, scenes, negativeIou, tilts.describe(), readers == null
                        ? "the reader trained on all of them" : "the reader out of fold too, the fold reader trained without"
                                + " each photo reading it, " + netsDescribed(readers));
        if (!transform.identity()) {
            out.println("Each photo changed first: " + transform.describe());
        }
        // The fits' progress and losses go to stderr, which the usual pipelines drop.
        CandidateScorer[] scorers = reuseScorers == null
                ? LocatorTrainCommand.foldScorers(train, foldSeed, scenes, epochs, LocatorTrainCommand.DEFAULT_SEED, negativeIou,
                        tilts, err, err)
                : ScorerCache.scorers(reuseScorers, manifest, train, foldSeed, scenes, epochs, LocatorTrainCommand.DEFAULT_SEED,
                        negativeIou, tilts, err, err);
        // Scorer k (trained on fold k) measures fold 1 - k; with the fold readers each such fold is split again by the
        // reader's folds (group 2k + r: reader fold A when r is 0, read by the reader trained without fold A).
        List<List<Photo>> folds = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int measuredFold = 1 - k;
            List<Photo> other = measured.stream().filter(p -> LocatorTrainCommand.fold(p, foldSeed) == measuredFold).toList();
            if (readers == null) {
                folds.add(other);
                headings.add(String.format(Locale.ROOT, "fold %d (%d photos), scorer trained on fold %d:", measuredFold,
                        other.size(), k));
                continue;
            }
            for (int r = 0; r < 2; r++) {
                boolean readerFoldA = r == 0;
                List<Photo> group = other.stream().filter(p -> FoldReaders.inFoldA(p) == readerFoldA).toList();
                folds.add(group);
                headings.add(String.format(Locale.ROOT, "fold %d, reader fold %s (%d photos), scorer trained on fold %d,"
                        + " reader trained without reader fold %s:", measuredFold, readerFoldA ? "A" : "B", group.size(), k,
                        readerFoldA ? "A" : "B"));
            }
        }
        return byFold(folds, headings, g -> readers == null
                ? new PlateRecognizer(PlateReader.loadDefault(), options, scorers[g])
                : new PlateRecognizer(readers.plateReader(g % 2 == 0), options,
                        scorers[g / 2]), transform, out, err);
    }

    /**
     * Lower ends of the confidence bands the report counts readings in: below the inconsistency cap, at it (0.5: an
     * unconfirmed or inconsistent reading), above it but not automatic (the top row's cap, 0.85, among them), automatic.
     * A calibrated reader's readings in a band are right about as often as their confidences say.
     */
    static final double[] BANDS = {0, 0.5, 0.5 + 1e-9, CONFIDENT};
    private static final String[] BAND_NAMES = {"<0.5", "0.5", "0.5-0.9", ">=0.9"};

    /** The band of {@link #BANDS} that {@code confidence} falls in. */
    static int band(double confidence) {
        int b = 0;
        while (b + 1 < BANDS.length && confidence >= BANDS[b + 1]) {
            b++;
        }
        return b;
    }

    /** Tallies of one evaluation. */
    static final class Report {
        int photos;
        int unreadable;
        int detected;
        int withText;
        int exact;
        double charScore;
        int confidentReads;
        int confidentWrong;
        int detectedNoText;
        int noText;
        int reportedElsewhere;
        /** Photos whose surest plate reported elsewhere reads at 0.5 or more, and at 0.9 or more. */
        int elsewhereSure;
        int elsewhereConfident;
        /** Photos with text whose plate has fewer than four digits (special plates), and of those read exactly. */
        int shortWithText;
        int shortExact;
        /** Confident reads of those short plates, and of those wrong. */
        int shortConfidentReads;
        int shortConfidentWrong;
        /** The labelled plate's readings (photos with text): their confidences summed. */
        double readingConfidence;
        /**
         * The labelled plate's readings (photos with text) by confidence band ({@link #BANDS}): how many, how many right.
         */
        final int[] bandReads = new int[BANDS.length];
        final int[] bandRight = new int[BANDS.length];
        /** The labelled plate's alternatives (photos with text): how many, how many right, their confidences summed. */
        int alternatives;
        int alternativesRight;
        double alternativeConfidence;
        /**
         * Crop readings the plate network's Arabic row vetoed while photos with text were recognised (every framing read,
         * not only the reported plate), by what the reading is against the photo's label ({@link #VETO_CLASSES}) and by
         * how far the reader's own rows outvote the veto ({@link #VETO_KINDS}).
         */
        final int[][] vetoes = new int[VETO_CLASSES.length][VETO_KINDS.length];
        final List<Long> nanos = new ArrayList<>();
        /** One TSV line per photo measured ({@link #ROWS_HEADER}), in the order measured. */
        final List<String> rows = new ArrayList<>();

        /** What a vetoed reading is against its photo's label: its text, one character off, anything else. */
        static final String[] VETO_CLASSES = {"right (a false veto)", "one character off (a catch)", "other"};
        /**
         * Every veto; those where the reader's own rows meet the outvote's conditions but its four digits
         * ({@code PlateReader.Veto#outvoteConditions}); those they outvote ({@code PlateReader.Veto#outvoted}).
         */
        static final String[] VETO_KINDS = {"vetoed", "own rows' conditions met", "outvoted (four digits too)"};

        /** Tallies {@code veto} of a reading of a photo labelled {@code label}. */
        void veto(PlateReader.Veto veto, String label) {
            int c = veto.text().equals(label) ? 0 : oneOff(veto.text(), label) ? 1 : 2;
            vetoes[c][0]++;
            vetoes[c][1] += veto.outvoteConditions() ? 1 : 0;
            vetoes[c][2] += veto.outvoted() ? 1 : 0;
        }

        /** Whether {@code a} and {@code b} are as long and differ in exactly one character. */
        static boolean oneOff(String a, String b) {
            if (a.length() != b.length()) {
                return false;
            }
            int diff = 0;
            for (int i = 0; i < a.length(); i++) {
                diff += a.charAt(i) == b.charAt(i) ? 0 : 1;
            }
            return diff == 1;
        }

        /** The columns of {@link #writeRows}. */
        static final String ROWS_HEADER = "image\tplate_text\tbest_iou\treading\tconfidence\texact\treported_elsewhere"
                + "\telsewhere_confidence\tlabel_box\treading_box\tcharacter_confidences";

        /** Writes {@link #rows} under {@link #ROWS_HEADER} to {@code file}. */
        void writeRows(Path file) throws IOException {
            List<String> lines = new ArrayList<>(rows.size() + 1);
            lines.add(ROWS_HEADER);
            lines.addAll(rows);
            Files.write(file, lines, StandardCharsets.UTF_8);
        }

        /** Adds {@code o}'s tallies to these. */
        void add(Report o) {
            photos += o.photos;
            unreadable += o.unreadable;
            detected += o.detected;
            withText += o.withText;
            exact += o.exact;
            charScore += o.charScore;
            confidentReads += o.confidentReads;
            confidentWrong += o.confidentWrong;
            detectedNoText += o.detectedNoText;
            noText += o.noText;
            reportedElsewhere += o.reportedElsewhere;
            elsewhereSure += o.elsewhereSure;
            elsewhereConfident += o.elsewhereConfident;
            shortWithText += o.shortWithText;
            shortExact += o.shortExact;
            shortConfidentReads += o.shortConfidentReads;
            shortConfidentWrong += o.shortConfidentWrong;
            readingConfidence += o.readingConfidence;
            for (int b = 0; b < BANDS.length; b++) {
                bandReads[b] += o.bandReads[b];
                bandRight[b] += o.bandRight[b];
            }
            alternatives += o.alternatives;
            alternativesRight += o.alternativesRight;
            alternativeConfidence += o.alternativeConfidence;
            for (int c = 0; c < VETO_CLASSES.length; c++) {
                for (int k = 0; k < VETO_KINDS.length; k++) {
                    vetoes[c][k] += o.vetoes[c][k];
                }
            }
            nanos.addAll(o.nanos);
            rows.addAll(o.rows);
        }

        void print(PrintStream out) {
            out.printf(Locale.ROOT, "photos                     %d (%d unreadable)%n", photos, unreadable);
            out.printf(Locale.ROOT, "detection recall @IoU0.5   %s%n", rate(detected, photos));
            out.printf(Locale.ROOT, "  95%% interval (Wilson score) %s%n", interval(detected, photos));
            if (noText > 0) {
                out.printf(Locale.ROOT, "  of which photos without text %s%n", rate(detectedNoText, noText));
            }
            out.printf(Locale.ROOT, "photos with a plate reported elsewhere (IoU < 0.1 with the label) %d of %d"
                    + " (read at >= 0.5 in %d, at >= 0.9 in %d)%n", reportedElsewhere, photos - unreadable, elsewhereSure,
                    elsewhereConfident);
            out.printf(Locale.ROOT, "exact plate (text known)   %s%n", rate(exact, withText));
            // What these photos can tell: each rate's 95% interval. On the 46 held-out photos one photo moves a rate by
            // over 2 points, so a target near the rate is inside the interval either way.
            out.printf(Locale.ROOT, "  95%% interval (Wilson score) %s%n", interval(exact, withText));
            // Short plates are read by rules of their own (fewer digit boxes, a wide plate's digits further from its
            // emblem) and are rare among real photos: a change can lose them while the total barely moves.
            out.printf(Locale.ROOT, "  by digits: 4 digits %s; 1-3 digits %s, wrong at confidence >=%.1f %d of %d%n",
                    rate(exact - shortExact, withText - shortWithText), rate(shortExact, shortWithText), CONFIDENT,
                    shortConfidentWrong, shortConfidentReads);
            out.printf(Locale.ROOT, "character accuracy         %.2f%%%n", withText == 0 ? 0 : 100 * charScore / withText);
            out.printf(Locale.ROOT, "wrong at confidence >=%.1f  %d of %d confident reads (%s of photos with text)%n",
                    CONFIDENT, confidentWrong, confidentReads, rate(confidentWrong, withText));
            // None wrong among a few confident reads bounds the wrong share of confident reads, no more.
            if (confidentReads > 0) {
                out.printf(Locale.ROOT, "  wrong share of confident reads: 95%% interval (Wilson score) %s%n",
                        interval(confidentWrong, confidentReads));
            }
            // Calibrated confidences sum to about the number right: the same reckoning for the readings and for the
            // alternatives offered with them (the labelled plate's, on photos with text).
            out.printf(Locale.ROOT, "confidence summed / right  readings %.2f / %d; alternatives %.2f / %d (of %d offered)%n",
                    readingConfidence, exact, alternativeConfidence, alternativesRight, alternatives);
            StringBuilder bands = new StringBuilder("readings right by confidence");
            for (int b = 0; b < BANDS.length; b++) {
                bands.append(b == 0 ? " " : "; ").append(BAND_NAMES[b]).append(' ').append(bandRight[b]).append('/')
                        .append(bandReads[b]);
            }
            out.println(bands);
            // How often the network's Arabic row vetoed a reading that was right against how often it caught one a
            // character off (BENCHMARKS.md, session 50): each crop reading vetoed, the reported plate or not.
            StringBuilder v = new StringBuilder("Arabic-row vetoes of crop readings (");
            v.append(String.join(" / ", VETO_KINDS)).append("):");
            for (int c = 0; c < VETO_CLASSES.length; c++) {
                v.append(c == 0 ? " " : "; ").append(VETO_CLASSES[c]);
                for (int k = 0; k < VETO_KINDS.length; k++) {
                    v.append(k == 0 ? " " : " / ").append(vetoes[c][k]);
                }
            }
            out.println(v);
            long[] ns = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (ns.length > 0) {
                out.printf(Locale.ROOT, "ms per image               median %.1f, p95 %.1f (decode included, %d images)%n",
                        ns[ns.length / 2] / 1e6, ns[Math.min(ns.length - 1, (int) Math.ceil(ns.length * 0.95) - 1)] / 1e6,
                        ns.length);
            }
        }

        private static String rate(int k, int n) {
            return n == 0 ? "n/a (0 photos)" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * k / n, k, n);
        }

        private static String interval(int k, int n) {
            if (n == 0) {
                return "n/a (0 photos)";
            }
            double[] w = wilson(k, n);
            return String.format(Locale.ROOT, "%.1f%%-%.1f%% (%d/%d)", 100 * w[0], 100 * w[1], k, n);
        }
    }

    /** The normal quantile of a two-sided 95% interval. */
    static final double Z95 = 1.959964;

    /**
     * The Wilson score interval (95%) of a rate of {@code k} successes in {@code n} trials, as {lower, upper}: unlike
     * k/n plus or minus a normal error it stays inside [0, 1] and is not empty at 0 or n successes (0 of 25 still
     * allows up to about 13%).
     */
    static double[] wilson(int k, int n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0, not k=" + k + ", n=" + n);
        }
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** A box as the dump writes it: x,y,w,h in whole pixels. */
    static String boxColumn(Box b) {
        return b.x() + "," + b.y() + "," + b.width() + "," + b.height();
    }

    /** A reading's per-character confidences as the dump writes them: comma-separated, four decimals. */
    static String confidencesColumn(PlateResult r) {
        double[] c = r.characterConfidences();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; c != null && i < c.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", c[i]));
        }
        return sb.toString();
    }

    static Report evaluate(PlateRecognizer recognizer, List<Photo> photos, PhotoTransform transform, PrintStream err) {
        Report rep = new Report();
        for (Photo p : photos) {
            rep.photos++;
            Recognition r;
            Box truth = new Box(p.x(), p.y(), p.width(), p.height());
            try {
                byte[] bytes = Files.readAllBytes(p.image());
                if (!transform.identity()) {
                    PhotoTransform.Result t = transform.apply(bytes, truth);
                    bytes = t.encoded();
                    truth = t.truth();
                }
                String label = p.plateText();
                recognizer.observeVetoes(p.hasText() ? veto -> rep.veto(veto, label) : null);
                try {
                    r = recognizer.recognize(bytes);
                } finally {
                    recognizer.observeVetoes(null);
                }
            } catch (IOException | UnreadableImageException | IllegalArgumentException e) {
                rep.unreadable++;
                err.println("eval: cannot read " + p.image() + ": " + e.getMessage());
                continue;
            }
            rep.nanos.add(r.nanos());
            PlateResult match = null;
            for (PlateResult pr : r.plates()) {
                if (pr.box().iou(truth) >= 0.5 && (match == null || pr.confidence() > match.confidence())) {
                    match = pr;
                }
            }
            if (match != null) {
                rep.detected++;
            }
            boolean elsewhere = false;
            double bestIou = 0;
            double elsewhereConfidence = 0;
            for (PlateResult pr : r.plates()) {
                double iou = pr.box().iou(truth);
                bestIou = Math.max(bestIou, iou);
                if (iou < 0.1) {
                    elsewhere = true;
                    elsewhereConfidence = Math.max(elsewhereConfidence, pr.confidence());
                }
            }
            if (elsewhere) {
                rep.reportedElsewhere++;
                rep.elsewhereSure += elsewhereConfidence >= 0.5 ? 1 : 0;
                rep.elsewhereConfident += elsewhereConfidence >= 0.9 ? 1 : 0;
            }
            rep.rows.add(String.join("\t", p.image().getFileName().toString(), p.plateText(),
                    String.format(Locale.ROOT, "%.3f", bestIou), match == null ? "" : match.text(),
                    match == null ? "" : String.format(Locale.ROOT, "%.4f", match.confidence()),
                    match != null && match.text().equals(p.plateText()) && p.hasText() ? "1" : "0", elsewhere ? "1" : "0",
                    elsewhere ? String.format(Locale.ROOT, "%.4f", elsewhereConfidence) : "", boxColumn(truth),
                    match == null ? "" : boxColumn(match.box()), match == null ? "" : confidencesColumn(match)));
            if (!p.hasText()) {
                rep.noText++;
                if (match != null) {
                    rep.detectedNoText++;
                }
                continue;
            }
            rep.withText++;
            boolean isShort = leadingDigits(p.plateText()) < 4;
            if (isShort) {
                rep.shortWithText++;
            }
            String read = match == null ? "" : match.text();
            if (read.equals(p.plateText())) {
                rep.exact++;
                if (isShort) {
                    rep.shortExact++;
                }
            }
            rep.charScore += characterAccuracy(read, p.plateText());
            if (match != null) {
                rep.readingConfidence += match.confidence();
                int band = band(match.confidence());
                rep.bandReads[band]++;
                if (read.equals(p.plateText())) {
                    rep.bandRight[band]++;
                }
                for (Alternative a : match.alternatives()) {
                    rep.alternatives++;
                    rep.alternativeConfidence += a.confidence();
                    if (a.text().equals(p.plateText())) {
                        rep.alternativesRight++;
                    }
                }
            }
            // Only the labelled plate can be judged; other cars' plates in the photo have no label.
            if (match != null && match.confidence() >= CONFIDENT) {
                rep.confidentReads++;
                boolean wrong = !match.text().equals(p.plateText());
                if (wrong) {
                    rep.confidentWrong++;
                }
                if (isShort) {
                    rep.shortConfidentReads++;
                    if (wrong) {
                        rep.shortConfidentWrong++;
                    }
                }
            }
        }
        return rep;
    }

    /** How many digits {@code plateText} (canonical: digits, then letters) starts with. */
    static int leadingDigits(String plateText) {
        int n = 0;
        while (n < plateText.length() && Character.isDigit(plateText.charAt(n))) {
            n++;
        }
        return n;
    }

    /** 1 - edit distance / length of the truth, at least 0. */
    static double characterAccuracy(String read, String truth) {
        if (truth.isEmpty()) {
            return read.isEmpty() ? 1 : 0;
        }
        int[] prev = new int[read.length() + 1];
        int[] cur = new int[read.length() + 1];
        for (int j = 0; j <= read.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= truth.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= read.length(); j++) {
                int sub = prev[j - 1] + (truth.charAt(i - 1) == read.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.max(0, 1 - (double) prev[read.length()] / truth.length());
    }
}
