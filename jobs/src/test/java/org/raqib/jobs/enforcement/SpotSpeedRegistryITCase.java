package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.TopicReader;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;

/**
 * The spot-speed stage of the enforcement job on a MiniCluster (parallelism 2) against a real Kafka
 * broker, driven by the registry: issued, within tolerance, review, a disabled camera, a camera that
 * arrives after its reads (the start-up race: passage before its camera) and an undecodable read.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SpotSpeedRegistryITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();


    @Test
    void violationsAreIssuedReviewedOrHeldBackExactlyAsTheRegistrySays() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        // given a registry and reads, one of them garbage, one of a camera registered only later
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                Fixtures.camera("cam-a", 80, 5),
                Fixtures.camera("cam-b", 120, 10),
                Camera.newBuilder(Fixtures.camera("cam-off", 60, 0)).setEnabled(false).build()));
        List<PlateRead> reads = List.of(
                Fixtures.read("f-1", "cam-a", "1111ABD", 0.97, 100.0, 1_000),   // issued
                Fixtures.read("f-2", "cam-a", "2222ABD", 0.97, 84.0, 2_000),    // within tolerance
                Fixtures.read("f-3", "cam-a", "3333ABD", 0.50, 86.0, 3_000),    // review
                Fixtures.read("f-4", "cam-b", "4444ABD", 0.99, 150.0, 4_000),   // issued
                Fixtures.read("f-5", "cam-b", "5555ABD", 0.99, 125.0, 5_000),   // within tolerance
                Fixtures.read("f-6", "cam-off", "6666ABD", 0.99, 200.0, 6_000), // camera disabled
                Fixtures.read("f-7", "cam-late", "7777ABD", 0.99, 99.0, 7_000)); // camera arrives later
        TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId, reads);
        TopicReader.writeBytes(bootstrap, Topics.READS.name(), "cam-a", "garbage".getBytes(StandardCharsets.UTF_8));

        JobOptions options = JobCluster.options(bootstrap, "speed-it");
        JobClient job = JobCluster.start(options, EnforcementJob.onKafka(options)::attachTo, EnforcementJob.NAME);
        try {
            // when two violations are out, the late camera is registered
            List<Violation> early = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> v.size() >= 2,
                    Duration.ofSeconds(90), job);
            assertEquals(Set.of("1111ABD", "4444ABD"), plates(early));
            TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(Fixtures.camera("cam-late", 90, 5)));

            // then the held-back read is checked too, and nothing else is issued
            List<Violation> issued = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> v.size() >= 3,
                    Duration.ofSeconds(60));
            assertEquals(Set.of("1111ABD", "4444ABD", "7777ABD"), plates(issued));
            assertEquals(3, issued.size(), "no duplicates");
            assertEquals(3, issued.stream().map(Violation::getViolationId).distinct().count());
            assertTrue(issued.stream().allMatch(v -> v.getStatus() == ViolationStatus.ISSUED));
            Map<String, Double> speeds = issued.stream()
                    .collect(Collectors.toMap(Violation::getPlateText, Violation::getMeasuredSpeedKmh));
            assertEquals(Map.of("1111ABD", 100.0, "4444ABD", 150.0, "7777ABD", 99.0), speeds);

            List<Violation> review = TopicReader.readCommitted(bootstrap, Topics.REVIEW, v -> !v.isEmpty(),
                    Duration.ofSeconds(30));
            assertEquals(List.of("3333ABD"), review.stream().map(Violation::getPlateText).toList());
            assertEquals(ViolationStatus.NEEDS_REVIEW, review.get(0).getStatus());

            List<DeadLetter> dead = TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, d -> !d.isEmpty(),
                    Duration.ofSeconds(30));
            assertEquals(List.of(DeadLetters.UNDECODABLE_RECORD), dead.stream().map(DeadLetter::getReason).toList());
            assertEquals("garbage", new String(dead.get(0).getOriginal().array(), StandardCharsets.UTF_8));
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static Set<String> plates(List<Violation> violations) {
        return violations.stream().map(Violation::getPlateText).collect(Collectors.toSet());
    }
}
