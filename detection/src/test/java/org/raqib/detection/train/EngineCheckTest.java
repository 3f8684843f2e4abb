package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineCheckTest {

    @Test
    void theReferenceConvolutionSumsEachPaddedNeighbourhood() {
        // given a 3x3 map 1..9 and a 3x3 kernel of ones, bias 0.5, padding 1
        EngineCheck.Layer l = new EngineCheck.Layer(1, 1, 1, 3, 1, 3, 3);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] k = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        // when convolved in plain Java
        float[] out = EngineCheck.reference(l, x, k, new float[] {0.5f});
        // then each output is the sum of the pixel's neighbourhood inside the map, plus the bias
        assertArrayEquals(new float[] {12.5f, 21.5f, 16.5f, 27.5f, 45.5f, 33.5f, 24.5f, 39.5f, 28.5f}, out);
        // and with stride 2 only the corners' and the centre's rows and columns are kept
        EngineCheck.Layer s = new EngineCheck.Layer(1, 1, 1, 3, 2, 3, 3);
        assertArrayEquals(new float[] {12.5f, 16.5f, 24.5f, 28.5f}, EngineCheck.reference(s, x, k, new float[] {0.5f}));
    }

    @Test
    void aDifferenceBeyondFloatRoundingIsAMismatch() {
        float[] expected = {100f, -3f, 0.5f};
        assertNull(EngineCheck.mismatch(new float[] {100.001f, -3f, 0.5f}, expected));
        assertNotNull(EngineCheck.mismatch(new float[] {100f, -3f, 16.7f}, expected));
        assertNotNull(EngineCheck.mismatch(new float[] {100f, -3f}, expected));
    }

    @Test
    void theLayersAreTheNetworksShapes() {
        List<EngineCheck.Layer> reader = ReaderNet.layers(8);
        // a strided first stage, three pooled ones and a 1x1 head stage, on the 64x160 crop
        assertEquals(List.of(new EngineCheck.Layer(8, 1, 12, 3, 2, 64, 160), new EngineCheck.Layer(8, 12, 24, 3, 1, 32, 80),
                new EngineCheck.Layer(8, 24, 48, 3, 1, 16, 40), new EngineCheck.Layer(8, 48, 64, 3, 1, 8, 20),
                new EngineCheck.Layer(8, 64, ReaderNet.FEATURES, 1, 1, 4, 10)), reader);
        List<EngineCheck.Layer> glyph = GlyphNetBlock.layers(64, GlyphNetBlock.CHANNELS);
        assertEquals(List.of(new EngineCheck.Layer(64, 1, 8, 3, 1, 28, 20), new EngineCheck.Layer(64, 8, 16, 3, 1, 14, 10),
                new EngineCheck.Layer(64, 16, 32, 3, 1, 7, 5)), glyph);
    }

    @Test
    void theTrainingEngineComputesTheNetworksConvolutionsRight() {
        // On a machine where PyTorch's oneDNN miscomputes (see EngineCheck), this fails unless the build's
        // ONEDNN_MAX_CPU_ISA (pom.xml, surefire's environment) avoids the faulty kernels.
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertDoesNotThrow(() -> EngineCheck.requireExactConvolutions(m, ReaderNet.layers(64)));
            assertDoesNotThrow(() -> EngineCheck.requireExactConvolutions(m, GlyphNetBlock.layers(64, GlyphNetBlock.CHANNELS)));
        }
    }
}
