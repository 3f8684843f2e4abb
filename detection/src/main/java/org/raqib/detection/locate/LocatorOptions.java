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
 */
public record LocatorOptions(int levels, int maxCandidates, double cropMargin) {

    /** The defaults listed above. */
    public static LocatorOptions defaults() {
        return new LocatorOptions(3, 12, 0.06);
    }

    /** A copy with {@code maxCandidates} changed. */
    public LocatorOptions withMaxCandidates(int v) {
        return new LocatorOptions(levels, v, cropMargin);
    }

    /** A copy with {@code levels} changed. */
    public LocatorOptions withLevels(int v) {
        return new LocatorOptions(v, maxCandidates, cropMargin);
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
        return this;
    }
}
