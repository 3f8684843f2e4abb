package org.raqib.detection.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.RecognizerOptions;

/**
 * The {@code --models DIR} option of {@code read}, {@code eval} and {@code bench}: a folder of models that Raqib's
 * training tools wrote (e.g. retrained on a site's own labelled photos), the committed ones for those it lacks
 * ({@link PlateRecognizer#load}).
 */
public final class ModelsOption {

    /** The option's lines in a command's usage, its text starting at {@code column}. */
    public static String usage(int column) {
        String head = "  --models DIR";
        String pad = " ".repeat(column);
        return String.join("\n",
                head + " ".repeat(Math.max(1, column - head.length()))
                        + "read with the models in DIR, as ./raqib train-glyphs, train and train-locator",
                pad + "--out DIR write them (glyph-classifier.json and its nets, plate-reader.onnx with",
                pad + "plate-reader.json, plate-locator.json; several runs' folders may be merged into one),",
                pad + "the committed models for those DIR lacks; which are used is said on standard error");
    }

    private ModelsOption() {
    }

    /**
     * The recogniser of {@code command}: the committed models where {@code dir} is null, else {@code dir}'s, saying
     * on {@code err} which files of {@code dir} it reads with; null, with the reason on {@code err}, where {@code dir}
     * is not a folder of models ({@link PlateRecognizer#load}) or a model file in it cannot be read (cut short, another
     * tool's file): the command then exits 2.
     */
    public static PlateRecognizer recognizer(Path dir, RecognizerOptions options, String command, PrintStream err) {
        if (dir == null) {
            return PlateRecognizer.loadDefault(options);
        }
        PlateRecognizer recognizer;
        try {
            recognizer = PlateRecognizer.load(dir, options);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            err.println(command + ": cannot load the models in " + dir + ": " + e.getMessage());
            return null;
        }
        err.println(command + ": models from " + dir + ": " + String.join(", ", PlateRecognizer.modelFilesIn(dir))
                + "; the committed ones for the rest");
        return recognizer;
    }
}
