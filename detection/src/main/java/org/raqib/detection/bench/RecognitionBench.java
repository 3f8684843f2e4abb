package org.raqib.detection.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.raqib.detection.Box;
import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Recognition;
import org.raqib.detection.RecognitionProfile;
import org.raqib.detection.RecognizerOptions;
import org.raqib.detection.cli.ModelsOption;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * Speed and memory of plate recognition on one core: start-up, 598x598 photos (the development photos
 * when {@code ../shared} is present, else synthetic scenes), 1920x1080 synthetic frames, milliseconds
 * per plate read, heap used. Single-threaded throughout (OpenCV and OnnxRuntime limited to one
 * thread); prints the machine it ran on and its load, since a busy machine slows every number.
 *
 * <p>{@code RecognitionBench [--photos N] [--frames N] [--manifest PATH]}
 */
public final class RecognitionBench {

    static final String USAGE = String.join("\n",
            "usage: bench [--photos N] [--frames N] [--manifest PATH] [--held-out] [--warm-up PASSES] [--per-image]",
            "             [--half-size-from ROWS] [--focus-from ROWS] [--vehicles K] [--max-candidates N] [--models DIR]",
            "  --photos N      598x598 images to time (default 120; development photos if found, else synthetic)",
            "  --frames N      1920x1080 synthetic frames to time (default 20)",
            "  --manifest PATH labelled photos to use (default ../shared/data/ksa-dev/manifest.tsv if present)",
            "  --held-out      time only the manifest's held-out photos, which no committed model was trained on: the",
            "                  speed target is about unseen photos, and the recogniser reads photos it was trained on",
            "                  surer, so it stops sooner on them (the default set, the manifest's first photos, is",
            "                  mostly trained on: the count of each is printed)",
            "  --warm-up PASSES  untimed passes over each image set before the timed one (default 3; each pass's CPU",
            "                  median is printed): the JVM compiles the recogniser's code over the first few hundred",
            "                  images, and one pass left the 1080p frames' reading stage up to 3 times its steady cost;",
            "                  the mean of every pass's median (warm-up and timed) is printed too: steadier than one",
            "                  pass's, the figure to compare two builds by in alternating runs (--warm-up 12)",
            "  --per-image     after each set's stage table, one row per image of the timed pass, by CPU time: its",
            "                  stages' CPU ms, candidates, crops read, plates and best confidence (no plate text); the",
            "                  median's row is marked: what the images around the median spend their time on",
            "  --half-size-from ROWS  search images at least ROWS tall from half size (RecognizerOptions.halfSizeFrom;",
            "                  default: never; 1080 for the 1080p frames)",
            "  --focus-from ROWS  search the full size of images at least ROWS tall only around the text found at half",
            "                  size (RecognizerOptions.focusFrom; default: the recogniser's, 1080; 100000: never)",
            "  --vehicles K    plates a 1920x1080 frame, 1-6: K generated scenes side by side, each 1920/K px wide",
            "                  (default 1), as a camera over several lanes sees them",
            "  --max-candidates N  candidate regions read per image (RecognizerOptions.maxCandidates; default: the",
            "                  recogniser's, 4); the jobs' --max-candidates",
            ModelsOption.usage(18),
            "                  (a folder merging several runs' glyph nets reads each crop with all of them: time it)",
            "  Exit code: 0 when measured, 2 on bad usage or a folder given to --models that holds no models.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("bench", USAGE).options("photos", "frames", "manifest",
            "warm-up", "half-size-from", "focus-from", "vehicles", "max-candidates", "models").flags("held-out", "per-image");

