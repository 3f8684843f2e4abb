package org.raqib.detection;

/**
 * Settings of {@link PlateRecognizer}. Start from {@link #defaults()} and change keys with the
 * {@code with...} methods; {@link #validate()} runs when a recogniser is built.
 *
 * @param minPlateScore  candidates whose reader plate score (0..1, how much the crop looks like a plate
 *                       at all) is below this are not plates (default 0.5)
 * @param maxPlates      most plates reported per image (default 4)
 * @param maxCandidates  most candidate regions read per image (default 5); each costs one reader
 *                       inference (about 1 ms), so this bounds the time per image; on the development
 *                       photos the localiser's top 5 held the plate as often as its top 12
 * @param pyramidLevels  image pyramid levels the localiser searches (default 3: plates about
 *                       40-560 px wide; 4 for frames where plates can be wider)
 * @param overlapIou     two plates overlapping more than this (intersection over union of their
 *                       boxes) are one plate; the more plate-like is kept (default 0.3)
 */
public record RecognizerOptions(double minPlateScore, int maxPlates, int maxCandidates, int pyramidLevels,
        double overlapIou) {

    /** The defaults listed above. */
    public static RecognizerOptions defaults() {
        return new RecognizerOptions(0.5, 4, 5, 3, 0.3);
    }

    /** A copy with {@code minPlateScore} changed. */
    public RecognizerOptions withMinPlateScore(double v) {
        return new RecognizerOptions(v, maxPlates, maxCandidates, pyramidLevels, overlapIou);
    }

    /** A copy with {@code maxPlates} changed. */
    public RecognizerOptions withMaxPlates(int v) {
        return new RecognizerOptions(minPlateScore, v, maxCandidates, pyramidLevels, overlapIou);
    }

    /** A copy with {@code maxCandidates} changed. */
    public RecognizerOptions withMaxCandidates(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, v, pyramidLevels, overlapIou);
    }

    /** A copy with {@code pyramidLevels} changed. */
    public RecognizerOptions withPyramidLevels(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, v, overlapIou);
    }

    /** A copy with {@code overlapIou} changed. */
    public RecognizerOptions withOverlapIou(double v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, v);
    }

    /** Fails fast with a message naming the bad key; returns this. */
    public RecognizerOptions validate() {
        if (!(minPlateScore >= 0 && minPlateScore <= 1)) {
            throw new IllegalArgumentException("minPlateScore must be in 0..1, was " + minPlateScore);
        }
        if (maxPlates < 1 || maxPlates > 100) {
            throw new IllegalArgumentException("maxPlates must be 1..100, was " + maxPlates);
        }
        if (maxCandidates < 1 || maxCandidates > 200) {
            throw new IllegalArgumentException("maxCandidates must be 1..200, was " + maxCandidates);
        }
        if (pyramidLevels < 1 || pyramidLevels > 6) {
            throw new IllegalArgumentException("pyramidLevels must be 1..6, was " + pyramidLevels);
        }
        if (!(overlapIou > 0 && overlapIou <= 1)) {
            throw new IllegalArgumentException("overlapIou must be in (0, 1], was " + overlapIou);
        }
        return this;
    }
}
