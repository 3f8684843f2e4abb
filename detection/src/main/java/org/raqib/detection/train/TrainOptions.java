package org.raqib.detection.train;

import java.nio.file.Path;
import java.util.List;
import org.raqib.detection.synth.TopRowFonts;

/**
 * Settings of one training run of the plate reader. Every key has a default (see {@link #defaults()})
 * and a command-line option in {@link TrainCommand}.
 *
 * @param seed          seed of everything random (data, initialisation, order): same seed, same model
 * @param synthetic     number of synthetic plate crops generated (plus a quarter as many negatives)
 * @param realManifests manifests ({@code manifest.tsv}) of real labelled photos; only photos outside
 *                      the validation split are trained on
 * @param realRepeats   jittered crops per real training photo per epoch (real crops are oversampled)
 * @param epochs        passes over the data; 0 with {@code init} only re-fits the calibration and measures
 * @param batch         mini-batch size
 * @param learningRate  initial Adam learning rate (cosine decay to 1% of it)
 * @param threads       CPU threads for training and data generation
 * @param out           folder the model files and MODEL_CARD.md are written to
 * @param init          folder of an earlier run whose {@value #PARAMS_FILE} to start from (continue
 *                      training in several shorter runs), or null to start from random weights
 * @param leaveOutFold  the reader fold ({@code "A"} or {@code "B"}, {@link FoldReaders#inFoldA}) whose training photos
 *                      are left out too, for a network measured out of fold ({@code eval --net-folds}); null for none
 * @param warmupEpochs  epochs (a fraction allowed) over which the learning rate rises linearly to {@code learningRate}
 *                      before its cosine decay ({@link ReaderTrainer#learningRate}); 0 for none
 * @param topRowFonts   the fonts the synthetic plates' top (Arabic) rows are drawn in
 * @param columnSwaps   plates made per real standard training photo by swapping its characters' strips
 *                      ({@link ColumnSwaps}), each trained on like a real photo with half its crops; 0 for none
 */
public record TrainOptions(long seed, int synthetic, List<Path> realManifests, int realRepeats, int epochs, int batch,
        double learningRate, int threads, Path out, Path init, String leaveOutFold, double warmupEpochs,
        TopRowFonts topRowFonts, int columnSwaps) {

    /** The settings without column swaps ({@link #DEFAULT_COLUMN_SWAPS}). */
    public TrainOptions(long seed, int synthetic, List<Path> realManifests, int realRepeats, int epochs, int batch,
            double learningRate, int threads, Path out, Path init, String leaveOutFold, double warmupEpochs,
            TopRowFonts topRowFonts) {
        this(seed, synthetic, realManifests, realRepeats, epochs, batch, learningRate, threads, out, init, leaveOutFold,
                warmupEpochs, topRowFonts, DEFAULT_COLUMN_SWAPS);
    }

    /** The settings with the default top-row fonts ({@link #DEFAULT_TOP_ROW_FONTS}). */
    public TrainOptions(long seed, int synthetic, List<Path> realManifests, int realRepeats, int epochs, int batch,
            double learningRate, int threads, Path out, Path init, String leaveOutFold, double warmupEpochs) {
        this(seed, synthetic, realManifests, realRepeats, epochs, batch, learningRate, threads, out, init, leaveOutFold,
                warmupEpochs, DEFAULT_TOP_ROW_FONTS);
    }

    /** The settings with the default warm-up ({@link #DEFAULT_WARMUP_EPOCHS}). */
    public TrainOptions(long seed, int synthetic, List<Path> realManifests, int realRepeats, int epochs, int batch,
            double learningRate, int threads, Path out, Path init, String leaveOutFold) {
        this(seed, synthetic, realManifests, realRepeats, epochs, batch, learningRate, threads, out, init, leaveOutFold,
                DEFAULT_WARMUP_EPOCHS);
    }

    /** The settings without a left-out fold (every training photo trained on). */
    public TrainOptions(long seed, int synthetic, List<Path> realManifests, int realRepeats, int epochs, int batch,
            double learningRate, int threads, Path out, Path init) {
        this(seed, synthetic, realManifests, realRepeats, epochs, batch, learningRate, threads, out, init, null);
    }

    /**
     * {@code --top-row-fonts} when not given: DejaVu only, as every network before the option was trained (their
     * cards' commands still reproduce them).
     */
    public static final TopRowFonts DEFAULT_TOP_ROW_FONTS = TopRowFonts.DEJAVU;

    /** {@code --column-swaps} when not given: none, as every network before the option was trained. */
    public static final int DEFAULT_COLUMN_SWAPS = 0;

    /** {@code --warmup-epochs} when not given. */
    public static final double DEFAULT_WARMUP_EPOCHS = 0;

    /** Training-engine weights written beside the ONNX model, for {@code --init}. */
    public static final String PARAMS_FILE = "plate-reader.params";

    public static TrainOptions defaults() {
        return new TrainOptions(42, 20000, List.of(), 24, 6, 64, 0.002, 2, Path.of("raqib-model"), null);
    }

    /** Fails fast with a message that names the bad setting. */
    public TrainOptions validate() {
        require(synthetic >= 0 && synthetic <= 2_000_000, "--synthetic must be 0..2000000");
        require(realRepeats >= 1 && realRepeats <= 1000, "--real-repeats must be 1..1000");
        require(epochs >= 0 && epochs <= 1000, "--epochs must be 0..1000");
        require(epochs > 0 || init != null, "--epochs 0 (only calibrate and measure) needs --init");
        require(batch >= 2 && batch <= 4096, "--batch must be 2..4096");
        require(learningRate > 0 && learningRate < 1, "--lr must be in (0, 1)");
        require(columnSwaps >= 0 && columnSwaps <= 143, "--column-swaps must be 0..143");
        require(columnSwaps == 0 || !realManifests.isEmpty(), "--column-swaps needs real photos (--real MANIFEST)");
        require(threads >= 1 && threads <= 256, "--threads must be 1..256");
        require(warmupEpochs >= 0 && warmupEpochs <= epochs, "--warmup-epochs must be 0.." + epochs + " (--epochs)");
        require(out != null, "--out is required");
        require(topRowFonts != null, "--top-row-fonts is required");
        require(synthetic > 0 || !realManifests.isEmpty(), "no training data: give --synthetic N > 0 or --real MANIFEST");
        require(leaveOutFold == null || leaveOutFold.equals("A") || leaveOutFold.equals("B"),
                "--leave-out-fold must be A or B");
        require(leaveOutFold == null || !realManifests.isEmpty(), "--leave-out-fold needs real photos (--real MANIFEST)");
        require(init == null || java.nio.file.Files.isRegularFile(init.resolve(PARAMS_FILE)),
                "--init " + init + ": no " + PARAMS_FILE + " there");
        for (Path m : realManifests) {
            require(java.nio.file.Files.isRegularFile(m), "--real " + m + ": no such manifest file");
        }
        return this;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
