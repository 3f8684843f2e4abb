package org.raqib.ingest.simulator;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * Writes the simulated cameras' frames to a folder instead of Kafka: the simulator's vehicles, plates and
 * renderings with its default traffic (the demo also drives some vehicles through sections and from the
 * hot-list), one JPEG per vehicle at its first camera, and a {@code manifest.tsv} of their plates in the
 * labelled photos' format, so that {@code ./raqib eval DIR/manifest.tsv} measures the recogniser on the
 * demo's kind of plates without running the pipeline.
 */
public final class SimulatedFramesCommand {

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib simulate-frames --out DIR [--frames N] [--seed S] [--cameras FILE]",
            "  --out DIR        folder for images/frame-NNNNN.jpg and manifest.tsv (created)",
            "  --frames N       vehicles to render, one frame each (default 400)",
            "  --seed S         the simulator's seed (default 1, as ./raqib demo)",
            "  --cameras FILE   camera registry (default config/cameras.yaml)",
            "manifest.tsv: as ../shared/data/ksa-dev's (image path, plate text, the plate's box x,y,w,h):",
            "  ./raqib eval DIR/manifest.tsv measures the recogniser on these frames.",
            "Exit code: 0 written, 1 failed, 2 bad options.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib simulate-frames", USAGE)
            .options("out", "frames", "seed", "cameras");

    private SimulatedFramesCommand() {
    }

    /** Runs the command; see {@link #USAGE}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine o;
        Path dir;
        int frames;
        long seed;
        Path cameras;
        try {
            o = SPEC.parse(args);
            if (o.help()) {
                return SPEC.help(out);
            }
            dir = Path.of(o.required("out"));
            frames = o.integer("frames", 400, 1, 1_000_000);
            seed = o.longValue("seed", 1);
            cameras = o.path("cameras", Path.of("config", "cameras.yaml"));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        try {
            SimulatorOptions options = SimulatorOptions.defaults().withSeed(seed);
            List<RegisteredCamera> simulated = CameraSimulator.camerasFor(CameraRegistryFile.load(cameras), options);
            // Rendering only: frame(i) never publishes, so no producer is needed.
            CameraSimulator simulator = new CameraSimulator(options, simulated, null, false, Clock.systemUTC(), null);
            Files.createDirectories(dir.resolve("images"));
            StringBuilder truth = new StringBuilder("relative_image_path\tplate_text\tbbox_xywh\n");
            for (int i = 0; i < frames; i++) {
                CameraSimulator.SimulatedFrame f = simulator.frame(i);
                ByteBuffer jpeg = f.frame().getJpeg();
                byte[] bytes = new byte[jpeg.remaining()];
                jpeg.get(bytes);
                String name = String.format("images/frame-%05d.jpg", i);
                Files.write(dir.resolve(name), bytes);
                Rectangle r = f.plateBounds();
                truth.append(name).append('\t').append(f.truth().plateText()).append('\t').append(r.x).append(',').append(r.y).append(',').append(r.width).append(',')
                        .append(r.height).append('\n');
            }
            Files.writeString(dir.resolve("manifest.tsv"), truth);
            out.println("wrote " + frames + " frames and manifest.tsv to " + dir);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("raqib simulate-frames: " + e.getMessage());
            return 1;
        }
    }
}
