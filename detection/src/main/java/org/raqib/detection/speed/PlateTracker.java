package org.raqib.detection.speed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Links plate sightings of one camera into tracks, one per vehicle. Pure and deterministic: the same
 * sightings in any order give the same tracks.
 *
 * <p>Sightings are taken frame by frame in capture order. A sighting may join an open track when:
 * <ul>
 *   <li>the track's last sighting is of an earlier frame, at most {@code maxGapMillis} before;</li>
 *   <li>and either its text is at most {@code maxEdits} OCR edits from some text of the track and it lies
 *       within the motion gate (near the position predicted from the track's last two sightings; for a
 *       track of one sighting, no further than the fastest plausible vehicle could go),</li>
 *   <li>or, whatever its text, it lies within the tight {@code motionGateMetres} of the prediction: a
 *       weak reader misreads a plate differently in each frame, but the plate does not jump.</li>
 * </ul>
 * In each frame the candidate pairs are assigned cheapest first (distance from the prediction plus
 * 0.3 m per OCR edit), one sighting per track; a sighting left over starts a track. Finally a track that
 * rides along with a stronger one (a lamp or grille of the same vehicle read as a plate) is dropped.
 */
public final class PlateTracker {

    private static final Comparator<PlateSighting> ORDER =
            Comparator.comparingLong(PlateSighting::timeMillis).thenComparing(PlateSighting::id);

    private final CameraCalibration calibration;
    private final TrackerOptions options;

    public PlateTracker(CameraCalibration calibration, TrackerOptions options) {
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.options = options.validate();
    }

