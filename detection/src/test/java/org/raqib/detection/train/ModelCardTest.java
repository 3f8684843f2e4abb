package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The card a retrain writes keeps saying what the network is for now. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModelCardTest {

    @Test
    void cardSaysTheNetworkIsTheSecondReader() {
        String card = ModelCard.render(TrainOptions.defaults(), new ReaderTrainer.Result(new byte[0], new byte[0], null,
                List.of("- a measurement line")));
        assertTrue(card.contains("**This network is the second reader.**"), card);
        assertTrue(card.contains("glyph-classifier.md"), card);
        assertTrue(card.contains("- a measurement line"), card);
    }

    private static final ReaderTrainer.Result RESULT = new ReaderTrainer.Result(new byte[0], new byte[0], null,
            List.of("- a measurement line"));

    private static TrainOptions options(long seed, int epochs, Path init) {
        TrainOptions d = TrainOptions.defaults();
        return new TrainOptions(seed, d.synthetic(), d.realManifests(), d.realRepeats(), epochs, d.batch(),
                d.learningRate(), d.threads(), d.out(), init, null);
    }

    /** The card's lines that are commands to run, in order. */
    private static List<String> commands(String card) {
        return card.lines().filter(l -> l.startsWith("`./raqib train") || l.startsWith("`DIR")).toList();
    }

    private static Path run(Path dir, TrainOptions o) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ModelCard.FILE), ModelCard.render(o, RESULT), StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void aRunFromScratchIsOneCommand() {
        List<String> c = commands(ModelCard.render(options(42, 6, null), RESULT));
        assertEquals(1, c.size(), c.toString());
        assertTrue(c.get(0).contains("--seed 42 ") && c.get(0).endsWith("--out DIR`"), c.get(0));
        assertFalse(c.get(0).contains("--init"), c.get(0));
    }

    @Test
    void aWarmUpIsInTheSettingsAndTheCommand() {
        TrainOptions d = options(42, 6, null);
        TrainOptions warm = new TrainOptions(d.seed(), d.synthetic(), d.realManifests(), d.realRepeats(), d.epochs(), d.batch(),
                d.learningRate(), d.threads(), d.out(), null, null, 0.5);
        String card = ModelCard.render(warm, RESULT);
        assertTrue(commands(card).get(0).contains(" --lr 0.002 --warmup-epochs 0.5 --threads "), card);
        assertTrue(card.contains("Adam lr 0.002 (reached by a linear warm-up over the first 0.5 epochs) with cosine decay"), card);
        TrainOptions cold = new TrainOptions(d.seed(), d.synthetic(), d.realManifests(), d.realRepeats(), d.epochs(), d.batch(),
                d.learningRate(), d.threads(), d.out(), null, null, 0);
        String plain = ModelCard.render(cold, RESULT);
        assertFalse(plain.contains("warm-up"), plain);
        assertEquals(TrainOptions.DEFAULT_WARMUP_EPOCHS > 0, commands(plain).get(0).contains("--warmup-epochs 0.0"), plain);
    }

    @Test
    void variedTopRowFontsAreInTheSettingsAndTheCommand() {
        TrainOptions d = options(42, 6, null);
        TrainOptions varied = new TrainOptions(d.seed(), d.synthetic(), d.realManifests(), d.realRepeats(), d.epochs(),
                d.batch(), d.learningRate(), d.threads(), d.out(), null, null, 0, org.raqib.detection.synth.TopRowFonts.VARIED);
        String card = ModelCard.render(varied, RESULT);
        assertTrue(commands(card).get(0).contains(" --top-row-fonts varied --out DIR`"), card);
        assertTrue(card.contains("Arabic row in one of 12 fonts (`--top-row-fonts varied`: DejaVu Sans, "), card);
        String plain = ModelCard.render(d, RESULT);
        assertFalse(commands(plain).get(0).contains("--top-row-fonts"), plain);
        assertTrue(plain.contains("fonts, Arabic row in DejaVu fonts), both"), plain);
    }

    @Test
    void columnSwapsAreInTheCommand() {
        TrainOptions d = options(42, 6, null);
        TrainOptions swaps = new TrainOptions(d.seed(), d.synthetic(), d.realManifests(), d.realRepeats(), d.epochs(),
                d.batch(), d.learningRate(), d.threads(), d.out(), null, "A", 0, TrainOptions.DEFAULT_TOP_ROW_FONTS, 2);
        assertTrue(commands(ModelCard.render(swaps, RESULT)).get(0).contains(" --leave-out-fold A --column-swaps 2 --out DIR`"));
        assertFalse(commands(ModelCard.render(d, RESULT)).get(0).contains("--column-swaps"));
    }

    @Test
    void aContinuedRunNamesTheCommandsOfEveryRunBeforeItEarliestFirst(@TempDir Path tmp) throws IOException {
        Path first = run(tmp.resolve("first"), options(42, 6, null));
        Path second = run(tmp.resolve("second"), options(43, 4, first));
        String card = ModelCard.render(options(44, 2, second), RESULT);
        List<String> c = commands(card);
        assertEquals(3, c.size(), card);
        assertTrue(c.get(0).contains("--seed 42 ") && c.get(0).endsWith("--out DIR-2`"), c.get(0));
        assertFalse(c.get(0).contains("--init"), c.get(0));
        assertTrue(c.get(1).contains("--seed 43 ") && c.get(1).endsWith("--init DIR-2 --out DIR-1`"), c.get(1));
        assertTrue(c.get(2).contains("--seed 44 ") && c.get(2).endsWith("--init DIR-1 --out DIR`"), c.get(2));
        assertTrue(card.contains("Reproduce (from the repository root, with ../shared present, in order):"), card);
    }

    @Test
    void anEarlierRunWithoutItsCardIsSaidToBeUnknown(@TempDir Path tmp) {
        List<String> c = commands(ModelCard.render(options(43, 4, tmp), RESULT));
        assertEquals(2, c.size(), c.toString());
        assertTrue(c.get(0).startsWith("`DIR-1`: an earlier run whose MODEL_CARD.md"), c.get(0));
        assertTrue(c.get(0).endsWith("was not beside its weights"), c.get(0));
        assertTrue(c.get(1).endsWith("--init DIR-1 --out DIR`"), c.get(1));
    }

    @Test
    void anEarlierCardWithoutACommandIsSaidToGiveNone(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve(ModelCard.FILE), "# Plate reader model card\n\nhand-written notes\n",
                StandardCharsets.UTF_8);
        List<String> c = commands(ModelCard.render(options(43, 4, tmp), RESULT));
        assertEquals(2, c.size(), c.toString());
        assertTrue(c.get(0).equals("`DIR-1`: an earlier run whose MODEL_CARD.md gives no command"), c.get(0));
    }

    @Test
    void aCardOfTheOldFormatThatLeftItsInitOutIsSaidToBeContinued(@TempDir Path tmp) throws IOException {
        // The form of the cards written before this one named the runs before them: one command, no --init, and the
        // training log's line that says the run was continued.
        Files.writeString(tmp.resolve(ModelCard.FILE), String.join("\n", "# Plate reader model card", "",
                "Reproduce (from the repository root, with ../shared present):",
                "`./raqib train --seed 42 --synthetic 12000 --real-repeats 40 --epochs 3 --batch 64 --lr 0.002 --threads 2 --out DIR`",
                "", "## Training log and measured accuracy", ModelCard.STARTED_FROM, "- epoch 1/3: loss 5.6"),
                StandardCharsets.UTF_8);
        List<String> c = commands(ModelCard.render(options(43, 4, tmp), RESULT));
        assertEquals(3, c.size(), c.toString());
        assertTrue(c.get(0).startsWith("`DIR-2`: an earlier run"), c.get(0));
        assertTrue(c.get(1).contains("--epochs 3 ") && c.get(1).endsWith("--init DIR-2 --out DIR-1`"), c.get(1));
        assertTrue(c.get(2).endsWith("--init DIR-1 --out DIR`"), c.get(2));
    }

    @Test
    void theCommittedNetworksCardIsQuotedAsAContinuedRun() throws Exception {
        // The shipped card was written before cards named the runs before them, by a run continued with --init.
        Path committed = Path.of(ModelCardTest.class.getResource(
                "/org/raqib/detection/models/" + ModelCard.FILE).toURI()).getParent();
        List<String> c = commands(ModelCard.render(options(43, 4, committed), RESULT));
        assertEquals(3, c.size(), c.toString());
        assertTrue(c.get(0).startsWith("`DIR-2`: an earlier run"), c.get(0));
        assertTrue(c.get(1).startsWith("`./raqib train --seed ") && c.get(1).endsWith("--init DIR-2 --out DIR-1`"),
                c.get(1));
    }
}
