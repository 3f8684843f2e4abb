package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test fixture: {@code train-glyphs} with tiny settings (seconds), for the tests of what it writes and keeps. */
public final class TinyGlyphTraining {

    private TinyGlyphTraining() {
    }

    /**
     * {@code train-glyphs}' arguments for a tiny training (seed 5, one member: see {@code GlyphTrainMembersTest} for
     * ensembles) on {@code manifest}, out of fold only when asked.
     */
    public static String[] arguments(Path manifest, boolean foldsOnly) {
        String[] small = {"--real", manifest.toString(), "--synthetic", "12", "--real-repeats", "1", "--epochs", "1",
            "--hidden", "8", "--top-epochs", "1", "--top-hidden", "8", "--net-epochs", "1", "--top-net-epochs", "1", "--seed",
            "5", "--members", "1", "--folds-only"};
        return foldsOnly ? small : java.util.Arrays.copyOf(small, small.length - 1);
    }

    /**
     * Runs a tiny {@code train-glyphs --folds-only} on {@code manifest} keeping its folds in {@code dir/folds}
     * ({@code --reuse-folds}; its other output in {@code dir/o}), which it returns; fails the test with train-glyphs'
     * errors where it does not exit 0.
     */
    public static Path keepFolds(Path dir, Path manifest) {
        Path folds = dir.resolve("folds");
        String[] args = arguments(manifest, true);
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--reuse-folds";
        all[args.length + 1] = folds.toString();
        all[args.length + 2] = "--out";
        all[args.length + 3] = dir.resolve("o").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, GlyphTrainCommand.run(all, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
        return folds;
    }

    /** {@code args} with {@code option}'s value replaced by {@code value} (an option {@code args} must hold). */
    public static String[] with(String[] args, String option, String value) {
        String[] out = args.clone();
        for (int i = 0; i + 1 < out.length; i++) {
            if (out[i].equals(option)) {
                out[i + 1] = value;
                return out;
            }
        }
        throw new IllegalArgumentException(option);
    }
}
