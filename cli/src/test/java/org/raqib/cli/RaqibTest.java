package org.raqib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RaqibTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Raqib.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("help"));
        for (String c : new String[] {"demo", "read", "eval", "train", "train-locator", "bench", "bench-enforcement", "broker", "help"}) {
            assertTrue(out().contains("  " + c + " "), c + " missing from:\n" + out());
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("dmeo"));
        assertTrue(err().contains("unknown command 'dmeo'") && err().contains("usage:"), err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertTrue(err().contains("no command") && err().contains("usage:"), err());
    }

    @Test
    void helpForACommandShowsItsOptions() {
        assertEquals(0, run("help", "demo"));
        assertTrue(out().contains("--duration"), out());
        assertEquals(2, run("help", "nothing"));
    }
}
