package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

/**
 * Which of the two readers' texts a crop reports where both read as many digits: decided on what each makes of the
 * characters, not on the character reader's short-standard term, which weighs on both readings alike (no ../shared
 * needed: the committed models on plates these tests generate).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlateReaderShortPlateTest {

    /** The committed character reader with its calibration's short-standard weight set to {@code wShort}. */
    private static GlyphReader glyphsWithShortWeight(double wShort) {
        ObjectNode model = GlyphClassifier.resource().deepCopy();
        ((ObjectNode) model.path("calibration")).put("wShort", wShort);
        return GlyphReader.fromJson(model);
    }

    private static GlyphReader.Reading shortReading(double p) {
        double[] probs = {p, p, p, p, p};
        return new GlyphReader.Reading("16GRH", probs, 5 * Math.log(p), 0, '7', true, GlyphReader.MARGIN_CAP, true, null);
    }

    private static ReadResult network(String text, double confidence) {
        return new ReadResult(text, text, confidence, new double[text.length()], List.of(), PlateLayout.STANDARD, 1.0);
    }

    @Test
    void aShortStandardReadingSureOfItsCharactersIsNotHandedToALessSureNetworkReadingOfAsManyDigits() {
        // given a character reading of a standard crop with two digits, every character at 0.99 and no other cut
        // reading another text, under a calibration that weighs heavily against short standard readings
        GlyphReader.GlyphCalibration calibration = new GlyphReader.GlyphCalibration(0.44, 0, 0.32, -7.07, 0.57);
        GlyphReader.Reading g = shortReading(0.99);
        assertTrue(calibration.confidence(g) < 0.1, "its calibrated confidence " + calibration.confidence(g));
        assertTrue(calibration.confidenceGivenCount(g) > 0.9, "given its count " + calibration.confidenceGivenCount(g));
        // when the network reads other characters of two digits at 0.3, then at 0.99
        // then the character reading is kept against the first, not against the second
        assertFalse(PlateReader.prefersNetwork(network("91GRH", 0.3), g, true, calibration));
        assertTrue(PlateReader.prefersNetwork(network("91GRH", 0.999), g, true, calibration));
        // and where the counts differ, the network's own sureness decides, as before
        assertFalse(PlateReader.prefersNetwork(network("916GRH", 0.7), g, false, calibration));
        assertTrue(PlateReader.prefersNetwork(network("916GRH", 0.8), g, false, calibration));
    }

    @Test
    void aReadingOfAsManyCharactersCountsTheShortStandardTermOnNeitherSide() {
        // given a reading that is not short standard, its confidence given its count is its confidence
        GlyphReader.GlyphCalibration calibration = new GlyphReader.GlyphCalibration(0.44, 0, 0.32, -7.07, 0.57);
        double[] probs = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        GlyphReader.Reading g = new GlyphReader.Reading("1234ABD", probs, 7 * Math.log(0.9), 0, '7', true, 3.0, false, null);
        assertEquals(calibration.confidence(g), calibration.confidenceGivenCount(g));
    }

    @Test
    void theTextOfShortStandardPlatesDoesNotDependOnTheShortStandardWeight() {
        // given synthetic standard plates with one to three digits, lightly degraded, and two readers whose
        // calibrations differ only in the short-standard weight (the committed one: about -7)
        SyntheticPlates gen = new SyntheticPlates(8_675_309L);
        Random rnd = new Random(8_675_309L);
        List<SyntheticPlates.Sample> plates = new ArrayList<>();
        while (plates.size() < 60) {
            String text = SyntheticPlates.randomText(rnd);
            PlateSpec spec = SyntheticPlates.randomSpec(text, rnd);
            if (text.length() < 7 && spec.layout() == PlateLayout.STANDARD) {
                plates.add(gen.plate(spec, 0.1 + 0.3 * rnd.nextDouble()));
            }
        }
        int confidenceDiffers = 0;
        try (PlateReader mild = PlateReader.loadDefault(glyphsWithShortWeight(-2));
                PlateReader harsh = PlateReader.loadDefault(glyphsWithShortWeight(-12))) {
            for (SyntheticPlates.Sample s : plates) {
                // when each reads the crop
                ReadResult a = mild.read(s.image());
                ReadResult b = harsh.read(s.image());
                // then they report the same text
                assertEquals(a.text(), b.text(), "plate " + s.text());
                confidenceDiffers += a.confidence() != b.confidence() ? 1 : 0;
                s.image().release();
            }
        }
        // and the weight did weigh on some of the readings (else the plates never tested it)
        assertTrue(confidenceDiffers >= 5, "readings whose confidence the weight changed: " + confidenceDiffers);
    }
}
