package org.raqib.detection.read;

import java.util.List;

/**
 * Where a reading's Latin characters stand in the crop it was read from: one box per character, left to right, each as
 * {x0, y0, x1, y1} in shares of the crop's width and height, so that they hold for any scale of the same framing.
 *
 * @param boxes  the reading's boxes, as shares of the crop
 * @param taller 0 where they are in the framing's own crop; else the crop was cut this much of its height taller at the
 *               bottom ({@link GlyphReader#read(org.opencv.core.Mat, GlyphReader.Recrop)})
 */
public record RowBoxes(List<double[]> boxes, double taller) {

    /** Copies the boxes, so that a row does not change when they do. */
    public RowBoxes {
        boxes = boxes.stream().map(double[]::clone).toList();
    }
}
