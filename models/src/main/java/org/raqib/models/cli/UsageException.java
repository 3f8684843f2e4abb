package org.raqib.models.cli;

/**
 * A command line that cannot be run as given. The message says what is wrong and names the option
 * (e.g. {@code --port: 'ninety' is not a whole number}); commands print it with their usage and exit
 * with 2 ({@link CommandLine.Spec#usageError}). It is an {@link IllegalArgumentException}, so a command
 * that turns its options record's {@code validate()} failures into exit code 2 catches both in one place.
 */
public final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the option or argument */
    public UsageException(String message) {
        super(message);
    }
}
