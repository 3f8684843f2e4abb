package org.raqib.detection.locate;

import org.opencv.core.Rect;

/** Overlap arithmetic on axis-aligned rectangles, shared by non-max suppression and evaluation. */
public final class Boxes {

    private Boxes() {
    }

    /** Intersection over union; 0 when either rectangle is empty. */
    public static double iou(Rect a, Rect b) {
        return iou(a.x, a.y, a.width, a.height, b.x, b.y, b.width, b.height);
    }

    /** Intersection over union of two {@code x, y, width, height} rectangles. */
    public static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
        double ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
        double iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
        double inter = ix * iy;
        double union = aw * ah + bw * bh - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Fraction of {@code a}'s area that lies inside {@code b}. */
    public static double coverage(Rect a, Rect b) {
        double ix = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
        double iy = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
        double area = (double) a.width * a.height;
        return area <= 0 ? 0 : ix * iy / area;
    }
}
