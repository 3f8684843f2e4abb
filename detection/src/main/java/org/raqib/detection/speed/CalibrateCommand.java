package org.raqib.detection.speed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code ./raqib calibrate POINTS_FILE}: fits a camera's image-to-road calibration from surveyed marks
 * and prints it as the {@code calibration:} block of {@code config/cameras.yaml}, with the RMS error
 * and each mark's residual.
 *
 * <p>The points file is plain text, one statement per line, {@code #} starts a comment:
 * <pre>
 * image 1920 1080              # required: frame size in pixels
 * plate-height 0.5             # optional: height of the plate centres to calibrate for, metres
 *                              #   (default: the marks' own height, which must then be common)
 * camera 0 0 6.0               # optional: lens position X Y and height, metres; needed when a
 *                              #   mark is not at the plate height (e.g. paint on the road)
 * point 812.4 633.1 20.0 1.8 0 # image x, image y, road X (along), road Y (across), mark height; >= 4 points
 * </pre>
 * See {@link RoadCalibrator} for the geometry.
 */
public final class CalibrateCommand {

    static final String USAGE = String.join("\n",
            "usage: calibrate POINTS_FILE",
            "  POINTS_FILE lines:  image W H | plate-height METRES | camera X Y HEIGHT | point IMG_X IMG_Y ROAD_X ROAD_Y HEIGHT",
            "  (at least 4 points; '#' starts a comment). Prints the calibration block for config/cameras.yaml",
            "  and the reprojection error.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("calibrate", USAGE).positional();

    private CalibrateCommand() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (2 on bad usage or a bad points file). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = SPEC.parse(args);
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        if (line.help()) {
            return SPEC.help(out);
        }
        if (line.positional().size() != 1) {
            return SPEC.usageError(err, "expected one POINTS_FILE");
        }
        Path file = Path.of(line.positional().get(0));
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            err.println("calibrate: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            PointsFile p = PointsFile.parse(lines);
            CameraCalibration c = RoadCalibrator.calibrate(p.points(), p.width(), p.height(), p.plateHeight(), p.camera());
            out.println("# calibration of " + p.points().size() + " marks from " + file
                    + ": paste under the camera's entry in config/cameras.yaml");
            out.print(c.toYaml(4));
            out.printf(Locale.ROOT, "# RMS reprojection error %.4f m on the plate plane at %.2f m%n",
                    c.reprojectionErrorMetres(), c.referenceHeightMetres());
            for (int i = 0; i < p.points().size(); i++) {
                CalibrationPoint m = p.points().get(i);
                double[] q = c.toRoad(m.imageX(), m.imageY());
                double[] target = RoadCalibrator.toPlane(m, c.referenceHeightMetres(), p.camera(), i + 1);
                out.printf(Locale.ROOT, "#   point %d: (%.1f, %.1f) px -> (%.3f, %.3f) m, off by %.4f m%n", i + 1,
                        m.imageX(), m.imageY(), q[0], q[1], Math.hypot(q[0] - target[0], q[1] - target[1]));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("calibrate: " + file + ": " + e.getMessage());
            return 2;
        }
    }

    /** The content of a points file. */
    record PointsFile(int width, int height, Optional<Double> plateHeight, Optional<CameraPosition> camera,
                      List<CalibrationPoint> points) {

        static PointsFile parse(List<String> lines) {
            int w = -1;
            int h = -1;
            Optional<Double> plate = Optional.empty();
            Optional<CameraPosition> camera = Optional.empty();
            List<CalibrationPoint> points = new ArrayList<>();
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                int hash = line.indexOf('#');
                String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (f.length == 1 && f[0].isEmpty()) {
                    continue;
                }
                String where = "line " + (n + 1) + ": ";
                try {
                    switch (f[0]) {
                        case "image" -> {
                            expect(f, 3, where);
                            w = Integer.parseInt(f[1]);
                            h = Integer.parseInt(f[2]);
                            if (w <= 0 || h <= 0) {
                                throw new IllegalArgumentException(where + "image size must be positive");
                            }
                        }
                        case "plate-height" -> {
                            expect(f, 2, where);
                            plate = Optional.of(Double.parseDouble(f[1]));
                        }
                        case "camera" -> {
                            expect(f, 4, where);
                            camera = Optional.of(new CameraPosition(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                                    Double.parseDouble(f[3])));
                        }
                        case "point" -> {
                            expect(f, 6, where);
                            points.add(new CalibrationPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
                        }
                        default -> throw new IllegalArgumentException(where + "unknown statement '" + f[0]
                                + "' (image, plate-height, camera, point)");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "not a number: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw e.getMessage().startsWith("line ") ? e : new IllegalArgumentException(where + e.getMessage());
                }
            }
            if (w < 0) {
                throw new IllegalArgumentException("missing 'image WIDTH HEIGHT'");
            }
            return new PointsFile(w, h, plate, camera, points);
        }

        private static void expect(String[] f, int n, String where) {
            if (f.length != n) {
                throw new IllegalArgumentException(where + "'" + f[0] + "' takes " + (n - 1) + " numbers, got " + (f.length - 1));
            }
        }
    }
}
