package org.raqib.detection.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.synth.TopRowFonts;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code ./raqib train}: trains the plate reader from synthetic plates and real labelled photos and
 * writes {@value PlateReader#MODEL_FILE}, {@value PlateReader#META_FILE} and {@code MODEL_CARD.md}.
 */
public final class TrainCommand {

    static final String USAGE = """
            usage: raqib train [options]
              Trains the plate reader (DJL + PyTorch, CPU) and writes plate-reader.onnx,
              plate-reader.json and MODEL_CARD.md into --out. Deterministic for a given seed on one
              machine (one exception seen: README, "Models").
              To ship a model, train into detection/src/main/resources/org/raqib/detection/models.
              A run that stops learning (its loss falls less than 1% in two epochs, or is not a number)
              is stopped with exit status 1 and writes nothing: train again with another --seed or --lr.
            options:
              --seed N           seed of all randomness (default 42)
              --synthetic N      synthetic plate crops to generate, plus N/4 non-plate crops (default 20000)
              --real MANIFEST    manifest.tsv of real labelled photos (repeatable); photos in the
                                 validation split (LabelledPhotos.isValidation) are never trained on.
                                 Default: ../shared/data/ksa-dev/manifest.tsv when it exists
              --no-real          train on synthetic data only
              --real-repeats N   jittered crops per real training photo per epoch (default 24)
              --epochs N         passes over the data (default 6); 0 with --init only re-fits the
                                 calibration and re-measures the earlier run's model
              --batch N          mini-batch size (default 64)
              --lr X             initial Adam learning rate, cosine decay (default 0.002)
              --warmup-epochs E  raise the rate linearly to --lr over the first E epochs (a fraction
                                 allowed, e.g. 0.5) before the cosine decay (default 0: none)
              --top-row-fonts SET  fonts of the synthetic plates' top (Arabic) row: dejavu (DejaVu
                                 only; default) or varied (DejaVu and eight Arabic faces of Debian's
                                 fonts-kacst, fonts-kacst-one and fonts-arabeyes)
              --column-swaps K   also train on K plates made from each real standard training photo
                                 by swapping the strips of its digits (or letters), both rows at once,
                                 text permuted alike; strips found by the committed character reader
                                 (default 0: none)
              --threads N        CPU threads (default 2)
              --out DIR          output folder (default raqib-model)
              --init DIR         start from the weights (plate-reader.params) of an earlier run in DIR,
                                 to train in several shorter runs; the card's Reproduce lists the
                                 commands of every run before, read from DIR's MODEL_CARD.md
              --leave-out-fold A|B  also leave out the training photos of that fold of train-glyphs'
                                 out-of-fold split: a network for measuring the recogniser out of fold
                                 (eval --net-folds DIR reads DIR/without-a and DIR/without-b)
              -h, --help         this text
            """;

    private TrainCommand() {
    }

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib train", USAGE.stripTrailing())
            .options("seed", "synthetic", "real-repeats", "epochs", "batch", "lr", "warmup-epochs", "threads", "out", "init",
                    "leave-out-fold", "top-row-fonts", "column-swaps")
            .repeatable("real").flags("no-real");

    /** Entry point for the launcher; returns the exit code (2 for bad options). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TrainOptions o;
        try {
            o = parse(args, out);
            if (o == null) {
                return 0;
            }
            o.validate();
        } catch (IllegalArgumentException e) { // UsageException included
            return SPEC.usageError(err, e.getMessage());
        }
        try {
            ReaderTrainer.Result r = ReaderTrainer.train(o, err);
            write(o, r);
            out.println("wrote " + o.out().resolve(PlateReader.MODEL_FILE) + ", " + PlateReader.META_FILE + ", " + ModelCard.FILE);
            return 0;
        } catch (ReaderTrainer.StuckTrainingException e) {
            err.println("raqib train: stopped, nothing written: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("raqib train: failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /**
     * Parses options; null means help was printed.
     *
     * @throws UsageException for options the command does not take or values that do not parse
     */
    static TrainOptions parse(String[] args, PrintStream out) {
        CommandLine line = SPEC.parse(args);
        if (line.help()) {
            SPEC.help(out);
            return null;
        }
        TrainOptions d = TrainOptions.defaults();
        List<Path> real = new ArrayList<>();
        for (String m : line.strings("real")) {
            real.add(Path.of(m));
        }
        boolean noReal = line.flag("no-real");
        if (noReal && !real.isEmpty()) {
            throw new UsageException("--no-real and --real exclude each other");
        }
        if (!noReal && real.isEmpty()) {
            LabelledPhotos.findDevManifest().ifPresent(real::add);
        }
        String leaveOut = line.string("leave-out-fold", null);
        // Ranges are TrainOptions.validate's: one place says what a value may be.
        return new TrainOptions(line.longValue("seed", d.seed()), line.integer("synthetic", d.synthetic()), List.copyOf(real),
                line.integer("real-repeats", d.realRepeats()), line.integer("epochs", d.epochs()),
                line.integer("batch", d.batch()), line.decimal("lr", d.learningRate()), line.integer("threads", d.threads()),
                line.path("out", d.out()), line.path("init", null),
                leaveOut == null ? null : leaveOut.toUpperCase(java.util.Locale.ROOT),
                line.decimal("warmup-epochs", d.warmupEpochs()),
                TopRowFonts.named(line.string("top-row-fonts", d.topRowFonts().optionName())),
                line.integer("column-swaps", d.columnSwaps()));
    }

    private static void write(TrainOptions o, ReaderTrainer.Result r) throws IOException {
        Files.createDirectories(o.out());
        Files.write(o.out().resolve(PlateReader.MODEL_FILE), r.onnx());
        Files.write(o.out().resolve(TrainOptions.PARAMS_FILE), r.params());
        ObjectMapper json = new ObjectMapper();
        ObjectNode meta = json.createObjectNode();
        meta.put("version", "seed-" + o.seed() + "-" + Instant.now());
        ObjectNode cal = meta.putObject("calibration");
        cal.put("wScore", r.calibration().wScore());
        cal.put("wDisagree", r.calibration().wDisagree());
        cal.put("wPlate", r.calibration().wPlate());
        cal.put("bias", r.calibration().bias());
        Files.write(o.out().resolve(PlateReader.META_FILE), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
        Files.writeString(o.out().resolve(ModelCard.FILE), ModelCard.render(o, r), StandardCharsets.UTF_8);
    }
}
