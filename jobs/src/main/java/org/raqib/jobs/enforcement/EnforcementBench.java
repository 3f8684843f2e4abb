package org.raqib.jobs.enforcement;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.kafka.ChangelogWatermarks;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.Passages;
import org.raqib.jobs.speed.SpotSpeedSettings;
import org.raqib.models.Camera;
import org.raqib.models.HotlistEntry;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;
import org.raqib.models.plate.SaudiPlate;

/**
 * Throughput, latency and state size of the enforcement topology (decode, passages, spot speed, section
 * speed, hot-list) at parallelism 1, without Kafka (operator cost only), on synthetic Avro-encoded reads in
 * event-time order. {@code --sections N} sections of 1.5-3 km
 * (2N cameras); every vehicle is read three times at entry and, 60 s of event time later, three times at
 * exit; half of them speed over their section, one in seven at the entry camera; the hot-list holds
 * random plates plus every thousandth vehicle, matched with one substitution.
 *
 * <ul>
 *   <li>Unpaced (default): reads as fast as the pipeline takes them; event time runs far faster than the
 *       wall clock. Gives reads per second and per CPU-second of the whole process (every thread: tasks, timers,
 *       GC, JIT) from the first read to the end. The reads are made and encoded before the clock starts
 *       ({@link #prepare}), so the count holds the topology and Flink's runtime, and a sequence source handing
 *       each prepared record on (as a Kafka source would hand on fetched ones), not the bench's input.</li>
 *   <li>{@code --rate R}: reads paced at R per second with capture time = the wall clock, as cameras
 *       would send them. Gives the latency from the last read a violation or alert needs (its scheduled
 *       send time) to the moment the violation or alert leaves the topology: p50, p99, max.</li>
 *   <li>{@code --state}: checkpoints every second to a temporary directory (heap state backend, full
 *       snapshots) and reports their sizes; the vehicles held in state follow from the schedule.</li>
 *   <li>{@code --section-allowed-lateness D}: the job's option of that name (default the job's, 5m): how much
 *       longer the section stage keeps each passage, so how much state it holds.</li>
 * </ul>
 * Prints the machine it ran on and its load: a busy machine slows every number.
 *
 * <p>{@code EnforcementBench [--vehicles N] [--hotlist N] [--sections N] [--rate R] [--state]
 * [--section-allowed-lateness D] [--warmup RUNS]}
 */
public final class EnforcementBench {

    static final String USAGE = "usage: bench-enforcement [--vehicles N (default 100000)] [--hotlist N (default 10000)]"
            + " [--sections N (default 100)] [--rate READS_PER_S (default: unpaced)] [--state]"
            + " [--section-allowed-lateness D (default 5m)] [--warmup RUNS (default 0; unpaced only)]";
    private static final CommandLine.Spec SPEC = CommandLine.spec("bench-enforcement", USAGE)
            .options("vehicles", "hotlist", "sections", "rate", "warmup", "section-allowed-lateness").flags("state");
    private static final long T0 = 1_760_000_000_000L;
    /** Event time from a vehicle's entry to its exit. */
    private static final long TRAVEL_MS = 60_000;
    /** Unpaced: event time between two reads (six reads, one vehicle entering and one leaving, per slot). */
    private static final double UNPACED_PERIOD_MICROS = 100_000 / 6.0;
    private static final double[] SECTION_KM = {1.5, 2.0, 2.5, 3.0};   // 90, 120, 150, 180 km/h over 60 s
    private static final int LIMIT = 120;
    private static final int TOLERANCE = 5;

