package org.raqib.detection;

import java.io.Serializable;

/**
 * Settings of {@link PlateRecognizer}. Start from {@link #defaults()} and change keys with the
 * {@code with...} methods; {@link #validate()} runs when a recogniser is built.
 *
 * @param minPlateScore  candidates whose reader plate score (0..1, how much the crop looks like a plate
 *                       at all) is below this are not plates (default 0.5)
 * @param maxPlates      most plates reported per image (default 4)
 * @param maxCandidates  most candidate regions read per image (default 4); each costs one reader
 *                       inference (1-3 ms), so this bounds the time per image; on the training photos
 *                       the localiser's top 4 read as many plates as its top 5 (eval --training-only:
 *                       detected 179 against 178 of 182, exact 132 against 131 of 166). Raise it for
 *                       frames with several vehicles: each plate needs a candidate of its own
 * @param pyramidLevels  image pyramid levels the localiser searches (default 4: three measure plates about
 *                       40-560 px wide; the fourth, only in images wider than 600 px, adds candidates at least
 *                       600 px wide, as a 598-px photo's wide plates seen 1.5 times larger or more; see
 *                       PlateLocator's COARSE_MIN_WIDTH)
 * @param overlapIou     two plates overlapping more than this (intersection over union of their
 *                       boxes) are one plate; the more plate-like is kept (default 0.3)
 * @param minCandidateScore candidates after the localiser's best whose localiser score (0..1) is below this
 *                       are not read at all (default 0.01): the reader costs milliseconds per crop, and a
 *                       candidate the localiser's scorer all but rules out is rarely a plate
 * @param stopConfidence candidates are read best first, one at a time; once one reads as a plate with at least
 *                       this confidence (0..1), the later candidates that overlap it (other framings of the same
 *                       plate) are not read; those elsewhere in the image still are (default 0.85; 1 reads them
 *                       all unless a read is certain). A reading held at the inconsistency cap only by the plate
 *                       network's Arabic row counts at the confidence its reader's own rows report it at, where
 *                       that is automatic (PlateRecognizer.settling)
 * @param halfSizeFrom   images at least this many pixels tall are searched from half size, see
 *                       {@link org.raqib.detection.locate.LocatorOptions#halfSizeFrom()} (default
 *                       {@link Integer#MAX_VALUE}: never; 1080 to search 1080p frames from half size)
 * @param focusFrom      images at least this many pixels tall have their full-size level searched only around the
 *                       text found at half size, see {@link org.raqib.detection.locate.LocatorOptions#focusFrom()}
 *                       (default 1080: 1080p frames, not the 598x598 photos nor 720p frames. On the bench's 1080p
 *                       frames about a quarter of the recogniser's CPU time less (0.75 of it), the same plates
 *                       found and read; the training photos enlarged x2.2 and x2.7 (1316 and 1615 px tall) read
 *                       181/160 and 182/163 (off: 181/161, 182/163), 0 wrong; bench-video: every vehicle measured,
 *                       0 extra tracks, MAE as off. {@link Integer#MAX_VALUE}: never)
 * @param enlargeBelow   an image whose longer side is under this many pixels, in which nothing was accepted (or
 *                       nothing read surer than {@code PlateRecognizer.UNSURE_READ}), is searched once more
 *                       enlarged 1.5 times; in any image under this size a wide find that may be part of a plate is also read
 *                       lengthened ({@code PlateRecognizer.wholeOfParts}), and one whose finds all read unsure while
 *                       one of them is large (a plate close to the camera) is searched once more at half size
 *                       ({@code PlateRecognizer.searchClose}) (default 640: photos like the 598x598 development
 *                       photos, whose plates may be smaller than the generators' kernels suit; not the simulator's
 *                       640x360 to 1920x1080 camera frames, set up for larger plates, where a plate-free frame would
 *                       pay about twice the search and risk a false plate); 0 never
 * @param shrinkFrom     an image whose longer side is at least this many pixels, in which nothing was accepted, is
 *                       searched once more shrunk to a 600-px longer side, its candidates read in the image itself
 *                       (default 641: the development photos enlarged x1.5-2.7 lost plates that no generator framed
 *                       at that size, though all are found at their own size; 800 until session 42, which found
 *                       images of 641-799 px, PAL camera frames among them, searched neither so nor as photos:
 *                       x1.25 178 -> 180 found, 159 -> 160 exact; the simulator's 640x360 frames stay searched once);
 *                       {@link Integer#MAX_VALUE} never
 * @param alternativeScale each of a plate's alternatives is reported with this share (0..1] of the confidence the
 *                       reader gives it, that confidence first held to the plate's reading's (an alternative is the
 *                       less likely reading). The reader's own figure assumes that a reading went wrong, if at all,
 *                       at its weakest character, while plates read wrong have mostly lost a character or misread
 *                       several (default {@link #ALTERNATIVE_SCALE}, fitted with {@code eval --alternative-scale 1},
 *                       which reports the reader's figure held to the reading's)
 * @param framingAlternativeScale the same for the texts that other framings of the plate read (another find of it,
 *                       or the find and its fuller framing where the reported reading is the other's): each is
 *                       reported with this share (0..1] of that framing's confidence, held to the reading's (default
 *                       {@link #FRAMING_ALTERNATIVE_SCALE}, fitted with {@code eval --framing-alternative-scale})
 */
