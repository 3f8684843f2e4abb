package org.raqib.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.time.DurationText;

/**
 * The launcher's first option parser, kept only as a thin front for {@link CommandLine} (the one parser,
 * in {@code models}) until the commands that still use it (the gateway's, in {@code cli/ingest}) read a
 * {@link CommandLine} themselves; it then goes. Errors are this module's {@link UsageException}, as before.
 *
 * @deprecated use {@link CommandLine}
 */
@Deprecated
public final class OptionParser {

    private final CommandLine line;
    private final Set<String> declared = new HashSet<>();

    /**
     * @param args the command's arguments (without the command name)
     * @param valued options that take a value, without the dashes
     * @param flags options without a value, without the dashes ({@code help} included or not)
     * @throws UsageException for an unknown option or a missing value
     */
    public OptionParser(String[] args, Set<String> valued, Set<String> flags) {
        Set<String> plainFlags = new HashSet<>(flags);
        plainFlags.remove("help"); // CommandLine knows --help itself
        declared.addAll(valued);
        declared.addAll(plainFlags);
        CommandLine.Spec spec = CommandLine.spec("raqib", "").options(valued.toArray(String[]::new))
                .flags(plainFlags.toArray(String[]::new)).positional();
        line = usage(() -> spec.parse(args));
    }

    /** True when the flag was given. */
    public boolean flag(String name) {
        if (name.equals("help")) {
            return line.help();
        }
        return declared.contains(name) && line.flag(name);
    }

    /** The value of an option, or {@code dflt}. */
    public String string(String name, String dflt) {
        return declared.contains(name) ? line.string(name, dflt) : dflt;
    }

    /** An integer option within [min, max]. */
    public int integer(String name, int dflt, int min, int max) {
        return declared.contains(name) ? usage(() -> line.integer(name, dflt, min, max)) : dflt;
    }

    /** A long option. */
    public long longValue(String name, long dflt) {
        return declared.contains(name) ? usage(() -> line.longValue(name, dflt)) : dflt;
    }

    /** A decimal option within [min, max]; {@code minExclusive} excludes min itself. */
    public double decimal(String name, double dflt, double min, boolean minExclusive, double max) {
        if (!declared.contains(name)) {
            return dflt;
        }
        return usage(() -> minExclusive ? line.decimalAbove(name, dflt, min, max) : line.decimal(name, dflt, min, max));
    }

    /** A positive duration option; {@code null} when absent and {@code dflt} is null. */
    public Duration duration(String name, Duration dflt) {
        return declared.contains(name) ? usage(() -> line.duration(name, dflt)) : dflt;
    }

    /** Arguments that are not options, in order. */
    public List<String> positional() {
        return line.positional();
    }

    /**
     * Parses a positive duration in {@link DurationText}'s forms.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Duration parseDuration(String text) {
        Duration d = DurationText.parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return d;
    }

    private static <T> T usage(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (org.raqib.models.cli.UsageException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
