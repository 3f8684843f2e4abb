package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol-buffers reading and writing that puts glyph nets side by side in one graph ({@link GlyphNet#mean}). */
class OnnxEnsembleTest {

    private static byte[] committed(String file) throws IOException {
        try (InputStream in = OnnxEnsembleTest.class.getResourceAsStream(PlateReader.RESOURCE_DIR + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aModelReadFieldByFieldIsWrittenBackToTheSameBytes() throws IOException {
        for (String file : new String[] {GlyphNet.MODEL_FILE, GlyphNet.TOP_MODEL_FILE, "plate-reader.onnx"}) {
            byte[] b = committed(file);
            assertArrayEquals(b, OnnxEnsemble.write(OnnxEnsemble.parse(b)), file);
        }
    }

    @Test
    void modelsOfAnotherInputOrOutputOrFewerThanTwoAreRefused() throws IOException {
        byte[] net = committed(GlyphNet.MODEL_FILE);
        assertThrows(IllegalArgumentException.class, () -> OnnxEnsemble.mean(List.of(net, net), "other", GlyphNet.OUTPUT));
        assertThrows(IllegalArgumentException.class, () -> OnnxEnsemble.mean(List.of(net, net), GlyphNet.INPUT, "other"));
        assertThrows(IllegalArgumentException.class, () -> OnnxEnsemble.mean(List.of(net), GlyphNet.INPUT, GlyphNet.OUTPUT));
        byte[] cut = java.util.Arrays.copyOf(net, net.length / 2);
        assertThrows(IllegalArgumentException.class, () -> OnnxEnsemble.mean(List.of(cut, net), GlyphNet.INPUT, GlyphNet.OUTPUT));
    }
}
