package org.raqib.models.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandLineTest {

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib test", "usage: raqib test [--port N]")
            .options("port", "rate", "seed", "duration", "out", "name")
            .flags("json", "keep-data")
            .repeatable("real");

    private static String message(Runnable r) {
        return assertThrows(UsageException.class, r::run).getMessage();
    }

    @Test
    void valuesFlagsAndBothSyntaxes() {
        CommandLine line = SPEC.positional().parse("--port", "9093", "--rate=4.5", "--json", "a.jpg", "--out", "dir",
                "b.jpg");

        assertEquals(9093, line.integer("port", 9092, 1, 65535));
        assertEquals(4.5, line.decimalAbove("rate", 2, 0, 100));
        assertTrue(line.flag("json"));
        assertFalse(line.flag("keep-data"));
        assertEquals(Path.of("dir"), line.path("out", null));
        assertEquals(List.of("a.jpg", "b.jpg"), line.positional());
        assertFalse(line.help());
    }

    @Test
    void absentOptionsGiveTheirDefaults() {
        CommandLine line = SPEC.parse();

        assertEquals(7, line.integer("port", 7));
        assertEquals(-3L, line.longValue("seed", -3L));
        assertEquals(0.25, line.decimal("rate", 0.25, 0, 1));
        assertNull(line.duration("duration", null));
        assertEquals("x", line.string("name", "x"));
        assertNull(line.path("out", null));
        assertEquals(List.of(), line.strings("real"));
        assertFalse(line.has("port"));
    }

    @Test
    void aValueMayLookLikeANegativeNumberOrBeGivenWithEquals() {
        CommandLine line = SPEC.parse("--seed", "-5", "--name=--odd", "--out=");

        assertEquals(-5L, line.longValue("seed", 1));
        assertEquals("--odd", line.string("name", null));
        assertEquals("", line.string("out", null));
    }

    @Test
    void repeatableOptionsKeepEveryValueInOrder() {
        CommandLine line = SPEC.parse("--real", "a.tsv", "--real=b.tsv");

        assertEquals(List.of("a.tsv", "b.tsv"), line.strings("real"));
    }

    @Test
    void helpInBothSpellingsWhateverElseIsGiven() {
        assertTrue(SPEC.parse("--help").help());
        assertTrue(SPEC.parse("-h").help());
        assertTrue(SPEC.parse("--port", "1", "--help").help());
        assertEquals("--help takes no value", message(() -> SPEC.parse("--help=yes")));
    }

    @Test
    void everythingAfterADoubleDashIsPositional() {
        CommandLine line = SPEC.positional().parse("--json", "--", "--port", "-h");

        assertEquals(List.of("--port", "-h"), line.positional());
        assertFalse(line.help());
    }

    @Test
    void mistakesInTheCommandLineAreUsageErrorsNamingTheOption() {
        assertEquals("unknown option --prot", message(() -> SPEC.parse("--prot", "1")));
        assertEquals("--port needs a value", message(() -> SPEC.parse("--port")));
        assertEquals("--port needs a value", message(() -> SPEC.parse("--port", "--json")));
        assertEquals("--port given twice", message(() -> SPEC.parse("--port", "1", "--port", "2")));
        assertEquals("--json takes no value", message(() -> SPEC.parse("--json=true")));
        assertEquals("unexpected argument 'stray'", message(() -> SPEC.parse("stray")));
    }

    @Test
    void valuesOfTheWrongTypeOrRangeAreUsageErrorsNamingTheOption() {
        assertEquals("--port: 'ninety' is not a whole number",
                message(() -> SPEC.parse("--port", "ninety").integer("port", 1, 1, 65535)));
        assertEquals("--port: 99999 is out of range 1..65535",
                message(() -> SPEC.parse("--port", "99999").integer("port", 1, 1, 65535)));
        assertEquals("--port: 3000000000 is out of range " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE,
                message(() -> SPEC.parse("--port", "3000000000").integer("port", 1)));
        assertEquals("--port: 0 is out of range (at least 1)",
                message(() -> SPEC.parse("--port", "0").integer("port", 1, 1, Integer.MAX_VALUE)));
        assertEquals("--rate: 'fast' is not a number", message(() -> SPEC.parse("--rate", "fast").decimal("rate", 1)));
        assertEquals("--rate: 'NaN' is not a finite number",
                message(() -> SPEC.parse("--rate", "NaN").decimal("rate", 1)));
        assertEquals("--rate: 'Infinity' is not a finite number",
                message(() -> SPEC.parse("--rate", "Infinity").decimal("rate", 1)));
        assertEquals("--rate: 0 is out of range (0.0, 200.0]",
                message(() -> SPEC.parse("--rate", "0").decimalAbove("rate", 1, 0, 200)));
        assertEquals("--rate: 'NaN' is not a finite number",
                message(() -> SPEC.parse("--rate", "NaN").decimal("rate", 1, 0, 1)));
        assertEquals("--name is required", message(() -> SPEC.parse().required("name")));
        assertEquals("--name is required", message(() -> SPEC.parse("--name", " ").required("name")));
    }

    @Test
    void durationsInEveryAcceptedFormAndZeroOnlyWhereAllowed() {
        assertEquals(Duration.ofSeconds(150), SPEC.parse("--duration", "150s").duration("duration", null));
        assertEquals(Duration.ofMinutes(2), SPEC.parse("--duration", "2m").duration("duration", null));
        assertEquals(Duration.ofSeconds(150), SPEC.parse("--duration", "150").duration("duration", null));
        assertEquals(Duration.ofHours(1), SPEC.parse("--duration", "1h").duration("duration", null));
        assertEquals(Duration.ofMillis(500), SPEC.parse("--duration", "500ms").duration("duration", null));
        assertEquals(Duration.ofSeconds(90), SPEC.parse("--duration", "1.5m").duration("duration", null));
        assertEquals(Duration.ofSeconds(90), SPEC.parse("--duration", "PT90S").duration("duration", null));
        assertEquals(Duration.ZERO, SPEC.parse("--duration", "0").durationOrZero("duration", null));
        assertEquals("--duration: '0' is not a positive duration",
                message(() -> SPEC.parse("--duration", "0").duration("duration", Duration.ZERO)));
        for (String bad : List.of("abc", "", "-5s", "10x", "2 minutes")) {
            String m = message(() -> SPEC.parse("--duration=" + bad).duration("duration", null));
            assertTrue(m.startsWith("--duration: ") && m.contains("150s"), m);
        }
    }

    @Test
    void readingAnUndeclaredOptionIsAProgrammingError() {
        CommandLine line = SPEC.parse();

        assertThrows(IllegalStateException.class, () -> line.flag("port"));
        assertThrows(IllegalStateException.class, () -> line.string("json", null));
        assertThrows(IllegalStateException.class, () -> line.strings("port"));
        assertThrows(IllegalStateException.class, () -> line.integer("missing", 1));
        assertThrows(IllegalArgumentException.class, () -> SPEC.flags("port"));
        assertThrows(IllegalArgumentException.class, () -> SPEC.options("--port"));
    }

    @Test
    void helpAndUsageErrorsPrintTheUsageAndGiveTheExitCodes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);

        assertEquals(0, SPEC.help(ps));
        assertEquals("usage: raqib test [--port N]" + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
        buf.reset();
        assertEquals(2, SPEC.usageError(ps, "unknown option --prot"));
        assertEquals(String.join(System.lineSeparator(), "raqib test: unknown option --prot",
                "usage: raqib test [--port N]", ""), buf.toString(StandardCharsets.UTF_8));
    }
}