    /** The tracks of {@code sightings}, ordered by their first sighting. */
    public List<Track> track(List<PlateSighting> sightings) {
        List<PlateSighting> sorted = new ArrayList<>(sightings);
        sorted.sort(ORDER);
        List<Building> tracks = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            long t = sorted.get(i).timeMillis();
            List<PlateSighting> frame = new ArrayList<>();
            List<double[]> road = new ArrayList<>();
            for (; i < sorted.size() && sorted.get(i).timeMillis() == t; i++) {
                PlateSighting s = sorted.get(i);
                double[] p = calibration.toRoad(s.centreX(), s.centreY());
                if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    frame.add(s);
                    road.add(p);
                } // else above the horizon of the plate plane: not on the road
            }
            assign(frame, road, t, tracks);
        }
        List<Track> out = new ArrayList<>(tracks.size());
        for (Building b : withoutShadows(tracks)) {
            out.add(new Track(b.sightings, b.road));
        }
        return out;
    }

    /** Lateral distance (m) within which two sightings of one frame are parts of one vehicle. */
    static final double SAME_VEHICLE_ACROSS = 1.2;
    /** Distance along the road (m) within which two sightings of one frame are parts of one vehicle. */
    static final double SAME_VEHICLE_ALONG = 2.5;

    /**
     * Drops shadow tracks: a lamp, grille or sticker read as a plate moves with its vehicle and forms a
     * track of its own, whose speed is wrong (it is not at plate height). Two vehicles cannot be within
     * {@value #SAME_VEHICLE_ACROSS} m across and {@value #SAME_VEHICLE_ALONG} m along the road of each other
     * in the same frame, so a track that is that close to a stronger track (more sightings, then more total
     * confidence) in at least half of its frames is dropped.
     */
    private static List<Building> withoutShadows(List<Building> tracks) {
        List<Building> byStrength = new ArrayList<>(tracks);
        byStrength.sort(Comparator.comparingInt((Building b) -> -b.sightings.size())
                .thenComparingDouble(b -> -b.sightings.stream().mapToDouble(PlateSighting::confidence).sum())
                .thenComparingInt(tracks::indexOf));
        List<Building> kept = new ArrayList<>();
        for (Building b : byStrength) {
            boolean shadow = false;
            for (Building k : kept) {
                int close = 0;
                for (int i = 0; i < b.sightings.size(); i++) {
                    int j = k.indexAt(b.sightings.get(i).timeMillis());
                    if (j >= 0 && Math.abs(b.road.get(i)[1] - k.road.get(j)[1]) <= SAME_VEHICLE_ACROSS
                            && Math.abs(b.road.get(i)[0] - k.road.get(j)[0]) <= SAME_VEHICLE_ALONG) {
                        close++;
                    }
                }
                if (2 * close >= b.sightings.size()) {
                    shadow = true;
                    break;
                }
            }
            if (!shadow) {
                kept.add(b);
            }
        }
        List<Building> out = new ArrayList<>(tracks);
        out.retainAll(kept);
        return out;
    }

    private record Pair(int sighting, Building track, double cost) {
    }

    private void assign(List<PlateSighting> frame, List<double[]> road, long t, List<Building> tracks) {
        List<Pair> pairs = new ArrayList<>();
        for (int s = 0; s < frame.size(); s++) {
            for (int k = 0; k < tracks.size(); k++) {
                Building b = tracks.get(k);
                long dt = t - b.lastTime();
                if (dt <= 0 || dt > options.maxGapMillis()) {
                    continue;
                }
                double cost = b.cost(frame.get(s).text(), road.get(s), t);
                if (!Double.isNaN(cost)) {
                    pairs.add(new Pair(s, b, cost));
                }
            }
        }
        // Cheapest first; ties by sighting order then track age, so the result never depends on input order.
        pairs.sort(Comparator.comparingDouble(Pair::cost).thenComparingInt(Pair::sighting)
                .thenComparingInt(p -> tracks.indexOf(p.track())));
        boolean[] taken = new boolean[frame.size()];
        List<Building> served = new ArrayList<>();
        for (Pair p : pairs) {
            if (taken[p.sighting()] || served.contains(p.track())) {
                continue;
            }
            taken[p.sighting()] = true;
            served.add(p.track());
            p.track().add(frame.get(p.sighting()), road.get(p.sighting()));
        }
        for (int s = 0; s < frame.size(); s++) {
            if (!taken[s]) {
                Building b = new Building();
                b.add(frame.get(s), road.get(s));
                tracks.add(b);
            }
        }
    }

    private final class Building {
        final List<PlateSighting> sightings = new ArrayList<>();
        final List<double[]> road = new ArrayList<>();

        /** Index of the sighting at time {@code t}, or -1. */
        int indexAt(long t) {
            for (int i = 0; i < sightings.size(); i++) {
                if (sightings.get(i).timeMillis() == t) {
                    return i;
                }
            }
            return -1;
        }

        void add(PlateSighting s, double[] p) {
            sightings.add(s);
            road.add(p);
        }

        long lastTime() {
            return sightings.get(sightings.size() - 1).timeMillis();
        }

        /** Cost of adding a sighting of {@code text} at {@code p} at time {@code t}; NaN when it may not join. */
        double cost(String text, double[] p, long t) {
            int edits = edits(text);
            boolean textAgrees = edits <= options.maxEdits();
            int n = road.size();
            double[] last = road.get(n - 1);
            double dt = (t - lastTime()) / 1000.0;
            if (n == 1) {
                double reach = options.maxSpeedKmh() / 3.6 * dt + options.gateMetres();
                double d = Math.hypot(p[0] - last[0], p[1] - last[1]);
                double across = Math.abs(p[1] - last[1]);
                boolean fits = textAgrees ? d <= reach : across <= options.motionGateMetres() && d <= reach;
                // Without a velocity yet, the lateral offset is the best measure of fit.
                return fits ? across + 0.3 * Math.min(edits, options.maxEdits() + 1) : Double.NaN;
            }
            double[] prev = road.get(n - 2);
            double span = (sightings.get(n - 1).timeMillis() - sightings.get(n - 2).timeMillis()) / 1000.0;
            double ahead = dt / span;
            double px = last[0] + (last[0] - prev[0]) * ahead;
            double py = last[1] + (last[1] - prev[1]) * ahead;
            double miss = Math.hypot(p[0] - px, p[1] - py);
            double speed = Math.hypot(last[0] - prev[0], last[1] - prev[1]) / span;
            double gate = options.gateMetres() + 0.25 * speed * dt;
            boolean fits = textAgrees ? miss <= gate : miss <= options.motionGateMetres();
            return fits ? miss + 0.3 * Math.min(edits, options.maxEdits() + 1) : Double.NaN;
        }

        /** Fewest OCR edits from {@code text} to any text of the track (a poor first read must not split it). */
        int edits(String text) {
            int best = options.maxEdits() + 1;
            for (PlateSighting x : sightings) {
                best = Math.min(best, editDistance(text, x.text(), options.maxEdits()));
                if (best == 0) {
                    break;
                }
            }
            return best;
        }
    }

    /**
     * Levenshtein distance of {@code a} and {@code b}, or {@code limit + 1} as soon as it is known to be
     * larger than {@code limit}.
     */
    static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit + 1);
    }
}
