package org.raqib.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raqib Kafka broker in a child JVM ({@link KafkaBrokerMain} on this JVM's class path). Start it,
 * use {@link #bootstrapServers()}, and close it: close sends SIGTERM and waits for a clean stop. The
 * child also stops by itself when this JVM dies (it watches its standard input), so a killed demo does
 * not leave a broker holding the port.
 *
 * <p>The child's Kafka logs go to {@code broker.log} in the data directory (or the temporary one).
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    /** JVM options of the child when none are given: a demo broker needs little heap. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");
    private static final long STOP_WAIT_SECONDS = 30;
    private static final int KEPT_OUTPUT_LINES = 40;

    private final Process process;
    private final String bootstrapServers;
    private final Path temporaryDir;
    private boolean closed;

    private BrokerProcess(Process process, String bootstrapServers, Path temporaryDir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.temporaryDir = temporaryDir;
    }

    /** Starts the broker JVM with {@link #DEFAULT_JVM_OPTIONS}; see {@link #start(BrokerOptions, List)}. */
    public static BrokerProcess start(BrokerOptions options) {
        return start(options, DEFAULT_JVM_OPTIONS);
    }

    /**
     * Starts the broker in a child JVM and waits until it prints {@code READY}.
     *
     * @param options port, data directory ({@code null}: a temporary one, deleted on close), partitions, timeout
     * @param jvmOptions options for the child JVM, e.g. {@code -Xmx512m}
     * @throws EmbeddedKafkaBroker.PortInUseException when the port is taken
     * @throws IllegalStateException with the child's last output when it fails or times out
     */
    public static BrokerProcess start(BrokerOptions options, List<String> jvmOptions) {
        options.validate();
        if (options.port() != 0) {
            EmbeddedKafkaBroker.requireFreePort(options.port());
        }
        Path temporary = null;
        Path dataDir;
        try {
            if (options.dataDir() == null) {
                temporary = Files.createTempDirectory("raqib-kafka-");
                dataDir = temporary;
            } else {
                dataDir = Files.createDirectories(options.dataDir().toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory", e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        URL logConfig = BrokerProcess.class.getResource("log4j2-broker.xml");
        if (logConfig != null) {
            command.add("-Dlog4j2.configurationFile=" + logConfig);
            command.add("-Draqib.broker.logFile=" + dataDir.resolve("broker.log"));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaBrokerMain.class.getName());
        command.addAll(List.of("--port", String.valueOf(options.port()), "--data-dir", dataDir.toString(),
                "--partitions", String.valueOf(options.defaultPartitions()),
                "--start-timeout", options.startTimeout().toMillis() + "ms", "--exit-on-stdin-eof"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker JVM: " + command.get(0), e);
        }
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> pump(process, lastLines, ready), "raqib-kafka-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // Allow a little more than the child's own timeout, so that its message wins.
            String bootstrap = ready.get(options.startTimeout().toMillis() + 15_000, TimeUnit.MILLISECONDS);
            LOG.info("Kafka broker JVM (pid {}) serving at {}", process.pid(), bootstrap);
            return new BrokerProcess(process, bootstrap, temporary);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stop(process);
            if (temporary != null) {
                EmbeddedKafkaBroker.deleteRecursively(temporary);
            }
            String output;
            synchronized (lastLines) {
                output = String.join(System.lineSeparator(), lastLines);
            }
            String why = e instanceof TimeoutException ? "did not print READY within " + options.startTimeout()
                    : "exited before it was ready" + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")");
            if (output.contains("already in use")) {
                throw new EmbeddedKafkaBroker.PortInUseException("the Kafka broker JVM " + why + ": port "
                        + options.port() + " is already in use. Output:" + System.lineSeparator() + output, e);
            }
            throw new IllegalStateException("the Kafka broker JVM " + why + ". Output:" + System.lineSeparator()
                    + output, e);
        }
    }

    private static void pump(Process process, Deque<String> lastLines, CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(KafkaBrokerMain.READY_PREFIX)) {
                    ready.complete(line.substring(KafkaBrokerMain.READY_PREFIX.length()).trim());
                    continue;
                }
                LOG.debug("broker: {}", line);
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_OUTPUT_LINES) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("broker output closed: {}", e.toString());
        }
        ready.completeExceptionally(new IllegalStateException("broker output ended"));
    }

    /** {@code host:port} for Kafka clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child JVM is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, waits up to 30 s for a clean stop, then kills. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(process);
        if (temporaryDir != null) {
            EmbeddedKafkaBroker.deleteRecursively(temporaryDir);
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Kafka broker JVM (pid {}) did not stop in {} s; killing it", process.pid(), STOP_WAIT_SECONDS);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
