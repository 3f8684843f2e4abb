package org.raqib.detection;

/**
 * The print layout of a Saudi plate as the development photos measure it: the synthetic renderer draws its plates to
 * it ({@code PlateRenderer}) and the recogniser places a plate about its Latin row by it ({@link PlateExtent}). The
 * wide plate's pitch and both aspects are these constants in both; {@code PlateExtent}'s own group middles (rounded, as it was
 * measured with them) are held to {@link #wideDigitsMiddle()}, {@link #wideLettersMiddle()},
 * {@link #standardLettersMiddle()}, {@link #standardPitch()} and {@link #latinRowMiddle()} by its test. Shares of
 * the plate's width unless said otherwise.
 */
public final class PlateMeasure {

    /** Width : height of a standard plate (measured on real photos: 1.9-2.2). */
    public static final double STANDARD_ASPECT = 2.05;
    /** Width : height of a wide plate (measured on real photos: 4.2-5.0). */
    public static final double WIDE_ASPECT = 4.7;
    /** A wide plate's digit and letter pitch (training photos: 0.086-0.098). */
    public static final double WIDE_PITCH = 0.089;
    /**
     * Where a wide plate's middle emblem panel starts and ends: 0.15 wide, so that the letter pitch is 0.59 of the
     * panel's width, as the reader's panel finder measures it on the training photos (0.58-0.64,
     * {@code GlyphReader.PITCH_PER_PANEL}), and the letters' centres fall at 0.71/0.80/0.88 of the width (photos:
     * 0.71/0.80/0.89). At 0.475-0.595 the reader measured 0.72-0.76 on generated scenes, and its guard against a
     * plate framed without its first digit ({@code GlyphReader.digitsCutOff}) took them for no wide plate.
     */
    public static final double WIDE_PANEL_FROM = 0.46;
    /** Where a wide plate's middle emblem panel ends (see {@link #WIDE_PANEL_FROM}). */
    public static final double WIDE_PANEL_TO = 0.61;
    /** The dark rim about a plate's white body, as a share of the plate's height. */
    public static final double RIM = 0.035;
    /** Where a standard plate's digits part ends and its letters part starts (the divider between them). */
    public static final double STANDARD_SPLIT = 0.47;
    /** Where a standard plate's KSA strip starts, its letters part ending there. */
    public static final double STANDARD_STRIP_FROM = 0.875;
    /** The margin inside each of a standard plate's parts, as a share of the plate's height. */
    public static final double STANDARD_PAD = 0.05;

    private PlateMeasure() {
    }

    /** Where the middle of a wide plate's digits part (from its left rim to the emblem panel) stands. */
    public static double wideDigitsMiddle() {
        return (RIM / WIDE_ASPECT + WIDE_PANEL_FROM) / 2;
    }

    /** Where the middle of a wide plate's letters part (from the emblem panel to its right rim) stands. */
    public static double wideLettersMiddle() {
        return (WIDE_PANEL_TO + 1 - RIM / WIDE_ASPECT) / 2;
    }

    /**
     * Where the middle of the Latin (bottom) row's part stands, as a share of the plate's height from its top, in both
     * layouts: the part runs from the divider between the rows, at half the height, to the rim (its margins alike at
     * both ends).
     */
    public static double latinRowMiddle() {
        return (0.5 + 1 - RIM) / 2;
    }

    /** Where the middle of a standard plate's letters part (from the divider to the KSA strip) stands. */
    public static double standardLettersMiddle() {
        return (STANDARD_SPLIT + STANDARD_STRIP_FROM) / 2;
    }

    /** A standard plate's letter pitch: its three letters share the letters part within its margins. */
    public static double standardPitch() {
        return (STANDARD_STRIP_FROM - STANDARD_SPLIT - 2 * STANDARD_PAD / STANDARD_ASPECT) / 3;
    }
}
