package org.raqib.detection.speed;

/**
 * How {@link PlateTracker} links sightings into tracks.
 *
 * @param maxGapMillis a track is over when it has had no sighting for longer than this (default 500 ms:
 *                     several missed frames at 25 fps, a few at 8 fps)
 * @param maxEdits OCR edits (substitutions, insertions, deletions) between a sighting's text and the
 *                 track's first text that may still be the same plate (default 2)
 * @param maxSpeedKmh fastest plausible vehicle, bounds how far a track's second sighting may be from its
 *                    first (default 250)
 * @param gateMetres distance from the predicted position within which a sighting may join (default 1.5 m),
 *                   widened by a quarter of the distance travelled since the last sighting
 * @param motionGateMetres a sighting whose text is further than {@code maxEdits} from the track's may
 *                         still join when it is this close to the predicted position (for a track of one
 *                         sighting: this close across the road, and within reach along it) - a weak
 *                         reader misreads a plate differently in every frame, but a plate does not jump
 *                         (default 0.6 m; cars side by side are 2.5 m or more apart)
 */
public record TrackerOptions(long maxGapMillis, int maxEdits, double maxSpeedKmh, double gateMetres,
                             double motionGateMetres) implements java.io.Serializable {

    /** The defaults. */
    public static TrackerOptions defaults() {
        return new TrackerOptions(500, 2, 250, 1.5, 0.6);
    }

    /** A copy with {@code maxGapMillis} changed. */
    public TrackerOptions withMaxGapMillis(long v) {
        return new TrackerOptions(v, maxEdits, maxSpeedKmh, gateMetres, motionGateMetres);
    }

    /** A copy with {@code motionGateMetres} changed (0: text must always agree). */
    public TrackerOptions withMotionGateMetres(double v) {
        return new TrackerOptions(maxGapMillis, maxEdits, maxSpeedKmh, gateMetres, v);
    }

    /** Fails fast with a message naming the bad key; returns this. */
    public TrackerOptions validate() {
        if (maxGapMillis <= 0) {
            throw new IllegalArgumentException("maxGapMillis must be > 0, got " + maxGapMillis);
        }
        if (maxEdits < 0) {
            throw new IllegalArgumentException("maxEdits must be >= 0, got " + maxEdits);
        }
        if (!(maxSpeedKmh > 0)) {
            throw new IllegalArgumentException("maxSpeedKmh must be > 0, got " + maxSpeedKmh);
        }
        if (!(gateMetres > 0)) {
            throw new IllegalArgumentException("gateMetres must be > 0, got " + gateMetres);
        }
        if (!(motionGateMetres >= 0 && motionGateMetres <= gateMetres)) {
            throw new IllegalArgumentException("motionGateMetres must be in [0, gateMetres], got " + motionGateMetres);
        }
        return this;
    }
}
