package org.raqib.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --name value}, {@code --name=value} and {@code --flag} options of one command. Anything
 * not declared is a {@link UsageException}, so a typo never runs with a default in silence.
 */
public final class OptionParser {


    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param args the command's arguments (without the command name)
     * @param valued options that take a value, without the dashes
     * @param flags options without a value, without the dashes
     * @throws UsageException for an unknown option or a missing value
     */
    public OptionParser(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.equals("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (values.containsKey(name)) {
                    throw new UsageException("--" + name + " given twice");
                }
                values.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
    }

    /** True when the flag was given. */
    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The value of an option, or {@code dflt}. */
    public String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    /** An integer option within [min, max]. */
    public int integer(String name, int dflt, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + ": " + n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    /** A long option. */
    public long longValue(String name, long dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a whole number");
        }
    }

    /** A decimal option within [min, max]; {@code minExclusive} excludes min itself. */
    public double decimal(String name, double dflt, double min, boolean minExclusive, double max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a number");
        }
        if (!(minExclusive ? d > min : d >= min) || !(d <= max)) {
            throw new UsageException("--" + name + ": " + v + " is out of range " + (minExclusive ? "(" : "[") + min
                    + ", " + max + "]");
        }
        return d;
    }

    /** A duration option ({@link #parseDuration}); {@code null} when absent and {@code dflt} is null. */
    public Duration duration(String name, Duration dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    /** Arguments that are not options, in order. */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /**
     * Parses {@code 150s}, {@code 2m}, {@code 1h}, {@code 500ms} or a plain number of seconds
     * ({@code 150}); the result must be positive.
     *
     * @throws IllegalArgumentException with a message that shows the accepted forms
     */
    public static Duration parseDuration(String text) {
        Duration d = org.raqib.models.time.DurationText.parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return d;
    }

}
