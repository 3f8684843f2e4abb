package org.raqib.ingest.stream;

import java.io.IOException;

/**
 * A camera's frames, read one at a time by the camera's puller thread. Implementations are used by one
 * thread, except {@link #abort()}.
 */
interface FrameSource extends AutoCloseable {

    /** Connects or opens the file. */
    void open() throws IOException;

    /**
     * The next frame, blocking until it arrives (at most the read timeout for live sources).
     *
     * @return the frame, or {@code null} at the end of a recorded source or when a live stream ended
     * @throws BadFrameException for one unusable frame (the source can go on)
     * @throws IOException when the source failed and must be reopened
     */
    SourceFrame next() throws IOException;

    /** Unblocks a pending {@link #next()} from another thread, where the source can; default: nothing. */
    default void abort() {
    }

    /** Releases the connection or file; never throws. */
    @Override
    void close();
}
