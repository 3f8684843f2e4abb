package org.raqib.detection;

import java.util.List;

/**
 * What {@link PlateRecognizer} found in one image.
 *
 * @param plates      plates found, most confident first (empty when there is none)
 * @param imageWidth  width of the decoded image in pixels
 * @param imageHeight height of the decoded image in pixels
 * @param nanos       time spent on this image, decoding included
 */
public record Recognition(List<PlateResult> plates, int imageWidth, int imageHeight, long nanos) {

    /** Copies the list so the recognition is immutable. */
    public Recognition {
        plates = List.copyOf(plates);
    }
}
