package org.raqib.detection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.PlateReader;

/** For the commands' tests: a folder of models that {@link PlateRecognizer#load} reads, as {@link ModelsFolderTest} makes. */
public final class ModelsFolderTestAccess {

    private ModelsFolderTestAccess() {
    }

    /**
     * Copies the committed character reader and plate network into {@code dir}, both confidence calibrations lowered
     * (their biases by 40) so that every reading they give is far less sure than the committed models'.
     */
    public static void copyCommittedReader(Path dir) throws IOException {
        ModelsFolderTest.copyCommitted(dir, ModelsFolderTest.GLYPH_FILES);
        ModelsFolderTest.copyCommitted(dir, List.of(PlateReader.MODEL_FILE, PlateReader.META_FILE));
        ModelsFolderTest.lowerBias(dir.resolve(GlyphClassifier.MODEL_FILE));
        ModelsFolderTest.lowerBias(dir.resolve(PlateReader.META_FILE));
    }
}
