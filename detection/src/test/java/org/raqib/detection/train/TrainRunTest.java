package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.read.ReadResult;
import org.raqib.detection.synth.SyntheticPlates;

/**
 * {@code ./raqib train} run to its end on a few synthetic plates: it writes a network the reader loads, the same one
 * for the same command, and its warm-up reaches the optimiser.
 */
class TrainRunTest {

    private static String[] command(Path out, String warmUp) {
        return new String[] {"--seed", "5", "--synthetic", "160", "--no-real", "--epochs", "2", "--batch", "32", "--lr", "0.003",
            "--warmup-epochs", warmUp, "--threads", "1", "--out", out.toString()};
    }

    private static void train(String[] args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> epochLines(Path out) throws IOException {
        return Files.readString(out.resolve(ModelCard.FILE)).lines().filter(l -> l.startsWith("- epoch ")).toList();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aShortRunWritesALoadableNetworkAndTheSameOneForTheSameCommand(@TempDir Path dir) throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path cold = dir.resolve("cold");
        train(command(first, "0.5"));
        train(command(second, "0.5"));
        train(command(cold, "0"));

        for (String file : new String[] {PlateReader.MODEL_FILE, PlateReader.META_FILE, TrainOptions.PARAMS_FILE, ModelCard.FILE}) {
            assertTrue(Files.isRegularFile(first.resolve(file)), file);
        }
        // The same command and seed: the same network, byte for byte, and the same losses.
        assertArrayEquals(Files.readAllBytes(first.resolve(PlateReader.MODEL_FILE)), Files.readAllBytes(second.resolve(PlateReader.MODEL_FILE)));
        assertArrayEquals(Files.readAllBytes(first.resolve(TrainOptions.PARAMS_FILE)),
                Files.readAllBytes(second.resolve(TrainOptions.PARAMS_FILE)));
        assertEquals(2, epochLines(first).size(), epochLines(first).toString());
        assertEquals(epochLines(first), epochLines(second));
        // Without the warm-up the first updates are larger: other losses, another network.
        assertFalse(epochLines(first).get(0).equals(epochLines(cold).get(0)), epochLines(cold).toString());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(first.resolve(TrainOptions.PARAMS_FILE)),
                Files.readAllBytes(cold.resolve(TrainOptions.PARAMS_FILE))));
        String card = Files.readString(first.resolve(ModelCard.FILE));
        assertTrue(card.contains(" --lr 0.003 --warmup-epochs 0.5 --threads 1 --out DIR`"), card);
        assertFalse(Files.readString(cold.resolve(ModelCard.FILE)).contains("warm-up"));

        // The reader loads what was written and reads a plate with it.
        SyntheticPlates gen = new SyntheticPlates(77L);
        SyntheticPlates.Sample s = gen.plate(SyntheticPlates.randomSpec(SyntheticPlates.randomText(new Random(77L)), new Random(78L)), 0.2);
        try (PlateReader reader = PlateReader.load(first, new PlateReader.Options(1))) {
            ReadResult r = reader.read(s.image());
            assertTrue(r.confidence() >= 0 && r.confidence() <= 1, String.valueOf(r.confidence()));
        } finally {
            s.image().release();
        }
    }
}
