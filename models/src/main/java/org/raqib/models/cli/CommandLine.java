package org.raqib.models.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.raqib.models.time.DurationText;

/**
 * The parsed command line of one Raqib command: the one parser every {@code ./raqib} command uses.
 *
 * <p>A command declares what it accepts once, in a {@link Spec}, and reads typed values from the result:
 * <pre>
 * static final CommandLine.Spec SPEC = CommandLine.spec("raqib demo", USAGE)
 *         .options("duration", "port").flags("keep-data");
 *
 * CommandLine line;
 * try {
 *     line = SPEC.parse(args);
 *     if (line.help()) {
 *         return SPEC.help(out);                              // prints USAGE, returns 0
 *     }
 *     port = line.integer("port", 9092, 1, 65535);
 * } catch (UsageException e) {
 *     return SPEC.usageError(err, e.getMessage());           // "raqib demo: ..." + USAGE, returns 2
 * }
 * </pre>
 *
 * <p>Accepted syntax: {@code --name value}, {@code --name=value}, {@code --flag}; {@code --help} and
 * {@code -h} always; anything else that does not start with {@code --} is a positional argument, and
 * everything after a lone {@code --} is positional too. A value may not itself start with {@code --}
 * (so a forgotten value is reported, not swallowed), unless written {@code --name=--value}.
 *
 * <p>Nothing is ignored in silence: an undeclared option, a missing value, a value given twice, a value
 * on a flag, an undeclared positional argument, and a value that is not of its option's type or range
 * are {@link UsageException}s whose message names the option. Asking for an option the spec did not
 * declare is a programming error ({@link IllegalStateException}), so getters cannot drift from the spec.
 */
public final class CommandLine {

    private final Spec spec;
    private final boolean help;
    private final Map<String, List<String>> values;
    private final List<String> positional;

    private CommandLine(Spec spec, boolean help, Map<String, List<String>> values, List<String> positional) {
        this.spec = spec;
        this.help = help;
        this.values = values;
        this.positional = positional;
    }

    /**
     * Starts the declaration of a command.
     *
     * @param name how messages name the command, e.g. {@code "raqib demo"}
     * @param usage the help text printed for {@code --help} and after a usage error
     */
    public static Spec spec(String name, String usage) {
        return new Spec(name, usage, Set.of(), Set.of(), Set.of(), false);
    }

    /** True when {@code --help} or {@code -h} was given: the command prints its usage and does nothing else. */
    public boolean help() {
        return help;
    }

    /** True when the flag was given. */
    public boolean flag(String name) {
        spec.require(name, spec.flags, "flag");
        return values.containsKey(name);
    }

    /** True when the option (valued or repeatable) was given. */
    public boolean has(String name) {
        spec.requireValued(name);
        return values.containsKey(name);
    }

    /** The value of an option, or {@code dflt} (which may be null) when it was not given. */
    public String string(String name, String dflt) {
        spec.requireValued(name);
        List<String> v = values.get(name);
        return v == null ? dflt : v.get(0);
    }

