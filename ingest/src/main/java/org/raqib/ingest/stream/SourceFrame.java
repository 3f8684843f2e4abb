package org.raqib.ingest.stream;

import java.io.IOException;

/**
 * A frame as read from a source, before sampling decided whether to publish it: encoding is deferred so
 * that skipped frames cost nothing. Valid until the source's next {@code next()} call.
 */
interface SourceFrame {

    /** The frame's time on the stream's own clock, in microseconds (drives sampling). */
    long streamMicros();

    /** The frame as JPEG, encoding it at {@code quality} if it is not JPEG already. */
    EncodedFrame jpeg(float quality) throws IOException;
}
