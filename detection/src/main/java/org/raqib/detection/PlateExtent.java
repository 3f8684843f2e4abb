package org.raqib.detection;

import java.util.List;

/**
 * Where a wide plate's edges lie, from the boxes of its Latin row alone: the plate's print is laid out to one
 * measure, so the characters' pitch gives the plate's width and height, and where its two groups stand gives
 * its ends. A find framed much looser or tighter than its plate (a bumper's bright band around a large one-digit
 * plate, or the letters' half of it) still reads, but its box is not the plate's: this is the plate's.
 * <p>
 * The measure is the training photos' wide plates' ({@link PlateMeasure}, to which {@code PlateRenderer} draws
 * them): digits and letters at one pitch, about {@link #PITCH} of the plate's width; the digit group centred in the
 * part left of the emblem panel and the letter group in the part right of it ({@link #DIGITS_AT},
 * {@link #LETTERS_AT}); the plate {@link #ASPECT} times as wide as it is tall, the Latin row's middle at
 * {@link #ROW_AT} of its height.
 */
final class PlateExtent {

    /** A wide plate's character pitch as a share of its width ({@link PlateMeasure#WIDE_PITCH}). */
    static final double PITCH = PlateMeasure.WIDE_PITCH;
    /**
     * Where a wide plate's digit group's middle stands, as a share of its width from its left edge: about the middle of
     * its digits part ({@link PlateMeasure#wideDigitsMiddle()}, 0.234).
     */
    static final double DIGITS_AT = 0.23;
    /**
     * Where a wide plate's letter group's middle stands, as a share of its width from its left edge: about the middle
     * of its letters part ({@link PlateMeasure#wideLettersMiddle()}, 0.801).
     */
    static final double LETTERS_AT = 0.80;
    /** Least distance, in pitches, between a wide plate's last digit and first letter (the middles of their boxes). */
    static final double WIDE_GAP = 3.2;
    /**
     * Least letter pitch of a wide plate, in its letters' heights: about 1.35 on a wide plate (a pitch of 0.089 of its
     * width, letters 0.31 of its height), 0.95 on a standard one (a pitch of 0.135 of its width, letters 0.29 of its
     * height, 2.05 times as wide as tall), as {@code PlateRenderer} draws them to the training photos' measure.
     */
    static final double WIDE_PITCH_HEIGHTS = 1.15;
    /** Width : height of a wide plate ({@link PlateMeasure#WIDE_ASPECT}). */
    static final double ASPECT = PlateMeasure.WIDE_ASPECT;
    /**
     * The Latin row's middle, as a share of the plate's height from its top: the measure's
     * ({@link PlateMeasure#latinRowMiddle()}, 0.7325), rounded as it was measured with.
     */
    static final double ROW_AT = 0.73;

    private PlateExtent() {
    }

    /**
     * The wide plate whose Latin row is cut as {@code boxes} (left to right, {@code digits} digits then three letters;
     * x0, y0, x1, y1 each) as {x0, y0, x1, y1} in the same coordinates; null where the boxes do not fit a plate's
     * row (another count, letters not evenly spaced, the groups not a wide plate's distance apart, or the letters not a
     * wide plate's pitch for their height).
     */
    static double[] wide(List<double[]> boxes, int digits) {
        // Evenly spaced letters after 1-4 digits, or the cut is not a plate's row.
        double pitch = rowPitch(boxes, digits);
        if (Double.isNaN(pitch)) {
            return null;
        }
        double l1 = centre(boxes.get(digits));
        double l2 = centre(boxes.get(digits + 1));
        // A wide plate's characters stand farther apart for their height than a standard plate's.
        if (pitch < WIDE_PITCH_HEIGHTS * letterHeight(boxes, digits)) {
            return null;
        }
        double digitsMid = (centre(boxes.get(0)) + centre(boxes.get(digits - 1))) / 2;
        // A wide plate's emblem panel stands between its groups (3.9-5.4 pitches from the last digit to the first
        // letter); a standard plate's groups stand 1-2.6 pitches apart.
        if (l1 - centre(boxes.get(digits - 1)) < WIDE_GAP * pitch) {
            return null;
        }
        double width = pitch / PITCH;
        // Each group gives the left edge; their mean halves either's error.
        double left = ((digitsMid - DIGITS_AT * width) + (l2 - LETTERS_AT * width)) / 2;
        double height = width / ASPECT;
        double rowMid = 0;
        for (int i = digits; i < boxes.size(); i++) {
            rowMid += (boxes.get(i)[1] + boxes.get(i)[3]) / 2;
        }
        rowMid /= 3;
        double top = rowMid - ROW_AT * height;
        return new double[] {left, top, left + width, top + height};
    }

    /**
     * A standard plate's letter pitch as a share of its width: the measure's ({@link PlateMeasure#standardPitch()},
     * 0.1187), rounded as it was measured with.
     */
    static final double STANDARD_PITCH = 0.119;
    /**
     * Where a standard plate's letter group's middle stands, as a share of its width from its left edge: the middle of
     * its letters part ({@link PlateMeasure#standardLettersMiddle()}).
     */
    static final double STANDARD_LETTERS_AT = 0.6725;
    /** A standard plate's Latin row's middle, as a share of its height from its top: as a wide plate's. */
    static final double STANDARD_ROW_AT = ROW_AT;
    /**
     * How far (a share of its width) a digit may stand outside a standard plate placed by its letters: on the training
     * photos the first digit's left edge stood 0.014-0.038 of the width left of it.
     */
    static final double DIGITS_SLACK = 0.06;

