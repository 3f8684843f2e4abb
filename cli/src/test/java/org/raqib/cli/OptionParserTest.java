package org.raqib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OptionParserTest {

    @Test
    void durationsInEveryAcceptedForm() {
        assertEquals(Duration.ofSeconds(150), OptionParser.parseDuration("150s"));
        assertEquals(Duration.ofMinutes(2), OptionParser.parseDuration("2m"));
        assertEquals(Duration.ofSeconds(150), OptionParser.parseDuration("150"));
        assertEquals(Duration.ofHours(1), OptionParser.parseDuration("1h"));
        assertEquals(Duration.ofMillis(500), OptionParser.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(90), OptionParser.parseDuration("1.5m"));
    }

    @Test
    void badDurationsSayWhatIsAccepted() {
        for (String bad : List.of("abc", "", "-5s", "10x", "0", "2 minutes")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OptionParser.parseDuration(bad), bad);
            assertTrue(e.getMessage().contains("150s") || e.getMessage().contains("positive"), e.getMessage());
        }
    }

    @Test
    void valuesFlagsAndBothSyntaxes() {
        OptionParser p = new OptionParser(new String[] {"--port", "9093", "--rate=4.5", "--help", "file.jpg"},
                Set.of("port", "rate"), Set.of("help"));

        assertEquals(9093, p.integer("port", 9092, 1, 65535));
        assertEquals(4.5, p.decimal("rate", 2, 0, true, 100));
        assertTrue(p.flag("help"));
        assertEquals(List.of("file.jpg"), p.positional());
        assertEquals("x", p.string("absent", "x"));
    }

    @Test
    void mistakesAreUsageErrors() {
        Set<String> valued = Set.of("port");
        assertThrows(UsageException.class, () -> new OptionParser(new String[] {"--prot", "1"}, valued, Set.of()));
        assertThrows(UsageException.class, () -> new OptionParser(new String[] {"--port"}, valued, Set.of()));
        assertThrows(UsageException.class, () -> new OptionParser(new String[] {"--port", "1", "--port", "2"}, valued,
                Set.of()));
        OptionParser p = new OptionParser(new String[] {"--port", "99999"}, valued, Set.of());
        UsageException e = assertThrows(UsageException.class, () -> p.integer("port", 1, 1, 65535));
        assertTrue(e.getMessage().contains("--port") && e.getMessage().contains("65535"), e.getMessage());
        OptionParser q = new OptionParser(new String[] {"--port", "ninety"}, valued, Set.of());
        assertThrows(UsageException.class, () -> q.integer("port", 1, 1, 65535));
    }
}
