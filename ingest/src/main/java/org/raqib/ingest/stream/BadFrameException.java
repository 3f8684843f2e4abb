package org.raqib.ingest.stream;

import java.io.IOException;

/**
 * One frame of a source could not be used (corrupt, truncated, not an image); the source itself is still
 * readable, so the puller counts the error and goes on with the next frame.
 */
final class BadFrameException extends IOException {

    private static final long serialVersionUID = 1L;

    BadFrameException(String message) {
        super(message);
    }

    BadFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
