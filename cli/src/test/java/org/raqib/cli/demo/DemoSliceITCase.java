package org.raqib.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.CameraRegistryPublisher;
import org.raqib.ingest.simulator.CameraSimulator;
import org.raqib.ingest.simulator.GroundTruth;
import org.raqib.ingest.simulator.SimulatorOptions;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationType;

/**
 * The first end-to-end slice on real components: an in-process Kafka broker, the recognition and
 * spot-speed jobs on a Flink MiniCluster at parallelism 2, and the camera simulator. The pipeline sees
 * only pixels and radar speeds; the simulator's ground truth (kept in memory) says which vehicles were
 * over the limit and what their plates were.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class DemoSliceITCase {

    private static final int FRAMES = 40;

    @Test
    void overLimitVehiclesAreTicketedWithTheirPlateAndNobodyElseIs() throws Exception {
        // given: a real broker with every topic, the demo's camera registry, the jobs
        CameraRegistry registry = CameraRegistryFile.load(Path.of("..", "config", "cameras.yaml"));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
            broker.createTopics(Topics.ALL);
            String bootstrap = broker.bootstrapServers();
            CameraRegistryPublisher.publish(bootstrap, registry);
            ConcurrentLinkedQueue<GroundTruth> truths = new ConcurrentLinkedQueue<>();
            SimulatorOptions options = SimulatorOptions.defaults().withSeed(20260301).withOverLimitShare(0.5)
                    .withFramesPerSecond(2).withMaxFrames(FRAMES);

            try (AutoCloseable jobs = EmbeddedJobs.start(bootstrap, Duration.ofSeconds(1), 2);
                    CameraSimulator simulator = CameraSimulator.create(options, registry, bootstrap, truths::add)) {
                // when: the simulator publishes its frames
                simulator.start();
                assertTrue(simulator.awaitCompletion(Duration.ofMinutes(3)), "simulator finished");
                assertEquals(FRAMES, truths.size(), "every frame acknowledged");
                long overLimit = truths.stream().filter(GroundTruth::overLimit).count();

                // then: the committed violations are those of the over-limit vehicles, with their plates
                Map<String, List<Violation>> out = readCommitted(bootstrap, (int) overLimit, Duration.ofMinutes(4));
                List<Violation> violations = out.get(Topics.VIOLATIONS.name());
                List<Violation> reviews = out.get(Topics.REVIEW.name());
                DemoScore score = DemoScore.of(truths, violations);
                DemoScore reviewScore = DemoScore.of(truths, reviews);
                System.out.println("DemoSliceITCase: issued: " + score.describe());
                System.out.println("DemoSliceITCase: for review: " + reviewScore.describe());

                assertEquals(0, score.falseTickets(), "no ticket for a vehicle under the limit: " + score);
                assertEquals(0, reviewScore.falseTickets(), "no review case for a vehicle under the limit: "
                        + reviewScore);
                List<Violation> all = new ArrayList<>(violations);
                all.addAll(reviews);
                assertEquals(0, DemoScore.of(truths, all).duplicateIds(), "violation ids are unique: " + score);
                assertEquals(0, score.unknownFrames(), "every violation cites a simulated frame: " + score);
                // Never confidently wrong: an automatic ticket must name the vehicle's plate.
                assertEquals(0, score.ticketedWrongPlate(), "an issued violation names another plate: " + score);
                // Every speeding vehicle becomes a case, automatic or for review (the plate is found and
                // read in its frame, the spot-speed check fires once). How often the text is right is the
                // recogniser's accuracy, measured by ./raqib eval and BENCHMARKS.md, not asserted here.
                DemoScore cases = DemoScore.of(truths, all);
                assertTrue(cases.ticketedRightPlate() + cases.ticketedWrongPlate() >= 0.9 * overLimit,
                        "at least 90% of over-limit vehicles become a case: " + cases);
                Map<String, GroundTruth> byFrame = new HashMap<>();
                truths.forEach(t -> byFrame.put(t.frameId(), t));
                for (Violation v : all) {
                    GroundTruth t = byFrame.get(v.getFrameIds().get(0));
                    assertEquals(ViolationType.SPOT_SPEEDING, v.getType());
                    assertEquals(List.of(t.cameraId()), v.getCameraIds());
                    assertEquals(t.radarSpeedKmh(), v.getMeasuredSpeedKmh(), 1e-9);
                    assertEquals(t.speedLimitKmh(), v.getSpeedLimitKmh());
                    assertEquals(t.toleranceKmh(), v.getToleranceKmh());
                    assertEquals(t.captureTime(), v.getEventTime());
                }
            }
        }
    }

    /**
     * Reads {@code raqib.violations} and {@code raqib.review} from the start as an outside client would
     * (read committed), decoding every value with the models schema, until {@code expected} arrived and
     * nothing more came for a while, or {@code limit} passed.
     */
    private static Map<String, List<Violation>> readCommitted(String bootstrap, int expected, Duration limit) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-slice-itcase");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, List<Violation>> out = new HashMap<>();
        out.put(Topics.VIOLATIONS.name(), new ArrayList<>());
        out.put(Topics.REVIEW.name(), new ArrayList<>());
        int seen = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        long quietSince = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.VIOLATIONS.name(), Topics.REVIEW.name()));
            while (System.nanoTime() < deadline) {
                boolean got = false;
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Violation v = Topics.VIOLATIONS.wire().decode(r.value());
                    assertEquals(v.getViolationId(), r.key(), "keyed by violation id");
                    out.get(r.topic()).add(v);
                    seen++;
                    got = true;
                }
                if (got) {
                    quietSince = System.nanoTime();
                }
                // Wait a few checkpoints past the last arrival, so a late duplicate would still be seen.
                if (seen >= expected && System.nanoTime() - quietSince > Duration.ofSeconds(6).toNanos()) {
                    break;
                }
                // Fewer than expected (missed plates): stop once nothing has come for a long while.
                if (System.nanoTime() - quietSince > Duration.ofSeconds(45).toNanos()) {
                    break;
                }
            }
        }
        return out;
    }
}