    static final AtomicLong PASSAGES = new AtomicLong();
    static final AtomicLong VIOLATIONS = new AtomicLong();
    static final AtomicLong ALERTS = new AtomicLong();
    static final AtomicLong DEAD_LETTERS = new AtomicLong();
    /**
     * Order-free digests of the ids of the passages, violations and alerts out (a sum of mixed hashes): two
     * runs with equal digests made the same records, whatever order they came out in.
     */
    static final AtomicLong[] ID_DIGESTS = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    static final AtomicLong FIRST_READ_NANOS = new AtomicLong();
    /**
     * CPU time the generator spends making and encoding reads (the bench's input, not the topology's work),
     * measured on every 64th read with the thread's CPU clock and scaled up: cheap, and not fooled by a
     * busy machine taking the thread off the core.
     */
    static final AtomicLong GENERATOR_NANOS = new AtomicLong();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU time of the whole process (every thread: tasks, timers, GC, JIT) at the first read. */
    static final AtomicLong FIRST_READ_CPU_NANOS = new AtomicLong();
    /** Paced runs: wall-clock epoch micros of read 0 (later reads are due {@code period} apart). */
    static final AtomicLong START_MICROS = new AtomicLong();
    /** Paced runs: latencies in microseconds, violations and alerts. */
    static final List<Long> LATENCIES = java.util.Collections.synchronizedList(new ArrayList<>());

    private EnforcementBench() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** The schedule of one run, shared by the generator and the sinks. */
    record Plan(int vehicles, int sections, double periodMicros, boolean paced) implements java.io.Serializable {
        /** Slots (six reads) between a vehicle's entry and its exit. */
        long lag() {
            return Math.round(TRAVEL_MS * 1000 / (6 * periodMicros));
        }

        long slots() {
            return vehicles + lag();
        }

        /** Sequence number of the last read of vehicle {@code v} at entry or exit. */
        long lastRead(int v, boolean exit) {
            return exit ? (v + lag()) * 6 + 5 : v * 6L + 2;
        }
    }

