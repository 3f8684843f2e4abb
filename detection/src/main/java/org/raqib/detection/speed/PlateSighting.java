package org.raqib.detection.speed;

import java.util.Objects;

/**
 * One plate seen in one frame, as the tracker needs it.
 *
 * @param id caller's id of the sighting (e.g. the read id), handed back in tracks
 * @param timeMillis capture time of the frame, epoch milliseconds (camera clock, possibly jittered)
 * @param text plate text read
 * @param confidence probability the text is right, 0..1
 * @param centreX centre of the plate's box, pixel column
 * @param centreY centre of the plate's box, pixel row
 */
public record PlateSighting(String id, long timeMillis, String text, double confidence, double centreX, double centreY) {

    public PlateSighting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("sighting with a non-finite position");
        }
    }

    /** The sighting of a box {@code (x, y, width, height)}: its centre. */
    public static PlateSighting ofBox(String id, long timeMillis, String text, double confidence,
                                      double x, double y, double width, double height) {
        return new PlateSighting(id, timeMillis, text, confidence, x + width / 2.0, y + height / 2.0);
    }

    @Override
    public String toString() {
        // Plate text is personal data: keep it out of logs.
        return "PlateSighting[" + id + " at " + timeMillis + " (" + centreX + ", " + centreY + ")]";
    }
}
