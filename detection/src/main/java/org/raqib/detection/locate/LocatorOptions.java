package org.raqib.detection.locate;

/**
 * Settings of {@link PlateLocator}.
 *
 * @param levels        pyramid levels searched, each halving the image (default 3: plates about
 *                      40-560 px wide; use 4 for frames larger than 1080p with very large plates)
 * @param maxCandidates most candidates returned, most plate-like first (default 12); each costs one
 *                      reader inference, so this bounds the time per image
 * @param cropMargin    margin added on each side of a rectified crop, as a fraction of its size
 *                      (default 0.06), so that a tight quadrilateral does not cut characters
 * @param halfSizeFrom  images at least this many pixels tall are searched from the half-size pyramid
 *                      level up, the full-size level left out, with bright regions also sought at half size
 *                      with half the neighbourhood (default {@link Integer#MAX_VALUE}: never). At 1080p
 *                      (1080) this takes about two thirds off candidate generation; on 120 generated 1080p
 *                      scenes it found 102 plates instead of 104 and read 34 exactly instead of 26
 *                      (BENCHMARKS.md, recognition bench)
 * @param focusFrom     images at least this many pixels tall have their full-size level searched only around
 *                      the text blocks found at half size (default {@link Integer#MAX_VALUE}: never; 1080 for
 *                      1080p frames, the recogniser's default: about half the candidate generation there, as many
 *                      generated plates found, see BENCHMARKS.md). Not for 598x598 photos: there the text blocks
 *                      cover most of the image and a training plate was lost
 */
public record LocatorOptions(int levels, int maxCandidates, double cropMargin, int halfSizeFrom, int focusFrom) {

    /** The defaults listed above. */
    public static LocatorOptions defaults() {
        return new LocatorOptions(3, 12, 0.06, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** A copy with {@code maxCandidates} changed. */
    public LocatorOptions withMaxCandidates(int v) {
        return new LocatorOptions(levels, v, cropMargin, halfSizeFrom, focusFrom);
    }

    /** A copy with {@code levels} changed. */
    public LocatorOptions withLevels(int v) {
        return new LocatorOptions(v, maxCandidates, cropMargin, halfSizeFrom, focusFrom);
    }

    /** A copy with {@code halfSizeFrom} changed. */
    public LocatorOptions withHalfSizeFrom(int v) {
        return new LocatorOptions(levels, maxCandidates, cropMargin, v, focusFrom);
    }

    /** A copy with {@code focusFrom} changed. */
    public LocatorOptions withFocusFrom(int v) {
        return new LocatorOptions(levels, maxCandidates, cropMargin, halfSizeFrom, v);
    }

    /** Fails fast with a clear message on impossible settings; returns this. */
    public LocatorOptions validate() {
        if (levels < 1 || levels > 6) {
            throw new IllegalArgumentException("levels must be 1..6, was " + levels);
        }
        if (maxCandidates < 1 || maxCandidates > 200) {
            throw new IllegalArgumentException("maxCandidates must be 1..200, was " + maxCandidates);
        }
        if (cropMargin < 0 || cropMargin > 0.5) {
            throw new IllegalArgumentException("cropMargin must be 0..0.5, was " + cropMargin);
        }
        if (halfSizeFrom < 1) {
            throw new IllegalArgumentException("halfSizeFrom must be at least 1, was " + halfSizeFrom);
        }
        if (focusFrom < 1) {
            throw new IllegalArgumentException("focusFrom must be at least 1, was " + focusFrom);
        }
        return this;
    }
}
