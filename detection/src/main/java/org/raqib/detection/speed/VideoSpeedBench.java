package org.raqib.detection.speed;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.opencv.core.Core;
import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Recognition;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.synth.video.RoadCamera;
import org.raqib.detection.synth.video.SyntheticVideo;
import org.raqib.detection.synth.video.VideoOptions;
import org.raqib.detection.synth.video.VideoVehicle;
import org.raqib.models.cli.CommandLine;

/**
 * Accuracy and cost of video speed: synthetic videos of vehicles at known speeds (30-180 km/h) under a
 * gantry camera calibrated from noisy road marks, every frame through the real recogniser; the tracks
 * built from the recogniser's boxes are fitted and compared with the true speeds (mean and max absolute
 * error, by speed band, how many vehicles got no speed, whether any 95% interval missed the truth).
 * The same with the generator's exact boxes shows what the recogniser's box noise costs. Tracking and
 * fitting alone is timed on one core.
 *
 * <p>{@code bench-video [--per-speed N] [--seed S] [--fps F] [--jitter MS] [--frames-out DIR]}
 */
public final class VideoSpeedBench {

    static final String USAGE = String.join("\n",
            "usage: bench-video [--per-speed N] [--seed S] [--fps F] [--jitter MS] [--frames-out DIR]",
            "  --per-speed N     vehicles per speed (30, 40, ... 180 km/h; default 2)",
            "  --seed S          random seed of plates, lanes and noise (default 1)",
            "  --fps F           camera frame rate (default 25)",
            "  --jitter MS       standard deviation of the camera clock's frame-time error (default 2)",
            "  --frames-out DIR  also write the JPEG frames there (frame-NNNNN-<captureMillis>.jpg)");

    private static final CommandLine.Spec SPEC = CommandLine.spec("bench-video", USAGE)
            .options("per-speed", "seed", "fps", "jitter", "frames-out");

    private VideoSpeedBench() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark; returns the exit code (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int perSpeed;
        long seed;
        Path framesOut;
        VideoOptions options;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            perSpeed = line.integer("per-speed", 2, 1, Integer.MAX_VALUE);
            seed = line.longValue("seed", 1);
            framesOut = line.path("frames-out", null);
            options = VideoOptions.defaults().withFps(line.decimal("fps", 25))
                    .withJitterMillis(line.decimal("jitter", 2)).validate();
        } catch (IllegalArgumentException e) {
            // a UsageException or the video options' own validation
            return SPEC.usageError(err, e.getMessage());
        }
        OpenCvLoader.load();
        Core.setNumThreads(1);
        machine(out);
        RoadCamera camera = RoadCamera.gantry();
        CameraCalibration calibration = RoadCalibrator.calibrate(camera.surveyMarks(0.5, new Random(seed)),
                camera.imageWidth(), camera.imageHeight(), Optional.of(0.5),
                Optional.of(new CameraPosition(0, camera.lateralMetres(), camera.heightMetres())));
        out.printf(Locale.ROOT, "camera: %dx%d, lens %.1f m up, tilt %.0f deg, focal %.0f px; calibrated from %d road "
                + "marks (0.5 px error) for plates 0.5 m up: RMS %.3f m%n", camera.imageWidth(), camera.imageHeight(),
                camera.heightMetres(), camera.tiltDegrees(), camera.focalPixels(),
                camera.surveyMarks(0.5, new Random(seed)).size(), calibration.reprojectionErrorMetres());
        out.printf(Locale.ROOT, "video: %.0f fps, frame-time jitter sd %.1f ms, noise sd %.0f, blur %.1f px, "
                + "exposure %.1f ms, plate heights 0.45-0.55 m%n", options.fps(), options.jitterMillis(),
                options.noiseSigma(), options.blurSigma(), options.exposureMillis());

