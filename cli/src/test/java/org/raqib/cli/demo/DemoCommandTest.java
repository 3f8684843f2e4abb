package org.raqib.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoCommandTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DemoCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaults() {
        DemoOptions o = DemoCommand.parse(new String[0]);

        assertNull(o.duration(), "runs until Ctrl-C");
        assertEquals(9092, o.port());
        assertEquals(2.0, o.framesPerSecond());
        assertEquals(Duration.ofSeconds(2), o.checkpointInterval());
        assertEquals(2, o.parallelism());
        assertTrue(o.camerasFile().toString().endsWith("config/cameras.yaml"));
    }

    @Test
    void everyDurationForm() {
        assertEquals(Duration.ofSeconds(150), DemoCommand.parse(new String[] {"--duration", "150s"}).duration());
        assertEquals(Duration.ofMinutes(2), DemoCommand.parse(new String[] {"--duration", "2m"}).duration());
        assertEquals(Duration.ofSeconds(150), DemoCommand.parse(new String[] {"--duration=150"}).duration());
    }

    @Test
    void badDurationExitsTwoWithAClearMessage() {
        assertEquals(2, run("--duration", "abc"));
        assertTrue(err().contains("--duration: 'abc' is not a duration") && err().contains("usage: raqib demo"), err());
    }

    @Test
    void unknownFlagExitsTwo() {
        assertEquals(2, run("--durration", "5s"));
        assertTrue(err().contains("unknown option --durration"), err());
    }

    @Test
    void outOfRangeValuesExitTwo() {
        assertEquals(2, run("--port", "70000"));
        assertEquals(2, run("--rate", "0"));
        assertEquals(2, run("--over-limit", "2"));
        assertEquals(2, run("--duration"));
        assertEquals(2, run("stray"));
    }

    @Test
    void missingRegistryExitsOne() {
        assertEquals(1, run("--cameras", "no/such/cameras.yaml", "--duration", "1s"));
        assertTrue(err().contains("no/such/cameras.yaml"), err());
    }
}
