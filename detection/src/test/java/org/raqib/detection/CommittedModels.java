package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.PlateReader;

/** For tests: folders of the committed models, copied from the classpath, as a training run's --out folder holds them. */
public final class CommittedModels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedModels() {
    }

    /** Copies the committed model files {@code names} into {@code to}. */
    public static void copy(Path to, List<String> names) throws IOException {
        for (String name : names) {
            try (InputStream in = PlateRecognizer.class.getResourceAsStream(PlateReader.RESOURCE_DIR + name)) {
                assertTrue(in != null, name + " is not on the classpath");
                Files.write(to.resolve(name), in.readAllBytes());
            }
        }
    }

    /** The committed character reader's files: its classifier file and every net it names (each member's). */
    public static List<String> readerFiles() throws IOException {
        List<String> files = new ArrayList<>(List.of(GlyphClassifier.MODEL_FILE));
        try (InputStream in = PlateRecognizer.class.getResourceAsStream(PlateReader.RESOURCE_DIR + GlyphClassifier.MODEL_FILE)) {
            JSON.readTree(in).findValues("file").forEach(f -> files.add(f.asText()));
        }
        return files;
    }

    /**
     * Copies the committed character reader and plate network into {@code dir}, both confidence calibrations lowered
     * (their biases by 40) so that every reading they give is far less sure than the committed models'.
     */
    public static void copyReaderAndNetworkLessSure(Path dir) throws IOException {
        copy(dir, readerFiles());
        copy(dir, List.of(PlateReader.MODEL_FILE, PlateReader.META_FILE));
        lowerBias(dir.resolve(GlyphClassifier.MODEL_FILE));
        lowerBias(dir.resolve(PlateReader.META_FILE));
    }

    /** Copies the committed character reader alone into {@code dir}, its calibration lowered as above. */
    public static void copyReaderLessSure(Path dir) throws IOException {
        copy(dir, readerFiles());
        lowerBias(dir.resolve(GlyphClassifier.MODEL_FILE));
    }

    private static void lowerBias(Path modelFile) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(modelFile.toFile());
        ObjectNode calibration = (ObjectNode) root.get("calibration");
        calibration.put("bias", calibration.get("bias").asDouble() - 40);
        Files.writeString(modelFile, JSON.writeValueAsString(root));
    }
}
