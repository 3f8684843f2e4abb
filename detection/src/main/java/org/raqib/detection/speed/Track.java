package org.raqib.detection.speed;

import java.util.List;

/**
 * One plate followed across frames: its sightings in time order and where each was on the road.
 *
 * @param sightings in capture-time order, at most one per frame time
 * @param road road-plane positions {X, Y} in metres, one per sighting
 */
public record Track(List<PlateSighting> sightings, List<double[]> road) {

    public Track {
        sightings = List.copyOf(sightings);
        road = List.copyOf(road);
        if (sightings.size() != road.size() || sightings.isEmpty()) {
            throw new IllegalArgumentException("a track needs one road position per sighting, and a sighting");
        }
    }

    /** Capture time of the first sighting. */
    public long firstMillis() {
        return sightings.get(0).timeMillis();
    }

    /** Capture time of the last sighting. */
    public long lastMillis() {
        return sightings.get(sightings.size() - 1).timeMillis();
    }

    /** Capture times, in order. */
    public long[] times() {
        return sightings.stream().mapToLong(PlateSighting::timeMillis).toArray();
    }

    @Override
    public String toString() {
        return "Track[" + sightings.size() + " sightings, " + firstMillis() + ".." + lastMillis() + "]";
    }
}
