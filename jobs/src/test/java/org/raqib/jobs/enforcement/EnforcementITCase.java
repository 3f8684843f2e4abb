package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.TopicReader;
import org.raqib.jobs.integrity.ViolationSigner;
import org.raqib.models.Camera;
import org.raqib.models.HotlistEntry;
import org.raqib.models.Passage;
import org.raqib.models.PatrolAlert;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationType;

/**
 * The enforcement job on a MiniCluster (parallelism 2) against a real Kafka broker, fed synthetic plate
 * reads (no recogniser): a vehicle read three times at each camera of a section that keeps the spot
 * limit at both cameras but not the section's, a legal vehicle, a spot speeder, and a hot-listed plate
 * read once with a 3/8 misread.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EnforcementITCase {

    private static final String KEY = "enforcement-it-signing-key-0123456789";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();


    private static void pass(List<PlateRead> out, String camera, String plate, double speed, long at) {
        for (int i = 0; i < 3; i++) {
            // three frames 150 ms apart; the hot-listed plate's middle one misread (3/8) with low confidence
            String text = i == 1 && plate.equals("7373KXD") ? "7873KXD" : plate;
            out.add(Fixtures.read(camera + "-" + at + "-" + i, camera, text, i == 1 ? 0.5 : 0.95, speed + i, at + i * 150L));
        }
    }

    @Test
    void sectionSpeedersAndHotListedVehiclesAreReportedOnceEachAndViolationsAreSigned() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        long t0 = 1_760_000_000_000L;
        // given two cameras 10 km apart on one road (limit 100, tolerance 5) and a camera elsewhere
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                EnforcementFixtures.at("S1", "R1", 10.0, 100, 5),
                EnforcementFixtures.at("S2", "R1", 20.0, 100, 5),
                EnforcementFixtures.at("X1", "R7", 3.0, 80, 5)));
        TopicReader.write(bootstrap, Topics.HOTLIST, HotlistEntry::getPlateText, List.of(
                EnforcementFixtures.entry("7373KXD", "stolen", 1, null, false)));
        List<PlateRead> reads = new ArrayList<>();
        pass(reads, "S1", "6531UJD", 95, t0);                 // 10 km in 5 min: 120 km/h average
        pass(reads, "S1", "1234ABD", 95, t0 + 20_000);        // 10 km in 10 min: 60 km/h
        pass(reads, "X1", "4444BDE", 120, t0 + 30_000);       // spot speeder at X1
        pass(reads, "X1", "7373KXD", 60, t0 + 40_000);        // hot-listed, read as 7873KXD once
        pass(reads, "S2", "6531UJD", 98, t0 + 300_000);
        pass(reads, "S2", "1234ABD", 90, t0 + 620_000);
        pass(reads, "S1", "5555EGH", 99, t0 + 400_000);         // 10 km in 4 min: 150 km/h
        pass(reads, "S2", "5555EGH", 99, t0 + 640_000);
        // in capture order, as cameras send them (exit-before-entry is covered by the harness test)
        reads.sort(Comparator.comparing(PlateRead::getCaptureTime));
        TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId, reads);

        // when the job runs
        JobOptions options = JobCluster.options(bootstrap, "enforcement-it");
        options = options.withEnforcement(options.enforcement().withSigningKey(KEY));
        JobClient job = JobCluster.start(options, EnforcementJob.onKafka(options)::attachTo, EnforcementJob.NAME);
        try {
            // then one passage per vehicle and camera
            List<Passage> passages = TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> p.size() >= 8,
                    Duration.ofSeconds(90), job);
            assertEquals(8, passages.size(), "8 passages from 24 reads");
            assertTrue(passages.stream().allMatch(p -> p.getReadCount() == 3));
            assertTrue(passages.stream().noneMatch(p -> p.getPlateText().contains("8")), "consensus beats the misread");

            // two section violations, one spot violation, each once, signed
            List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> v.size() >= 3,
                    Duration.ofSeconds(60), job);
            Thread.sleep(2_000);
            violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> false, Duration.ofSeconds(3));
            assertTrue(TopicReader.readCommitted(bootstrap, Topics.REVIEW, v -> false, Duration.ofSeconds(2)).isEmpty(),
                    "every plate here is read with confidence: nothing for review");
            assertTrue(TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, v -> false, Duration.ofSeconds(2))
                    .isEmpty(), "no read late, no bad record");
            assertEquals(List.of("4444BDE SPOT_SPEEDING", "5555EGH SECTION_SPEEDING", "6531UJD SECTION_SPEEDING"),
                    violations.stream().map(v -> v.getPlateText() + " " + v.getType()).sorted().toList());
            assertEquals(3, violations.stream().map(Violation::getViolationId).distinct().count());
            Violation section = violations.stream().filter(v -> v.getPlateText().equals("6531UJD")).findFirst().orElseThrow();
            assertEquals(List.of("S1", "S2"), section.getCameraIds());
            assertEquals(120.0, section.getMeasuredSpeedKmh(), 1e-9);
            Violation reversed = violations.stream().filter(v -> v.getPlateText().equals("5555EGH")).findFirst().orElseThrow();
            assertEquals(List.of("S1", "S2"), reversed.getCameraIds(), "entry is the earlier passage");
            assertEquals(150.0, reversed.getMeasuredSpeedKmh(), 1e-9);
            ViolationSigner signer = ViolationSigner.ofSecret(KEY);
            assertTrue(violations.stream().allMatch(signer::verify), "every violation carries a valid signature");
            assertEquals(ViolationType.SPOT_SPEEDING, violations.stream()
                    .filter(v -> v.getPlateText().equals("4444BDE")).findFirst().orElseThrow().getType());

            // one patrol alert, in the camera's region
            List<PatrolAlert> alerts = TopicReader.readCommitted(bootstrap, Topics.PATROL_ALERTS, a -> !a.isEmpty(),
                    Duration.ofSeconds(30));
            if (alerts.isEmpty()) {
                // tells a match that was never made from an alert written but not committed (seen once
                // under load: the hot-list stage logged the match at DEBUG, the topic showed nothing)
                int uncommitted = TopicReader.readUncommitted(bootstrap, Topics.PATROL_ALERTS, a -> !a.isEmpty(),
                        Duration.ofSeconds(10)).size();
                fail("no committed patrol alert; " + uncommitted + " in transactions not committed");
            }
            assertEquals(1, alerts.size(), alerts.stream().map(PatrolAlert::getPlateText).collect(Collectors.joining()));
            assertEquals("7373KXD", alerts.get(0).getHotlistPlate());
            assertEquals("region-X1", alerts.get(0).getRegion());
            assertEquals("stolen", alerts.get(0).getReason());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
