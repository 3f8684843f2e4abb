package org.raqib.cli.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.BrokerProcess;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.ingest.gateway.CameraGateway;
import org.raqib.ingest.gateway.GatewayOptions;
import org.raqib.ingest.gateway.SignedUploadClient;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.models.Topics;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code ./raqib bench-gateway}: signed uploads of ~200 KB JPEGs over loopback into the gateway and a
 * real Kafka broker (its own JVM, in this JVM, or {@code --bootstrap}), at one or more numbers of uploads in
 * flight, one after another. For each it reports frames accepted per second, the gateway's own CPU time per
 * frame (its HTTP threads and its Kafka producer thread, measured per thread, so the load generator and a
 * broker in the same process are not counted), the CPU of this JVM and of the broker's, and the accept
 * latency seen by the client, from sending the request to the 202 that follows Kafka's acknowledgement.
 */
public final class GatewayBench {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib bench-gateway [--frames 3000] [--warmup 1000] [--concurrency 1,4,8] [--size-kb 200]",
            "                           [--broker process|in-process] [--bootstrap HOSTS] [--client socket|jdk]",
            "  --frames N        measured uploads at each concurrency (default 3000)",
            "  --warmup N        uploads before the first measurement, at the highest concurrency (default 1000)",
            "  --concurrency L   uploads in flight: one number or a comma-separated list, measured one after",
            "                    another (default 1,4,8)",
            "  --size-kb K       JPEG size to aim for, in KB (default 200)",
            "  --broker W        where the Kafka broker runs: process = its own JVM, started and stopped by the",
            "                    bench (default); in-process = inside the bench's JVM",
            "  --bootstrap H     use this running Kafka instead (topics must exist; --broker is then ignored)",
            "  --client C        load generator: socket = one plain HTTP/1.1 keep-alive connection per sending",
            "                    thread (default); jdk = java.net.http.HttpClient (heavier: it competes with the",
            "                    gateway for the CPU on a small machine)");

    static final CommandLine.Spec SPEC = CommandLine.spec("raqib bench-gateway", USAGE)
            .options("frames", "warmup", "concurrency", "size-kb", "broker", "bootstrap", "client");

    private static final String CAMERA = "BENCH-1";
    /** Marker, length and up to 20 digits of a comment segment. */
    private static final int MAX_COMMENT_BYTES = 4 + 20;
    private static final String SECRET = "bench-secret-0123456789";
    private static final String REGISTRY = """
            cameras:
              - {id: %s, secret: %s, name: bench, latitude: 24.7, longitude: 46.7, roadId: R1, direction: N,
                 kmMarker: 1.0, speedLimitKmh: 80, toleranceKmh: 10, region: r1}
            """.formatted(CAMERA, SECRET);

    private GatewayBench() {
    }

    /** What the bench runs with. */
    private record Settings(int frames, int warmup, List<Integer> concurrency, int sizeKb, String broker,
                            String bootstrap, String client) {
    }

    /** One measured level. */
    private record Level(int concurrency, double loadBefore, int frames, long[] okLatencies, double seconds,
                         long gatewayCpu, long gatewayUser, long jvmCpu, long brokerCpu, long gcCount, long gcMillis) {

        int accepted() {
            return okLatencies.length;
        }

        double gatewayMsPerFrame() {
            return gatewayCpu / 1e6 / Math.max(1, accepted());
        }

        double perCore() {
            return accepted() / Math.max(1e-9, gatewayCpu / 1e9);
        }
    }

    /** Runs the bench; 0 when done, 2 for bad options, 1 when uploads failed. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            if (!line.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + line.positional().get(0) + "'");
            }
            List<Integer> levels = new ArrayList<>();
            for (String c : line.string("concurrency", "1,4,8").split(",")) {
                try {
                    int n = Integer.parseInt(c.trim());
                    if (n < 1 || n > 512) {
                        throw new NumberFormatException();
                    }
                    levels.add(n);
                } catch (NumberFormatException e) {
                    throw new UsageException("--concurrency takes whole numbers 1..512 separated by commas, got '"
                            + line.string("concurrency", "") + "'");
                }
            }
            String broker = line.string("broker", "process");
            if (!broker.equals("process") && !broker.equals("in-process")) {
                throw new UsageException("--broker is process or in-process, got '" + broker + "'");
            }
            String client = line.string("client", "socket");
            if (!client.equals("socket") && !client.equals("jdk")) {
                throw new UsageException("--client is socket or jdk, got '" + client + "'");
            }
            settings = new Settings(line.integer("frames", 3000, 1, 10_000_000), line.integer("warmup", 1000, 0, 10_000_000),
                    List.copyOf(levels), line.integer("size-kb", 200, 1, 2000), broker, line.string("bootstrap", null),
                    client);
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        EmbeddedKafkaBroker embedded = null;
        BrokerProcess child = null;
        try {
            String bootstrap = settings.bootstrap();
            String where;
            if (bootstrap != null) {
                where = "a running broker at " + bootstrap + " (its CPU is not measured)";
            } else if (settings.broker().equals("process")) {
                out.println("bench-gateway: starting a Kafka broker in its own JVM ...");
                child = BrokerProcess.start(BrokerOptions.defaults());
                bootstrap = child.bootstrapServers();
                where = "its own JVM (pid " + child.pid() + ", " + String.join(" ", BrokerProcess.DEFAULT_JVM_OPTIONS)
                        + "), started by the bench, on this machine";
            } else {
                out.println("bench-gateway: starting an in-process Kafka broker ...");
                embedded = EmbeddedKafkaBroker.start(BrokerOptions.defaults());
                embedded.createTopics(Topics.ALL, 2);
                bootstrap = embedded.bootstrapServers();
                where = "inside the bench's JVM (its CPU counts in \"bench JVM\")";
            }
            return bench(settings, bootstrap, where, child, out, err);
        } catch (Exception e) {
            err.println("raqib bench-gateway: " + e);
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            if (child != null) {
                child.close();
            }
        }
    }

    private static int bench(Settings s, String bootstrap, String brokerWhere, BrokerProcess child, PrintStream out,
                             PrintStream err) throws Exception {
        byte[] jpeg = jpegOfAbout(s.sizeKb() * 1000);
        CameraRegistry registry = CameraRegistryFile.parse(REGISTRY, "bench");
        GatewayOptions options = GatewayOptions.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withBootstrapServers(bootstrap);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (CameraGateway gateway = CameraGateway.start(options, registry)) {
            Sender sender = sender(s.client(), gateway);
            out.printf(Locale.ROOT, "bench-gateway: %d-byte 1280x720 JPEG, %d warm-up uploads, then %d measured at each "
                    + "of %s uploads in flight%n", jpeg.length, s.warmup(), s.frames(), s.concurrency());
            out.printf(Locale.ROOT, "  machine: %d cores, Java %s; load average %.2f at the start%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    os.getSystemLoadAverage());
            out.println("  gateway: this JVM, default options, " + gateway.url() + " (HTTP threads + its Kafka "
                    + "producer thread are what \"gateway CPU\" counts)");
            out.println("  load generator: this JVM, " + (s.client().equals("socket")
                    ? "one plain-socket HTTP/1.1 keep-alive connection per sending thread"
                    : "java.net.http.HttpClient (HTTP/1.1)") + "; each upload signed (SHA-256 + HMAC) as it is sent");
            out.println("  Kafka broker: " + brokerWhere + ", " + bootstrap + "; producer acks=all, idempotent");
            AtomicLong counter = new AtomicLong();
            int maxConcurrency = s.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
            send(sender, jpeg, s.warmup(), maxConcurrency, counter);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            List<Level> levels = new ArrayList<>();
            for (int concurrency : s.concurrency()) {
                double load = os.getSystemLoadAverage();
                Map<Long, Long> cpuBefore = gatewayCpu(threads, false);
                Map<Long, Long> userBefore = gatewayCpu(threads, true);
                long jvmBefore = os.getProcessCpuTime();
                long brokerBefore = processCpu(child);
                long[] gcBefore = gc();
                long t0 = System.nanoTime();
                long[] latencies = send(sender, jpeg, s.frames(), concurrency, counter);
                long wall = System.nanoTime() - t0;
                Level level = new Level(concurrency, load, s.frames(),
                        Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray(), wall / 1e9,
                        delta(cpuBefore, gatewayCpu(threads, false)), delta(userBefore, gatewayCpu(threads, true)),
                        os.getProcessCpuTime() - jvmBefore, processCpu(child) - brokerBefore, gc()[0] - gcBefore[0],
                        gc()[1] - gcBefore[1]);
                levels.add(level);
                out.println(describe(level, child != null));
            }
            out.println();
            out.println(table(levels, child != null));
            out.printf(Locale.ROOT, "load average %.2f at the end. Target (issue 5): >= 1000 frames/s per gateway core "
                    + "and p99 <= 50 ms.%n", os.getSystemLoadAverage());
            long failed = levels.stream().mapToLong(l -> l.frames() - l.accepted()).sum();
            if (failed > 0) {
                err.println("bench-gateway: " + failed + " uploads were not accepted");
                return 1;
            }
            return 0;
        }
    }

    private static String describe(Level l, boolean brokerMeasured) {
        long[] ok = l.okLatencies();
        String latency = ok.length == 0 ? "no upload accepted" : String.format(Locale.ROOT,
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", pct(ok, 50), pct(ok, 95), pct(ok, 99),
                ok[ok.length - 1] / 1e6);
        return String.format(Locale.ROOT, "%d in flight (load average %.2f before): %d of %d accepted in %.2f s = %.0f "
                        + "frames/s; gateway CPU %.3f ms per frame (%.3f user) = %.0f frames/s per core; "
                        + "bench JVM %.2f ms per frame%s; %d GC pauses (%d ms) in the bench JVM; accept latency %s",
                l.concurrency(), l.loadBefore(), l.accepted(), l.frames(), l.seconds(), l.accepted() / l.seconds(),
                l.gatewayMsPerFrame(), l.gatewayUser() / 1e6 / Math.max(1, l.accepted()), l.perCore(),
                l.jvmCpu() / 1e6 / Math.max(1, l.accepted()),
                brokerMeasured ? String.format(Locale.ROOT, ", broker JVM %.2f ms per frame",
                        l.brokerCpu() / 1e6 / Math.max(1, l.accepted())) : "",
                l.gcCount(), l.gcMillis(), latency);
    }

    private static String table(List<Level> levels, boolean brokerMeasured) {
        StringBuilder sb = new StringBuilder();
        sb.append("| in flight | load avg before | accepted | frames/s | gateway CPU per frame | frames/s per gateway core "
                + "| bench JVM CPU per frame | broker JVM CPU per frame | bench JVM GC pauses | p50 | p95 | p99 |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Level l : levels) {
            long[] ok = l.okLatencies();
            sb.append(String.format(Locale.ROOT, "| %d | %.2f | %d/%d | %.0f | %.3f ms | %.0f | %.2f ms | %s | %d (%d ms) | %s | %s | %s |%n",
                    l.concurrency(), l.loadBefore(), l.accepted(), l.frames(), l.accepted() / l.seconds(),
                    l.gatewayMsPerFrame(), l.perCore(), l.jvmCpu() / 1e6 / Math.max(1, l.accepted()),
                    brokerMeasured ? String.format(Locale.ROOT, "%.2f ms", l.brokerCpu() / 1e6 / Math.max(1, l.accepted()))
                            : "not measured",
                    l.gcCount(), l.gcMillis(), ms(ok, 50), ms(ok, 95), ms(ok, 99)));
        }
        return sb.toString().stripTrailing();
    }

    private static String ms(long[] sorted, double p) {
        return sorted.length == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", pct(sorted, p));
    }

    /**
     * Collections so far in this JVM and their total time in ms: a pause stops the gateway's threads with the
     * rest, so it shows in the latency's tail.
     */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Total CPU time of the broker's JVM so far, in ns (0 when there is none). */
    private static long processCpu(BrokerProcess child) {
        if (child == null) {
            return 0;
        }
        return ProcessHandle.of(child.pid()).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .orElse(0L);
    }

    /** Sends one signed upload on the calling thread; the HTTP status, or -1 when it failed. */
    private interface Sender {
        /** Sends {@code body[0..length)}. */
        int send(byte[] body, int length) throws IOException, InterruptedException;
    }

    private static Sender sender(String client, CameraGateway gateway) {
        if (client.equals("jdk")) {
            SignedUploadClient jdk = new SignedUploadClient(gateway.url(),
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            return (body, length) -> jdk.send(jdk.request(CAMERA, SECRET, Arrays.copyOf(body, length),
                    System.currentTimeMillis(), 80.0, 1).build()).status();
        }
        InetSocketAddress address = gateway.address();
        ThreadLocal<KeepAliveUploader> connections = ThreadLocal.withInitial(() -> new KeepAliveUploader(address));
        return (body, length) -> connections.get().upload(CAMERA, SECRET, body, length, System.currentTimeMillis(),
                80.0, 1);
    }

    /** Sends {@code n} uploads, {@code concurrency} at a time; latency in ns per upload, -1 when not 202. */
    private static long[] send(Sender sender, byte[] jpeg, int n, int concurrency, AtomicLong counter)
            throws Exception {
        long[] latencies = new long[n];
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    // One body buffer per sending thread: the load generator should not fill the shared heap
                    // (and so cause GC pauses in the gateway's JVM) with a fresh 200 KB array per upload.
                    byte[] body = new byte[jpeg.length + MAX_COMMENT_BYTES];
                    for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        int length = withComment(jpeg, counter.incrementAndGet(), body);
                        long t = System.nanoTime();
                        int status;
                        try {
                            status = sender.send(body, length);
                        } catch (IOException e) {
                            status = -1;
                        }
                        latencies[(int) i] = status == 202 ? System.nanoTime() - t : -1;
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return latencies;
    }

    private static long delta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /**
     * CPU time (or user time only) by thread id of the gateway's threads: HTTP dispatcher, handlers, Kafka
     * producer. Not counted: the JVM's JIT and GC threads, which serve the whole process.
     */
    private static Map<Long, Long> gatewayCpu(ThreadMXBean threads, boolean userOnly) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("raqib-gateway-") || name.equals("HTTP-Dispatcher")
                    || name.contains("producer-network-thread | raqib-gateway")) {
                long t = userOnly ? threads.getThreadUserTime(info.getThreadId())
                        : threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }

    /**
     * The JPEG with a comment segment (FF FE) holding {@code n} right after its start marker: still a
     * valid JPEG, but every upload's body, and so its signature, is different (no replay refusals).
     */
    static byte[] withComment(byte[] jpeg, long n) {
        byte[] out = new byte[jpeg.length + MAX_COMMENT_BYTES];
        return Arrays.copyOf(out, withComment(jpeg, n, out));
    }

    /** {@link #withComment(byte[], long)} written into {@code out}; returns its length. */
    static int withComment(byte[] jpeg, long n, byte[] out) {
        byte[] text = Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int len = text.length + 2;
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return jpeg.length + 2 + len;
    }

    /** A noisy 1280x720 JPEG whose quality is picked so that it is close to {@code target} bytes. */
    static byte[] jpegOfAbout(int target) throws IOException {
        BufferedImage img = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(42);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int base = (x / 40 + y / 40) % 2 == 0 ? 90 : 160;
                int v = Math.max(0, Math.min(255, base + (int) (r.nextGaussian() * 25)));
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        byte[] best = null;
        for (float q = 0.95f; q >= 0.05f; q -= 0.05f) {
            byte[] b = encode(img, q);
            if (best == null || Math.abs(b.length - target) < Math.abs(best.length - target)) {
                best = b;
            }
            if (b.length <= target) {
                break;
            }
        }
        return best;
    }

    private static byte[] encode(BufferedImage img, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
