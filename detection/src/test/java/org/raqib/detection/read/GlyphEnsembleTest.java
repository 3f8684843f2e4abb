package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committed reader is a seed ensemble: each glyph named by the mean of its members' logits. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphEnsembleTest {

    @Test
    void theCommittedReadersPerceptronsAndNetsGiveTheSoftmaxOfTheirMembersMeanLogits() {
        // given the committed model file's two members (the second under "members", its nets beside the first's)
        JsonNode node = GlyphClassifier.resource();
        assertEquals(1, node.path(GlyphReader.MEMBERS).size(), "the committed reader is an ensemble of two");
        JsonNode second = node.path(GlyphReader.MEMBERS).get(0);
        GlyphClassifier a = GlyphClassifier.readFrom(node.path("classifier"));
        GlyphClassifier b = GlyphClassifier.readFrom(second.path("classifier"));
        GlyphNet netA = GlyphNet.resource(node.path("net").path("file").asText());
        GlyphNet netB = GlyphNet.resource(second.path("net").path("file").asText());
        GlyphClassifier both = GlyphClassifier.mean(List.of(a, b));
        GlyphNet nets = GlyphNet.mean(List.of(netA, netB));
        // and the glyphs of fresh synthetic plates
        List<float[]> inputs = new ArrayList<>();
        GlyphNetTest.forEachCleanCut(8_484L, (text, g) -> {
            for (int k = 0; k < text.length(); k++) {
                inputs.add(GlyphClassifier.input(g.gray(), g.boxes().get(k)));
            }
        });
        assertTrue(inputs.size() >= 140, "glyphs cut: " + inputs.size());
        // when each is named by the ensembles and by each member
        float[][] za = netA.logits(inputs);
        float[][] zb = netB.logits(inputs);
        float[][] z = nets.logits(inputs);
        int differ = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] x = inputs.get(i);
            float[] la = a.logits(a.hiddenLayer(x));
            float[] lb = b.logits(b.hiddenLayer(x));
            // then the perceptrons' ensemble gives the softmax of the members' mean logits
            double[] expected = softmax(la, lb);
            double[] got = both.probabilities(x);
            for (int k = 0; k < GlyphClassifier.CLASSES; k++) {
                assertEquals(expected[k], got[k], 1e-6, "glyph " + i + " class " + k);
                // and the nets' ensemble the members' mean logits
                assertEquals((za[i][k] + zb[i][k]) / 2, z[i][k], 1e-4, "glyph " + i + " class " + k);
            }
            differ += Math.abs(a.probabilities(x)[argmax(la)] - b.probabilities(x)[argmax(la)]) > 1e-3 ? 1 : 0;
        }
        // and the members are two models, not one twice
        assertTrue(differ > inputs.size() / 10, "members differ on " + differ + " of " + inputs.size());
        // and an ensemble has no weights of its own to give (its members have)
        assertThrows(UnsupportedOperationException.class, () -> both.hiddenLayer(inputs.get(0)));
        assertThrows(UnsupportedOperationException.class, () -> both.writeTo(new ObjectMapper().createObjectNode()));
        // and an ensemble of one is that model
        assertSame(a, GlyphClassifier.mean(List.of(a)));
        assertSame(netA, GlyphNet.mean(List.of(netA)));
    }

    @Test
    void theCommittedNetsRunAsOneGraphGiveTheSameBitsAsTheirMembersOneByOne() {
        // given the committed reader's two Latin-row nets and two top-row nets
        JsonNode node = GlyphClassifier.resource();
        JsonNode second = node.path(GlyphReader.MEMBERS).get(0);
        List<float[]> inputs = new ArrayList<>();
        GlyphNetTest.forEachCleanCut(8_485L, (text, g) -> {
            for (int k = 0; k < text.length(); k++) {
                inputs.add(GlyphClassifier.input(g.gray(), g.boxes().get(k)));
            }
        });
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 40; i++) {
            float[] x = new float[GlyphClassifier.INPUTS];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) (rnd.nextGaussian() * 2);
            }
            inputs.add(x);
        }
        for (String key : new String[] {"net", "arabicNet"}) {
            GlyphNet a = GlyphNet.resource(node.path(key).path("file").asText());
            GlyphNet b = GlyphNet.resource(second.path(key).path("file").asText());
            // when the ensemble is made (one graph, one run) and when each member runs on its own
            GlyphNet both = GlyphNet.mean(List.of(a, b));
            for (List<float[]> batch : List.of(inputs, inputs.subList(0, 1), inputs.subList(3, 14))) {
                float[][] z = both.logits(batch);
                float[][] za = a.logits(batch);
                float[][] zb = b.logits(batch);
                // then its logits are the members' halves added, to the bit
                for (int i = 0; i < batch.size(); i++) {
                    for (int k = 0; k < GlyphClassifier.CLASSES; k++) {
                        float expected = 0f + za[i][k] / 2;
                        expected += zb[i][k] / 2;
                        assertEquals(expected, z[i][k], 0f, key + " glyph " + i + " class " + k);
                    }
                }
            }
            // and the same ensemble is made once
            assertSame(both, GlyphNet.mean(List.of(a, b)));
        }
    }

    private static double[] softmax(float[] la, float[] lb) {
        double[] p = new double[la.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
            p[k] = (la[k] + lb[k]) / 2.0;
            max = Math.max(max, p[k]);
        }
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(p[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static int argmax(float[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            best = z[k] > z[best] ? k : best;
        }
        return best;
    }
}
