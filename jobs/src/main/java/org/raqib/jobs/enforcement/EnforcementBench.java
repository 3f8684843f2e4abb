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
import org.raqib.jobs.kafka.ChangelogWatermarks;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.speed.SpotSpeedSettings;
import org.raqib.models.Camera;
import org.raqib.models.HotlistEntry;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.plate.SaudiPlate;

/**
 * Throughput of the enforcement topology (decode, passages, spot speed, section speed, hot-list) at
 * parallelism 1, without Kafka or checkpoints: operator cost only, on synthetic reads generated (and
 * Avro-encoded, which is counted too) in event-time order. Four sections; every vehicle is read three
 * times at entry and at exit; half of them speed over their section, one in seven at the entry camera;
 * the hot-list holds random plates plus every thousandth vehicle, matched with one substitution. Prints
 * reads per second with the machine it ran on and its load: a busy machine slows every number.
 *
 * <p>{@code EnforcementBench [--vehicles N] [--hotlist N]}
 */
public final class EnforcementBench {

    static final String USAGE = "usage: bench-enforcement [--vehicles N (default 100000)] [--hotlist N (default 10000)]";
    private static final long T0 = 1_760_000_000_000L;
    /** Event time between two vehicles entering, ms; a vehicle exits 600 slots (60 s) later. */
    private static final long SLOT = 100;
    private static final int LAG = 600;
    private static final double[] SECTION_KM = {1.5, 2.0, 2.5, 3.0};   // 90, 120, 150, 180 km/h over 60 s

    static final AtomicLong PASSAGES = new AtomicLong();
    static final AtomicLong VIOLATIONS = new AtomicLong();
    static final AtomicLong ALERTS = new AtomicLong();
    static final AtomicLong FIRST_READ_NANOS = new AtomicLong();
    static final AtomicLong FIRST_PASSAGE_NANOS = new AtomicLong();

