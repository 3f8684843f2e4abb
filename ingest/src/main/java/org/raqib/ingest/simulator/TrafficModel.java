package org.raqib.ingest.simulator;

import java.awt.Color;
import java.util.List;
import java.util.SplittableRandom;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * Decides, for the n-th frame of a seed, which camera sees which vehicle at what speed and how the frame
 * looks. Pure and deterministic: {@link #passage(long)} depends only on the seed, the options and the
 * camera list, never on timing or on the frames before it.
 */
public final class TrafficModel {

    /** Speeds stay this far from the violation threshold, so rounding never decides a case. */
    static final double THRESHOLD_MARGIN_KMH = 2.0;

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
     */
    public record Passage(long index, RegisteredCamera camera, SimulatedPlate plate, double radarSpeedKmh, int lane,
            Scene scene, long noiseSeed) {
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
    }

    /** The {@code index}-th passage of this seed. */
    public Passage passage(long index) {
        SplittableRandom rng = new SplittableRandom(mix(options.seed(), index));
        RegisteredCamera camera = cameras.get(rng.nextInt(cameras.size()));
        SimulatedPlate plate = new SimulatedPlate(plateText(rng),
                rng.nextDouble() < options.wideShare() ? PlateLayout.WIDE : PlateLayout.STANDARD,
                rng.nextDouble() < 0.08);
        double speed = speed(rng, camera);
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
        return new Passage(index, camera, plate, speed, lane, scene, rng.nextLong());
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
