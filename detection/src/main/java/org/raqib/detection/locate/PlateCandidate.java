package org.raqib.detection.locate;

import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;

/**
 * A region of a photo that may hold a plate: its quadrilateral in image pixels (four corners,
 * clockwise from top-left), the axis-aligned bounds of that quadrilateral, and a cheap
 * plate-likeness score used only to order and bound the candidates before they are read.
 *
 * <p>The rectified crop is made on demand by {@link PlateLocator#rectify} so that candidates that
 * are dropped never pay for a warp.
 */
public record PlateCandidate(Point[] corners, Rect bounds, double score, double aspect) {

    /** Intersection over union of the candidate's bounds with another rectangle. */
    public double iou(Rect other) {
        return Boxes.iou(bounds, other);
    }
}
