package org.raqib.ingest.simulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SimulatorOptionsTest {

    @Test
    void defaultsAreValid() {
        assertDoesNotThrow(() -> SimulatorOptions.defaults().validate());
    }

    @Test
    void badValuesNameTheOption() {
        SimulatorOptions d = SimulatorOptions.defaults();
        assertBad(d.withFramesPerSecond(0), "framesPerSecond");
        assertBad(d.withFramesPerSecond(Double.NaN), "framesPerSecond");
        assertBad(d.withOverLimitShare(1.5), "overLimitShare");
        assertBad(d.withWideShare(-0.1), "wideShare");
        assertBad(d.withDuration(Duration.ofSeconds(-1)), "duration");
        assertBad(d.withMaxFrames(-1), "maxFrames");
        assertBad(d.withSize(100, 720), "width");
        assertBad(d.withSize(1280, 5000), "height");
    }

    private static void assertBad(SimulatorOptions o, String option) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::validate);
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }
}
