package org.raqib.cli.ingest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.InvalidRegistryException;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.ingest.stream.KafkaStreamSink;
import org.raqib.ingest.stream.PullOptions;
import org.raqib.ingest.stream.StreamConfigFile;
import org.raqib.ingest.stream.StreamPuller;
import org.raqib.ingest.stream.StreamSink;
import org.raqib.ingest.stream.StreamSpec;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code ./raqib pull}: pulls the camera streams of {@code config/streams.yaml} (MJPEG over HTTP, RTSP,
 * video files, image folders) into {@code raqib.frames}, with each camera's health on
 * {@code raqib.camera-health}, until Ctrl-C or {@code --duration}.
 */
public final class PullCommand {

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib pull [--bootstrap localhost:9092] [--config config/streams.yaml]",
            "                  [--cameras config/cameras.yaml] [--duration D] [--health-interval 5s]",
            "                  [--offline-after 15s] [--backoff-initial 1s] [--backoff-max 30s]",
            "                  [--read-timeout 10s] [--jpeg-quality 0.85]",
            "  --bootstrap HOSTS        Kafka bootstrap servers (default localhost:9092)",
            "  --config FILE            the streams to pull (default config/streams.yaml); relative file paths",
            "                           in it are resolved against the repository root",
            "  --cameras FILE           camera registry: every stream's camera must be in it (default",
            "                           config/cameras.yaml); disabled cameras are not pulled",
            "  --duration D             stop after D (150s, 2m, 1h or plain seconds); default: until Ctrl-C",
            "  --health-interval D      how often each camera's health is published (default 5s)",
            "  --offline-after D        a camera with no frame for D is reported OFFLINE (default 15s)",
            "  --backoff-initial D      first wait before reconnecting a failed source (default 1s)",
            "  --backoff-max D          longest wait between reconnects (default 30s)",
            "  --read-timeout D         a live source silent for D is reconnected (default 10s)",
            "  --jpeg-quality Q         quality of frames encoded from decoded video, (0, 1] (default 0.85)",
            "Frames go to raqib.frames (origin 'stream' or 'replay'), health to raqib.camera-health, both keyed",
            "by camera id. FFmpeg's native libraries are extracted to work/javacpp-cache; nothing is downloaded.");

    /** What the command line asks for. */
    record Settings(String bootstrap, Path config, Path cameras, Duration duration, PullOptions options) {
    }

    static final CommandLine.Spec SPEC = CommandLine.spec("raqib pull", USAGE)
            .options("bootstrap", "config", "cameras", "duration", "health-interval", "offline-after", "backoff-initial",
                    "backoff-max", "read-timeout", "jpeg-quality");

    private PullCommand() {
    }

    /**
     * Runs the pull.
     *
     * @return 0 after {@code --duration} or {@code --help}; 2 for bad options; 1 for a bad configuration
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings s;
        try {
            s = parse(args);
        } catch (IllegalArgumentException e) { // a UsageException or an option value the options refuse: both exit 2
            err.println("raqib pull: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (s == null) {
            out.println(USAGE);
            return 0;
        }
        List<StreamSpec> specs;
        try {
            specs = streams(s, out);
        } catch (IllegalArgumentException | InvalidRegistryException e) {
            err.println("raqib pull: " + e.getMessage());
            return 1;
        }
        if (specs.isEmpty()) {
            err.println("raqib pull: no stream to pull in " + s.config() + " (add entries under 'streams:')");
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "raqib-pull-shutdown");
        try (KafkaStreamSink kafka = new KafkaStreamSink(s.bootstrap());
                StreamPuller puller = StreamPuller.start(specs, s.options(), printing(kafka, out))) {
            out.printf("raqib pull: %d camera(s) to %s; health every %s%s%n", specs.size(), s.bootstrap(),
                    text(s.options().healthInterval()), s.duration() == null ? "; Ctrl-C stops"
                            : "; for " + text(s.duration()));
            for (StreamSpec spec : specs) {
                out.printf("  %-16s %-12s %.2f frames/s  %s%n", spec.cameraId(), spec.kind(), spec.sampleFps(),
                        redact(spec.url()));
            }
            Runtime.getRuntime().addShutdownHook(hook);
            if (s.duration() == null) {
                stop.await();
            } else {
                stop.await(s.duration().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down (Ctrl-C): the hook has run
        }
        return 0;
    }

    static Settings parse(String[] args) {
        CommandLine p = SPEC.parse(args);
        if (p.help()) {
            return null;
        }
        Path home = home();
        PullOptions d = PullOptions.defaults();
        PullOptions options = new PullOptions(
                p.duration("health-interval", d.healthInterval()),
                p.duration("offline-after", d.offlineAfter()),
                p.duration("backoff-initial", d.backoffInitial()),
                p.duration("backoff-max", d.backoffMax()),
                p.duration("read-timeout", d.readTimeout()),
                (float) p.decimalAbove("jpeg-quality", d.jpegQuality(), 0, 1)).validate();
        String bootstrap = p.string("bootstrap", "localhost:9092");
        if (bootstrap.isBlank()) {
            throw new UsageException("--bootstrap is empty");
        }
        return new Settings(bootstrap,
                Path.of(p.string("config", home.resolve("config").resolve("streams.yaml").toString())),
                Path.of(p.string("cameras", home.resolve("config").resolve("cameras.yaml").toString())),
                p.duration("duration", null), options);
    }

    private static Path home() {
        return Path.of(System.getProperty("raqib.home", ".")).toAbsolutePath().normalize();
    }

    /** The configured streams whose camera is registered and enabled; fails on an unknown camera. */
    static List<StreamSpec> streams(Settings s, PrintStream out) {
        if (!Files.isRegularFile(s.config())) {
            throw new IllegalArgumentException("stream config " + s.config() + " not found (--config FILE)");
        }
        if (!Files.isRegularFile(s.cameras())) {
            throw new IllegalArgumentException("camera registry " + s.cameras() + " not found (--cameras FILE)");
        }
        CameraRegistry registry = CameraRegistryFile.load(s.cameras());
        List<StreamSpec> out2 = new ArrayList<>();
        for (StreamSpec spec : StreamConfigFile.load(s.config(), home())) {
            Optional<RegisteredCamera> camera = registry.find(spec.cameraId());
            if (camera.isEmpty()) {
                throw new IllegalArgumentException(s.config() + ": camera " + spec.cameraId() + " is not in "
                        + s.cameras());
            }
            if (!camera.get().enabled()) {
                out.println("raqib pull: camera " + spec.cameraId() + " is disabled in the registry; not pulled");
                continue;
            }
            out2.add(spec);
        }
        return out2;
    }

    /** Passes everything to Kafka and prints each health report as one line. */
    private static StreamSink printing(StreamSink kafka, PrintStream out) {
        return new StreamSink() {
            @Override
            public void frame(CameraFrame frame) {
                kafka.frame(frame);
            }

            @Override
            public void health(CameraHealth h) {
                kafka.health(h);
                out.printf(Locale.ROOT, "%s %-16s %-8s %5.2f frames/s  errors %d  %s%n", h.getReportedAt(),
                        h.getCameraId(), h.getState(), h.getFramesPerSecond(), h.getErrors(), h.getMessage());
            }

            @Override
            public void close() {
                kafka.close();
            }
        };
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Stream URLs may carry credentials: never print them. */
    static String redact(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@", "$1***@");
    }
}
