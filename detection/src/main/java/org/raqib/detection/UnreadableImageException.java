package org.raqib.detection;

/** The bytes given to {@link PlateRecognizer#recognize(byte[])} are not an image OpenCV can decode. */
public class UnreadableImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what was wrong with the input. */
    public UnreadableImageException(String message) {
        super(message);
    }
}
