package org.raqib.models.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way every Raqib command line and options record writes a duration: {@code 150s}, {@code 2m},
 * {@code 1.5h}, {@code 500ms}, a plain number of seconds ({@code 150}), or ISO-8601 ({@code PT90S}).
 * Durations are never negative; whether zero makes sense is for each option's own validation.
 */
public final class DurationText {

    /** The accepted forms, for error messages. */
    public static final String FORMS = "e.g. 150s, 2m, 1h, 500ms, 150 (seconds) or PT90S";

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private DurationText() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the accepted forms, for a malformed or negative duration
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Duration d;
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (" + FORMS + ")");
            }
        } else {
            Matcher m = SIMPLE.matcher(t.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (" + FORMS + ")");
            }
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1000;
            };
            d = Duration.ofMillis(Math.round(millis));
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is a negative duration (" + FORMS + ")");
        }
        return d;
    }
}
