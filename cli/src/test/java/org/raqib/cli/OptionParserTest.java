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

/**
 * The old parser is a front for models' CommandLine (whose own test covers the parsing): what the front
 * adds is this module's UsageException, {@code help} as a declared flag, and defaults for undeclared names.
 */
@SuppressWarnings("deprecation")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OptionParserTest {

    @Test
    void valuesFlagsHelpAndPositional() {
        OptionParser p = new OptionParser(new String[] {"--port", "9093", "--rate=4.5", "--help", "--wait", "2m",
                "file.jpg"}, Set.of("port", "rate", "wait"), Set.of("help"));

        assertEquals(9093, p.integer("port", 9092, 1, 65535));
        assertEquals(4.5, p.decimal("rate", 2, 0, true, 100));
        assertEquals(Duration.ofMinutes(2), p.duration("wait", null));
        assertTrue(p.flag("help"));
        assertEquals(List.of("file.jpg"), p.positional());
        assertEquals("x", p.string("absent", "x"));
        assertEquals(Duration.ofSeconds(150), OptionParser.parseDuration("150s"));
    }

    @Test
    void mistakesAreThisModulesUsageErrors() {
        Set<String> valued = Set.of("port", "rate");
        assertThrows(UsageException.class, () -> new OptionParser(new String[] {"--prot", "1"}, valued, Set.of()));
        assertThrows(UsageException.class, () -> new OptionParser(new String[] {"--port"}, valued, Set.of()));
        OptionParser p = new OptionParser(new String[] {"--port", "99999", "--rate", "0"}, valued, Set.of());
        UsageException e = assertThrows(UsageException.class, () -> p.integer("port", 1, 1, 65535));
        assertEquals("--port: 99999 is out of range 1..65535", e.getMessage());
        assertThrows(UsageException.class, () -> p.decimal("rate", 1, 0, true, 10));
        assertThrows(IllegalArgumentException.class, () -> OptionParser.parseDuration("0"));
    }
}
