package org.raqib.detection.speed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Links plate sightings of one camera into tracks, one per vehicle. Pure and deterministic: the same
 * sightings in any order give the same tracks.
 *
 * <p>Sightings are taken in capture order (ties by id). A sighting joins the open track that it fits best:
 * <ul>
 *   <li>the track's last sighting is of an earlier frame, at most {@code maxGapMillis} before;</li>
 *   <li>its text is at most {@code maxEdits} OCR edits from some text of the track (a misread character
 *       does not break a track, a different car does; a poor first read does not either);</li>
 *   <li>on the road it is within the motion gate: near the position predicted from the track's last two
 *       sightings, or, for a track of one sighting, no further than the fastest plausible vehicle could go.</li>
 * </ul>
 * Of several candidates the one closest to its prediction wins (text distance breaks ties); a sighting
 * that fits none starts a track. Motion, not text alone, decides, so two cars with the same misread text
 * in one frame are kept apart.
 */
public final class PlateTracker {

    private static final Comparator<PlateSighting> ORDER =
            Comparator.comparingLong(PlateSighting::timeMillis).thenComparing(PlateSighting::id);

    private final CameraCalibration calibration;
    private final TrackerOptions options;

    public PlateTracker(CameraCalibration calibration, TrackerOptions options) {
        this.calibration = java.util.Objects.requireNonNull(calibration, "calibration");
        this.options = options.validate();
    }

    /** The tracks of {@code sightings}, ordered by their first sighting. */
    public List<Track> track(List<PlateSighting> sightings) {
        List<PlateSighting> sorted = new ArrayList<>(sightings);
        sorted.sort(ORDER);
        List<Building> tracks = new ArrayList<>();
        for (PlateSighting s : sorted) {
            double[] p = calibration.toRoad(s.centreX(), s.centreY());
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                continue; // above the horizon of the plate plane: not on the road
            }
            Building best = null;
            double bestCost = Double.MAX_VALUE;
            for (Building t : tracks) {
                long dt = s.timeMillis() - t.lastTime();
                if (dt <= 0 || dt > options.maxGapMillis()) {
                    continue;
                }
                int edits = t.edits(s.text());
                if (edits > options.maxEdits()) {
                    continue;
                }
                double miss = t.miss(p, s.timeMillis());
                if (miss > t.gate(s.timeMillis())) {
                    continue;
                }
                double cost = miss + 0.01 * edits;
                if (cost < bestCost) {
                    best = t;
                    bestCost = cost;
                }
            }
            if (best == null) {
                best = new Building();
                tracks.add(best);
            }
            best.sightings.add(s);
            best.road.add(p);
        }
        List<Track> out = new ArrayList<>(tracks.size());
        for (Building t : tracks) {
            out.add(new Track(t.sightings, t.road));
        }
        return out;
    }

    private final class Building {
        final List<PlateSighting> sightings = new ArrayList<>();
        final List<double[]> road = new ArrayList<>();

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

        long lastTime() {
            return sightings.get(sightings.size() - 1).timeMillis();
        }

        /** Distance in metres from the position predicted for time {@code t}. */
        double miss(double[] p, long t) {
            int n = road.size();
            double[] last = road.get(n - 1);
            if (n == 1) {
                return Math.hypot(p[0] - last[0], p[1] - last[1]);
            }
            double[] prev = road.get(n - 2);
            double span = sightings.get(n - 1).timeMillis() - sightings.get(n - 2).timeMillis();
            double ahead = (t - lastTime()) / span;
            double px = last[0] + (last[0] - prev[0]) * ahead;
            double py = last[1] + (last[1] - prev[1]) * ahead;
            return Math.hypot(p[0] - px, p[1] - py);
        }

        double gate(long t) {
            double dt = (t - lastTime()) / 1000.0;
            if (road.size() == 1) {
                return options.maxSpeedKmh() / 3.6 * dt + options.gateMetres();
            }
            int n = road.size();
            double[] last = road.get(n - 1);
            double[] prev = road.get(n - 2);
            double span = (sightings.get(n - 1).timeMillis() - sightings.get(n - 2).timeMillis()) / 1000.0;
            double speed = Math.hypot(last[0] - prev[0], last[1] - prev[1]) / span;
            return options.gateMetres() + 0.25 * speed * dt;
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
