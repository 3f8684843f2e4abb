package org.raqib.models.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DurationTextTest {

    @Test
    void everyAcceptedForm() {
        assertEquals(Duration.ofSeconds(150), DurationText.parse("150s"));
        assertEquals(Duration.ofSeconds(150), DurationText.parse(" 150 "));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("2M"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("1.5m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("PT90S"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("pt90s"));
        assertEquals(Duration.ZERO, DurationText.parse("0s"), "zero is for each option to judge");
    }

    @Test
    void badOnesNameTheAcceptedForms() {
        for (String bad : Arrays.asList("abc", "", null, "-5s", "10x", "2 minutes", "PT-5S", "P")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad),
                    String.valueOf(bad));
            assertTrue(e.getMessage().contains(DurationText.FORMS), e.getMessage());
        }
    }
}