    /** The value of an option that must be given and not be blank. */
    public String required(String name) {
        String v = string(name, null);
        if (v == null || v.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    /** Every value of a repeatable option, in order; empty when it was not given. */
    public List<String> strings(String name) {
        spec.require(name, spec.repeatable, "repeatable option");
        return values.getOrDefault(name, List.of());
    }

    /** A path option, or {@code dflt} (which may be null). */
    public Path path(String name, Path dflt) {
        String v = string(name, null);
        return v == null ? dflt : Path.of(v);
    }

    /** A whole-number option (any int). */
    public int integer(String name, int dflt) {
        return integer(name, dflt, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole-number option within [min, max]. */
    public int integer(String name, int dflt, int min, int max) {
        return (int) longValue(name, dflt, min, max);
    }

    /** A long option (any long). */
    public long longValue(String name, long dflt) {
        return longValue(name, dflt, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A long option within [min, max]. */
    public long longValue(String name, long dflt, long min, long max) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + ": " + n + " is out of range " + range(min, max));
        }
        return n;
    }

    /** A decimal option (any finite number). */
    public double decimal(String name, double dflt) {
        return decimal(name, dflt, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);
    }

    /** A decimal option within [min, max]. */
    public double decimal(String name, double dflt, double min, double max) {
        return decimal(name, dflt, min, false, max);
    }

    /** A decimal option within (exclusiveMin, max]: e.g. a rate that must be above zero. */
    public double decimalAbove(String name, double dflt, double exclusiveMin, double max) {
        return decimal(name, dflt, exclusiveMin, true, max);
    }

    private double decimal(String name, double dflt, double min, boolean minExclusive, double max) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new UsageException("--" + name + ": '" + v + "' is not a finite number");
        }
        if (!(minExclusive ? d > min : d >= min) || !(d <= max)) {
            throw new UsageException("--" + name + ": " + v + " is out of range " + (minExclusive ? "(" : "[") + min
                    + ", " + max + "]");
        }
        return d;
    }

    /** The range a whole number must be in, leaving out a bound that is only the type's own limit. */
    private static String range(long min, long max) {
        boolean noMin = min == Integer.MIN_VALUE || min == Long.MIN_VALUE;
        boolean noMax = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
        if (noMax && !noMin) {
            return "(at least " + min + ")";
        }
        if (noMin && !noMax) {
            return "(at most " + max + ")";
        }
        return min + ".." + max;
    }

    /**
     * A positive duration option in {@link DurationText}'s forms ({@code 150s}, {@code 2m}, {@code 500ms},
     * plain seconds, ISO-8601), or {@code dflt} (which may be null). Zero is refused: for a timeout or a
     * run time it is always a mistake.
     */
    public Duration duration(String name, Duration dflt) {
        Duration d = durationOrZero(name, dflt);
        if (has(name) && d.isZero()) {
            throw new UsageException("--" + name + ": '" + string(name, null) + "' is not a positive duration");
        }
        return d;
    }

    /** A duration option like {@link #duration} that may be zero; the option's own validation decides. */
    public Duration durationOrZero(String name, Duration dflt) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return DurationText.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    /** The positional arguments, in order (empty unless the spec {@link Spec#positional() allows them}). */
    public List<String> positional() {
        return positional;
    }

    /**
     * What a command accepts: its options with values, its flags, its repeatable options and whether it
     * takes positional arguments; also its name and help text, so that usage errors and {@code --help}
     * look the same in every command. Immutable: each method returns a new spec.
     */
    public static final class Spec {

        private final String name;
        private final String usage;
        private final Set<String> valued;
        private final Set<String> flags;
        private final Set<String> repeatable;
        private final boolean positional;

        private Spec(String name, String usage, Set<String> valued, Set<String> flags, Set<String> repeatable,
                     boolean positional) {
            this.name = Objects.requireNonNull(name, "name");
            this.usage = Objects.requireNonNull(usage, "usage");
            this.valued = valued;
            this.flags = flags;
            this.repeatable = repeatable;
            this.positional = positional;
        }

        /** Adds options that take one value each (given at most once), names without the dashes. */
        public Spec options(String... names) {
            return new Spec(name, usage, union(valued, names), flags, repeatable, positional);
        }

        /** Adds flags (options without a value), names without the dashes. */
        public Spec flags(String... names) {
            return new Spec(name, usage, valued, union(flags, names), repeatable, positional);
        }

        /** Adds options that take a value and may be given several times ({@link CommandLine#strings}). */
        public Spec repeatable(String... names) {
            return new Spec(name, usage, valued, flags, union(repeatable, names), positional);
        }

        /** Allows positional arguments (without it, one is a usage error). */
        public Spec positional() {
            return new Spec(name, usage, valued, flags, repeatable, true);
        }

        /** The help text. */
        public String usage() {
            return usage;
        }

        /**
         * Parses {@code args} (without the command's name).
         *
         * @throws UsageException for anything the spec does not accept
         */
        public CommandLine parse(String... args) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            List<String> rest = new ArrayList<>();
            boolean help = false;
            boolean optionsEnded = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (optionsEnded || !a.startsWith("--")) {
                    if (!optionsEnded && a.equals("-h")) {
                        help = true;
                    } else if (!positional) {
                        throw new UsageException("unexpected argument '" + a + "'");
                    } else {
                        rest.add(a);
                    }
                    continue;
                }
                if (a.equals("--")) {
                    optionsEnded = true;
                    continue;
                }
                String option = a.substring(2);
                String value = null;
                int eq = option.indexOf('=');
                if (eq >= 0) {
                    value = option.substring(eq + 1);
                    option = option.substring(0, eq);
                }
                if (option.equals("help") || flags.contains(option)) {
                    if (value != null) {
                        throw new UsageException("--" + option + " takes no value");
                    }
                    if (option.equals("help")) {
                        help = true;
                    } else {
                        values.put(option, List.of());
                    }
                } else if (valued.contains(option) || repeatable.contains(option)) {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException("--" + option + " needs a value");
                        }
                        value = args[++i];
                    }
                    List<String> list = values.computeIfAbsent(option, k -> new ArrayList<>());
                    if (!list.isEmpty() && !repeatable.contains(option)) {
                        throw new UsageException("--" + option + " given twice");
                    }
                    list.add(value);
                } else {
                    throw new UsageException("unknown option --" + option);
                }
            }
            values.replaceAll((k, v) -> List.copyOf(v));
            return new CommandLine(this, help, Collections.unmodifiableMap(values), List.copyOf(rest));
        }

        /** Prints the usage to {@code out} and returns 0, the exit code of {@code --help}. */
        public int help(PrintStream out) {
            out.println(usage);
            return 0;
        }

        /**
         * Prints {@code "<name>: <message>"} and the usage to {@code err} and returns 2, the exit code of a
         * command line that cannot be run.
         */
        public int usageError(PrintStream err, String message) {
            err.println(name + ": " + message);
            err.println(usage);
            return 2;
        }

        private void require(String option, Set<String> kind, String what) {
            if (!kind.contains(option)) {
                throw new IllegalStateException(name + " reads --" + option + " as a " + what
                        + " but does not declare it so");
            }
        }

        private void requireValued(String option) {
            if (!valued.contains(option) && !repeatable.contains(option)) {
                throw new IllegalStateException(name + " reads --" + option + " as an option with a value but does"
                        + " not declare it");
            }
        }

        private Set<String> union(Set<String> a, String... names) {
            Set<String> s = new HashSet<>(a);
            for (String n : names) {
                if (n.startsWith("-") || n.isBlank() || n.contains("=")) {
                    throw new IllegalArgumentException("option names are given without dashes: '" + n + "'");
                }
                if (n.equals("help") || valued.contains(n) || flags.contains(n) || repeatable.contains(n)) {
                    throw new IllegalArgumentException(name + ": --" + n + " is declared twice");
                }
                s.add(n);
            }
            return Set.copyOf(s);
        }
    }
}
