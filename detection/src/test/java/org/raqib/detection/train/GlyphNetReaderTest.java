package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphNet;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/** The reader's use of the convolutional classifier: it names the chosen cut's characters. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphNetReaderTest {

    /** A net that ignores its input: every box is {@code digit} among the digits, {@code letter} among the letters. */
    private static GlyphNet constantNet(char digit, char letter) {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        GlyphNetBlock net = new GlyphNetBlock();
        try (Model model = Model.newInstance("constant", "PyTorch")) {
            model.setBlock(net.block());
            net.block().initialize(model.getNDManager(), DataType.FLOAT32, GlyphNetBlock.inputShape(1));
            float[] w = new float[(int) net.head.getParameters().get("weight").getArray().size()];
            float[] b = new float[GlyphClassifier.CLASSES];
            b[GlyphClassifier.classOf(digit)] = 30;
            b[GlyphClassifier.classOf(letter)] = 30;
            net.head.getParameters().get("weight").getArray().set(w);
            net.head.getParameters().get("bias").getArray().set(b);
            return new GlyphNet(GlyphNetExport.export(net, "constant"));
        }
    }

    @Test
    void theNetNamesTheCharactersOfTheChosenCut() {
        // given the committed perceptron, alone and with a net that says 7 and K of every box
        GlyphReader committed = GlyphReader.loadDefault();
        GlyphReader plain = new GlyphReader(GlyphClassifier.readFrom(GlyphClassifier.resource().path("classifier")), committed.calibration(), null);
        GlyphReader netAlone = new GlyphReader(GlyphClassifier.readFrom(GlyphClassifier.resource().path("classifier")), committed.calibration(), null,
                constantNet('7', 'K'), 1);
        SyntheticPlates gen = new SyntheticPlates(808L);
        Random rnd = new Random(808L);
        int read = 0;
        int plainRight = 0;
        for (int i = 0; i < 12; i++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateSpec spec = new PlateSpec(text, text, i % 2 == 0 ? PlateLayout.WIDE : PlateLayout.STANDARD, false,
                    "Liberation Sans Narrow", "DejaVu Sans", false, true, false);
            SyntheticPlates.Sample s = gen.plate(spec, 0.1);
            // when
            Optional<GlyphReader.Reading> p = plain.read(s.image());
            Optional<GlyphReader.Reading> n = netAlone.read(s.image());
            s.image().release();
            // then the net alone names every character (the cut is still the perceptron's search's)
            plainRight += p.isPresent() && p.get().text().equals(text) ? 1 : 0;
            if (n.isPresent()) {
                read++;
                String t = n.get().text();
                String digits = SaudiPlate.digits(t);
                assertEquals("7".repeat(digits.length()) + "KKK", t);
                for (double q : n.get().characterProbabilities()) {
                    // The net gives 7 and K the same logit, far above the rest: half each.
                    assertEquals(0.5, q, 1e-6, "the net's probabilities are the reading's");
                }
            }
        }
        assertTrue(read >= 8, "read " + read);
        assertTrue(plainRight >= 6, "the perceptron alone reads the plates: " + plainRight);
    }
}
