package org.raqib.detection.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;
import org.raqib.models.plate.SaudiPlate;

/**
 * {@code generate-scenes --out DIR}: writes synthetic 598x598 scenes (one plate each, of a chosen layout, digit count
 * and width) as PNG files with a {@code manifest.tsv} in the labelled photos' format, so that {@code ./raqib eval
 * DIR/manifest.tsv} measures the recogniser on them: e.g. plates close to the camera, as large as half the photo or
 * more, which the development photos seldom show. Deterministic: scene {@code i} is drawn from seed {@code S + i}
 * alone, whatever the count.
 */
public final class GeneratedScenesCommand {

    static final String USAGE = String.join("\n",
            "usage: generate-scenes --out DIR [--count N] [--seed S] [--layout standard|wide] [--digits D | A-B]",
            "                       [--plate-width A-B]",
            "  Writes N synthetic 598x598 scenes (a car-like body on a road with one Saudi plate, its perspective,",
            "  blur, glare and noise drawn from the scene's seed) as DIR/images/scene-SEED.png and DIR/manifest.tsv",
            "  (image path, plate text, the plate's box x,y,w,h), and DIR/generated-scenes.txt with these settings;",
            "  ./raqib eval DIR/manifest.tsv measures them (--dump writes every scene's reading: nothing is held out).",
            "  --out DIR          folder to write (created)",
            "  --count N          scenes to write (default 40)",
            "  --seed S           seed of the first scene; scene i is drawn from seed S+i alone (default 5000)",
            "  --layout L         standard or wide (default standard)",
            "  --digits D | A-B   the plates' digit count, one number or a range (default 4)",
            "  --plate-width A-B  the plate's width in px, drawn uniformly in the range (default 260-380, a plate",
            "                     close to the camera; up to 568)",
            "  The scenes of session 28's close-up sets: --layout standard --digits 4 --plate-width 260-380;",
            "  --layout wide --digits 1-2 --plate-width 360-500; --layout wide --digits 4 --plate-width 360-500.",
            "  Exit code: 0 written, 1 failed, 2 bad usage.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("generate-scenes", USAGE)
            .options("out", "count", "seed", "layout", "digits", "plate-width");

    /**
     * Written beside the manifest with the settings the scenes were drawn with: it marks the folder as synthetic scenes,
     * whose readings {@code eval --dump} may write one by one (see {@link #wrote}).
     */
    public static final String STAMP = "generated-scenes.txt";

    /** Whether {@code manifest} was written by this command (its folder holds {@link #STAMP}). */
    public static boolean wrote(Path manifest) {
        Path dir = manifest.toAbsolutePath().getParent();
        return dir != null && Files.isRegularFile(dir.resolve(STAMP));
    }

    /** The scenes' size, the development photos'. */
    static final int SIZE = 598;

    private GeneratedScenesCommand() {
    }

    /** What to draw: layout, digit-count range and plate-width range (px). */
    public record Kind(PlateLayout layout, int minDigits, int maxDigits, double minWidth, double maxWidth) {
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir;
        int count;
        long seed;
        Kind kind;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            dir = Path.of(line.required("out"));
            count = line.integer("count", 40, 1, 100_000);
            seed = line.longValue("seed", 5000, 0, Long.MAX_VALUE / 2);
            kind = kind(line.string("layout", "standard"), line.string("digits", "4"),
                    line.string("plate-width", "260-380"));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        try {
            Files.createDirectories(dir.resolve("images"));
            SceneGenerator scenes = new SceneGenerator(SIZE, SIZE);
            StringBuilder manifest = new StringBuilder("relative_image_path\tplate_text\tbbox_xywh\n");
            for (int i = 0; i < count; i++) {
                SceneGenerator.Scene s = scene(scenes, kind, seed + i);
                String name = "images/scene-" + (seed + i) + ".png";
                if (!ImageIO.write(s.image(), "png", dir.resolve(name).toFile())) {
                    throw new IOException("no PNG writer");
                }
                manifest.append(name).append('\t').append(s.text()).append('\t').append(s.box().x).append(',')
                        .append(s.box().y).append(',').append(s.box().width).append(',').append(s.box().height)
                        .append('\n');
            }
            Files.writeString(dir.resolve("manifest.tsv"), manifest);
            Files.writeString(dir.resolve(STAMP), String.join("\n",
                    "# written by generate-scenes: synthetic scenes, so eval may --dump them all (no held-out part)",
                    "count=" + count, "seed=" + seed, "layout=" + kind.layout().name().toLowerCase(Locale.ROOT),
                    "digits=" + kind.minDigits() + "-" + kind.maxDigits(),
                    "plate-width=" + fmt(kind.minWidth()) + "-" + fmt(kind.maxWidth()), ""));
            out.println("wrote " + count + " scenes, manifest.tsv and " + STAMP + " to " + dir);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("generate-scenes: " + e.getMessage());
            return 1;
        }
    }

    /** Parses the layout, digit-count and plate-width options. */
    static Kind kind(String layout, String digits, String plateWidth) throws UsageException {
        PlateLayout l = switch (layout.toLowerCase(Locale.ROOT)) {
            case "standard" -> PlateLayout.STANDARD;
            case "wide" -> PlateLayout.WIDE;
            default -> throw new UsageException("--layout must be standard or wide, got " + layout);
        };
        double[] d = range("--digits", digits, 1, 4);
        if (d[0] != Math.rint(d[0]) || d[1] != Math.rint(d[1])) {
            throw new UsageException("--digits must be whole numbers, got " + digits);
        }
        double[] w = range("--plate-width", plateWidth, 20, Math.floor(SIZE * 0.95));
        return new Kind(l, (int) d[0], (int) d[1], w[0], w[1]);
    }

    private static double[] range(String option, String value, double min, double max) throws UsageException {
        String[] parts = value.split("-", -1);
        try {
            double lo = Double.parseDouble(parts[0].trim());
            double hi = parts.length == 2 ? Double.parseDouble(parts[1].trim()) : lo;
            if (parts.length > 2 || !(lo >= min && hi <= max && lo <= hi)) {
                throw new UsageException(option + " must be a number or a range A-B within " + fmt(min) + ".."
                        + fmt(max) + ", got " + value);
            }
            return new double[] {lo, hi};
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number or a range A-B, got " + value);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The scene of {@code seed}: a random plate text with a digit count in range (drawn again until it is), its
     * rendering settings, a width in range and a degradation strength of 0.2-0.6, all from that seed.
     */
    public static SceneGenerator.Scene scene(SceneGenerator scenes, Kind kind, long seed) {
        Random rnd = new Random(seed);
        String text;
        int digits;
        do {
            text = SyntheticPlates.randomText(rnd);
            digits = SaudiPlate.digits(text).length();
        } while (digits < kind.minDigits() || digits > kind.maxDigits());
        PlateSpec drawn = SyntheticPlates.randomSpec(text, rnd);
        PlateSpec spec = new PlateSpec(drawn.text(), drawn.topText(), kind.layout(), drawn.blueStrip(),
                drawn.latinFont(), drawn.arabicFont(), drawn.bold(), drawn.centeredDigits(), drawn.wideRightStrip());
        double width = kind.minWidth() + rnd.nextDouble() * (kind.maxWidth() - kind.minWidth());
        return scenes.render(spec, seed, 0.2 + rnd.nextDouble() * 0.4, width);
    }
}
