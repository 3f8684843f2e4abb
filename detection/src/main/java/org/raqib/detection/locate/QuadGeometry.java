package org.raqib.detection.locate;

import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;

/** Corner ordering and bounds of plate quadrilaterals. */
final class QuadGeometry {

    private QuadGeometry() {
    }

    /** Orders four corners clockwise starting at the top-left (image y grows downwards). */
    static Point[] orderClockwise(Point[] p) {
        double cx = 0;
        double cy = 0;
        for (Point q : p) {
            cx += q.x / 4;
            cy += q.y / 4;
        }
        Point[] sorted = p.clone();
        final double fx = cx;
        final double fy = cy;
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingDouble(q -> Math.atan2(q.y - fy, q.x - fx)));
        // atan2 order starting at -pi is: top-left, top-right, bottom-right, bottom-left for a near-level quad.
        int start = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            double s = sorted[i].x + sorted[i].y;
            if (s < best) {
                best = s;
                start = i;
            }
        }
        Point[] out = new Point[4];
        for (int i = 0; i < 4; i++) {
            out[i] = sorted[(start + i) % 4];
        }
        return out;
    }

    /** Axis-aligned bounds of the corners, clipped to the image. */
    static Rect bounds(Point[] corners, Size image) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Point c : corners) {
            x0 = Math.min(x0, c.x);
            y0 = Math.min(y0, c.y);
            x1 = Math.max(x1, c.x);
            y1 = Math.max(y1, c.y);
        }
        int ix0 = (int) Math.max(0, Math.floor(x0));
        int iy0 = (int) Math.max(0, Math.floor(y0));
        int ix1 = (int) Math.min(image.width, Math.ceil(x1));
        int iy1 = (int) Math.min(image.height, Math.ceil(y1));
        return new Rect(ix0, iy0, Math.max(0, ix1 - ix0), Math.max(0, iy1 - iy0));
    }

    /** {@code r} clipped to the image. */
    static Rect clip(Rect r, Size image) {
        int x0 = Math.max(0, r.x);
        int y0 = Math.max(0, r.y);
        int x1 = (int) Math.min(image.width, r.x + r.width);
        int y1 = (int) Math.min(image.height, r.y + r.height);
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