    private EnforcementBench() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the benchmark; returns the exit code (2 on bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        int vehicles = 100_000;
        int hotlistSize = 10_000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--vehicles" -> vehicles = Integer.parseInt(args[++i]);
                    case "--hotlist" -> hotlistSize = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (vehicles < 1 || hotlistSize < 0) {
                throw new IllegalArgumentException("--vehicles must be >= 1 and --hotlist >= 0");
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, config);
        List<RawRecord> registry = new ArrayList<>();
        for (int r = 0; r < SECTION_KM.length; r++) {
            registry.add(camera("R" + r + "-A", "R" + r, 0));
            registry.add(camera("R" + r + "-B", "R" + r, SECTION_KM[r]));
        }
        List<RawRecord> hotlist = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < hotlistSize; i++) {
            hotlist.add(entry((1 + random.nextInt(9999)) + "" + letter(random) + letter(random) + letter(random)));
        }
        for (int v = 0; v < vehicles; v += 1000) {
            hotlist.add(entry(plate(v)));
        }
        DataStream<RawRecord> cameras = env.fromData(registry, TypeInformation.of(RawRecord.class))
                .assignTimestampsAndWatermarks(ChangelogWatermarks.neverHoldBack());
        DataStream<RawRecord> hot = env.fromData(hotlist, TypeInformation.of(RawRecord.class))
                .assignTimestampsAndWatermarks(ChangelogWatermarks.neverHoldBack());
        long slots = vehicles + LAG;
        DataStream<RawRecord> reads = env.fromSequence(0, slots * 6 - 1)
                .flatMap(new Reads(vehicles), TypeInformation.of(RawRecord.class));
        EnforcementSettings settings = EnforcementSettings.defaults();
        EnforcementJob.Outputs o = EnforcementJob.topology(reads, cameras, hot, SpotSpeedSettings.defaults(), settings);
        o.passages().map(new Count<>(0), o.passages().getType()).sinkTo(new DiscardingSink<>());
        o.violations().union(o.review()).map(new Count<>(1), o.violations().getType()).sinkTo(new DiscardingSink<>());
        o.alerts().map(new Count<>(2), o.alerts().getType()).sinkTo(new DiscardingSink<>());
        o.deadLetters().sinkTo(new DiscardingSink<>());
        env.execute("enforcement-bench");
        double seconds = (System.nanoTime() - FIRST_READ_NANOS.get()) / 1e9;
        long reads6 = (long) vehicles * 6;
        out.printf(Locale.ROOT, "enforcement bench: %d vehicles, %d reads, hot-list %d entries (1 substitution)%n",
                vehicles, reads6, hotlist.size());
        out.printf(Locale.ROOT, "  %.1f s from the first read to the end: %.0f reads/s at parallelism 1%n", seconds,
                reads6 / seconds);
        out.printf(Locale.ROOT, "  first passage out %.1f s after the first read (event time released it, not end of input, if"
                + " well before the end)%n", (FIRST_PASSAGE_NANOS.get() - FIRST_READ_NANOS.get()) / 1e9);
        out.printf(Locale.ROOT, "  out: %d passages, %d violations (issued + review), %d patrol alerts%n",
                PASSAGES.get(), VIOLATIONS.get(), ALERTS.get());
        out.printf(Locale.ROOT, "  machine: %d cores, %s %s, load %.2f, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    /**
     * Plate of vehicle {@code v}: unique, canonical, four digits, numbers scattered (a prime stride):
     * vehicles in sequence would have plates one OCR edit apart (1000, 1008), which real traffic at one
     * camera within seconds almost never has.
     */
    static String plate(int v) {
        String l = SaudiPlate.LATIN_LETTERS;
        int n = l.length();
        int k = v / 9000;
        return (1000 + (int) ((v % 9000) * 7919L % 9000)) + "" + l.charAt(k % n) + l.charAt(k / n % n)
                + l.charAt(k / n / n % n);
    }

    private static char letter(Random random) {
        return SaudiPlate.LATIN_LETTERS.charAt(random.nextInt(SaudiPlate.LATIN_LETTERS.length()));
    }

    private static RawRecord camera(String id, String road, double km) {
        Camera c = Camera.newBuilder().setCameraId(id).setName(id).setLatitude(24.7).setLongitude(46.7).setRoadId(road)
                .setDirection("N").setKmMarker(km).setSpeedLimitKmh(120).setToleranceKmh(5).setRegion("bench")
                .setHasRadar(true).setEnabled(true).setUpdatedAt(Instant.ofEpochMilli(0)).build();
        return new RawRecord(Topics.CAMERAS.name(), 0, 0, 0, id, Topics.CAMERAS.wire().encode(c));
    }

    private static RawRecord entry(String plate) {
        HotlistEntry e = HotlistEntry.newBuilder().setPlateText(plate).setReason("stolen").setPriority(1)
                .setValidUntil(null).setRemoved(false).setUpdatedAt(Instant.ofEpochMilli(0)).build();
        return new RawRecord(Topics.HOTLIST.name(), 0, 0, 0, plate, Topics.HOTLIST.wire().encode(e));
    }

    /** Slot s (6 sequence numbers): vehicle s's three entry reads, then vehicle s - LAG's three exit reads. */
    static final class Reads implements FlatMapFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final int vehicles;
        private transient org.raqib.models.wire.AvroWire<PlateRead> wire;

        Reads(int vehicles) {
            this.vehicles = vehicles;
        }

        @Override
        public void flatMap(Long i, Collector<RawRecord> out) throws Exception {
            if (i == 0) {
                // let the registry and hot-list (small, broadcast) arrive first, then start the clock
                Thread.sleep(Duration.ofSeconds(3).toMillis());
                FIRST_READ_NANOS.set(System.nanoTime());
            }
            long slot = i / 6;
            int j = (int) (i % 6);
            int v = (int) (j < 3 ? slot : slot - LAG);
            if (v < 0 || v >= vehicles) {
                return;
            }
            int road = v % SECTION_KM.length;
            String cam = "R" + road + (j < 3 ? "-A" : "-B");
            long at = T0 + slot * SLOT + j * 15L;
            double speed = v % 7 == 6 ? 140 : 100;
            PlateRead r = PlateRead.newBuilder().setReadId(cam + "-" + v + "-" + j).setFrameId(cam + "-" + v + "-" + j)
                    .setCameraId(cam).setCaptureTime(Instant.ofEpochMilli(at)).setPlateText(plate(v))
                    .setPlateArabic("").setConfidence(0.95).setCharacterConfidences(List.of())
                    .setAlternatives(List.of()).setBox(new PlateBox(1, 1, 100, 30)).setLayout(PlateLayout.STANDARD)
                    .setEvidenceSha256("ab".repeat(32)).setRadarSpeedKmh(j < 3 ? speed : 100.0).setLane(1).build();
            if (wire == null) {
                wire = Topics.READS.wire();
            }
            out.collect(new RawRecord(Topics.READS.name(), 0, i, at, cam, wire.encode(r)));
        }
    }

    /** Counts what passes (the bench runs in one JVM, so a static counter is visible to the caller). */
    static final class Count<T> implements MapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        /** 0 passages, 1 violations, 2 alerts: the counters themselves would be copied with the function. */
        private final int which;

        Count(int which) {
            this.which = which;
        }

        @Override
        public T map(T value) {
            (which == 0 ? PASSAGES : which == 1 ? VIOLATIONS : ALERTS).incrementAndGet();
            if (which == 0) {
                FIRST_PASSAGE_NANOS.compareAndSet(0, System.nanoTime());
            }
            return value;
        }
    }
}
