package org.raqib.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.raqib.models.Topics;
import org.raqib.models.cli.CommandLine;

/**
 * Runs the Raqib Kafka broker in its own JVM: starts {@link EmbeddedKafkaBroker} on a persistent data
 * directory, creates every topic of {@link Topics#ALL}, prints one line {@code READY <bootstrap>} on
 * stdout when it serves, and stops cleanly on SIGTERM (or Ctrl-C).
 *
 * <pre>
 * java -cp ... org.raqib.broker.KafkaBrokerMain --port 9092 --data-dir work/kafka --partitions 2
 * </pre>
 */
public final class KafkaBrokerMain {

    /** Prefix of the line that tells a parent process the broker serves. */
    public static final String READY_PREFIX = "READY ";
    /** Default client port of the standalone broker. */
    public static final int DEFAULT_PORT = 9092;
    /** Default data directory of the standalone broker, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("work", "kafka");

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: KafkaBrokerMain [--port 9092] [--data-dir work/kafka] [--partitions 2] [--temp-data]",
            "                       [--start-timeout 90s] [--exit-on-stdin-eof]",
            "  --port N             client port on 127.0.0.1 (default 9092; 0 = a free port)",
            "  --data-dir DIR       Kafka log and metadata directory, kept between runs (default work/kafka)",
            "  --temp-data          use a temporary data directory, deleted on exit (instead of --data-dir)",
            "  --partitions N       partitions of each Raqib topic (default 2)",
            "  --start-timeout D    how long startup may take, e.g. 90s or 2m (default 90s)",
            "  --exit-on-stdin-eof  stop when standard input closes (used when a parent process owns the broker)",
            "Prints 'READY <host:port>' when serving; stops cleanly on SIGTERM.");

    // The broker's messages have always started with "error:" (it runs as a child JVM as often as by hand).
    private static final CommandLine.Spec SPEC = CommandLine.spec("error", USAGE)
            .options("port", "data-dir", "partitions", "start-timeout").flags("temp-data", "exit-on-stdin-eof");

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.in);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses {@code args}, runs the broker and blocks until the JVM is asked to stop.
     *
     * @return 0 after a clean stop or {@code --help}; 2 for bad options; 1 when the broker cannot start
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        Parsed parsed;
        try {
            parsed = parse(args);
        } catch (IllegalArgumentException e) {
            // a UsageException or the options' own validation
            return SPEC.usageError(err, e.getMessage());
        }
        if (parsed == null) {
            return SPEC.help(out);
        }
        EmbeddedKafkaBroker started = null;
        boolean serving = false;
        try {
            started = EmbeddedKafkaBroker.start(parsed.options());
            started.createTopics(Topics.ALL);
            serving = true;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            // Kafka's threads would keep this JVM alive after any failure: stop them.
            if (!serving && started != null) {
                started.close();
            }
        }
        EmbeddedKafkaBroker broker = started;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "raqib-kafka-shutdown"));
        if (parsed.exitOnStdinEof()) {
            // A parent owns this broker. Ctrl-C in a terminal signals the whole process group, but the
            // parent must finish its own shutdown (the jobs' final checkpoint commits to this broker)
            // before the broker goes; it stops us by closing our stdin or with SIGTERM.
            ignoreInterrupt();
            Thread watcher = new Thread(() -> {
                drain(in);
                // The parent is gone or asked us to stop: exit runs the shutdown hook above.
                System.exit(0);
            }, "raqib-kafka-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        out.println(READY_PREFIX + broker.bootstrapServers());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
        }
        return 0;
    }

    private static void ignoreInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGINT on this platform: nothing to ignore.
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // discard: only the end of the stream matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, same as end of stream
        }
    }

    record Parsed(BrokerOptions options, boolean exitOnStdinEof) {
    }

    /** The parsed options, or {@code null} for {@code --help}. */
    static Parsed parse(String[] args) {
        CommandLine line = SPEC.parse(args);
        if (line.help()) {
            return null;
        }
        BrokerOptions d = BrokerOptions.defaults();
        BrokerOptions options = d.withPort(line.integer("port", DEFAULT_PORT))
                .withDataDir(line.flag("temp-data") ? null : line.path("data-dir", DEFAULT_DATA_DIR))
                .withDefaultPartitions(line.integer("partitions", d.defaultPartitions()))
                .withStartTimeout(line.durationOrZero("start-timeout", d.startTimeout()));
        return new Parsed(options.validate(), line.flag("exit-on-stdin-eof"));
    }
}
