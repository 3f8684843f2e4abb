package org.raqib.cli.ingest;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.raqib.ingest.gateway.CameraGateway;
import org.raqib.ingest.gateway.GatewayOptions;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.InvalidRegistryException;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code ./raqib ingest}: runs the camera gateway on its own against any Kafka broker until Ctrl-C or
 * {@code --duration}; {@code ./raqib ingest send} uploads JPEG files signed like a camera
 * ({@link SendCommand}).
 */
public final class IngestCommand {

    /** Environment variable holding the admin API's bearer token. */
    public static final String ADMIN_TOKEN_ENV = "RAQIB_ADMIN_TOKEN";

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib ingest [--bootstrap localhost:9092] [--port 8080] [--bind 0.0.0.0]",
            "                    [--cameras config/cameras.yaml] [--max-body 2MiB] [--max-width 8192]",
            "                    [--max-height 8192] [--clock-skew 5m] [--max-in-flight 64]",
            "                    [--max-in-flight-bytes 64MiB] [--kafka-timeout 10s] [--retry-after 2s]",
            "                    [--admin-token TOKEN] [--no-publish] [--duration D]",
            "       raqib ingest send --camera ID [--speed KMH] [--lane N] [--url http://127.0.0.1:8080] FILE.jpg...",
            "  --bootstrap HOSTS          Kafka bootstrap servers (default localhost:9092)",
            "  --port N                   HTTP port (default 8080; 0 picks a free one)",
            "  --bind ADDRESS             interface to listen on (default 0.0.0.0)",
            "  --cameras FILE             camera registry with the cameras' secrets (default config/cameras.yaml);",
            "                             published to raqib.cameras at start (without secrets)",
            "  --max-body SIZE            largest upload, e.g. 2MiB, 512KiB or bytes (default 2MiB); larger gets 413",
            "  --max-width N, --max-height N  largest declared JPEG size (default 8192); larger gets 400",
            "  --clock-skew D             allowed distance of X-Raqib-Timestamp from the clock, also the replay",
            "                             window (default 5m)",
            "  --max-in-flight N          uploads held at once; more get 503 + Retry-After (default 64)",
            "  --max-in-flight-bytes SIZE upload bytes held at once; more get 503 (default 64MiB)",
            "  --kafka-timeout D          longest wait for Kafka's acknowledgement; then 503 (default 10s)",
            "  --retry-after D            Retry-After of a 503 (default 2s)",
            "  --admin-token TOKEN        bearer token of the admin API /v1/admin/cameras (default: env",
            "                             " + ADMIN_TOKEN_ENV + "; without either the admin API is off)",
            "  --no-publish               do not publish the registry at start (it is already in raqib.cameras)",
            "  --duration D               stop after D (150s, 2m, 1h); default: until Ctrl-C",
            "Endpoints: POST /v1/cameras/{id}/frames, /v1/admin/cameras[/{id}], GET /metrics, GET /health.",
            "'raqib ingest send --help' shows the upload client's options.");

    /** What the command line asks for. */
    record Settings(Path cameras, Duration duration, GatewayOptions options) {
    }

    static final CommandLine.Spec SPEC = CommandLine.spec("raqib ingest", USAGE)
            .options("bootstrap", "port", "bind", "cameras", "max-body", "max-width", "max-height", "clock-skew",
                    "max-in-flight", "max-in-flight-bytes", "kafka-timeout", "retry-after", "admin-token", "duration")
            .flags("no-publish");

    private IngestCommand() {
    }

    /**
     * Runs the gateway, or {@code send}.
     *
     * @return 0 after {@code --duration} or {@code --help}; 2 for bad options; 1 when it cannot start
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("send")) {
            return SendCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Settings s;
        try {
            s = parse(args, System.getenv(ADMIN_TOKEN_ENV));
        } catch (IllegalArgumentException e) { // a UsageException or an option value the options refuse: both exit 2
            err.println("raqib ingest: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (s == null) {
            out.println(USAGE);
            return 0;
        }
        CameraRegistry registry;
        try {
            registry = CameraRegistryFile.load(s.cameras());
        } catch (InvalidRegistryException | UncheckedIOException e) {
            err.println("raqib ingest: " + e.getMessage());
            return 1;
        }
        CameraGateway gateway;
        try {
            gateway = CameraGateway.start(s.options(), registry);
        } catch (RuntimeException e) {
            err.println("raqib ingest: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "raqib-ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("raqib ingest: gateway at " + gateway.url() + " (" + registry.size() + " cameras from "
                + s.cameras() + ", Kafka " + s.options().bootstrapServers() + ", admin API "
                + (s.options().adminToken() == null ? "off" : "on") + ")");
        out.println("raqib ingest: try ./raqib ingest send --url " + gateway.url() + " --camera "
                + registry.cameras().get(0).id() + " --speed 95 FRAME.jpg ; metrics at " + gateway.url() + "/metrics");
        out.println("READY " + gateway.url());
        out.flush();
        try {
            if (s.duration() == null) {
                stopped.await();
            } else {
                stopped.await(s.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gateway.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook finds the gateway closed
        }
        out.println("raqib ingest: stopped after " + gateway.metrics().acceptedCount() + " accepted frames");
        return 0;
    }

    /** The settings, or {@code null} for {@code --help}. */
    static Settings parse(String[] args, String tokenFromEnv) {
        CommandLine p = SPEC.parse(args);
        if (p.help()) {
            return null;
        }
        GatewayOptions d = GatewayOptions.defaults();
        String token = p.string("admin-token", tokenFromEnv == null || tokenFromEnv.isBlank() ? null : tokenFromEnv);
        GatewayOptions o = d.withBootstrapServers(p.string("bootstrap", d.bootstrapServers()))
                .withPort(p.integer("port", d.port(), 0, 65535))
                .withBindAddress(p.string("bind", d.bindAddress()))
                .withMaxBodyBytes((int) Math.min(Integer.MAX_VALUE, bytes(p, "max-body", d.maxBodyBytes())))
                .withMaxImageSize(p.integer("max-width", d.maxImageWidth(), 16, 65535),
                        p.integer("max-height", d.maxImageHeight(), 16, 65535))
                .withClockSkew(p.duration("clock-skew", d.clockSkew()))
                .withInFlight(p.integer("max-in-flight", d.maxInFlightRequests(), 1, 4096),
                        bytes(p, "max-in-flight-bytes", d.maxInFlightBytes()))
                .withKafkaTimeout(p.duration("kafka-timeout", d.kafkaTimeout()))
                .withRetryAfter(p.duration("retry-after", d.retryAfter()))
                .withAdminToken(token)
                .withPublishRegistry(!p.flag("no-publish"));
        o.validate();
        Path home = Path.of(System.getProperty("raqib.home", "."));
        Path cameras = Path.of(p.string("cameras", home.resolve("config/cameras.yaml").toString()));
        if (!Files.isRegularFile(cameras)) {
            throw new UsageException("--cameras: " + cameras + " is not a file");
        }
        return new Settings(cameras, p.duration("duration", null), o);
    }

    /** A size: plain bytes or with KiB/MiB (also K, KB, M, MB: all binary). */
    static long bytes(CommandLine p, String name, long dflt) {
        String v = p.string(name, null);
        if (v == null) {
            return dflt;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][] {{"kib", "1024"}, {"kb", "1024"}, {"k", "1024"}, {"mib", "1048576"},
                {"mb", "1048576"}, {"m", "1048576"}}) {
            if (t.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                t = t.substring(0, t.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(t) * unit;
            if (n <= 0) {
                throw new UsageException("--" + name + ": must be positive, got '" + v + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a size (e.g. 2MiB, 512KiB, 1048576)");
        }
    }
}