    /** Runs the benchmark; returns the exit code (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        int vehicles;
        int hotlistSize;
        int sections;
        double rate;
        boolean state;
        int warmup;
        EnforcementSettings settings;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            vehicles = line.integer("vehicles", 100_000, 1, Integer.MAX_VALUE / 6);
            hotlistSize = line.integer("hotlist", 10_000, 0, Integer.MAX_VALUE);
            sections = line.integer("sections", 100, 1, Integer.MAX_VALUE);
            rate = line.decimal("rate", 0, 0, 10_000_000);
            state = line.flag("state");
            warmup = line.integer("warmup", 0, 0, 100);
            EnforcementSettings d = EnforcementSettings.defaults();
            settings = new EnforcementSettings(d.passages(), d.sectionMaxDuration(),
                    line.durationOrZero("section-allowed-lateness", d.sectionAllowedLateness()),
                    d.hotlistMaxSubstitutions(), d.signingKey());
            if (warmup > 0 && (rate > 0 || state)) {
                throw new UsageException("--warmup is for unpaced runs without --state");
            }
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        Plan plan = new Plan(vehicles, sections, rate > 0 ? 1e6 / rate : UNPACED_PERIOD_MICROS, rate > 0);
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        JobOptions.reuseObjects(config); // as the jobs run
        java.nio.file.Path checkpoints = null;
        if (state) {
            checkpoints = java.nio.file.Files.createTempDirectory("raqib-bench-checkpoints");
            config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpoints.toUri().toString());
            config.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(org.apache.flink.configuration.CheckpointingOptions.FS_SMALL_FILE_THRESHOLD,
                    org.apache.flink.configuration.MemorySize.parse("1kb"));
        }
        List<RawRecord> registry = new ArrayList<>();
        for (int r = 0; r < sections; r++) {
            registry.add(camera("R" + r + "-A", "R" + r, 0));
            registry.add(camera("R" + r + "-B", "R" + r, SECTION_KM[r % SECTION_KM.length]));
        }
        List<RawRecord> hotlist = new ArrayList<>();
        Random random = new Random(1);
        org.raqib.models.wire.AvroWire<HotlistEntry> hotWire = Topics.HOTLIST.wire();
        for (int i = 0; i < hotlistSize; i++) {
            hotlist.add(entry((1 + random.nextInt(9999)) + "" + letter(random) + letter(random) + letter(random), hotWire));
        }
        for (int v = 0; v < plan.vehicles() && hotlistSize > 0; v += 1000) {
            hotlist.add(entry(plate(v), hotWire));
        }
        for (int run = 1; run <= warmup; run++) {
            // Same schedule, same JVM: the JIT compiles Flink's and the topology's code here, as a long-running job
            // would in its first minutes, and the measured run below starts with that code compiled.
            resetCounters();
            execute(plan, settings, config, registry, hotlist, false, null);
            out.printf(Locale.ROOT, "warm-up run %d of %d (not measured): %.0f reads per CPU-second, %d passages%n", run,
                    warmup, vehicles * 6.0 / ((processCpuNanos() - FIRST_READ_CPU_NANOS.get()) / 1e9), PASSAGES.get());
        }
        resetCounters();
        Executed run;
        try {
            run = execute(plan, settings, config, registry, hotlist, state, checkpoints);
        } finally {
            deleteTree(checkpoints); // the sizes are measured: nothing of the run is left in the temporary directory
        }
        double preparedCpuSeconds = run.preparedCpuSeconds();
        CheckpointSizes sizes = run.sizes();
        long endNanos = System.nanoTime();
        long endCpuNanos = processCpuNanos();
        ThreadGroupCpu endThreads = plan.paced() ? null : ThreadGroupCpu.now();
        double seconds = (endNanos - FIRST_READ_NANOS.get()) / 1e9;
        double cpuSeconds = (endCpuNanos - FIRST_READ_CPU_NANOS.get()) / 1e9;
        long reads6 = (long) vehicles * 6;
        out.printf(Locale.ROOT, "enforcement bench: %d vehicles, %d reads, %d sections (%d cameras), hot-list %d entries"
                + " (1 substitution), %s%s%n", vehicles, reads6, sections, 2 * sections, hotlist.size(),
                plan.paced() ? String.format(Locale.ROOT, "paced at %.0f reads/s", rate) : "unpaced",
                warmup == 0 ? "" : String.format(Locale.ROOT, ", measured after %d warm-up run%s in this JVM", warmup,
                        warmup == 1 ? "" : "s"));
        out.printf(Locale.ROOT, "  %.1f s from the first read to the end: %.0f reads/s at parallelism 1%s%n", seconds,
                reads6 / seconds, state ? " (with checkpoints every second)" : "");
        if (plan.paced()) {
            double generator = GENERATOR_NANOS.get() / 1e9;
            out.printf(Locale.ROOT, "  %.1f s of CPU (all threads of the process): %.0f reads per CPU-second; without the %.1f s"
                    + " the generator took to make and encode the reads: %.0f reads per CPU-second%n", cpuSeconds,
                    reads6 / cpuSeconds, generator, reads6 / (cpuSeconds - generator));
        } else {
            out.printf(Locale.ROOT, "  %.1f s of CPU (all threads of the process, first read to end): %.0f reads per CPU-second"
                    + " (reads made and Avro-encoded before the clock started, in %.1f s of CPU, not counted)%n", cpuSeconds,
                    reads6 / cpuSeconds, preparedCpuSeconds);
            out.print(breakdown(endThreads, FIRST_READ_THREADS, cpuSeconds, reads6));
            long warmReads = PREPARED.length - WARM_FROM;
            double warmSeconds = (endNanos - WARM_NANOS.get()) / 1e9;
            double warmCpuSeconds = (endCpuNanos - WARM_CPU_NANOS.get()) / 1e9;
            out.printf(Locale.ROOT, "  last two thirds (read %d to the end, %d reads): %.1f s, %.0f reads/s;"
                    + " %.1f s of CPU: %.0f reads per CPU-second%n", WARM_FROM, warmReads, warmSeconds,
                    warmReads / warmSeconds, warmCpuSeconds, warmReads / warmCpuSeconds);
            out.print(breakdown(endThreads, WARM_THREADS, warmCpuSeconds, warmReads));
        }
        out.printf(Locale.ROOT, "  out: %d passages, %d violations (issued + review), %d patrol alerts, %d dead letters%n",
                PASSAGES.get(), VIOLATIONS.get(), ALERTS.get(), DEAD_LETTERS.get());
        out.printf(Locale.ROOT, "  ids (order-free digests; equal in runs that made the same records): passages %016x,"
                + " violations %016x, alerts %016x%n", ID_DIGESTS[0].get(), ID_DIGESTS[1].get(), ID_DIGESTS[2].get());
        if (plan.paced()) {
            List<Long> l;
            synchronized (LATENCIES) {
                l = new ArrayList<>(LATENCIES);
            }
            l.sort(null);
            if (!l.isEmpty()) {
                out.printf(Locale.ROOT, "  latency last read -> violation/alert out (%d): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        l.size(), l.get(l.size() / 2) / 1e3, l.get((int) Math.min(l.size() - 1, l.size() * 0.99)) / 1e3,
                        l.get(l.size() - 1) / 1e3);
            }
        }
        if (sizes != null) {
            double vehiclesPerSecond = 1e6 / (6 * plan.periodMicros());
            double held = 0;
            for (int r = 0; r < Math.min(sections, SECTION_KM.length); r++) {
                // entry and exit passage each kept for the section's violation window plus the passage gap and the
                // allowed lateness
                held += 2 * (SECTION_KM[r] / (LIMIT + TOLERANCE) * 3600 + settings.passages().gap().toSeconds()
                        + settings.sectionAllowedLateness().toMillis() / 1e3);
            }
            // at most every passage the run made: a run shorter than that time never fills it
            held = Math.min(held / Math.min(sections, SECTION_KM.length) * vehiclesPerSecond, 2.0 * vehicles);
            out.printf(Locale.ROOT, "  checkpoints: %d, size median %s, max %s; about %.0f passages held in section state"
                    + " (section allowed lateness %s; by the schedule; exact when paced) -> %s per million passages held%n",
                    sizes.count(), mib(sizes.median()), mib(sizes.max()), held, settings.sectionAllowedLateness(),
                    mib(sizes.median() / held * 1e6));
        }
        out.printf(Locale.ROOT, "  machine: %d cores, %s %s, load %.2f, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    /** What {@link #execute} leaves to the report: the CPU seconds spent preparing the reads, the checkpoint sizes seen. */
    private record Executed(double preparedCpuSeconds, CheckpointSizes sizes) {
    }

