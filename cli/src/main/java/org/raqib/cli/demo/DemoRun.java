package org.raqib.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.BrokerProcess;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.CameraRegistryPublisher;
import org.raqib.ingest.simulator.CameraSimulator;
import org.raqib.ingest.simulator.GroundTruth;
import org.raqib.ingest.simulator.SectionTruth;
import org.raqib.ingest.simulator.SimulatorListener;
import org.raqib.ingest.simulator.SimulatorOptions;
import org.raqib.ingest.simulator.WantedVehicles;
import org.raqib.jobs.RaqibJobs;
import org.raqib.models.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the demo: a list of {@link Part}s (broker, camera registry, monitor, dashboard, jobs,
 * gateway, simulator, video camera), started in that order and stopped in the reverse order, so that
 * every source stops before the jobs, and the jobs (with their final commit) before the monitor that
 * counts their output and the broker they all use. {@link #stop(boolean)} is idempotent and safe to
 * call from a shutdown hook.
 */
final class DemoRun {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
    /** Longest wait, after the simulator stops, for its last frames to come out of the jobs. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(20);
    /** Share of simulated vehicles driving through a section (entry and exit camera). */
    private static final double SECTION_SHARE = 0.3;
    /** Share of simulated vehicles carrying a wanted plate of the demo hot-list. */
    private static final double HOTLIST_SHARE = 0.05;

    /** One part of the demo: how it starts and how it stops. */
    private record Part(String name, Runnable start, Stop stop) {
    }

    /** Stops a part; {@code drain}: let what it holds get through first (bounded), the demo ends normally. */
    @FunctionalInterface
    private interface Stop {
        void stop(boolean drain) throws Exception;
    }

    private final DemoOptions options;
    private final PrintStream out;
    private final Queue<GroundTruth> truths = new ConcurrentLinkedQueue<>();
    private final Queue<SectionTruth> trips = new ConcurrentLinkedQueue<>();
    /** Counts what reaches the topics; the final summary is taken while it still runs. */
    private final Part monitorPart;
    /** In start order. Each stop copes with a part that failed half-way through its start. */
    private final List<Part> parts;
    /** The parts started so far, the last started first. */
    private final Deque<Part> running = new ArrayDeque<>();
    private CameraRegistry registry;
    private BrokerProcess broker;
    private RaqibJobs.Running jobs;
    private CameraSimulator simulator;
    private int simulatedCameras;
    private VideoCameraFeeder videoFeeder;
    private PipelineMonitor monitor;
    private org.raqib.dashboard.DashboardServer dashboard;
    private org.raqib.ingest.gateway.CameraGateway gateway;
    private long startNanos;
    private boolean stopped;

    DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        monitorPart = new Part("monitor", () -> monitor = new PipelineMonitor(broker.bootstrapServers()),
                drain -> closeIfStarted(monitor));
        parts = List.of(
                new Part("broker", this::startBroker, drain -> closeIfStarted(broker)),
                new Part("camera registry", this::publishRegistry, drain -> { }),
                monitorPart,
                new Part("dashboard", this::startDashboard, drain -> closeIfStarted(dashboard)),
                new Part("jobs", this::startJobs, this::stopJobs),
                new Part("gateway", () -> gateway = org.raqib.cli.ingest.DemoGateway.start(broker.bootstrapServers(),
                        registry, options.workDir(), this::say), drain -> closeIfStarted(gateway)),
                new Part("simulator", this::startSimulator, drain -> closeIfStarted(simulator)),
                new Part("video camera", () -> videoFeeder = VideoCameraFeeder.startFor(registry,
                        broker.bootstrapServers(), options.seed(), this::say), drain -> closeIfStarted(videoFeeder)));
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    synchronized void start() {
        try {
            registry = CameraRegistryFile.load(options.camerasFile());
            if (!options.keepData()) {
                // Each run starts empty so that its counts and its score are its own.
                deleteRecursively(options.kafkaDir());
            }
            for (Part part : parts) {
                running.push(part); // first: a part that fails half-way is stopped too
                part.start().run();
            }
            startNanos = System.nanoTime();
            say("simulator: " + options.framesPerSecond() + " frames/s over " + simulatedCameras + " radar cameras (seed "
                    + options.seed() + "); Kafka clients reach the broker at " + broker.bootstrapServers()
                    + (options.duration() == null ? "; Ctrl-C stops" : "; running for " + human(options.duration())));
            say("read the violations with e.g. kcat -C -b " + broker.bootstrapServers() + " -t "
                    + Topics.VIOLATIONS.name() + " -X isolation.level=read_committed");
            say("violations are signed with the demo key (public, demo only); check them with ./raqib verify "
                    + "--demo-key --bootstrap " + broker.bootstrapServers());
        } catch (RuntimeException | Error e) {
            // An Error (a class that failed to load, say) must not leave the broker JVM and the jobs
            // running behind a demo that can no longer stop them.
            stopParts(null, false);
            throw e;
        }
    }

    private void startBroker() {
        step("starting the Kafka broker JVM on port " + options.port() + " (data in " + options.kafkaDir() + ")");
        broker = BrokerProcess.start(BrokerOptions.defaults().withPort(options.port()).withDataDir(options.kafkaDir()));
        done("broker at " + broker.bootstrapServers() + ", topics created");
    }

    private void publishRegistry() {
        int n = CameraRegistryPublisher.publish(broker.bootstrapServers(), registry);
        say("camera registry: " + n + " cameras from " + options.camerasFile() + " published to "
                + Topics.CAMERAS.name());
    }

    private void startJobs() {
        step("starting the Flink jobs (recognition, enforcement) on an embedded MiniCluster, parallelism "
                + options.parallelism() + ", checkpoints every " + options.checkpointInterval().toMillis() + " ms");
        jobs = EmbeddedJobs.start(broker.bootstrapServers(), options.checkpointInterval(), options.parallelism());
        done("jobs running");
    }

    /**
     * The sources have stopped by now (they start after the jobs); with {@code drain} their last frames
     * get through first. Stopping the jobs takes a final checkpoint, which commits the output still
     * pending; the monitor then gets a moment to read it.
     */
    private void stopJobs(boolean drain) {
        RaqibJobs.Running j = jobs;
        if (j == null) {
            return;
        }
        if (drain && simulator != null) {
            drain();
        }
        jobs = null;
        try {
            j.close();
        } catch (Exception e) {
            LOG.warn("stopping the jobs failed: {}", e.toString());
        }
        if (drain) {
            awaitQuiet();
        }
    }

    private void startSimulator() {
        SimulatorOptions sim = SimulatorOptions.defaults().withFramesPerSecond(options.framesPerSecond())
                .withSeed(options.seed()).withOverLimitShare(options.overLimitShare())
                .withSectionShare(SECTION_SHARE).withHotlistShare(HOTLIST_SHARE);
        simulator = CameraSimulator.create(sim, registry, broker.bootstrapServers(), new SimulatorListener() {
            @Override
            public void onFrame(GroundTruth truth) {
                truths.add(truth);
            }

            @Override
            public void onSection(SectionTruth truth) {
                trips.add(truth);
            }
        });
        int wanted = WantedVehicles.publish(broker.bootstrapServers(), simulator.wantedPlates());
        say("hot-list: " + wanted + " wanted vehicles published to " + Topics.HOTLIST.name() + " (the simulator drives"
                + " them: " + Math.round(HOTLIST_SHARE * 100) + "% of vehicles); " + Math.round(SECTION_SHARE * 100)
                + "% of vehicles drive through one of " + simulator.sections().size() + " sections");
        simulatedCameras = CameraSimulator.camerasFor(registry, sim).size();
        simulator.start();
    }

    /**
     * Prints the live line every second until the duration has passed (or forever without one).
     *
     * @return false when the jobs ended by themselves (failed), true otherwise
     */
    boolean awaitEnd() throws InterruptedException {
        boolean tty = System.console() != null;
        long endNanos = options.duration() == null ? Long.MAX_VALUE : startNanos + options.duration().toNanos();
        long tick = 0;
        while (System.nanoTime() < endNanos) {
            Thread.sleep(Math.max(1, Math.min(1000, (endNanos - System.nanoTime()) / 1_000_000)));
            tick++;
            if (tick % 5 == 0 && !jobsAlive()) {
                if (tty) {
                    out.println();
                }
                return false;
            }
            synchronized (this) {
                if (stopped) {
                    return true;
                }
                String line = String.format("[%5ds] %s", elapsedSeconds(), monitor.summaryLine());
                if (tty) {
                    out.print("\r" + line + "   ");
                    out.flush();
                } else if (tick % 5 == 0) {
                    out.println(line);
                }
            }
        }
        if (tty) {
            out.println();
        }
        return true;
    }

    private boolean jobsAlive() {
        RaqibJobs.Running j;
        synchronized (this) {
            j = jobs;
        }
        try {
            return j == null || !j.status().isGloballyTerminalState();
        } catch (RuntimeException e) {
            LOG.warn("cannot get the status of the jobs: {}", e.toString());
            return true;
        }
    }

    /**
     * Stops every part in reverse start order: the sources; the jobs (with {@code drain}, after the
     * sources' last frames got through, bounded); the dashboard; then, with the monitor's counts
     * complete, prints the final summary once the monitor and the broker are stopped too. Idempotent.
     */
    synchronized void stop(boolean drain) {
        if (stopped) {
            return;
        }
        stopped = true;
        long elapsed = elapsedSeconds();
        stopParts(monitorPart, drain);
        List<String> summary = monitor == null ? List.of() : finalSummary(elapsed);
        stopParts(null, drain);
        summary.forEach(out::println);
        out.flush();
    }

    /** Stops the running parts, last started first, down to (not including) {@code until}; null: all. */
    private void stopParts(Part until, boolean drain) {
        while (!running.isEmpty() && running.peek() != until) {
            Part part = running.pop();
            try {
                part.stop().stop(drain);
            } catch (Exception e) {
                LOG.warn("stopping the {} failed: {}", part.name(), e.toString());
            }
        }
    }

    /** The final summary: what the monitor counted, scored against the simulator's truth. */
    private List<String> finalSummary(long elapsed) {
        List<org.raqib.models.Violation> cases = new ArrayList<>();
        cases.addAll(monitor.violations());
        cases.addAll(monitor.reviews());
        long duplicateIds = cases.size() - cases.stream().map(org.raqib.models.Violation::getViolationId).distinct()
                .count();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("raqib demo: final summary after " + elapsed + " s");
        lines.add("  " + monitor.summaryLine());
        lines.add("  simulator: " + (simulator == null ? 0 : simulator.acknowledged()) + " frames acknowledged by "
                + "the broker");
        lines.add("  ground truth, issued violations: " + DemoScore.of(List.copyOf(truths), monitor.violations())
                .describe());
        lines.add("  ground truth, sent for review:   " + DemoScore.of(List.copyOf(truths), monitor.reviews())
                .describe());
        if (simulator != null) {
            EnforcementScore.of(List.copyOf(trips), List.copyOf(truths), simulator.wantedPlates(), cases,
                    monitor.alerts()).describe().forEach(line -> lines.add("  " + line));
        }
        if (videoFeeder != null) {
            lines.add("  " + videoFeeder.describe(cases));
        }
        lines.add("  violation ids seen twice (issued and review, every type): " + duplicateIds);
        if (monitor.undecodable() > 0) {
            lines.add("  " + monitor.undecodable() + " violation records did not decode with the models schema");
        }
        return lines;
    }

    /** Waits (at most a few seconds) until the monitor has seen the records of the final commit. */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String last = monitor.summaryLine();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stableSince < 1_500_000_000L) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String now = monitor.summaryLine();
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
    }

    private void drain() {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long frames = simulator.acknowledged();
        // Each frame gives at most one read; frames without a plate give none, so stop when the reads stop
        // growing for a few checkpoints as well as when they have caught up.
        long last = -1;
        long stableSince = System.nanoTime();
        long stableFor = options.checkpointInterval().multipliedBy(3).toNanos();
        while (System.nanoTime() < deadline) {
            long reads = monitor.count(Topics.READS) + monitor.count(Topics.DEAD_LETTER);
            if (monitor.count(Topics.FRAMES) >= frames && reads >= frames) {
                return;
            }
            if (reads != last) {
                last = reads;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > stableFor && monitor.count(Topics.FRAMES) >= frames) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The operations dashboard against the demo's broker; the demo runs on without it when it cannot
     * start (a busy port range, a bad users file), since it only watches.
     */
    private void startDashboard() {
        RuntimeException last = null;
        for (int port = DemoOptions.DEFAULT_DASHBOARD_PORT; port <= DemoOptions.DEFAULT_DASHBOARD_PORT + 10; port++) {
            int p = port > DemoOptions.DEFAULT_DASHBOARD_PORT + 9 ? 0 : port;
            try {
                dashboard = org.raqib.dashboard.DashboardServer.start(org.raqib.dashboard.DashboardOptions
                        .defaults(options.dashboardUsersFile()).withBootstrapServers(broker.bootstrapServers())
                        .withPort(p));
                say("dashboard: open " + dashboard.address() + " and sign in as operator / operator-demo "
                        + "(demo users: README, " + options.dashboardUsersFile().getFileName() + ")");
                return;
            } catch (UncheckedIOException e) {
                last = e; // port taken: try the next
            } catch (RuntimeException e) {
                last = e;
                break;
            }
        }
        say("dashboard not started: " + (last == null ? "no port" : last.getMessage()));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        requireNoBrokerOn(dir);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the Kafka data directory " + dir + " (use --keep-data to "
                    + "keep it)", e);
        }
    }

    /** Kafka locks its log directory while it runs: never empty a directory a live broker uses. */
    private static void requireNoBrokerOn(Path dir) {
        Path lock = dir.resolve(".lock");
        if (!Files.exists(lock)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = ch.tryLock()) {
            if (held == null) {
                throw new IllegalStateException(dir + " is in use by a running Kafka broker (another demo?)");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException(dir + " is in use by a Kafka broker in this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the Kafka lock in " + dir, e);
        }
    }

    /** Closes a part that may not have started at all (the dashboard and the video camera are optional). */
    private static void closeIfStarted(AutoCloseable c) throws Exception {
        if (c != null) {
            c.close();
        }
    }

    private long elapsedSeconds() {
        return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private long stepStart;
    private boolean stepOpen;

    /** Ends a progress line left open by a step that failed, so an error message starts on its own line. */
    synchronized void endOpenStep() {
        if (stepOpen) {
            out.println();
            stepOpen = false;
        }
    }

    private void step(String what) {
        stepStart = System.nanoTime();
        stepOpen = true;
        out.print("raqib demo: " + what + " ... ");
        out.flush();
    }

    private void done(String what) {
        stepOpen = false;
        out.printf("ok, %s (%.1f s)%n", what, (System.nanoTime() - stepStart) / 1e9);
    }

    private void say(String what) {
        out.println("raqib demo: " + what);
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }
}
