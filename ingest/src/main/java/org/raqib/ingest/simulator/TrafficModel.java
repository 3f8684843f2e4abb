package org.raqib.ingest.simulator;

import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * Decides, for the n-th vehicle of a seed, which camera sees it at what speed and how the frame looks;
 * for a vehicle on a section ({@link SimulatorOptions#sectionShare()}), also its passage at the exit
 * camera and how long it takes to get there. Pure and deterministic: {@link #passage(long)} depends only
 * on the seed, the options and the camera list, never on timing or on the vehicles before it.
 */
public final class TrafficModel {

    /** Speeds stay this far from the violation threshold, so rounding never decides a case. */
    static final double THRESHOLD_MARGIN_KMH = 2.0;
    /**
     * Section averages stay this far from the section's threshold: the exit frame goes out at the first
     * frame slot after its due time, up to one frame period late, which lowers the average a little.
     */
    static final double SECTION_MARGIN_KMH = 6.0;
    /** Sections whose length takes longer than this at their threshold speed are not driven. */
    public static final Duration MAX_TRAVEL = Duration.ofMinutes(2);
    /** How many plates {@link #wantedPlates()} holds. */
    public static final int WANTED_PLATES = 4;

    /** Body colours and their weights: white and silver dominate Saudi roads. */
    private static final Color[] BODY_COLOURS = {
        new Color(236, 236, 234), new Color(236, 236, 234), new Color(236, 236, 234), new Color(178, 180, 184),
        new Color(178, 180, 184), new Color(38, 38, 40), new Color(110, 112, 116), new Color(200, 188, 160),
        new Color(150, 24, 28), new Color(30, 50, 110), new Color(90, 70, 50)};

    private final SimulatorOptions options;
    private final List<RegisteredCamera> cameras;

    /**
     * One vehicle passing one camera.
     *
     * @param index frame number since the simulator started (0-based)
     * @param camera the camera
     * @param plate the plate on the vehicle
     * @param radarSpeedKmh measured speed, one decimal
     * @param lane lane, 1 = rightmost
     * @param scene how the frame looks
     * @param noiseSeed seed of the frame's sensor noise
     * @param journey for a vehicle entering a section, the rest of its trip; otherwise {@code null}
     */
    public record Passage(long index, RegisteredCamera camera, SimulatedPlate plate, double radarSpeedKmh, int lane,
            Scene scene, long noiseSeed, Journey journey) {
    }

    /**
     * A section the model drives vehicles through: two simulated cameras on one road and direction,
     * neighbours by km marker, entered at the lower marker.
     *
     * @param entry camera at the lower km marker
     * @param exit camera at the next marker
     */
    public record Section(RegisteredCamera entry, RegisteredCamera exit) {
        /** Length in km. */
        public double km() {
            return Math.abs(exit.kmMarker() - entry.kmMarker());
        }

        /** Average speed above which the section is a violation: the lower limit plus the larger tolerance. */
        public int thresholdKmh() {
            return Math.min(entry.speedLimitKmh(), exit.speedLimitKmh())
                    + Math.max(entry.toleranceKmh(), exit.toleranceKmh());
        }

        /** Time to drive it at {@code kmh}. */
        public Duration travel(double kmh) {
            return Duration.ofMillis(Math.round(km() / kmh * 3_600_000));
        }
    }

    /**
     * The rest of a section trip: the passage at the exit camera, after {@code travel}.
     *
     * @param section the section
     * @param averageKmh the average speed intended over the section
     * @param travel time from the entry frame to the exit frame at that average
     * @param exit the passage at the exit camera (its radar speed is the speed at that camera)
     */
    public record Journey(Section section, double averageKmh, Duration travel, Passage exit) {
    }

    /**
     * @param options simulator options (seed, shares, frame size)
     * @param cameras cameras to spread the traffic over; must not be empty and must have radar
     */
    public TrafficModel(SimulatorOptions options, List<RegisteredCamera> cameras) {
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("no camera to simulate: the registry has no enabled radar camera"
                    + (options.cameraIds().isEmpty() ? "" : " among " + options.cameraIds()));
        }
        for (RegisteredCamera c : cameras) {
            if (!c.hasRadar()) {
                throw new IllegalArgumentException("camera " + c.id() + " has no radar; the simulator sends radar speeds");
            }
        }
        this.options = options;
        this.cameras = List.copyOf(cameras);
        this.sections = sectionsOf(this.cameras);
        this.wanted = wanted(options.seed());
    }

    private final List<Section> sections;
    private final List<String> wanted;

    /** The drivable sections among the cameras (see {@link #MAX_TRAVEL}), in road and km order. */
    public List<Section> sections() {
        return sections;
    }

    /**
     * The plates of this seed's wanted vehicles: {@link SimulatorOptions#hotlistShare()} of the vehicles
     * carry one of them. A demo puts them on its hot-list; the simulator never tells the pipeline.
     */
    public List<String> wantedPlates() {
        return wanted;
    }

    static List<Section> sectionsOf(List<RegisteredCamera> cameras) {
        Map<String, List<RegisteredCamera>> byRoad = new LinkedHashMap<>();
        for (RegisteredCamera c : cameras) {
            byRoad.computeIfAbsent(c.roadId() + "|" + c.direction(), k -> new ArrayList<>()).add(c);
        }
        List<Section> out = new ArrayList<>();
        for (List<RegisteredCamera> road : byRoad.values()) {
            road.sort(Comparator.comparingDouble(RegisteredCamera::kmMarker));
            for (int i = 0; i + 1 < road.size(); i++) {
                Section s = new Section(road.get(i), road.get(i + 1));
                if (s.km() > 0 && s.travel(s.thresholdKmh()).compareTo(MAX_TRAVEL) <= 0) {
                    out.add(s);
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> wanted(long seed) {
        SplittableRandom rng = new SplittableRandom(mix(seed, -1));
        List<String> out = new ArrayList<>();
        while (out.size() < WANTED_PLATES) {
            String t = plateText(rng);
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** The {@code index}-th vehicle of this seed, at its (first) camera. */
    public Passage passage(long index) {
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), index));
        Section section = !sections.isEmpty() && rng.nextDouble() < options.sectionShare()
                ? sections.get(rng.nextInt(sections.size())) : null;
        RegisteredCamera camera = section != null ? section.entry() : cameras.get(rng.nextInt(cameras.size()));
        String text = rng.nextDouble() < options.hotlistShare() ? wanted.get(rng.nextInt(wanted.size())) : plateText(rng);
        SimulatedPlate plate = new SimulatedPlate(text,
                rng.nextDouble() < options.wideShare() ? PlateLayout.WIDE : PlateLayout.STANDARD,
                rng.nextDouble() < 0.08);
        if (section == null) {
            return seen(index, camera, plate, speed(rng, camera), rng, null);
        }
        // Half of the section trips average above the section's threshold while legal at both cameras
        // (they speed between them); the others keep a legal average, with spot speeds drawn as usual.
        boolean betweenCameras = rng.nextDouble() < 0.5;
        double average;
        double entrySpeed;
        double exitSpeed;
        if (betweenCameras) {
            average = round1(section.thresholdKmh() + SECTION_MARGIN_KMH + rng.nextDouble() * 30);
            entrySpeed = legal(rng, section.entry());
            exitSpeed = legal(rng, section.exit());
        } else {
            double low = Math.min(section.entry().speedLimitKmh(), section.exit().speedLimitKmh()) * 0.7;
            average = round1(low + rng.nextDouble() * (section.thresholdKmh() - SECTION_MARGIN_KMH - low));
            entrySpeed = speed(rng, section.entry());
            exitSpeed = speed(rng, section.exit());
        }
        Passage exit = seen(index, section.exit(), plate, exitSpeed, rng, null);
        return seen(index, camera, plate, entrySpeed, rng,
                new Journey(section, average, section.travel(average), exit));
    }

    /** How the vehicle looks in one camera's frame. */
    private Passage seen(long index, RegisteredCamera camera, SimulatedPlate plate, double speed, SplittableRandom rng,
            Journey journey) {
        int lane = 1 + rng.nextInt(3);
        int w = options.width();
        int h = options.height();
        // Vehicle size chosen so the plate is about 120-260 px wide at 1280x720, as on enforcement cameras.
        double carWidth = w * (0.52 + rng.nextDouble() * 0.2);
        double centre = w * 0.5 + (rng.nextDouble() - 0.5) * (w - carWidth) * 0.8;
        double ground = h * (0.90 + rng.nextDouble() * 0.08);
        Scene scene = new Scene(w, h, plate, rng.nextDouble() < 0.6 ? Scene.View.REAR : Scene.View.FRONT,
                BODY_COLOURS[rng.nextInt(BODY_COLOURS.length)], carWidth, centre, ground,
                (rng.nextDouble() - 0.5) * 4.0, 0.78 + rng.nextDouble() * 0.3, rng.nextDouble() < 0.3,
                2 + rng.nextDouble() * 4, rng.nextInt(6));
        return new Passage(index, camera, plate, speed, lane, scene, rng.nextLong(), journey);
    }

    /** A speed under the camera's threshold (by the margin), well above a crawl. */
    private static double legal(SplittableRandom rng, RegisteredCamera camera) {
        double low = camera.speedLimitKmh() * 0.6;
        return round1(low + rng.nextDouble() * (camera.thresholdKmh() - THRESHOLD_MARGIN_KMH - low));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** 1-4 digits without a leading zero (mostly 4, as on private cars), then three plate letters. */
    static String plateText(SplittableRandom rng) {
        double r = rng.nextDouble();
        int digits = r < 0.80 ? 4 : r < 0.92 ? 3 : r < 0.97 ? 2 : 1;
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('1' + rng.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            sb.append((char) ('0' + rng.nextInt(10)));
        }
        for (int i = 0; i < 3; i++) {
            sb.append(SaudiPlate.LATIN_LETTERS.charAt(rng.nextInt(SaudiPlate.LATIN_LETTERS.length())));
        }
        return sb.toString();
    }

    /**
     * Over the limit: 2-40 km/h above limit plus tolerance. Otherwise anything from well below the
     * limit to just under the threshold (inside the tolerance is not a violation).
     */
    private double speed(SplittableRandom rng, RegisteredCamera camera) {
        double threshold = camera.thresholdKmh();
        double v;
        if (rng.nextDouble() < options.overLimitShare()) {
            v = threshold + THRESHOLD_MARGIN_KMH + rng.nextDouble() * 38;
        } else {
            double low = camera.speedLimitKmh() * 0.6;
            v = low + rng.nextDouble() * (threshold - THRESHOLD_MARGIN_KMH - low);
        }
        return Math.round(v * 10) / 10.0;
    }

    /** Spreads (seed, index) over the 64-bit state so neighbouring frames are unrelated. */
    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
