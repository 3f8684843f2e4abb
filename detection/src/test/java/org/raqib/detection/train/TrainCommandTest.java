package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TrainCommandTest {

    private static int run(ByteArrayOutputStream err, String... args) {
        return TrainCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "--epochs", "zero"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--epochs"));
        assertEquals(2, run(new ByteArrayOutputStream(), "--frobnicate"));
        assertEquals(2, run(new ByteArrayOutputStream(), "--epochs"));
        assertEquals(2, run(new ByteArrayOutputStream(), "--epochs", "0"));
        assertEquals(2, run(new ByteArrayOutputStream(), "--real", "/no/such/manifest.tsv"));
        assertEquals(2, run(new ByteArrayOutputStream(), "--no-real", "--synthetic", "0"));
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        assertEquals(2, run(twice, "--seed", "1", "--seed", "2"));
        assertTrue(twice.toString(StandardCharsets.UTF_8).startsWith("raqib train: --seed given twice"), twice.toString());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        assertEquals(2, run(both, "--no-real", "--real", "m.tsv"));
        assertTrue(both.toString(StandardCharsets.UTF_8).contains("exclude each other"), both.toString());
        assertEquals(2, run(new ByteArrayOutputStream(), "stray"));
    }

    @Test
    void helpDocumentsEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, TrainCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String opt : new String[] {"--seed", "--synthetic", "--real", "--no-real", "--real-repeats", "--epochs", "--batch",
            "--lr", "--warmup-epochs", "--threads", "--out", "--init", "--leave-out-fold", "--top-row-fonts", "--column-swaps"}) {
            assertTrue(usage.contains(opt), opt);
        }
    }

    @Test
    void aReaderFoldCanBeLeftOutOfTheRealPhotos() {
        assertEquals("A", TrainCommand.parse(new String[] {"--leave-out-fold", "a", "--real", "m.tsv"}, System.out).leaveOutFold());
        assertEquals("B", TrainCommand.parse(new String[] {"--leave-out-fold", "B", "--real", "m.tsv"}, System.out).leaveOutFold());
        assertEquals(null, TrainCommand.parse(new String[] {"--real", "m.tsv"}, System.out).leaveOutFold());
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(2, run(bad, "--leave-out-fold", "C", "--no-real"));
        assertTrue(bad.toString(StandardCharsets.UTF_8).contains("--leave-out-fold must be A or B"), bad.toString());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertEquals(2, run(none, "--leave-out-fold", "A", "--no-real"));
        assertTrue(none.toString(StandardCharsets.UTF_8).contains("needs real photos"), none.toString());
    }

    @Test
    void theTopRowFontsAreASetByName() {
        assertEquals(org.raqib.detection.synth.TopRowFonts.VARIED,
                TrainCommand.parse(new String[] {"--top-row-fonts", "varied", "--no-real"}, System.out).topRowFonts());
        assertEquals(TrainOptions.DEFAULT_TOP_ROW_FONTS, TrainCommand.parse(new String[] {"--no-real"}, System.out).topRowFonts());
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(2, run(bad, "--no-real", "--top-row-fonts", "noto"));
        assertTrue(bad.toString(StandardCharsets.UTF_8).contains("--top-row-fonts must be dejavu or varied"), bad.toString());
    }

    @Test
    void columnSwapsAreACountOfPlatesAPhotoAndNeedRealPhotos() {
        assertEquals(2, TrainCommand.parse(new String[] {"--column-swaps", "2", "--real", "m.tsv"}, System.out).columnSwaps());
        assertEquals(TrainOptions.DEFAULT_COLUMN_SWAPS, TrainCommand.parse(new String[] {"--no-real"}, System.out).columnSwaps());
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertEquals(2, run(none, "--column-swaps", "2", "--no-real"));
        assertTrue(none.toString(StandardCharsets.UTF_8).contains("--column-swaps needs real photos"), none.toString());
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        assertEquals(2, run(many, "--column-swaps", "144", "--no-real"));
        assertTrue(many.toString(StandardCharsets.UTF_8).contains("--column-swaps must be 0..143"), many.toString());
    }

    @Test
    void aWarmUpIsGivenInEpochsAndFitsInTheRun() {
        assertEquals(0.5, TrainCommand.parse(new String[] {"--warmup-epochs", "0.5", "--no-real"}, System.out).warmupEpochs());
        assertEquals(TrainOptions.DEFAULT_WARMUP_EPOCHS, TrainCommand.parse(new String[] {"--no-real"}, System.out).warmupEpochs());
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        assertEquals(2, run(longer, "--no-real", "--epochs", "2", "--warmup-epochs", "3"));
        assertTrue(longer.toString(StandardCharsets.UTF_8).contains("--warmup-epochs must be 0..2"), longer.toString());
        assertEquals(2, run(new ByteArrayOutputStream(), "--no-real", "--warmup-epochs", "-0.5"));
        assertEquals(2, run(new ByteArrayOutputStream(), "--no-real", "--warmup-epochs", "half"));
    }

    @Test
    void optionsAreParsed() {
        TrainOptions o = TrainCommand.parse(new String[] {"--seed", "9", "--synthetic", "100", "--no-real", "--epochs", "2",
            "--out", "x"}, System.out);
        assertEquals(9, o.seed());
        assertEquals(100, o.synthetic());
        assertTrue(o.realManifests().isEmpty());
        assertEquals(2, o.epochs());
        assertEquals(Path.of("x"), o.out());
        assertEquals(java.util.List.of(Path.of("a.tsv"), Path.of("b.tsv")),
                TrainCommand.parse(new String[] {"--real", "a.tsv", "--real=b.tsv"}, System.out).realManifests());
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(null, TrainCommand.parse(new String[] {"-h"}, new PrintStream(help, true, StandardCharsets.UTF_8)));
        assertTrue(help.toString(StandardCharsets.UTF_8).startsWith("usage: raqib train"));
        assertThrows(IllegalArgumentException.class, () -> new TrainOptions(1, 10, java.util.List.of(), 1, 1, 1, 0.1, 1, Path.of("x"), null).validate());
    }
}
