package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphNetTest {

    @Test
    void theCommittedNetLoadsOfflineAndNamesSyntheticGlyphs() {
        // given the committed net, and the glyphs of fresh synthetic plates (a seed never used in training)
        // cut by the segmenter, kept where the row cuts into as many boxes as the text has characters
        GlyphNet net = GlyphNet.resource(GlyphNet.MODEL_FILE);
        List<float[]> inputs = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        forEachCleanCut(6_262L, (text, g) -> {
            for (int k = 0; k < text.length(); k++) {
                inputs.add(GlyphClassifier.input(g.gray(), g.boxes().get(k)));
                labels.add(GlyphClassifier.classOf(text.charAt(k)));
            }
        });
        // when all of them are classified in one batch
        double[][] p = net.probabilities(inputs);
        // then the probabilities are distributions and most glyphs are named right
        assertEquals(inputs.size(), p.length);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(GlyphClassifier.CLASSES, p[i].length);
            double sum = 0;
            int best = 0;
            for (int k = 0; k < p[i].length; k++) {
                sum += p[i][k];
                best = p[i][k] > p[i][best] ? k : best;
            }
            assertEquals(1, sum, 1e-6);
            right += best == labels.get(i) ? 1 : 0;
        }
        assertTrue(inputs.size() >= 140, "glyphs cut: " + inputs.size());
        assertTrue(right >= 0.9 * inputs.size(), "right " + right + " of " + inputs.size());
    }

    @Test
    void aClassifierLoadedFromAFolderTakesItsNetsFromThatFolderOrFailsLoudly(@TempDir Path dir) throws IOException {
        // given a folder with the committed classifier file (which names the net) but no net beside it
        JsonNode node = GlyphClassifier.resource();
        String file = node.path("net").path("file").asText();
        assertEquals(GlyphNet.MODEL_FILE, file);
        // when it is loaded from that folder, then it does not quietly pair itself with the classpath's net
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> GlyphReader.fromJson(node, dir));
        assertTrue(e.getMessage().contains(file), e.getMessage());
        // and with the net written beside it, it still needs the top row's net it names
        copyResource(file, dir);
        String topFile = node.path("arabicNet").path("file").asText();
        assertEquals(GlyphNet.TOP_MODEL_FILE, topFile);
        UncheckedIOException top = assertThrows(UncheckedIOException.class, () -> GlyphReader.fromJson(node, dir));
        assertTrue(top.getMessage().contains(topFile), top.getMessage());
        // and with both nets beside it, it still needs the second member's nets it names
        copyResource(topFile, dir);
        JsonNode second = node.path(GlyphReader.MEMBERS).get(0);
        String memberFile = second.path("net").path("file").asText();
        assertEquals("glyph-net-2.onnx", memberFile);
        UncheckedIOException member = assertThrows(UncheckedIOException.class, () -> GlyphReader.fromJson(node, dir));
        assertTrue(member.getMessage().contains(memberFile), member.getMessage());
        // and with every member's nets beside it, it loads and reads with them
        copyResource(memberFile, dir);
        copyResource(second.path("arabicNet").path("file").asText(), dir);
        assertTrue(GlyphReader.fromJson(node, dir).readsTopRow());
    }

    private static void copyResource(String file, Path dir) throws IOException {
        try (InputStream in = GlyphNet.class.getResourceAsStream(PlateReader.RESOURCE_DIR + file)) {
            Files.write(dir.resolve(file), in.readAllBytes());
        }
    }

    @Test
    void theCommittedTopRowNetNamesTheArabicTwinsAboveTheLatinBoxes() {
        // given the committed reader and fresh synthetic plates (a seed never used in training), cut by the
        // segmenter and kept where the row cuts into as many boxes as the text has characters
        GlyphReader withNet = GlyphReader.loadDefault();
        JsonNode node = GlyphClassifier.resource();
        GlyphReader perceptronOnly = new GlyphReader(GlyphClassifier.readFrom(node.path("classifier")),
                withNet.calibration(), GlyphClassifier.readFrom(node.path("arabic")));
        int[] cells = new int[1];
        int[] netRight = new int[1];
        int[] perceptronRight = new int[1];
        forEachCleanCut(7_373L, (text, g) -> {
            // when the cells above the Latin boxes are named with and without the top row's net
            double[][] both = withNet.topRowProbabilities(g.gray(), g.boxes());
            double[][] alone = perceptronOnly.topRowProbabilities(g.gray(), g.boxes());
            for (int k = 0; k < text.length(); k++) {
                int twin = GlyphClassifier.classOf(text.charAt(k));
                cells[0]++;
                netRight[0] += argmax(both[k]) == twin ? 1 : 0;
                perceptronRight[0] += argmax(alone[k]) == twin ? 1 : 0;
            }
        });
        // then most twins are named right, and the net's share does not lose any the perceptron names
        assertTrue(cells[0] >= 140, "cells read: " + cells[0]);
        assertTrue(netRight[0] >= 0.9 * cells[0], "right " + netRight[0] + " of " + cells[0]);
        assertTrue(netRight[0] >= perceptronRight[0], "with the net " + netRight[0] + ", perceptron alone " + perceptronRight[0]);
    }

    /**
     * Renders 40 synthetic plates from {@code seed} (both layouts, the same text in both rows) and hands each whose
     * row the segmenter cuts into as many boxes as its text has characters to {@code use}, with that text.
     */
    static void forEachCleanCut(long seed, BiConsumer<String, GlyphSegmenter.Glyphs> use) {
        SyntheticPlates gen = new SyntheticPlates(seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 40; i++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateLayout layout = rnd.nextBoolean() ? PlateLayout.WIDE : PlateLayout.STANDARD;
            PlateSpec spec = new PlateSpec(text, text, layout, false, "Liberation Sans Narrow", "DejaVu Sans", false, true, false);
            SyntheticPlates.Sample s = gen.plate(spec, 0.2);
            GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(s.image());
            if (g.boxes().size() == text.length()) {
                use.accept(text, g);
            }
            g.release();
            s.image().release();
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            best = p[k] > p[best] ? k : best;
        }
        return best;
    }
}