        List<Double> speeds = new ArrayList<>();
        for (int s = 30; s <= 180; s += 10) {
            for (int k = 0; k < perSpeed; k++) {
                speeds.add((double) s);
            }
        }
        double[] speedArray = speeds.stream().mapToDouble(Double::doubleValue).toArray();
        List<VideoVehicle> vehicles = SyntheticVideo.convoy(camera, speedArray, seed);
        SyntheticVideo video = new SyntheticVideo(camera, vehicles, options, seed, 1_800_000_000_000L);
        int frames = video.frameCount();
        List<PlateSighting> recognised = new ArrayList<>();
        List<PlateSighting> exact = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long recogniseCpu = 0;
        try (PlateRecognizer recognizer = PlateRecognizer.loadDefault()) {
            if (framesOut != null) {
                Files.createDirectories(framesOut);
            }
            for (int i = 0; i < frames; i++) {
                SyntheticVideo.Frame f = video.frame(i);
                if (framesOut != null) {
                    Files.write(framesOut.resolve(String.format(Locale.ROOT, "frame-%05d-%d.jpg", i, f.captureMillis())),
                            f.jpeg());
                }
                if (f.plates().isEmpty()) {
                    continue; // nothing to read: saves the recogniser's time, changes no result
                }
                long c0 = threads.getCurrentThreadCpuTime();
                Recognition r = recognizer.recognize(f.jpeg());
                recogniseCpu += threads.getCurrentThreadCpuTime() - c0;
                int k = 0;
                for (PlateResult p : r.plates()) {
                    recognised.add(PlateSighting.ofBox("f" + i + "-" + k++, f.captureMillis(), p.text(), p.confidence(),
                            p.box().x(), p.box().y(), p.box().width(), p.box().height()));
                }
                k = 0;
                for (SyntheticVideo.PlateTruth t : f.plates()) {
                    exact.add(PlateSighting.ofBox("f" + i + "-" + k++, f.captureMillis(), t.text(), 1.0,
                            t.box()[0], t.box()[1], t.box()[2], t.box()[3]));
                }
            }
        } catch (IOException e) {
            err.println("bench-video: cannot write frames: " + e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "%d vehicles, %d frames, %d plate reads (recogniser CPU %.0f ms per frame with a plate)%n",
                vehicles.size(), frames, recognised.size(), recogniseCpu / 1e6 / Math.max(1, exact.stream()
                        .mapToLong(PlateSighting::timeMillis).distinct().count()));
        VideoSpeedMeter meter = new VideoSpeedMeter(calibration, TrackerOptions.defaults(), SpeedFitOptions.defaults());
        report("recogniser boxes", meter.measure(recognised), vehicles, video, out);
        report("exact boxes (generator truth)", meter.measure(exact), vehicles, video, out);

        // Tracking + fitting cost on one core: the recogniser's sightings, measured repeatedly.
        int rounds = 0;
        long c0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        while (System.nanoTime() - w0 < 3_000_000_000L || rounds < 3) {
            meter.measure(recognised);
            rounds++;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        long frameTimes = recognised.stream().mapToLong(PlateSighting::timeMillis).distinct().count();
        out.printf(Locale.ROOT, "tracking + fit, one core: %.0f frames/s (%.0f plate sightings/s), %d rounds of %d frames%n",
                rounds * frameTimes / cpuSeconds, rounds * recognised.size() / cpuSeconds, rounds, frameTimes);
        return 0;
    }

    private static void report(String title, List<VideoSpeedMeter.Measured> measured, List<VideoVehicle> vehicles,
                               SyntheticVideo video, PrintStream out) {
        // A track belongs to the vehicle in view at its middle time whose plate text is closest.
        Map<Integer, List<Double>> byBand = new TreeMap<>();
        List<Double> errors = new ArrayList<>();
        int missing = 0;
        int outside = 0;
        double worstLowerExcess = Double.NEGATIVE_INFINITY;
        boolean[] measuredVehicle = new boolean[vehicles.size()];
        int extraTracks = 0;
        Map<Integer, List<String>> why = new TreeMap<>();
        List<String> extras = new ArrayList<>();
        for (VideoSpeedMeter.Measured m : measured) {
            if (m.outcome().estimate().isEmpty()) {
                int v = owner(m.track(), vehicles, video);
                why.computeIfAbsent(v, k -> new ArrayList<>()).add(m.track().sightings().size() + " frames: "
                        + m.outcome().rejection().orElse(""));
                continue;
            }
            int v = owner(m.track(), vehicles, video);
            if (v < 0 || measuredVehicle[v]) {
                extraTracks++;
                SpeedEstimate x = m.outcome().estimate().get();
                extras.add(String.format(Locale.ROOT, "   extra track of %d frames at %.1f +- %.1f km/h (vehicle %s)",
                        m.track().sightings().size(), x.speedKmh(), x.halfWidth95Kmh(),
                        v < 0 ? "none in view" : String.format(Locale.ROOT, "%.0f km/h, already measured",
                                vehicles.get(v).speedKmh())));
                continue;
            }
            measuredVehicle[v] = true;
            SpeedEstimate e = m.outcome().estimate().get();
            double truth = vehicles.get(v).speedKmh();
            double err = e.speedKmh() - truth;
            errors.add(Math.abs(err));
            byBand.computeIfAbsent((int) truth, k -> new ArrayList<>()).add(err);
            if (truth < e.lowerKmh() || truth > e.upperKmh()) {
                outside++;
            }
            worstLowerExcess = Math.max(worstLowerExcess, e.lowerKmh() - truth);
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < measuredVehicle.length; i++) {
            if (!measuredVehicle[i]) {
                missing++;
                missed.add(String.format(Locale.ROOT, "   no speed for the %.0f km/h vehicle: tracks %s", vehicles.get(i).speedKmh(),
                        why.getOrDefault(i, List.of("none"))));
            }
        }
        out.println();
        out.println("== " + title);
        out.println(" true km/h  n   mean err  max |err|  (km/h)");
        for (Map.Entry<Integer, List<Double>> e : byBand.entrySet()) {
            double mean = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double max = e.getValue().stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
            out.printf(Locale.ROOT, " %8d  %d  %+8.2f  %8.2f%n", e.getKey(), e.getValue().size(), mean, max);
        }
        double mae = errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double max = errors.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        out.printf(Locale.ROOT, "MAE %.2f km/h, max %.2f km/h over %d vehicles with a speed; %d without a speed; "
                + "%d extra tracks; truth outside the 95%% interval: %d; lower bound above truth by at most %.2f km/h%n",
                mae, max, errors.size(), missing, extraTracks, outside, worstLowerExcess);
        missed.forEach(out::println);
        extras.forEach(out::println);
    }

    private static int owner(Track track, List<VideoVehicle> vehicles, SyntheticVideo video) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        String text = track.sightings().get(track.sightings().size() / 2).text();
        double mid = (track.firstMillis() + track.lastMillis()) / 2.0 - 1_800_000_000_000L;
        double[] range = SyntheticVideo.visibleRange(video.camera(), SyntheticVideo.STANDARD_WIDTH_METRES, 0.5);
        for (int i = 0; i < vehicles.size(); i++) {
            double x = vehicles.get(i).xAt(mid);
            if (x < range[0] - 2 || x > range[1] + 3) {
                continue;
            }
            int d = PlateTracker.editDistance(text, vehicles.get(i).plate().text(), 7);
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    private static void machine(PrintStream out) {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            // Not Linux: the model stays unknown.
        }
        String load = "unknown";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores visible, CPU " + cpu
                + "; load average at the start: " + load);
    }
}
