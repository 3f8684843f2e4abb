package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Rect;

/** Cuts of a wide crop for the reader's digit-count measures, drawn as boxes, not read from an image. */
final class WideCuts {
    /** The crop's width and height. */
    static final int W = 400;
    static final int H = 96;

    private WideCuts() {
    }

    /** Boxes 16 wide and 24 tall, digits centred at {@code digits}, letters at 240, 270 and 300 (pitch 30). */
    static List<Rect> cut(int... digits) {
        List<Rect> boxes = new ArrayList<>();
        for (int c : digits) {
            boxes.add(new Rect(c - 8, 50, 16, 24));
        }
        for (int c : new int[] {240, 270, 300}) {
            boxes.add(new Rect(c - 8, 50, 16, 24));
        }
        return boxes;
    }
}
