package org.raqib.ingest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.Camera;
import org.raqib.models.Topics;

/**
 * The live registry's contract with Kafka, on Kafka's own in-memory producer: a change is the
 * gateway's view only once the broker has taken it; when Kafka refuses, nothing changes.
 */
@Timeout(20)
class LiveCameraRegistryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aChangeIsPublishedWithoutItsSecretAndThenSeen() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        LiveCameraRegistry live = new LiveCameraRegistry(new CameraRegistry(List.of(camera("CAM-A", true))),
                new CameraRegistryPublisher(producer, CLOCK));
        live.put(camera("CAM-B", true));
        live.disable("CAM-A");
        assertTrue(live.find("CAM-B").isPresent());
        assertFalse(live.find("CAM-A").orElseThrow().enabled());
        assertEquals(List.of("CAM-A", "CAM-B"), live.snapshot().cameras().stream().map(RegisteredCamera::id).toList());
        assertEquals(2, producer.history().size());
        Camera off = Topics.CAMERAS.wire().decode(producer.history().get(1).value());
        assertEquals("CAM-A", producer.history().get(1).key());
        assertFalse(off.getEnabled());
        assertFalse(new String(producer.history().get(0).value(), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("secret-of"), "no secret on raqib.cameras");
        assertTrue(live.disable("CAM-NOPE").isEmpty());
    }

    @Test
    void nothingChangesWhenKafkaRefuses() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        LiveCameraRegistry live = new LiveCameraRegistry(new CameraRegistry(List.of(camera("CAM-A", true))),
                new CameraRegistryPublisher(producer, CLOCK));
        ExecutorService admin = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Void> disabling = CompletableFuture.runAsync(() -> live.disable("CAM-A"), admin);
            while (producer.history().isEmpty()) {
                Thread.sleep(10);
            }
            // Not acknowledged yet: uploads still see the camera enabled.
            assertTrue(live.find("CAM-A").orElseThrow().enabled());
            producer.errorNext(new TimeoutException("broker gone"));
            Exception e = assertThrows(Exception.class, () -> disabling.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            assertTrue(live.find("CAM-A").orElseThrow().enabled(), "a refused change changes nothing");
        } finally {
            admin.shutdownNow();
        }
    }

    @Test
    void anAdminEntryIsValidatedLikeAFileEntry() throws Exception {
        ObjectMapper json = new ObjectMapper();
        RegisteredCamera c = CameraRegistryFile.parseCamera(json.readTree("""
                {"id": "CAM-J", "secret": "secret-of-cam-j-0123", "name": "J", "latitude": 24.1, "longitude": 46.1,
                 "roadId": "R9", "direction": "W", "kmMarker": 4.5, "speedLimitKmh": 90, "toleranceKmh": 10,
                 "region": "r9", "hasRadar": false}"""), "test");
        assertEquals("CAM-J", c.id());
        assertFalse(c.hasRadar());
        assertTrue(c.enabled());
        InvalidRegistryException e = assertThrows(InvalidRegistryException.class, () -> CameraRegistryFile.parseCamera(
                json.readTree("{\"id\": \"cam j\", \"secret\": \"short\", \"speedLimitKmh\": 500, \"colour\": 1}"),
                "admin request"));
        String all = String.join("\n", e.problems());
        for (String field : List.of("'id'", "'secret'", "'speedLimitKmh'", "'colour'", "'name'")) {
            assertTrue(all.contains(field), field + " in " + all);
        }
    }

    @Test
    void withReplacesInPlaceOrAppends() {
        CameraRegistry r = new CameraRegistry(List.of(camera("CAM-A", true), camera("CAM-B", true)));
        CameraRegistry replaced = r.with(camera("CAM-A", false));
        assertEquals(List.of("CAM-A", "CAM-B"), replaced.cameras().stream().map(RegisteredCamera::id).toList());
        assertFalse(replaced.find("CAM-A").orElseThrow().enabled());
        assertEquals(3, r.with(camera("CAM-C", true)).size());
        assertEquals(2, r.size(), "registries are immutable");
    }

    private static RegisteredCamera camera(String id, boolean enabled) {
        return new RegisteredCamera(id, "secret-of-" + id + "-0123456", id, 24.7, 46.7, "R1", "N", 1.0, 80, 10, "r1",
                true, null, enabled);
    }
}
