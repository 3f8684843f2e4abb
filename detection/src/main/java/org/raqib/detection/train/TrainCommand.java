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

/**
 * {@code ./raqib train}: trains the plate reader from synthetic plates and real labelled photos and
 * writes {@value PlateReader#MODEL_FILE}, {@value PlateReader#META_FILE} and {@code MODEL_CARD.md}.
 */
public final class TrainCommand {

    static final String USAGE = """
            usage: raqib train [options]
              Trains the plate reader (DJL + PyTorch, CPU) and writes plate-reader.onnx,
              plate-reader.json and MODEL_CARD.md into --out. Deterministic for a given seed.
              To ship a model, train into detection/src/main/resources/org/raqib/detection/models.
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
              --threads N        CPU threads (default 2)
              --out DIR          output folder (default raqib-model)
              --init DIR         start from the weights (plate-reader.params) of an earlier run in DIR,
                                 to train in several shorter runs
              -h, --help         this text
            """;

    private TrainCommand() {
    }

    /** Entry point for the launcher; returns the exit code (2 for bad options). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TrainOptions o;
        try {
            o = parse(args, out);
            if (o == null) {
                return 0;
            }
            o.validate();
        } catch (IllegalArgumentException e) {
            err.println("raqib train: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            ReaderTrainer.Result r = ReaderTrainer.train(o, err);
            write(o, r);
            out.println("wrote " + o.out().resolve(PlateReader.MODEL_FILE) + ", " + PlateReader.META_FILE + ", MODEL_CARD.md");
            return 0;
        } catch (Exception e) {
            err.println("raqib train: failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Parses options; null means help was printed. */
    static TrainOptions parse(String[] args, PrintStream out) {
        TrainOptions d = TrainOptions.defaults();
        long seed = d.seed();
        int synthetic = d.synthetic();
        List<Path> real = new ArrayList<>();
        boolean noReal = false;
        int repeats = d.realRepeats();
        int epochs = d.epochs();
        int batch = d.batch();
        double lr = d.learningRate();
        int threads = d.threads();
        Path outDir = d.out();
        Path init = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--seed" -> seed = parseLong(a, value(args, ++i, a));
                case "--synthetic" -> synthetic = (int) parseLong(a, value(args, ++i, a));
                case "--real" -> real.add(Path.of(value(args, ++i, a)));
                case "--no-real" -> noReal = true;
                case "--real-repeats" -> repeats = (int) parseLong(a, value(args, ++i, a));
                case "--epochs" -> epochs = (int) parseLong(a, value(args, ++i, a));
                case "--batch" -> batch = (int) parseLong(a, value(args, ++i, a));
                case "--lr" -> lr = parseDouble(a, value(args, ++i, a));
                case "--threads" -> threads = (int) parseLong(a, value(args, ++i, a));
                case "--out" -> outDir = Path.of(value(args, ++i, a));
                case "--init" -> init = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (noReal && !real.isEmpty()) {
            throw new IllegalArgumentException("--no-real and --real exclude each other");
        }
        if (!noReal && real.isEmpty()) {
            LabelledPhotos.findDevManifest().ifPresent(real::add);
        }
        return new TrainOptions(seed, synthetic, List.copyOf(real), repeats, epochs, batch, lr, threads, outDir, init);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long parseLong(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a whole number: " + v);
        }
    }

    private static double parseDouble(String option, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + v);
        }
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
        Files.writeString(o.out().resolve("MODEL_CARD.md"), ModelCard.render(o, r), StandardCharsets.UTF_8);
    }
}
