package org.raqib.detection;

/**
 * An axis-aligned rectangle in image pixels.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width in pixels
 * @param height height in pixels
 */
public record Box(int x, int y, int width, int height) {

    /** Intersection over union with {@code other}; 0 when both are empty. */
    public double iou(Box other) {
        double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        double inter = ix * iy;
        double union = (double) width * height + (double) other.width * other.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
