package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.locate.CandidateScorer;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.synth.SceneGenerator;

/** {@link PlateRecognizer#load}: a folder of models the training tools wrote, the committed ones for the rest. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModelsFolderTest {

    @TempDir
    Path dir;

    @Test
    void theFolderModelsAreReadWithAndTheCommittedOnesFillIn() throws IOException {
        // given: the committed reader and plate network copied into a folder, both confidence calibrations there made
        // to give every reading a far lower figure (their biases lowered by 40), and no localiser scorer
        CommittedModels.copyReaderAndNetworkLessSure(dir);
        // and the first of a few generated scenes that the committed models read automatically (>= 0.9)
        byte[] scene = null;
        PlateResult committed = null;
        try (PlateRecognizer r = PlateRecognizer.loadDefault()) {
            for (long seed = 500; seed < 530 && committed == null; seed++) {
                byte[] png = png(new SceneGenerator().render(seed).image());
                List<PlateResult> plates = r.recognize(png).plates();
                if (!plates.isEmpty() && plates.get(0).confidence() >= 0.9) {
                    scene = png;
                    committed = plates.get(0);
                }
            }
        }
        assertTrue(committed != null, "none of 30 generated scenes read at >= 0.9 by the committed models");

        // when
        PlateResult retrained;
        try (PlateRecognizer r = PlateRecognizer.load(dir, RecognizerOptions.defaults())) {
            retrained = best(r.recognize(scene));
        }

        // then: the folder's calibrations gave the figure (framed otherwise: the merge ranks framings by it), at the plate
        assertEquals(List.of(GlyphClassifier.MODEL_FILE, PlateReader.MODEL_FILE, PlateReader.META_FILE),
                PlateRecognizer.modelFilesIn(dir));
        assertTrue(retrained.confidence() < 0.05, "with the folder's models " + retrained.confidence());
        assertTrue(retrained.box().iou(committed.box()) > 0.2, retrained.box() + " vs " + committed.box());
    }

    @Test
    void eachModelFileInTheFolderIsReadNotTheCommittedOne() throws IOException {
        // a file that is not a model, in the folder, fails the load naming it: the committed one was not taken instead
        for (String file : List.of(GlyphClassifier.MODEL_FILE, CandidateScorer.MODEL_FILE)) {
            // (folders named apart from the file, so that only the message's own naming of the file counts)
            Path folder = Files.createTempDirectory(dir, "broken");
            Files.writeString(folder.resolve(file), "{not json");
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> PlateRecognizer.load(folder, RecognizerOptions.defaults()).close());
            assertFalse(e instanceof IllegalArgumentException, e.toString());
            assertTrue(String.valueOf(e.getMessage()).contains(file), e.getMessage());
        }
        // and a folder with the localiser's scorer alone reads with it and the committed reader
        Path scorerOnly = Files.createDirectory(dir.resolve("scorer"));
        CommittedModels.copy(scorerOnly, List.of(CandidateScorer.MODEL_FILE));
        try (PlateRecognizer r = PlateRecognizer.load(scorerOnly, RecognizerOptions.defaults())) {
            assertEquals(List.of(CandidateScorer.MODEL_FILE), PlateRecognizer.modelFilesIn(scorerOnly));
            assertFalse(r.recognize(png(new SceneGenerator().render(80_221L).image())).plates().isEmpty());
        }
    }

    @Test
    void aFoldersNetsAreLoadedOncePerProcessForEachContent() throws IOException {
        // given the committed reader's nets copied into two folders (a job's tasks open the same folder again and again)
        Path one = Files.createDirectory(dir.resolve("one"));
        Path two = Files.createDirectory(dir.resolve("two"));
        CommittedModels.copy(one, CommittedModels.readerFiles());
        CommittedModels.copy(two, CommittedModels.readerFiles());
        // then the same file read twice, or the same bytes in another folder, give one session; another net another
        org.raqib.detection.read.GlyphNet net = org.raqib.detection.read.GlyphNet.file(one.resolve("glyph-net.onnx"));
        org.junit.jupiter.api.Assertions.assertSame(net, org.raqib.detection.read.GlyphNet.file(one.resolve("glyph-net.onnx")));
        org.junit.jupiter.api.Assertions.assertSame(net, org.raqib.detection.read.GlyphNet.file(two.resolve("glyph-net.onnx")));
        org.junit.jupiter.api.Assertions.assertNotSame(net, org.raqib.detection.read.GlyphNet.file(one.resolve("glyph-net-2.onnx")));
    }

    @Test
    void aFolderWithoutModelsOrWithHalfAPlateNetworkIsRefusedClearly() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PlateRecognizer.load(dir.resolve("absent"), RecognizerOptions.defaults()));
        assertTrue(missing.getMessage().contains("not a folder of models"), missing.getMessage());
        Files.writeString(dir.resolve("notes.txt"), "no models here");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> PlateRecognizer.load(dir, RecognizerOptions.defaults()));
        assertTrue(empty.getMessage().contains("no model files") && empty.getMessage().contains(GlyphClassifier.MODEL_FILE),
                empty.getMessage());
        CommittedModels.copy(dir, List.of(PlateReader.MODEL_FILE));
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> PlateRecognizer.load(dir, RecognizerOptions.defaults()));
        assertTrue(half.getMessage().contains(PlateReader.META_FILE), half.getMessage());
    }

    private static PlateResult best(Recognition r) {
        assertFalse(r.plates().isEmpty(), "no plate read");
        return r.plates().get(0);
    }

    static byte[] png(java.awt.image.BufferedImage image) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
