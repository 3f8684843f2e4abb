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
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * One run of the demo: the broker JVM, the registry, the jobs, the simulator and the monitor, started
 * in that order and stopped in the reverse order. {@link #stop(boolean)} is idempotent and safe to
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

    private final DemoOptions options;
    private final PrintStream out;
    private final Queue<GroundTruth> truths = new ConcurrentLinkedQueue<>();
    private final Queue<SectionTruth> trips = new ConcurrentLinkedQueue<>();
    private BrokerProcess broker;
    private RaqibJobs.Running jobs;
    private CameraSimulator simulator;
    private VideoCameraFeeder videoFeeder;
    private PipelineMonitor monitor;
    private org.raqib.dashboard.DashboardServer dashboard;
    private org.raqib.ingest.gateway.CameraGateway gateway;
    private long startNanos;
    private boolean stopped;

    DemoRun(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    synchronized void start() {
        try {
            CameraRegistry registry = CameraRegistryFile.load(options.camerasFile());
            if (!options.keepData()) {
                // Each run starts empty so that its counts and its score are its own.
                deleteRecursively(options.kafkaDir());
            }
            step("starting the Kafka broker JVM on port " + options.port() + " (data in " + options.kafkaDir() + ")");
            broker = BrokerProcess.start(BrokerOptions.defaults().withPort(options.port())
                    .withDataDir(options.kafkaDir()));
            done("broker at " + broker.bootstrapServers() + ", topics created");

            int n = CameraRegistryPublisher.publish(broker.bootstrapServers(), registry);
            say("camera registry: " + n + " cameras from " + options.camerasFile() + " published to "
                    + Topics.CAMERAS.name());

            monitor = new PipelineMonitor(broker.bootstrapServers());
            startDashboard();

            step("starting the Flink jobs (recognition, enforcement) on an embedded MiniCluster, parallelism "
                    + options.parallelism() + ", checkpoints every " + options.checkpointInterval().toMillis() + " ms");
            jobs = EmbeddedJobs.start(broker.bootstrapServers(), options.checkpointInterval(), options.parallelism());
            done("jobs running");

            gateway = org.raqib.cli.ingest.DemoGateway.start(broker.bootstrapServers(), registry, options.workDir(),
                    this::say);

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
            int cameras = CameraSimulator.camerasFor(registry, sim).size();
            simulator.start();
            videoFeeder = VideoCameraFeeder.startFor(registry, broker.bootstrapServers(), options.seed(), this::say);
            startNanos = System.nanoTime();
            say("simulator: " + options.framesPerSecond() + " frames/s over " + cameras + " radar cameras (seed "
                    + options.seed() + "); Kafka clients reach the broker at " + broker.bootstrapServers()
                    + (options.duration() == null ? "; Ctrl-C stops" : "; running for " + human(options.duration())));
            say("read the violations with e.g. kcat -C -b " + broker.bootstrapServers() + " -t "
                    + Topics.VIOLATIONS.name() + " -X isolation.level=read_committed");
            say("violations are signed with the demo key (public, demo only); check them with ./raqib verify "
                    + "--demo-key --bootstrap " + broker.bootstrapServers());
        } catch (RuntimeException | Error e) {
            // An Error (a class that failed to load, say) must not leave the broker JVM and the jobs
            // running behind a demo that can no longer stop them.
            stopQuietly();
            throw e;
        }
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
     * Stops the simulator; with {@code drain}, waits (bounded) for its last frames to get through the
     * jobs; stops the jobs and the broker; prints the final summary. Idempotent.
     */
    synchronized void stop(boolean drain) {
        if (stopped) {
            return;
        }
        stopped = true;
        long elapsed = elapsedSeconds();
        if (simulator != null) {
            close("simulator", simulator);
        }
        if (videoFeeder != null) {
            close("video camera", videoFeeder);
        }
        if (drain && monitor != null && jobs != null) {
            drain();
        }
        if (jobs != null) {
            // Stopping the jobs takes a final checkpoint, which commits the output still pending.
            close("jobs", jobs);
            jobs = null;
            if (drain && monitor != null) {
                awaitQuiet();
            }
        }
        String summary = monitor == null ? null : monitor.summaryLine();
        DemoScore score = monitor == null ? null : DemoScore.of(List.copyOf(truths), monitor.violations());
        DemoScore reviewScore = monitor == null ? null : DemoScore.of(List.copyOf(truths), monitor.reviews());
        long undecodable = monitor == null ? 0 : monitor.undecodable();
        List<org.raqib.models.Violation> cases = new java.util.ArrayList<>();
        if (monitor != null) {
            cases.addAll(monitor.violations());
            cases.addAll(monitor.reviews());
        }
        EnforcementScore enforcement = monitor == null || simulator == null ? null : EnforcementScore.of(
                List.copyOf(trips), List.copyOf(truths), simulator.wantedPlates(), cases, monitor.alerts());
        long duplicateIds = cases.size() - cases.stream().map(org.raqib.models.Violation::getViolationId).distinct().count();
        stopQuietly();
        if (summary != null) {
            out.println();
            out.println("raqib demo: final summary after " + elapsed + " s");
            out.println("  " + summary);
            out.println("  simulator: " + (simulator == null ? 0 : simulator.acknowledged()) + " frames acknowledged by "
                    + "the broker");
            out.println("  ground truth, issued violations: " + score.describe());
            out.println("  ground truth, sent for review:   " + reviewScore.describe());
            if (enforcement != null) {
                enforcement.describe().forEach(line -> out.println("  " + line));
            }
            if (videoFeeder != null) {
                out.println("  " + videoFeeder.describe(cases));
            }
            out.println("  violation ids seen twice (issued and review, every type): " + duplicateIds);
            if (undecodable > 0) {
                out.println("  " + undecodable + " violation records did not decode with the models schema");
            }
            out.flush();
        }
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

    private void stopQuietly() {
        if (simulator != null) {
            close("simulator", simulator);
        }
        if (videoFeeder != null) {
            close("video camera", videoFeeder);
        }
        if (gateway != null) {
            close("gateway", gateway);
        }
        if (jobs != null) {
            close("jobs", jobs);
        }
        if (dashboard != null) {
            close("dashboard", dashboard);
        }
        if (monitor != null) {
            close("monitor", monitor);
        }
        if (broker != null) {
            close("broker", broker);
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

    private static void close(String what, AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping the {} failed: {}", what, e.toString());
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
