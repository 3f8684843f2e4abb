package org.raqib.cli.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.cli.OptionParser;
import org.raqib.cli.UsageException;
import org.raqib.ingest.gateway.CameraGateway;
import org.raqib.ingest.gateway.GatewayOptions;
import org.raqib.ingest.gateway.SignedUploadClient;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.models.Topics;

/**
 * {@code ./raqib bench-gateway}: signed uploads of ~200 KB JPEGs over loopback into the gateway and a
 * real Kafka broker (in-process, or {@code --bootstrap}). Reports frames accepted per second, the
 * gateway's own CPU time per frame (its HTTP threads and its Kafka producer thread, measured per
 * thread, so the load generator and the broker on the same machine are not counted) and the accept
 * latency seen by the client, from sending the request to the 202 that follows Kafka's acknowledgement.
 */
public final class GatewayBench {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib bench-gateway [--frames 3000] [--warmup 500] [--concurrency 8] [--size-kb 200]",
            "                           [--bootstrap HOSTS]",
            "  --frames N       measured uploads (default 3000)",
            "  --warmup N       uploads before measuring (default 500)",
            "  --concurrency C  client connections sending at once (default 8)",
            "  --size-kb K      JPEG size to aim for, in KB (default 200)",
            "  --bootstrap H    use this Kafka instead of an in-process broker (topics must exist)");

    private static final String SECRET = "bench-secret-0123456789";
    private static final String REGISTRY = """
            cameras:
              - {id: BENCH-1, secret: %s, name: bench, latitude: 24.7, longitude: 46.7, roadId: R1, direction: N,
                 kmMarker: 1.0, speedLimitKmh: 80, toleranceKmh: 10, region: r1}
            """.formatted(SECRET);

    private GatewayBench() {
    }

    /** Runs the bench; 0 when done, 2 for bad options, 1 when uploads failed. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int frames;
        int warmup;
        int concurrency;
        int sizeKb;
        String bootstrap;
        try {
            OptionParser p = new OptionParser(args, Set.of("frames", "warmup", "concurrency", "size-kb", "bootstrap"),
                    Set.of("help"));
            if (p.flag("help")) {
                out.println(USAGE);
                return 0;
            }
            if (!p.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + p.positional().get(0) + "'");
            }
            frames = p.integer("frames", 3000, 1, 10_000_000);
            warmup = p.integer("warmup", 500, 0, 10_000_000);
            concurrency = p.integer("concurrency", 8, 1, 512);
            sizeKb = p.integer("size-kb", 200, 1, 2000);
            bootstrap = p.string("bootstrap", null);
        } catch (UsageException e) {
            err.println("raqib bench-gateway: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        EmbeddedKafkaBroker kafka = null;
        try {
            if (bootstrap == null) {
                out.println("bench-gateway: starting an in-process Kafka broker ...");
                kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults());
                kafka.createTopics(Topics.ALL, 2);
                bootstrap = kafka.bootstrapServers();
            }
            return bench(bootstrap, kafka != null, frames, warmup, concurrency, sizeKb, out, err);
        } catch (Exception e) {
            err.println("raqib bench-gateway: " + e);
            return 1;
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static int bench(String bootstrap, boolean bootstrapIsLocal, int frames, int warmup, int concurrency,
                             int sizeKb, PrintStream out, PrintStream err) throws Exception {
        byte[] jpeg = jpegOfAbout(sizeKb * 1000);
        CameraRegistry registry = CameraRegistryFile.parse(REGISTRY, "bench");
        GatewayOptions options = GatewayOptions.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withBootstrapServers(bootstrap);
        try (CameraGateway gateway = CameraGateway.start(options, registry)) {
            SignedUploadClient client = new SignedUploadClient(gateway.url(),
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            AtomicLong counter = new AtomicLong();
            out.printf(Locale.ROOT, "bench-gateway: %d-byte JPEG, %d warm-up and %d measured uploads, %d at once, "
                    + "gateway %s, Kafka %s%n", jpeg.length, warmup, frames, concurrency, gateway.url(), bootstrap);
            send(client, jpeg, warmup, concurrency, counter);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> cpuBefore = gatewayCpu(threads, false);
            Map<Long, Long> userBefore = gatewayCpu(threads, true);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long processBefore = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long[] latencies = send(client, jpeg, frames, concurrency, counter);
            long wall = System.nanoTime() - t0;
            long process = os.getProcessCpuTime() - processBefore;
            long cpu = delta(cpuBefore, gatewayCpu(threads, false));
            long user = delta(userBefore, gatewayCpu(threads, true));
            long failed = Arrays.stream(latencies).filter(l -> l < 0).count();
            long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
            double seconds = wall / 1e9;
            double cpuSeconds = cpu / 1e9;
            out.printf(Locale.ROOT, "machine: %d cores, load average %.2f before the run, Java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.version"));
            out.printf(Locale.ROOT, "accepted: %d of %d in %.2f s = %.0f frames/s (%.1f MB/s) end to end on this machine%n",
                    ok.length, frames, seconds, ok.length / seconds, ok.length * (double) jpeg.length / seconds / 1e6);
            out.printf(Locale.ROOT, "gateway CPU: %.2f s (%.2f s user, %.2f s kernel) for %d frames = %.3f ms per frame = "
                    + "%.0f frames/s per core%n", cpuSeconds, user / 1e9, (cpu - user) / 1e9, ok.length,
                    cpuSeconds * 1000 / Math.max(1, ok.length), ok.length / Math.max(1e-9, cpuSeconds));
            out.printf(Locale.ROOT, "whole process (gateway, load generator, %s, GC, JIT): %.2f s CPU = %.3f ms per "
                    + "frame%n", bootstrapIsLocal ? "broker" : "no broker", process / 1e9, process / 1e6 / Math.max(1, ok.length));
            if (ok.length > 0) {
                out.printf(Locale.ROOT, "accept latency (client, to 202 after Kafka ack): p50 %.1f ms, p95 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", pct(ok, 50), pct(ok, 95), pct(ok, 99), ok[ok.length - 1] / 1e6);
            }
            if (failed > 0) {
                err.println("bench-gateway: " + failed + " uploads were not accepted");
                return 1;
            }
            return 0;
        }
    }

    /** Sends {@code n} uploads, {@code concurrency} at a time; latency in ns per upload, -1 when not 202. */
    private static long[] send(SignedUploadClient client, byte[] jpeg, int n, int concurrency, AtomicLong counter)
            throws Exception {
        long[] latencies = new long[n];
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        byte[] body = withComment(jpeg, counter.incrementAndGet());
                        HttpRequest r = client.request("BENCH-1", SECRET, body, System.currentTimeMillis(), 80.0, 1)
                                .build();
                        long t = System.nanoTime();
                        SignedUploadClient.Answer a = client.send(r);
                        latencies[(int) i] = a.status() == 202 ? System.nanoTime() - t : -1;
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
        byte[] text = Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int len = text.length + 2;
        byte[] out = new byte[jpeg.length + 2 + len];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
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
