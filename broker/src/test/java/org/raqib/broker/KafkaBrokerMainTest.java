package org.raqib.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class KafkaBrokerMainTest {

    @Test
    void defaultsAreTheDemoBroker() {
        KafkaBrokerMain.Parsed parsed = KafkaBrokerMain.parse(new String[0]);
        assertEquals(9092, parsed.options().port());
        assertEquals(Path.of("work", "kafka"), parsed.options().dataDir());
        assertEquals(2, parsed.options().defaultPartitions());
    }

    @Test
    void optionsAreParsed() {
        KafkaBrokerMain.Parsed parsed = KafkaBrokerMain.parse(new String[] {"--port", "0", "--partitions", "3",
                "--temp-data", "--start-timeout", "2m", "--exit-on-stdin-eof"});
        assertEquals(0, parsed.options().port());
        assertNull(parsed.options().dataDir());
        assertEquals(3, parsed.options().defaultPartitions());
        assertEquals(Duration.ofMinutes(2), parsed.options().startTimeout());
        assertTrue(parsed.exitOnStdinEof());
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() {
        assertBad(new String[] {"--port", "abc"}, "error: --port: 'abc' is not a whole number");
        assertBad(new String[] {"--port", "70000"}, "port must be 0..65535");
        assertBad(new String[] {"--partitions", "0"}, "partitions must be 1..1000");
        assertBad(new String[] {"--frobnicate"}, "unknown option --frobnicate");
        assertBad(new String[] {"--data-dir"}, "--data-dir needs a value");
        assertBad(new String[] {"--start-timeout", "soon"}, "--start-timeout: 'soon' is not a duration");
        assertEquals(Duration.ofSeconds(90),
                KafkaBrokerMain.parse(new String[] {"--start-timeout", "PT90S"}).options().startTimeout());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = KafkaBrokerMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, new ByteArrayInputStream(new byte[0]));
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--data-dir"));
    }

    private static void assertBad(String[] args, String expected) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KafkaBrokerMain.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]));
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(expected), message);
    }
}
