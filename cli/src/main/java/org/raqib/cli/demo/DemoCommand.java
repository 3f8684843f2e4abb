package org.raqib.cli.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.ingest.registry.InvalidRegistryException;
import org.raqib.models.cli.CommandLine;

/**
 * {@code ./raqib demo}: the whole pipeline on one machine. Starts the Kafka broker in its own JVM,
 * publishes the camera registry, runs the recognition and spot-speed jobs on an embedded Flink
 * MiniCluster and the camera simulator, and prints a live summary of what reaches the topics (read
 * committed, as any outside client sees it). Ctrl-C stops everything cleanly; {@code --duration} stops
 * by itself and exits 0.
 */
public final class DemoCommand {

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib demo [--duration 150s] [--port 9092] [--rate 2] [--seed 1] [--over-limit 0.25]",
            "                  [--cameras config/cameras.yaml] [--parallelism 2] [--checkpoint-interval 2s]",
            "                  [--keep-data]",
            "  --duration D             run for D (150s, 2m, 1h or plain seconds), print a final summary and",
            "                           exit 0; without it the demo runs until Ctrl-C",
            "  --port N                 Kafka client port on localhost (default 9092)",
            "  --rate R                 simulated frames per second over all cameras (default 2)",
            "  --seed S                 simulator seed: the same seed draws the same vehicles (default 1)",
            "  --over-limit X           share of vehicles over limit plus tolerance, 0..1 (default 0.25)",
            "  --cameras FILE           camera registry (default config/cameras.yaml)",
            "  --parallelism N          Flink parallelism of the jobs (default 2)",
            "  --checkpoint-interval D  Flink checkpoints; results are committed at each (default 2s)",
            "  --keep-data              keep the previous run's Kafka data in work/kafka (default: start empty)",
            "The broker keeps its data in work/kafka; logs go to work/logs/raqib.log.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib demo", USAGE)
            .options("duration", "port", "rate", "seed", "over-limit", "cameras", "parallelism", "checkpoint-interval")
            .flags("keep-data");

    private DemoCommand() {
    }

    /**
     * Runs the demo.
     *
     * @return 0 after a run with {@code --duration} (or {@code --help}); 2 for bad options; 1 when
     *     something cannot start (busy port, bad registry) or the jobs fail
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            // a UsageException or the options' own validation
            return SPEC.usageError(err, e.getMessage());
        }
        if (options == null) {
            return SPEC.help(out);
        }
        if (!Files.isRegularFile(options.camerasFile())) {
            err.println("raqib demo: camera registry " + options.camerasFile() + " not found (--cameras FILE)");
            return 1;
        }
        DemoRun demo = new DemoRun(options, out);
        Thread hook = new Thread(() -> demo.stop(false), "raqib-demo-shutdown");
        try {
            demo.start();
        } catch (EmbeddedKafkaBroker.PortInUseException e) {
            demo.endOpenStep();
            err.println("raqib demo: port " + options.port() + " is already in use (is another broker or demo "
                    + "running?); stop it or choose another port with --port");
            return 1;
        } catch (InvalidRegistryException e) {
            demo.endOpenStep();
            err.println("raqib demo: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            demo.endOpenStep();
            err.println("raqib demo: could not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        boolean healthy = true;
        try {
            healthy = demo.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!healthy) {
            err.println("raqib demo: the Flink jobs stopped by themselves (failed); the reason is in "
                    + options.workDir().resolve("logs").resolve("raqib.log"));
        }
        demo.stop(healthy);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds the demo stopped)
        }
        return healthy ? 0 : 1;
    }

    /** The options, or {@code null} for {@code --help}. */
    static DemoOptions parse(String[] args) {
        CommandLine p = SPEC.parse(args);
        if (p.help()) {
            return null;
        }
        Path home = Path.of(System.getProperty("raqib.home", "."));
        Path work = Path.of(System.getProperty("raqib.workDir", home.resolve("work").toString()));
        Duration checkpoint = p.duration("checkpoint-interval", DemoOptions.DEFAULT_CHECKPOINT_INTERVAL);
        return new DemoOptions(
                p.duration("duration", null),
                p.integer("port", DemoOptions.DEFAULT_PORT, 1, 65535),
                p.decimalAbove("rate", DemoOptions.DEFAULT_RATE, 0, 200),
                p.longValue("seed", 1L),
                p.decimal("over-limit", 0.25, 0, 1),
                p.path("cameras", home.resolve("config").resolve("cameras.yaml")),
                work,
                checkpoint,
                p.integer("parallelism", 2, 1, 64),
                p.flag("keep-data")).validate();
    }
}