    /**
     * As {@link #wide}, for a standard plate: its letters evenly spaced and less than {@link #WIDE_PITCH_HEIGHTS} of
     * their height apart, its last digit one to {@link #WIDE_GAP} pitches before its first letter (a standard plate's
     * groups stand close, a wide plate's emblem panel between them); placed by the letters alone (a standard plate's
     * digits stand centred or to the right of their panel), and null where a digit falls outside the plate so placed (by
     * more than {@link #DIGITS_SLACK}).
     */
    static double[] standard(List<double[]> boxes, int digits) {
        double pitch = rowPitch(boxes, digits);
        if (Double.isNaN(pitch)) {
            return null;
        }
        double l1 = centre(boxes.get(digits));
        double l2 = centre(boxes.get(digits + 1));
        double gap = l1 - centre(boxes.get(digits - 1));
        if (gap < pitch || gap >= WIDE_GAP * pitch) {
            return null;
        }
        double rowMid = rowMiddle(boxes, digits);
        if (pitch >= WIDE_PITCH_HEIGHTS * letterHeight(boxes, digits)) {
            return null;
        }
        double width = pitch / STANDARD_PITCH;
        double left = l2 - STANDARD_LETTERS_AT * width;
        for (int i = 0; i < digits; i++) {
            if (boxes.get(i)[0] < left - DIGITS_SLACK * width || boxes.get(i)[2] > left + (1 + DIGITS_SLACK) * width) {
                return null;
            }
        }
        double height = width / PlateMeasure.STANDARD_ASPECT;
        double top = rowMid - STANDARD_ROW_AT * height;
        return new double[] {left, top, left + width, top + height};
    }

    /**
     * The wide plate whose letter group is cut as {@code letters} (its three letters' boxes, left to right; x0, y0, x1,
     * y1 each), placed by the letters alone: their pitch gives the plate's width and their middle its ends, as in
     * {@link #wide}; null where the boxes are not a wide plate's letters (not evenly spaced, or not a wide plate's
     * pitch for their height). For a framing that holds the letters but not the digits, such as the letters' half of
     * a one-digit plate and its emblem panel.
     */
    static double[] wideByLetters(List<double[]> letters) {
        if (letters.size() != 3) {
            return null;
        }
        double pitch = evenPitch(letters, 0);
        if (Double.isNaN(pitch)) {
            return null;
        }
        double l2 = centre(letters.get(1));
        double rowMid = rowMiddle(letters, 0);
        if (pitch < WIDE_PITCH_HEIGHTS * letterHeight(letters, 0)) {
            return null;
        }
        double width = pitch / PITCH;
        double left = l2 - LETTERS_AT * width;
        double height = width / ASPECT;
        double top = rowMid - ROW_AT * height;
        return new double[] {left, top, left + width, top + height};
    }

    /**
     * The letter pitch of a row cut as {@code boxes}, {@code digits} (1-4) digits then three letters ({@link #evenPitch});
     * NaN where the row has another count or its letters are not evenly spaced.
     */
    private static double rowPitch(List<double[]> boxes, int digits) {
        return digits < 1 || digits > 4 || boxes.size() != digits + 3 ? Double.NaN : evenPitch(boxes, digits);
    }

    /**
     * The pitch of the three letters' boxes from index {@code from} of {@code boxes} (half the distance from the first's
     * middle to the third's); NaN where they are not evenly spaced (the middle one more than a quarter pitch off).
     */
    private static double evenPitch(List<double[]> boxes, int from) {
        double l1 = centre(boxes.get(from));
        double l2 = centre(boxes.get(from + 1));
        double l3 = centre(boxes.get(from + 2));
        double pitch = (l3 - l1) / 2;
        return pitch > 0 && Math.abs((l2 - l1) - (l3 - l2)) <= 0.25 * pitch ? pitch : Double.NaN;
    }

    /**
     * The mean vertical middle of the three letters' boxes from index {@code from} of {@code boxes}. ({@link #wide} sums
     * its middles in another order, kept so that its boxes stay as they were to the last bit.)
     */
    private static double rowMiddle(List<double[]> boxes, int from) {
        double middle = 0;
        for (int i = from; i < from + 3; i++) {
            middle += (boxes.get(i)[1] + boxes.get(i)[3]) / 6;
        }
        return middle;
    }

    /** The mean height of the three letters' boxes from index {@code from} of {@code boxes}. */
    private static double letterHeight(List<double[]> boxes, int from) {
        double height = 0;
        for (int i = from; i < from + 3; i++) {
            height += (boxes.get(i)[3] - boxes.get(i)[1]) / 3;
        }
        return height;
    }

    private static double centre(double[] box) {
        return (box[0] + box[2]) / 2;
    }
}
