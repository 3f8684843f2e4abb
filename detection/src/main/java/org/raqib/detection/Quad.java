package org.raqib.detection;

import java.util.Arrays;

/**
 * A plate's quadrilateral in image pixels: four corners, clockwise from the top-left.
 *
 * @param xs x of the corners (length 4)
 * @param ys y of the corners (length 4)
 */
public record Quad(double[] xs, double[] ys) {

    /** Checks that there are exactly four corners and copies the arrays so the quad stays immutable. */
    public Quad {
        if (xs == null || ys == null || xs.length != 4 || ys.length != 4) {
            throw new IllegalArgumentException("a quad has exactly 4 corners");
        }
        xs = xs.clone();
        ys = ys.clone();
    }

    @Override
    public double[] xs() {
        return xs.clone();
    }

    @Override
    public double[] ys() {
        return ys.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quad q && Arrays.equals(xs, q.xs) && Arrays.equals(ys, q.ys);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
    }

    @Override
    public String toString() {
        return "Quad" + Arrays.toString(xs) + Arrays.toString(ys);
    }
}
