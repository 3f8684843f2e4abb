package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The card a retrain writes keeps saying what the network is for now. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModelCardTest {

    @Test
    void cardSaysTheNetworkIsTheSecondReader() {
        String card = ModelCard.render(TrainOptions.defaults(), new ReaderTrainer.Result(new byte[0], new byte[0], null,
                List.of("- a measurement line")));
        assertTrue(card.contains("**This network is the second reader.**"), card);
        assertTrue(card.contains("glyph-classifier.md"), card);
        assertTrue(card.contains("- a measurement line"), card);
    }
}