    /** Builds the topology on a fresh local environment and runs it to the end. */
    private static Executed execute(Plan plan, EnforcementSettings settings, Configuration config,
                                    List<RawRecord> registry, List<RawRecord> hotlist, boolean state,
                                    java.nio.file.Path checkpoints) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
        if (state) {
            env.enableCheckpointing(1000, org.apache.flink.core.execution.CheckpointingMode.EXACTLY_ONCE);
        }
        DataStream<RawRecord> cameras = env.fromData(registry, TypeInformation.of(RawRecord.class))
                .assignTimestampsAndWatermarks(ChangelogWatermarks.neverHoldBack());
        DataStream<RawRecord> hot = (hotlist.isEmpty()
                ? env.fromData(List.of(entry("1AAA", Topics.HOTLIST.wire())), TypeInformation.of(RawRecord.class))
                : env.fromData(hotlist, TypeInformation.of(RawRecord.class)))
                .assignTimestampsAndWatermarks(ChangelogWatermarks.neverHoldBack());
        // The job gives this strategy to its Kafka source; at parallelism 1 the one generated stream is the same.
        double preparedCpuSeconds = 0;
        DataStream<RawRecord> generated;
        if (plan.paced()) {
            // capture time = the wall clock at sending: the reads can only be made as they are sent
            generated = env.fromSequence(0, plan.slots() * 6 - 1).flatMap(new Reads(plan), TypeInformation.of(RawRecord.class));
        } else {
            long cpu = THREADS.getCurrentThreadCpuTime();
            PREPARED = prepare(plan);
            WARM_FROM = PREPARED.length / 3;
            preparedCpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            generated = env.fromSequence(0, PREPARED.length - 1).map(new Prepared(), TypeInformation.of(RawRecord.class));
        }
        DataStream<RawRecord> reads = generated.assignTimestampsAndWatermarks(Passages.eventTime(settings.passages()));
        EnforcementJob.Outputs o = EnforcementJob.topology(reads, cameras, hot, SpotSpeedSettings.defaults(), settings);
        o.passages().map(new Count<>(0, plan), o.passages().getType()).sinkTo(new DiscardingSink<>());
        o.violations().union(o.review()).map(new Count<>(1, plan), o.violations().getType()).sinkTo(new DiscardingSink<>());
        o.alerts().map(new Count<>(2, plan), o.alerts().getType()).sinkTo(new DiscardingSink<>());
        o.deadLetters().map(new Count<>(3, plan), o.deadLetters().getType()).sinkTo(new DiscardingSink<>());
        CheckpointSizes sizes = checkpoints == null ? null : CheckpointSizes.watch(checkpoints);
        try {
            env.execute("enforcement-bench");
        } finally {
            if (sizes != null) {
                sizes.close();
            }
        }
        return new Executed(preparedCpuSeconds, sizes);
    }

    /** Deletes {@code dir} and everything under it, if it is there ({@code null}: nothing). */
    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        if (dir == null || !java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** Clears what one run leaves in the static counters, so that a measured run after warm-ups counts only itself. */
    private static void resetCounters() {
        for (AtomicLong a : new AtomicLong[] {PASSAGES, VIOLATIONS, ALERTS, DEAD_LETTERS, FIRST_READ_NANOS, GENERATOR_NANOS,
                FIRST_READ_CPU_NANOS, START_MICROS, WARM_NANOS, WARM_CPU_NANOS, ID_DIGESTS[0], ID_DIGESTS[1], ID_DIGESTS[2]}) {
            a.set(0);
        }
        LATENCIES.clear();
        FIRST_READ_THREADS = null;
        WARM_THREADS = null;
    }

    /**
     * The JIT compilers' and the garbage collector's share of {@code cpuSeconds} since {@code from}, and what the
     * rest (the topology's tasks, Flink's runtime, the sequence source) costs per read; empty where the threads'
     * CPU cannot be read. A run of 600,000 reads lasts seconds, and much of its CPU is the JIT compiling Flink's
     * and the topology's code, which a long-running job pays once: this line shows how much.
     */
    static String breakdown(ThreadGroupCpu end, ThreadGroupCpu from, double cpuSeconds, long reads) {
        if (from == null || !end.comparableWith(from)) {
            return "";
        }
        double jit = end.secondsSince(from, ThreadGroupCpu.Group.JIT);
        double gc = end.secondsSince(from, ThreadGroupCpu.Group.GC);
        return String.format(Locale.ROOT, "    of which JIT compiler threads %.1f s (at least), GC threads %.1f s;"
                + " the other %.1f s: %.0f reads per CPU-second%n", jit, gc, cpuSeconds - jit - gc,
                reads / (cpuSeconds - jit - gc));
    }

    /** CPU time of this JVM, all threads; on a shared machine a fairer cost per read than the wall clock. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String mib(double bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20))
                : String.format(Locale.ROOT, "%.0f KiB", bytes / 1024);
    }

    /**
     * Plate of vehicle {@code v}: unique, canonical, four digits, numbers and letters scattered. Vehicles
     * close in sequence pass the same camera within seconds when the bench is paced, and plates one or
     * two OCR edits apart (1000, 1008) would merge into one passage there, which real traffic almost
     * never does: the number steps by a prime stride, and the letters change with every vehicle too.
     */
    static String plate(int v) {
        String l = SaudiPlate.LATIN_LETTERS;
        int n = l.length();
        int combos = n * n * n;
        int r = v % 9000;
        int q = v / 9000;
        // (q, r) -> letters is one-to-one for each r because 1 + 9000 * LETTER_STRIDE is prime to combos
        int k = (int) Math.floorMod((long) q * (1 + 9000L * LETTER_STRIDE) + (long) r * LETTER_STRIDE, combos);
        return (1000 + (int) (r * 7919L % 9000)) + "" + l.charAt(k % n) + l.charAt(k / n % n) + l.charAt(k / n / n % n);
    }

    /** A stride for the letters that keeps {@link #plate} one-to-one (see there). */
    private static final int LETTER_STRIDE = letterStride();

    private static int letterStride() {
        int combos = (int) Math.pow(SaudiPlate.LATIN_LETTERS.length(), 3);
        for (int m = 7; ; m += 2) {
            if (java.math.BigInteger.valueOf(1 + 9000L * m).gcd(java.math.BigInteger.valueOf(combos)).intValue() == 1
                    && java.math.BigInteger.valueOf(m).gcd(java.math.BigInteger.valueOf(combos)).intValue() == 1) {
                return m;
            }
        }
    }

    private static char letter(Random random) {
        return SaudiPlate.LATIN_LETTERS.charAt(random.nextInt(SaudiPlate.LATIN_LETTERS.length()));
    }

    private static RawRecord camera(String id, String road, double km) {
        Camera c = Camera.newBuilder().setCameraId(id).setName(id).setLatitude(24.7).setLongitude(46.7).setRoadId(road)
                .setDirection("N").setKmMarker(km).setSpeedLimitKmh(LIMIT).setToleranceKmh(TOLERANCE).setRegion("bench")
                .setHasRadar(true).setEnabled(true).setUpdatedAt(Instant.ofEpochMilli(0)).build();
        return new RawRecord(Topics.CAMERAS.name(), 0, 0, 0, id, Topics.CAMERAS.wire().encode(c));
    }

    private static RawRecord entry(String plate, org.raqib.models.wire.AvroWire<HotlistEntry> wire) {
        HotlistEntry e = HotlistEntry.newBuilder().setPlateText(plate).setReason("stolen").setPriority(1)
                .setValidUntil(null).setRemoved(false).setUpdatedAt(Instant.ofEpochMilli(0)).build();
        return new RawRecord(Topics.HOTLIST.name(), 0, 0, 0, plate, wire.encode(e));
    }

    /**
     * Unpaced runs: every read of the schedule, made and encoded before the job starts, so that the measured
     * CPU is the topology's (with Flink's runtime) and not the bench's own input. Handed on by {@link Prepared}.
     */
    static volatile RawRecord[] PREPARED;
    /**
     * Unpaced runs: the read from which the second, warm measurement starts. A run of 600,000 reads takes
     * seconds, and in its first part the JIT compilers (whose threads count in the process's CPU time) are
     * still compiling Flink's and the topology's code: a long-running job pays that once.
     */
    static volatile int WARM_FROM;
    static final AtomicLong WARM_NANOS = new AtomicLong();
    static final AtomicLong WARM_CPU_NANOS = new AtomicLong();
    /** Unpaced runs: the JIT compilers' and GC's CPU at the first read and at {@link #WARM_FROM}. */
    static volatile ThreadGroupCpu FIRST_READ_THREADS;
    static volatile ThreadGroupCpu WARM_THREADS;

    /** Every read of an unpaced run, in sequence order (capture times from {@link #T0}). */
    static RawRecord[] prepare(Plan plan) {
        List<RawRecord> all = new ArrayList<>(plan.vehicles() * 6);
        org.raqib.models.wire.AvroWire<PlateRead> wire = Topics.READS.wire();
        for (long i = 0; i < plan.slots() * 6; i++) {
            RawRecord r = read(plan, i, T0, wire);
            if (r != null) {
                all.add(r);
            }
        }
        return all.toArray(new RawRecord[0]);
    }

    /**
     * Read i of the schedule as the Kafka source would hand it on, or {@code null} where slot i / 6 has no such
     * vehicle: slot i / 6 holds vehicle slot's three entry reads, then vehicle (slot - lag)'s three exit reads.
     * Frame ids are {@code camera-vehicle-j}, so a sink can tell which read a violation rests on.
     */
    static RawRecord read(Plan plan, long i, long t0, org.raqib.models.wire.AvroWire<PlateRead> wire) {
        long slot = i / 6;
        int j = (int) (i % 6);
        int v = (int) (j < 3 ? slot : slot - plan.lag());
        if (v < 0 || v >= plan.vehicles()) {
            return null;
        }
        long offsetMicros = (long) (i * plan.periodMicros());
        int road = v % plan.sections();
        String cam = "R" + road + (j < 3 ? "-A" : "-B");
        long at = t0 + offsetMicros / 1000;
        double speed = v % 7 == 6 ? 140 : 100;
        PlateRead r = PlateRead.newBuilder().setReadId(cam + "-" + v + "-" + j).setFrameId(cam + "-" + v + "-" + j)
                .setCameraId(cam).setCaptureTime(Instant.ofEpochMilli(at)).setPlateText(plate(v))
                .setPlateArabic("").setConfidence(0.95).setCharacterConfidences(List.of())
                .setAlternatives(List.of()).setBox(new PlateBox(1, 1, 100, 30)).setLayout(PlateLayout.STANDARD)
                .setEvidenceSha256("ab".repeat(32)).setRadarSpeedKmh(j < 3 ? speed : 100.0).setLane(1).build();
        return new RawRecord(Topics.READS.name(), 0, i, at, cam, wire.encode(r));
    }

    /** Starts the clock on the first prepared read: the registry and hot-list arrive first. */
    private static void startClock() throws InterruptedException {
        // let the registry and hot-list (small, broadcast) arrive first, then start the clock
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        FIRST_READ_NANOS.set(System.nanoTime());
        FIRST_READ_THREADS = ThreadGroupCpu.now();
        FIRST_READ_CPU_NANOS.set(processCpuNanos());
    }

    /** Hands on the prepared read of each sequence number (unpaced runs), dropping the bench's reference to it. */
    static final class Prepared implements MapFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawRecord map(Long i) throws Exception {
            if (i == 0) {
                startClock();
            } else if (i == WARM_FROM) {
                WARM_NANOS.set(System.nanoTime());
                WARM_THREADS = ThreadGroupCpu.now();
                WARM_CPU_NANOS.set(processCpuNanos());
            }
            RawRecord r = PREPARED[(int) (long) i];
            PREPARED[(int) (long) i] = null;
            return r;
        }
    }

    /** Paced runs: makes each read when it is due, with capture time = the wall clock. */
    static final class Reads implements FlatMapFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final Plan plan;
        private transient org.raqib.models.wire.AvroWire<PlateRead> wire;
        private transient long t0;

        Reads(Plan plan) {
            this.plan = plan;
        }

        @Override
        public void flatMap(Long i, Collector<RawRecord> out) throws Exception {
            if (i == 0) {
                startClock();
                long nowMicros = java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                START_MICROS.set(nowMicros);
                t0 = nowMicros / 1000;
            }
            long due = START_MICROS.get() + (long) (i * plan.periodMicros());
            long wait;
            while ((wait = due - java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())) > 0) {
                if (wait > 2000) {
                    Thread.sleep(wait / 1000 - 1);
                } else {
                    Thread.onSpinWait();
                }
            }
            boolean sample = i % 64 == 0;
            long made = sample ? THREADS.getCurrentThreadCpuTime() : 0;
            if (wire == null) {
                wire = Topics.READS.wire();
            }
            RawRecord record = read(plan, i, t0, wire);
            if (sample) {
                GENERATOR_NANOS.addAndGet(64 * (THREADS.getCurrentThreadCpuTime() - made));
            }
            if (record != null) {
                out.collect(record);
            }
        }
    }

    /**
     * Counts what passes and, in paced runs, the latency of violations and alerts (the bench runs in one
     * JVM, so static counters are visible to the caller).
     */
    static final class Count<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        /** 0 passages, 1 violations, 2 alerts, 3 dead letters: the counters themselves would be copied with the function. */
        private final int which;
        private final Plan plan;

        Count(int which, Plan plan) {
            this.which = which;
            this.plan = plan;
        }

        @Override
        public T map(T value) {
            (which == 0 ? PASSAGES : which == 1 ? VIOLATIONS : which == 2 ? ALERTS : DEAD_LETTERS).incrementAndGet();
            if (which == 3) {
                return value;
            }
            String id = value instanceof org.raqib.models.Passage p ? p.getPassageId()
                    : value instanceof org.raqib.models.Violation v ? v.getViolationId()
                    : ((org.raqib.models.PatrolAlert) value).getAlertId();
            ID_DIGESTS[which].addAndGet(mix(id.hashCode()));
            if (plan.paced() && which > 0) {
                List<? extends CharSequence> frames = value instanceof org.raqib.models.Violation v ? v.getFrameIds()
                        : List.of(((org.raqib.models.PatrolAlert) value).getFrameId());
                // the last frame named is the later passage's (a section's exit)
                String[] f = frames.get(frames.size() - 1).toString().split("-");
                boolean exit = f[1].equals("B");
                int vehicle = Integer.parseInt(f[f.length - 2]);
                long due = START_MICROS.get() + (long) (plan.lastRead(vehicle, exit) * plan.periodMicros());
                LATENCIES.add(java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) - due);
            }
            return value;
        }
    }

    /** Spreads a 32-bit hash over 64 bits (a splitmix64 step), so that sums of them rarely collide. */
    static long mix(int h) {
        long z = h + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Watches a checkpoint directory and remembers the size of every {@code chk-N} directory seen. */
    static final class CheckpointSizes implements AutoCloseable {
        private final java.util.Map<String, Long> sizes = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean stop;

        private CheckpointSizes(java.nio.file.Path dir) {
            thread = new Thread(() -> {
                while (!stop) {
                    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
                        java.util.Map<String, Long> now = new java.util.HashMap<>();
                        files.filter(java.nio.file.Files::isRegularFile).forEach(p -> {
                            for (java.nio.file.Path part : dir.relativize(p)) {
                                if (part.toString().startsWith("chk-")) {
                                    now.merge(part.toString(), p.toFile().length(), Long::sum);
                                }
                            }
                        });
                        now.forEach((k, v) -> sizes.merge(k, v, Math::max));
                        Thread.sleep(50);
                    } catch (java.io.IOException | java.io.UncheckedIOException e) {
                        // a checkpoint deleted while walked: look again
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "checkpoint-sizes");
            thread.setDaemon(true);
        }

        static CheckpointSizes watch(java.nio.file.Path dir) {
            CheckpointSizes s = new CheckpointSizes(dir);
            s.thread.start();
            return s;
        }

        int count() {
            return sizes.size();
        }

        double median() {
            List<Long> l = new ArrayList<>(sizes.values());
            l.sort(null);
            return l.isEmpty() ? 0 : l.get(l.size() / 2);
        }

        double max() {
            return sizes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(2000);
        }
    }
}
