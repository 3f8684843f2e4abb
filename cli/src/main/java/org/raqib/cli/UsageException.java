package org.raqib.cli;

/** A command line that cannot be run as given: the message says why; the command exits with 2. */
public final class UsageException extends RuntimeException {

    /** @param message what is wrong, e.g. "--duration: 'abc' is not a duration" */
    public UsageException(String message) {
        super(message);
    }
}