public record RecognizerOptions(double minPlateScore, int maxPlates, int maxCandidates, int pyramidLevels,
        double overlapIou, double minCandidateScore, double stopConfidence, int halfSizeFrom, int focusFrom,
        int enlargeBelow, int shrinkFrom, double alternativeScale, double framingAlternativeScale) implements Serializable {

    /**
     * The default {@code alternativeScale}: on 8 sets of generated scenes (BENCHMARKS.md, "Session 35") the alternatives
     * the reader offered were right for this share of the confidence it gave them.
     */
    public static final double ALTERNATIVE_SCALE = 0.09;

    /**
     * The default {@code framingAlternativeScale}: on the same 8 sets, with the reader's alternatives at
     * {@link #ALTERNATIVE_SCALE}, all alternatives together were right for what they claimed at this share
     * (BENCHMARKS.md, "Session 36").
     */
    public static final double FRAMING_ALTERNATIVE_SCALE = 0.3;

    /** The defaults listed above. */
    public static RecognizerOptions defaults() {
        return new RecognizerOptions(0.5, 4, 4, 4, 0.3, 0.01, 0.85, Integer.MAX_VALUE, 1080, 640, 641, ALTERNATIVE_SCALE,
                FRAMING_ALTERNATIVE_SCALE);
    }

    /** A copy with {@code minPlateScore} changed. */
    public RecognizerOptions withMinPlateScore(double v) {
        return new RecognizerOptions(v, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore, stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code maxPlates} changed. */
    public RecognizerOptions withMaxPlates(int v) {
        return new RecognizerOptions(minPlateScore, v, maxCandidates, pyramidLevels, overlapIou, minCandidateScore, stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code maxCandidates} changed. */
    public RecognizerOptions withMaxCandidates(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, v, pyramidLevels, overlapIou, minCandidateScore, stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code pyramidLevels} changed. */
    public RecognizerOptions withPyramidLevels(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, v, overlapIou, minCandidateScore, stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code overlapIou} changed. */
    public RecognizerOptions withOverlapIou(double v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, v, minCandidateScore, stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code minCandidateScore} changed. */
    public RecognizerOptions withMinCandidateScore(double v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, v, stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code stopConfidence} changed. */
    public RecognizerOptions withStopConfidence(double v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore, v, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code halfSizeFrom} changed. */
    public RecognizerOptions withHalfSizeFrom(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore,
                stopConfidence, v, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code focusFrom} changed. */
    public RecognizerOptions withFocusFrom(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore,
                stopConfidence, halfSizeFrom, v, enlargeBelow, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code enlargeBelow} changed. */
    public RecognizerOptions withEnlargeBelow(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore,
                stopConfidence, halfSizeFrom, focusFrom, v, shrinkFrom, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code shrinkFrom} changed. */
    public RecognizerOptions withShrinkFrom(int v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore,
                stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, v, alternativeScale, framingAlternativeScale);
    }

    /** A copy with {@code alternativeScale} changed. */
    public RecognizerOptions withAlternativeScale(double v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore,
                stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, v, framingAlternativeScale);
    }

    /** A copy with {@code framingAlternativeScale} changed. */
    public RecognizerOptions withFramingAlternativeScale(double v) {
        return new RecognizerOptions(minPlateScore, maxPlates, maxCandidates, pyramidLevels, overlapIou, minCandidateScore,
                stopConfidence, halfSizeFrom, focusFrom, enlargeBelow, shrinkFrom, alternativeScale, v);
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
        if (!(minCandidateScore >= 0 && minCandidateScore <= 1)) {
            throw new IllegalArgumentException("minCandidateScore must be in 0..1, was " + minCandidateScore);
        }
        if (!(stopConfidence >= 0 && stopConfidence <= 1)) {
            throw new IllegalArgumentException("stopConfidence must be in 0..1, was " + stopConfidence);
        }
        if (halfSizeFrom < 1) {
            throw new IllegalArgumentException("halfSizeFrom must be at least 1, was " + halfSizeFrom);
        }
        if (focusFrom < 1) {
            throw new IllegalArgumentException("focusFrom must be at least 1, was " + focusFrom);
        }
        if (enlargeBelow < 0) {
            throw new IllegalArgumentException("enlargeBelow must be at least 0, was " + enlargeBelow);
        }
        if (shrinkFrom < 1) {
            throw new IllegalArgumentException("shrinkFrom must be at least 1, was " + shrinkFrom);
        }
        if (!(alternativeScale > 0 && alternativeScale <= 1)) {
            throw new IllegalArgumentException("alternativeScale must be in (0, 1], was " + alternativeScale);
        }
        if (!(framingAlternativeScale > 0 && framingAlternativeScale <= 1)) {
            throw new IllegalArgumentException("framingAlternativeScale must be in (0, 1], was " + framingAlternativeScale);
        }
        return this;
    }
}