    private RecognitionBench() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark; returns the exit code (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int photos;
        int frames;
        int vehicles;
        int warmUp;
        Path manifest;
        boolean heldOut;
        boolean perImage;
        Path models;
        RecognizerOptions options = RecognizerOptions.defaults();
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            photos = line.integer("photos", 120, 1, Integer.MAX_VALUE);
            frames = line.integer("frames", 20, 0, Integer.MAX_VALUE);
            manifest = line.path("manifest", null);
            models = line.path("models", null);
            heldOut = line.flag("held-out");
            perImage = line.flag("per-image");
            vehicles = line.integer("vehicles", 1, 1, 6);
            warmUp = line.integer("warm-up", 3, 0, 100);
            options = options.withHalfSizeFrom(line.integer("half-size-from", Integer.MAX_VALUE, 1, Integer.MAX_VALUE))
                    .withFocusFrom(line.integer("focus-from", options.focusFrom(), 1, Integer.MAX_VALUE))
                    .withMaxCandidates(line.integer("max-candidates", options.maxCandidates(), 1, 200));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        long t0 = System.nanoTime();
        OpenCvLoader.load();
        // One core: no intra-op threads anywhere, so that frames/s is per core.
        Core.setNumThreads(1);
        PlateRecognizer loaded = ModelsOption.recognizer(models, options, "bench", err);
        if (loaded == null) {
            return 2;
        }
        machine(out);
        try (PlateRecognizer recognizer = loaded) {
            out.printf(Locale.ROOT, "start-up (OpenCV native + models loaded)   %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            long w0 = System.nanoTime();
            int warmed = recognizer.warmUp(true);
            out.printf(Locale.ROOT, "warm-up (PlateRecognizer.warmUp, as read and eval start) %.0f ms, %d images%n",
                    (System.nanoTime() - w0) / 1e6, warmed);
            List<String> names = new ArrayList<>();
            List<byte[]> small = smallImages(photos, manifest, heldOut, names, out);
            time(recognizer, small, "598x598", warmUp, perImage ? names : null, out);
            if (frames > 0) {
                List<byte[]> big = new ArrayList<>();
                List<String> frameNames = new ArrayList<>();
                List<List<SceneGenerator.Scene>> truth = new ArrayList<>();
                SceneGenerator scenes = new SceneGenerator(1920 / vehicles, 1080);
                for (int i = 0; i < frames; i++) {
                    List<SceneGenerator.Scene> plates = new ArrayList<>();
                    big.add(jpeg(frame(scenes, i, vehicles, plates)));
                    frameNames.add("frame " + i);
                    truth.add(plates);
                }
                List<Recognition> results = time(recognizer, big, "1920x1080 (synthetic, JPEG"
                        + (vehicles > 1 ? ", " + vehicles + " plates a frame" : "") + ")", warmUp,
                        perImage ? frameNames : null, out);
                foundAll(results, truth, out);
            }
        }
        readerSpeed(models, out);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        out.printf(Locale.ROOT, "heap used after the runs (after GC)        %.0f MiB (max heap %.0f MiB)%n",
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.maxMemory() / 1048576.0);
        out.printf(Locale.ROOT, "load average at the end                   %s%n", loadAverage());
        return 0;
    }

    /** The 598x598 images to time, their names (file names, or the generated scenes' seeds) added to {@code names}. */
    private static List<byte[]> smallImages(int n, Path manifest, boolean heldOut, List<String> names, PrintStream out) {
        Optional<Path> m = manifest != null ? Optional.of(manifest) : LabelledPhotos.findDevManifest();
        List<byte[]> images = new ArrayList<>();
        if (m.isPresent() && Files.isRegularFile(m.get())) {
            List<LabelledPhotos.Photo> chosen = photos(LabelledPhotos.read(m.get()), n, heldOut);
            for (LabelledPhotos.Photo p : chosen) {
                try {
                    images.add(Files.readAllBytes(p.image()));
                    names.add(p.image().getFileName().toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            long unseen = chosen.stream().filter(LabelledPhotos.Photo::isValidation).count();
            out.printf(Locale.ROOT, "598x598 images: %d development photos from %s (%d held out, %d trained on)%n",
                    images.size(), m.get(), unseen, images.size() - unseen);
        } else {
            SceneGenerator gen = new SceneGenerator();
            for (int i = 0; i < n; i++) {
                images.add(jpeg(gen.render(4_000L + i).image()));
                names.add("scene " + (4_000L + i));
            }
            out.println("598x598 images: " + n + " synthetic scenes (no development photos here"
                    + (heldOut ? ", so no held-out ones" : "") + ")");
        }
        return images;
    }

    /**
     * The first {@code n} of {@code all} in manifest order, or of its held-out photos ({@link
     * LabelledPhotos.Photo#isValidation}) where {@code heldOut}.
     */
    static List<LabelledPhotos.Photo> photos(List<LabelledPhotos.Photo> all, int n, boolean heldOut) {
        return all.stream().filter(p -> !heldOut || p.isValidation()).limit(n).toList();
    }

    /**
     * The 1920x1080 frame {@code i} with {@code vehicles} plates: that many scenes of {@code scenes} (each 1920 /
     * {@code vehicles} px wide) side by side (one scene of the whole frame for 1: {@code render(5000 + i)}), each plate's
     * scene added to {@code plates} with its box in the frame's coordinates.
     */
    static BufferedImage frame(SceneGenerator scenes, int i, int vehicles, List<SceneGenerator.Scene> plates) {
        if (vehicles == 1) {
            SceneGenerator.Scene scene = scenes.render(5_000L + i);
            plates.add(scene);
            return scene.image();
        }
        int w = 1920 / vehicles;
        BufferedImage frame = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = frame.createGraphics();
        try {
            for (int j = 0; j < vehicles; j++) {
                SceneGenerator.Scene s = scenes.render(5_000L + (long) i * vehicles + j);
                g.drawImage(s.image(), j * w, 0, null);
                java.awt.Rectangle b = new java.awt.Rectangle(s.box());
                b.translate(j * w, 0);
                double[] xs = s.quadXs().clone();
                for (int k = 0; k < xs.length; k++) {
                    xs[k] += j * w;
                }
                plates.add(new SceneGenerator.Scene(null, s.text(), s.layout(), b, xs, s.quadYs()));
            }
        } finally {
            g.dispose();
        }
        return frame;
    }

    /**
     * How many of the generated plates were found (a reported box at IoU >= 0.5 with the plate's) and read
     * exactly: a faster recogniser must still find them.
     */
    static void found(List<Recognition> results, List<SceneGenerator.Scene> scenes, PrintStream out) {
        foundAll(results, scenes.stream().map(List::of).toList(), out);
    }

    /** {@link #found} for frames of several plates: {@code scenes.get(i)} the plates of frame i. */
    static void foundAll(List<Recognition> results, List<List<SceneGenerator.Scene>> scenes, PrintStream out) {
        int found = 0;
        int exact = 0;
        int plates = 0;
        for (int i = 0; i < scenes.size(); i++) {
            for (SceneGenerator.Scene scene : scenes.get(i)) {
                plates++;
                java.awt.Rectangle b = scene.box();
                Box truth = new Box(b.x, b.y, b.width, b.height);
                PlateResult best = null;
                for (PlateResult p : results.get(i).plates()) {
                    if (p.box().iou(truth) >= 0.5 && (best == null || p.box().iou(truth) > best.box().iou(truth))) {
                        best = p;
                    }
                }
                if (best != null) {
                    found++;
                    if (best.text().equals(scene.text())) {
                        exact++;
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "  generated plates found (IoU >= 0.5): %d of %d, read exactly: %d%n", found, plates, exact);
    }

    /** Times {@code images}; with {@code names} (null: not asked for) also prints {@link #perImage}'s table. */
    private static List<Recognition> time(PlateRecognizer recognizer, List<byte[]> images, String what, int warmUp,
            List<String> names, PrintStream out) {
        // Warm-up passes: JIT compilation and native caches, not in the timed pass; their medians show the convergence.
        StringBuilder passes = new StringBuilder();
        double medians = 0;
        for (int k = 0; k < warmUp; k++) {
            double median = pct(pass(recognizer, images, new RecognitionProfile(), false).cpu(), 50);
            medians += median;
            passes.append(String.format(Locale.ROOT, "%s%.1f", k == 0 ? "" : ", ", median));
        }
        RecognitionProfile profile = new RecognitionProfile();
        Pass timed = pass(recognizer, images, profile, names != null);
        long[] wall = timed.wall();
        long[] cpu = timed.cpu();
        List<Recognition> results = timed.results();
        int plates = results.stream().mapToInt(r -> r.plates().size()).sum();
        out.printf(Locale.ROOT, "%s: %d images, %d plates reported%n", what, images.size(), plates);
        out.printf(Locale.ROOT, "  warm-up passes (untimed): %d%s%n", warmUp,
                warmUp == 0 ? "" : ", their CPU medians " + passes + " ms");
        out.printf(Locale.ROOT, "  wall ms/image  median %.1f  p95 %.1f  mean %.1f  -> %.1f frames/s per core%n",
                pct(wall, 50), pct(wall, 95), mean(wall), 1000 / mean(wall));
        out.printf(Locale.ROOT, "  CPU  ms/image  median %.1f  p95 %.1f  mean %.1f  -> %.1f frames/s per core%n",
                pct(cpu, 50), pct(cpu, 95), mean(cpu), 1000 / mean(cpu));
        if (warmUp > 0) {
            // One pass's median moves by about a millisecond from run to run; the mean of every pass's is steadier, and
            // is what two builds were compared by in alternating pairs (BENCHMARKS.md, session 73).
            out.printf(Locale.ROOT, "  CPU  median of each of the %d passes (warm-up and timed): their mean %.2f ms%n",
                    warmUp + 1, (medians + pct(cpu, 50)) / (warmUp + 1));
        }
        stages(profile, out);
        if (names != null) {
            perImage(names, cpu, timed.each(), results, out);
        }
        return results;
    }

    /** One pass over the images: each one's recognition, wall time (the recogniser's own) and this thread's CPU time. */
    private record Pass(List<Recognition> results, long[] wall, long[] cpu, List<RecognitionProfile> each) {
    }

    /** As above; {@code each}: every image also profiled on its own ({@link Pass#each}), then added to {@code profile}. */
    private static Pass pass(PlateRecognizer recognizer, List<byte[]> images, RecognitionProfile profile, boolean each) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[images.size()];
        long[] cpu = new long[images.size()];
        List<Recognition> results = new ArrayList<>(images.size());
        List<RecognitionProfile> profiles = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            RecognitionProfile own = each ? new RecognitionProfile() : profile;
            long c0 = threads.getCurrentThreadCpuTime();
            Recognition r = recognizer.recognize(images.get(i), own);
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            wall[i] = r.nanos();
            results.add(r);
            if (each) {
                profile.add(own);
                profiles.add(own);
            }
        }
        return new Pass(results, wall, cpu, each ? profiles : null);
    }

    /**
     * One row per image, in increasing CPU time ({@code cpu}, nanoseconds): its rank, name, CPU ms, each stage's CPU ms
     * ({@code each}: the image's own profile), the candidates the localiser returned, the crops read, the plates
     * reported and the best one's confidence ("-" for none); never a plate's text. The row of the CPU median (the
     * {@code ceil(n/2)}th, as the timed lines' median) is marked with {@code *}.
     */
    static void perImage(List<String> names, long[] cpu, List<RecognitionProfile> each, List<Recognition> results,
            PrintStream out) {
        int n = cpu.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(cpu[a], cpu[b]));
        int median = Math.max(0, (int) Math.ceil(n / 2.0) - 1);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  per image, by CPU time (ms; * the median):%n"
                + "     rank  %-22s %6s", "image", "CPU"));
        for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
            head.append(String.format(Locale.ROOT, " %8s", s.name().toLowerCase(Locale.ROOT)));
        }
        head.append(String.format(Locale.ROOT, " %5s %5s %6s %5s", "cand", "read", "plates", "best"));
        out.println(head);
        for (int k = 0; k < n; k++) {
            int i = order[k];
            RecognitionProfile p = each.get(i);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "   %s%4d  %-22s %6.1f", k == median ? "*" : " ",
                    k + 1, names.get(i), cpu[i] / 1e6));
            for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
                row.append(String.format(Locale.ROOT, " %8.1f", p.cpuNanos(s) / 1e6));
            }
            double best = results.get(i).plates().stream().mapToDouble(PlateResult::confidence).max().orElse(-1);
            row.append(String.format(Locale.ROOT, " %5d %5d %6d %5s", p.candidates(), p.cropsRead(),
                    results.get(i).plates().size(), best < 0 ? "-" : String.format(Locale.ROOT, "%.2f", best)));
            out.println(row);
        }
    }

    /** The per-stage table: mean wall and CPU milliseconds per image, and each stage's share of the CPU. */
    static void stages(RecognitionProfile profile, PrintStream out) {
        int n = Math.max(1, profile.images());
        long cpuTotal = 0;
        for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
            cpuTotal += profile.cpuNanos(s);
        }
        out.printf(Locale.ROOT, "  per stage (mean per image)   wall ms    CPU ms   share of CPU%n");
        for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
            out.printf(Locale.ROOT, "    %-26s %8.2f  %8.2f   %5.1f%%%n", s.name().toLowerCase(Locale.ROOT),
                    profile.wallNanos(s) / 1e6 / n, profile.cpuNanos(s) / 1e6 / n,
                    cpuTotal == 0 ? 0 : 100.0 * profile.cpuNanos(s) / cpuTotal);
        }
        out.printf(Locale.ROOT, "  candidates per image: %.2f returned by the localiser, %.2f read, %.2f judged plates%n",
                (double) profile.candidates() / n, (double) profile.cropsRead() / n, (double) profile.cropsAccepted() / n);
    }

    /** One crop read by the reader alone: the committed one, or {@code models}' where given. */
    private static void readerSpeed(Path models, PrintStream out) {
        SceneGenerator.Scene s = new SceneGenerator().render(6_000L);
        Mat image = Mats.toBgr(s.image());
        Mat crop = image.submat(new org.opencv.core.Rect(s.box().x, s.box().y, s.box().width, s.box().height)).clone();
        image.release();
        try (PlateReader reader = models == null ? PlateReader.loadDefault()
                : PlateReader.load(models, PlateReader.Options.DEFAULT)) {
            for (int i = 0; i < 50; i++) {
                reader.read(crop);
            }
            int n = 300;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                reader.read(crop);
            }
            double one = (System.nanoTime() - t0) / 1e6 / n;
            List<Mat> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add(crop);
            }
            t0 = System.nanoTime();
            for (int i = 0; i < n / 8; i++) {
                reader.readAll(batch);
            }
            double batched = (System.nanoTime() - t0) / 1e6 / (n / 8 * 8);
            out.printf(Locale.ROOT, "plate read (reader only, one crop)        %.2f ms; in batches of 8: %.2f ms per crop%n", one, batched);
        }
        crop.release();
    }

    private static byte[] jpeg(java.awt.image.BufferedImage image) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double pct(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(s.length * p / 100.0) - 1)] / 1e6;
    }

    private static double mean(long[] ns) {
        return Arrays.stream(ns).average().orElse(0) / 1e6;
    }

    private static void machine(PrintStream out) {
        String cpu = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            // Not Linux: the model stays unknown.
        }
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores visible, CPU " + cpu);
        out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println("load average at the start: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
