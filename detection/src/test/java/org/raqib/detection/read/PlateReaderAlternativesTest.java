package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raqib.detection.Alternative;
import org.raqib.models.PlateLayout;

/** The alternatives the reader offers beside a character reading (no models needed). */
class PlateReaderAlternativesTest {

    private static ReadResult network(String text, double confidence) {
        return new ReadResult(text, text, confidence, new double[text.length()], List.of(), PlateLayout.STANDARD, 1.0);
    }

    private static GlyphReader.Reading reading(String text, double weakP, double margin, String otherText) {
        double[] probs = new double[text.length()];
        java.util.Arrays.fill(probs, 0.99);
        probs[1] = weakP;
        return new GlyphReader.Reading(text, probs, -1, 1, '9', true, margin, false, null, otherText);
    }

    @Test
    void theBestCutReadingAnotherTextIsOfferedAsMuchLessLikelyAsItScoredLower() {
        // given a reading of three digits at 0.5 whose weakest character (0.8) has a runner-up 9, and whose best other
        // cut, 2 log-odds below it, read four digits
        GlyphReader.Reading g = reading("821KSD", 0.8, 2, "4821KSD");
        // when its alternatives are made, the network agreeing
        List<Alternative> alts = PlateReader.alternatives(g, 0.5, network("821KSD", 0.6), false);
        // then the other cut's text at 0.5 * e^-2 and the runner-up at 0.5 * (1 - 0.8) / 0.8, the surer first
        assertEquals(List.of(new Alternative("891KSD", (1 - 0.8) * 0.5 / 0.8), new Alternative("4821KSD", 0.5 * Math.exp(-2))),
                alts);
    }

    @Test
    void eachTextIsOfferedOnceAndOnlyAValidOtherText() {
        // given readings whose other cut read the network's text, the runner-up's, the reading's own, or no plate text
        ReadResult net = network("4821KSD", 0.3);
        List<String> withNetwork = PlateReader.alternatives(reading("821KSD", 0.8, 1, "4821KSD"), 0.5, net, true).stream()
                .map(Alternative::text).toList();
        List<String> withRunnerUp = PlateReader.alternatives(reading("821KSD", 0.8, 1, "891KSD"), 0.5, net, false).stream()
                .map(Alternative::text).toList();
        List<String> itself = PlateReader.alternatives(reading("821KSD", 0.8, 1, "821KSD"), 0.5, net, false).stream()
                .map(Alternative::text).toList();
        List<String> noPlate = PlateReader.alternatives(reading("821KSD", 0.8, 1, "82KS"), 0.5, net, false).stream()
                .map(Alternative::text).toList();
        List<String> none = PlateReader.alternatives(reading("821KSD", 0.8, 1, ""), 0.5, net, false).stream()
                .map(Alternative::text).toList();
        // then each text once, never the reading's, never an invalid one
        assertEquals(List.of("4821KSD", "891KSD"), withNetwork);
        assertEquals(List.of("891KSD"), withRunnerUp);
        assertEquals(List.of("891KSD"), itself);
        assertEquals(List.of("891KSD"), noPlate);
        assertEquals(List.of("891KSD"), none);
    }

    @Test
    void noAlternativeClaimsMoreThanIsLeftOver() {
        // given a reading at 0.9 with a very unsure weakest character and another cut scoring level with it
        GlyphReader.Reading g = reading("4821KSD", 0.05, 0, "4621KSD");
        // when its alternatives are made
        List<Alternative> alts = PlateReader.alternatives(g, 0.9, network("4821KSD", 0.9), false);
        // then each is held to 1 - 0.9
        assertEquals(2, alts.size());
        for (Alternative a : alts) {
            assertEquals(0.1, a.confidence(), 1e-12, a.toString());
        }
    }
}
