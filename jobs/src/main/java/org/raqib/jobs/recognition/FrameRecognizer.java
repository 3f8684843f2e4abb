package org.raqib.jobs.recognition;

import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.Recognition;

/**
 * Reads the plates in one encoded frame. The job's view of {@link PlateRecognizer}: one instance per
 * task, not shared between threads.
 */
public interface FrameRecognizer extends AutoCloseable {

    /**
     * Recognises the plates in {@code encodedImage}.
     *
     * @throws org.raqib.detection.UnreadableImageException when the bytes are not a decodable image
     */
    Recognition recognize(byte[] encodedImage);

    /** Releases models and native memory. */
    @Override
    void close();

    /** Detection's recogniser behind this interface. */
    static FrameRecognizer of(PlateRecognizer recognizer) {
        return new FrameRecognizer() {
            @Override
            public Recognition recognize(byte[] encodedImage) {
                return recognizer.recognize(encodedImage);
            }

            @Override
            public void close() {
                recognizer.close();
            }
        };
    }
}
