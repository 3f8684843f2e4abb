package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code train-glyphs}'s command line: help, and every kind of bad option refused before any training. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlyphTrainCommandTest {

    @TempDir
    Path dir;

    /** Runs the command; {@code outErr} receives what it printed on stdout and stderr. */
    private static int run(String[] outErr, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GlyphTrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        outErr[0] = out.toString(StandardCharsets.UTF_8);
        outErr[1] = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void helpPrintsEveryOptionAndExitsZero() {
        String[] outErr = new String[2];
        assertEquals(0, run(outErr, "--help"));
        for (String option : new String[] {"--real", "--out", "--seed", "--synthetic", "--real-repeats", "--epochs", "--hidden",
                "--top-epochs", "--top-hidden", "--lr", "--distort", "--edge-cut", "--other-cuts", "--distort-beside", "--net-epochs",
                "--net-lr", "--net-channels", "--net-members", "--net-weight", "--members", "--reuse-folds", "--dump-readings", "--folds-only"}) {
            assertTrue(outErr[0].contains(option), option + " missing from " + outErr[0]);
        }
        assertEquals("", outErr[1]);
        assertEquals(0, run(outErr, "-h"));
        assertTrue(outErr[0].startsWith("usage: raqib train-glyphs"), outErr[0]);
    }

    @Test
    void badOptionsExitTwoWithTheUsageAndTrainNothing() {
        Path out = dir.resolve("glyphs");
        String[][] bad = {
            {"--frobnicate", "1"},
            {"--epochs"},
            {"--epochs", "0"},
            {"--hidden", "-3"},
            {"--synthetic", "-1"},
            {"--lr", "0"},
            {"--lr", "fast"},
            {"--distort", "1.5"},
            {"--edge-cut", "-0.1"},
            {"--net-epochs", "-1"},
            {"--net-lr", "0"},
            {"--net-channels", "8,,32"},
            {"--net-channels", "16,32,"},
            {"--net-channels", "0"},
            {"--net-channels", "wide"},
            {"--net-members", "0"},
            {"--members", "0"},
            {"--members", "9"},
            {"--members", "2", "--reuse-folds", "a,b,c"},
            {"--net-weight", "0"},
            {"--net-weight", "1.5"},
            {"--seed", "1", "--seed", "2"},
            {"stray"},
        };
        for (String[] args : bad) {
            String[] all = new String[args.length + 2];
            all[0] = "--out";
            all[1] = out.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            String[] outErr = new String[2];
            assertEquals(2, run(outErr, all), String.join(" ", args));
            assertTrue(outErr[1].startsWith("raqib train-glyphs: "), outErr[1]);
            assertTrue(outErr[1].contains("usage: raqib train-glyphs"), outErr[1]);
        }
        assertFalse(Files.exists(out), "nothing may be written for a bad command line");
    }

    @Test
    void theMessageNamesTheOption() {
        String[] outErr = new String[2];
        run(outErr, "--epochs", "0");
        assertTrue(outErr[1].contains("--epochs"), outErr[1]);
        run(outErr, "--frobnicate", "1");
        assertTrue(outErr[1].contains("--frobnicate"), outErr[1]);
    }
}
