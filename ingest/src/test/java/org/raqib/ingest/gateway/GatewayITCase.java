package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.DeadLetter;
import org.raqib.models.Topics;

/**
 * The gateway end to end against a real broker: signed uploads are accepted and land in
 * {@code raqib.frames} under the id the gateway answered; the battery of bad uploads each gets its 4xx
 * and a dead letter in {@code raqib.dead-letter}; the admin API changes the registry at once and
 * publishes to {@code raqib.cameras}; /metrics and /health answer.
 */
@Timeout(180)
class GatewayITCase {

    private static final String SECRET_A = "it-secret-aaaa-0123456789";
    private static final String SECRET_B = "it-secret-bbbb-0123456789";
    private static final String TOKEN = "it-admin-token-42";
    private static final String REGISTRY = """
            cameras:
              - {id: IT-A, secret: %s, name: A, latitude: 24.7, longitude: 46.7, roadId: R1, direction: N,
                 kmMarker: 1.0, speedLimitKmh: 80, toleranceKmh: 10, region: r1}
              - {id: IT-B, secret: %s, name: B, latitude: 24.8, longitude: 46.7, roadId: R1, direction: N,
                 kmMarker: 5.0, speedLimitKmh: 80, toleranceKmh: 10, region: r1, hasRadar: false}
              - {id: IT-OFF, secret: it-secret-off-0123456789, name: Off, latitude: 24.9, longitude: 46.7,
                 roadId: R1, direction: N, kmMarker: 9.0, speedLimitKmh: 80, toleranceKmh: 10, region: r1,
                 enabled: false}
            """.formatted(SECRET_A, SECRET_B);
    private static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaBroker kafka;
    private static CameraGateway gateway;
    private static SignedUploadClient client;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults());
        kafka.createTopics(Topics.ALL, 2);
        CameraRegistry registry = CameraRegistryFile.parse(REGISTRY, "test");
        gateway = CameraGateway.start(GatewayOptions.defaults().withBindAddress("127.0.0.1").withPort(0)
                .withBootstrapServers(kafka.bootstrapServers()).withMaxBodyBytes(MAX_BODY)
                .withAdminToken(TOKEN), registry);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client = new SignedUploadClient(gateway.url(), http);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void acceptsSignedFramesAndRejectsTheBatteryWithDeadLetters() throws Exception {
        // given: 24 distinct frames from two cameras, sent 6 at a time
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<SignedUploadClient.Answer>> sent = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            byte[] jpeg = TestJpegs.jpeg(320, 240, 100 + i);
            boolean a = i % 2 == 0;
            Double speed = a ? 60.0 + i : null;
            sent.add(pool.submit(() -> client.send(a ? "IT-A" : "IT-B", a ? SECRET_A : SECRET_B, jpeg, speed, 1)));
        }
        Set<String> acceptedIds = new HashSet<>();
        for (Future<SignedUploadClient.Answer> f : sent) {
            SignedUploadClient.Answer answer = f.get();
            assertEquals(202, answer.status(), answer.body());
            acceptedIds.add(JSON.readTree(answer.body()).get("frameId").asText());
        }
        pool.shutdown();
        assertEquals(24, acceptedIds.size());

        // when: the battery of bad uploads
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, HttpRequest> battery = new LinkedHashMap<>();
        byte[] good = TestJpegs.jpeg(320, 240, 999);
        long now = System.currentTimeMillis();
        battery.put("unsigned", HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/cameras/IT-A/frames"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(good)).build());
        expected.put("unsigned", 401);
        HttpRequest once = client.request("IT-A", SECRET_A, good, now, null, null).build();
        assertEquals(202, client.send(once).status(), "first use of the replayed request");
        battery.put("replayed", once);
        expected.put("replayed", 401);
        battery.put("stale", client.request("IT-A", SECRET_A, good, now - Duration.ofMinutes(6).toMillis(), null, null).build());
        expected.put("stale", 401);
        battery.put("wrong-secret", client.request("IT-A", SECRET_B, good, now, null, null).build());
        expected.put("wrong-secret", 401);
        battery.put("unknown-camera", client.request("IT-NOPE", SECRET_A, good, now, null, null).build());
        expected.put("unknown-camera", 404);
        battery.put("disabled-camera", client.request("IT-OFF", "it-secret-off-0123456789", good, now, null, null).build());
        expected.put("disabled-camera", 403);
        battery.put("empty", client.request("IT-A", SECRET_A, new byte[0], now, null, null).build());
        expected.put("empty", 400);
        battery.put("truncated", client.request("IT-A", SECRET_A, Arrays.copyOf(good, good.length / 2), now, null, null).build());
        expected.put("truncated", 400);
        battery.put("png", client.request("IT-A", SECRET_A, TestJpegs.png(64, 64), now, null, null).build());
        expected.put("png", 400);
        battery.put("bomb", client.request("IT-A", SECRET_A, TestJpegs.declaring(good, 60000, 60000), now, null, null).build());
        expected.put("bomb", 400);
        byte[] big = new byte[MAX_BODY + 1];
        System.arraycopy(good, 0, big, 0, good.length);
        battery.put("oversized", client.request("IT-A", SECRET_A, big, now, null, null).build());
        expected.put("oversized", 413);
        battery.put("nan-speed", client.request("IT-A", SECRET_A, good, now, Double.NaN, null).build());
        expected.put("nan-speed", 400);
        battery.put("negative-speed", client.request("IT-A", SECRET_A, good, now, -5.0, null).build());
        expected.put("negative-speed", 400);

        // then: each its 4xx, a JSON error and a dead letter
        Map<String, String> reasonByDeadLetter = new HashMap<>();
        for (Map.Entry<String, HttpRequest> e : battery.entrySet()) {
            HttpResponse<String> r = http.send(e.getValue(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expected.get(e.getKey()), r.statusCode(), e.getKey() + ": " + r.body());
            JsonNode body = JSON.readTree(r.body());
            assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), e.getKey() + ": " + r.body());
            assertTrue(body.get("deadLetterWritten").asBoolean(), e.getKey());
            reasonByDeadLetter.put(body.get("deadLetterId").asText(), body.get("error").asText());
        }
        assertEquals(Set.of("missing-signature", "replayed-signature", "stale-timestamp", "bad-signature",
                "unknown-camera", "camera-disabled", "empty-body", "truncated-jpeg", "not-jpeg", "dimensions-too-large",
                "too-large", "bad-speed"), new HashSet<>(reasonByDeadLetter.values()));
        // and the service is still up
        assertEquals(202, client.send("IT-A", SECRET_A, TestJpegs.jpeg(320, 240, 5000), 50.0, null).status());
        acceptedIds.add(UploadValidator.frameId("IT-A", now, FrameSignature.sha256Hex(good, good.length)));

        List<CameraFrame> frames = TopicReader.read(kafka.bootstrapServers(), Topics.FRAMES,
                l -> l.stream().map(CameraFrame::getFrameId).collect(Collectors.toSet()).containsAll(acceptedIds),
                Duration.ofSeconds(30));
        Set<String> inKafka = frames.stream().map(CameraFrame::getFrameId).collect(Collectors.toSet());
        assertTrue(inKafka.containsAll(acceptedIds), "every 202'd frame id is in raqib.frames");
        // The admin test's camera IT-NEW may have uploaded too; IT-A and IT-B frames are this test's alone.
        assertEquals(acceptedIds.size() + 1, frames.stream().filter(f -> !f.getCameraId().equals("IT-NEW")).count(),
                "nothing else in raqib.frames");
        CameraFrame sample = frames.stream().filter(f -> f.getCameraId().equals("IT-A")).findFirst().orElseThrow();
        assertEquals(320, sample.getWidth());
        assertEquals("upload", sample.getOrigin());

        List<DeadLetter> letters = TopicReader.read(kafka.bootstrapServers(), Topics.DEAD_LETTER,
                l -> l.size() >= reasonByDeadLetter.size(), Duration.ofSeconds(30));
        Map<String, DeadLetter> byId = letters.stream().collect(Collectors.toMap(DeadLetter::getDeadLetterId, d -> d));
        for (Map.Entry<String, String> e : reasonByDeadLetter.entrySet()) {
            DeadLetter d = byId.get(e.getKey());
            assertTrue(d != null, "dead letter " + e.getValue() + " in raqib.dead-letter");
            assertEquals(e.getValue(), d.getReason());
            assertEquals("ingest.upload", d.getSource());
            assertTrue(d.getOriginal().remaining() <= gateway.options().deadLetterMaxBytes());
        }
        DeadLetter oversized = letters.stream().filter(d -> d.getReason().equals("too-large")).findFirst().orElseThrow();
        assertEquals(MAX_BODY + 1, oversized.getOriginalSize());

        String metrics = get("/metrics", null).body();
        assertTrue(metrics.contains("raqib_gateway_frames_rejected_total{reason=\"bad-speed\"} 2"), metrics);
        assertTrue(metrics.contains("raqib_gateway_accept_latency_seconds_count "), metrics);
        assertTrue(gateway.metrics().acceptedCount() >= 26);
        HttpResponse<String> health = get("/health", null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("up", JSON.readTree(health.body()).get("kafka").asText());
    }

    @Test
    void adminApiAddsChangesAndDisablesCamerasAtOnce() throws Exception {
        // given
        byte[] jpeg = TestJpegs.jpeg(200, 100, 77);
        String entry = """
                {"name": "New camera", "secret": "it-secret-new-0123456789", "latitude": 24.5, "longitude": 46.5,
                 "roadId": "R2", "direction": "S", "kmMarker": 3.0, "speedLimitKmh": 100, "toleranceKmh": 5,
                 "region": "r2"}""";
        assertEquals(401, send("PUT", "/v1/admin/cameras/IT-NEW", entry, null).statusCode());
        assertEquals(401, send("PUT", "/v1/admin/cameras/IT-NEW", entry, "wrong-token-123456").statusCode());
        assertEquals(404, client.send("IT-NEW", "it-secret-new-0123456789", jpeg, null, null).status());

        // when: added
        HttpResponse<String> added = send("PUT", "/v1/admin/cameras/IT-NEW", entry, TOKEN);
        assertEquals(201, added.statusCode(), added.body());
        assertFalse(added.body().contains("it-secret-new"), "the answer holds no secret");
        // then: its uploads are accepted at once
        assertEquals(202, client.send("IT-NEW", "it-secret-new-0123456789", jpeg, null, null).status());

        // when: changed without a secret (keeps the secret)
        HttpResponse<String> changed = send("PUT", "/v1/admin/cameras/IT-NEW",
                entry.replace("\"secret\": \"it-secret-new-0123456789\",", "").replace("100", "120"), TOKEN);
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(120, JSON.readTree(changed.body()).get("speedLimitKmh").asInt());
        assertEquals(202, client.send("IT-NEW", "it-secret-new-0123456789", TestJpegs.jpeg(200, 100, 78), null, null)
                .status());

        // when: an invalid entry
        HttpResponse<String> invalid = send("PUT", "/v1/admin/cameras/IT-NEW", entry.replace("100", "999"), TOKEN);
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("speedLimitKmh"), invalid.body());

        // when: disabled
        assertEquals(200, send("DELETE", "/v1/admin/cameras/IT-NEW", null, TOKEN).statusCode());
        assertEquals(403, client.send("IT-NEW", "it-secret-new-0123456789", TestJpegs.jpeg(200, 100, 79), null, null)
                .status());
        assertEquals(404, send("DELETE", "/v1/admin/cameras/IT-GHOST", null, TOKEN).statusCode());
        HttpResponse<String> list = get("/v1/admin/cameras", TOKEN);
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains("secret"), list.body());

        // then: raqib.cameras holds the three versions, the last one disabled, and no secret anywhere
        List<Camera> cameras = TopicReader.read(kafka.bootstrapServers(), Topics.CAMERAS,
                l -> l.stream().filter(c -> c.getCameraId().equals("IT-NEW")).count() >= 3, Duration.ofSeconds(30));
        List<Camera> versions = cameras.stream().filter(c -> c.getCameraId().equals("IT-NEW")).toList();
        assertEquals(3, versions.size());
        assertEquals(100, versions.get(0).getSpeedLimitKmh());
        assertEquals(120, versions.get(1).getSpeedLimitKmh());
        assertFalse(versions.get(2).getEnabled());
        assertTrue(versions.get(0).getEnabled());
        for (Camera c : cameras) {
            assertFalse(c.toString().contains("it-secret"), "no secret in raqib.cameras");
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, null, token);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
