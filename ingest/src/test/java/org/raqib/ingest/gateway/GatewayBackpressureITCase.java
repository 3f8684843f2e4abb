package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.CameraRegistryPublisher;
import org.raqib.models.CameraFrame;
import org.raqib.models.Topics;

/**
 * The broker stops in the middle of a stream of uploads and comes back: while it is gone the gateway
 * answers 503 with Retry-After (and stays within its bounds), afterwards it accepts again, and every
 * frame that got a 202, before, during or after, is in {@code raqib.frames}.
 */
@Timeout(240)
class GatewayBackpressureITCase {

    private static final String SECRET = "bp-secret-0123456789";
    private static final String REGISTRY = """
            cameras:
              - {id: BP-1, secret: %s, name: BP, latitude: 24.7, longitude: 46.7, roadId: R1, direction: N,
                 kmMarker: 1.0, speedLimitKmh: 80, toleranceKmh: 10, region: r1}
            """.formatted(SECRET);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void answers503WhileKafkaIsDownAndLosesNoAcceptedFrame() throws Exception {
        // given: a broker on a fixed port and data directory, so that it can come back as the same broker
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BrokerOptions brokerOptions = BrokerOptions.defaults().withPort(port).withDataDir(dataDir.resolve("kafka"));
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(brokerOptions);
        kafka.createTopics(Topics.ALL, 2);
        String bootstrap = kafka.bootstrapServers();
        GatewayOptions options = GatewayOptions.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withBootstrapServers(bootstrap).withKafkaTimeout(Duration.ofSeconds(2))
                .withInFlight(8, 8L * 1024 * 1024);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicLong acceptedAfterRestart = new AtomicLong();
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean retryAfterSeen = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> firstOther = new java.util.concurrent.atomic.AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        EmbeddedKafkaBroker again = null;
        // The gateway publishes its registry at start within its (here 2 s) Kafka timeout; on a loaded machine the
        // new partitions' leadership can take longer to settle (NotLeaderOrFollower), so publish it once first with
        // the producer's default, generous timeouts.
        CameraRegistryPublisher.publish(bootstrap, CameraRegistryFile.parse(REGISTRY, "test"));
        try (CameraGateway gateway = CameraGateway.start(options, CameraRegistryFile.parse(REGISTRY, "test"))) {
            SignedUploadClient client = new SignedUploadClient(gateway.url(),
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
            AtomicInteger seed = new AtomicInteger();
            for (int t = 0; t < 4; t++) {
                senders.submit(() -> {
                    while (running.get()) {
                        byte[] jpeg = TestJpegs.jpeg(160, 120, seed.incrementAndGet());
                        try {
                            SignedUploadClient.Answer a = client.send("BP-1", SECRET, jpeg, 70.0, null);
                            if (a.status() == 202) {
                                accepted.add(JSON.readTree(a.body()).get("frameId").asText());
                                if (restarted.get()) {
                                    acceptedAfterRestart.incrementAndGet();
                                }
                            } else if (a.status() == 503) {
                                unavailable.incrementAndGet();
                                if (a.retryAfter() != null) {
                                    retryAfterSeen.set(true);
                                }
                                Thread.sleep(100);
                            } else {
                                other.incrementAndGet();
                                firstOther.compareAndSet(null, a.status() + " " + a.body());
                            }
                        } catch (java.io.IOException e) {
                            other.incrementAndGet();
                            firstOther.compareAndSet(null, e.toString());
                        } catch (RuntimeException e) {
                            firstOther.compareAndSet(null, e.toString());
                            throw e;
                        }
                        Thread.sleep(20);
                    }
                    return null;
                });
            }
            awaitCount(() -> accepted.size(), 20, Duration.ofSeconds(60), () -> "frames accepted before the outage ("
                    + firstOther.get() + ")");

            // when: the broker stops
            kafka.close();
            int before = accepted.size();
            awaitCount(unavailable::get, 5, Duration.ofSeconds(60), () -> "503s while the broker is down");
            // then /health says so
            assertEquals(503, health(gateway), "/health while the broker is down");
            int duringOutage = accepted.size() - before;

            // when: the same broker comes back
            again = EmbeddedKafkaBroker.start(brokerOptions);
            restarted.set(true);
            awaitCount(acceptedAfterRestart::get, 10, Duration.ofSeconds(90), () -> "frames accepted after the restart");
            assertEquals(200, health(gateway), "/health after the restart");
            running.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));

            // then
            assertEquals(0, other.get(), "only 202 and 503 answers; first other: " + firstOther.get());
            assertTrue(retryAfterSeen.get(), "503 carries Retry-After");
            System.out.printf("backpressure: %d accepted (%d while the broker was stopping), %d answered 503%n",
                    accepted.size(), duringOutage, unavailable.get());
            List<CameraFrame> frames = TopicReader.read(again.bootstrapServers(), Topics.FRAMES,
                    l -> l.stream().map(CameraFrame::getFrameId).collect(Collectors.toSet()).containsAll(accepted),
                    Duration.ofSeconds(60));
            Set<String> inKafka = frames.stream().map(CameraFrame::getFrameId).collect(Collectors.toSet());
            Set<String> missing = accepted.stream().filter(id -> !inKafka.contains(id)).collect(Collectors.toSet());
            assertTrue(missing.isEmpty(), missing.size() + " of " + accepted.size() + " frames answered 202 are not in "
                    + "raqib.frames: " + missing);
        } finally {
            running.set(false);
            senders.shutdownNow();
            if (again != null) {
                again.close();
            }
            kafka.close();
        }
    }

    private static int health(CameraGateway gateway) throws Exception {
        return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(gateway.url() + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitCount(java.util.function.LongSupplier count, long atLeast, Duration limit,
                                   java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count.getAsLong() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.getAsLong() + " " + what.get() + " after " + limit);
            }
            Thread.sleep(50);
        }
    }
}
