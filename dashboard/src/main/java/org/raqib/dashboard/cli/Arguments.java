package org.raqib.dashboard.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value}, {@code --name=value} and {@code --flag} options of the dashboard's commands.
 * (The cli module's parser cannot be used here: cli depends on this module.) Unknown options,
 * positional arguments and missing values are errors, never ignored.
 */
final class Arguments {

    private final Map<String, String> values = new HashMap<>();

    Arguments(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (values.put(name, value) != null) {
                    throw new IllegalArgumentException("--" + name + " given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    int integer(String name, int dflt) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }
}
