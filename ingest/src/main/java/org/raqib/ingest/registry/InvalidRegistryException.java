package org.raqib.ingest.registry;

import java.util.List;

/** A camera registry file that cannot be used, with every problem found in it. */
public final class InvalidRegistryException extends RuntimeException {

    private final List<String> problems;

    /**
     * @param source the file (or other source) the registry came from
     * @param problems one line per problem, each naming the camera and field
     */
    public InvalidRegistryException(String source, List<String> problems) {
        super("invalid camera registry " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }
}
