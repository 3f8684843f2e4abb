package org.raqib.jobs.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.LagMetrics;
import org.raqib.jobs.OperatorMetrics;
import org.raqib.jobs.ResumedPartitions;
import org.raqib.jobs.TopicReader;
import org.raqib.models.DeadLetter;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * A section's exit camera whose reads come in after the watermark has passed the whole section's window (an
 * uplink that stalled): the entry passage is still there for it, and the average-speed violation is issued.
 *
 * <p>The section is 0.5 km (limits 100 + 5 km/h: a violation is possible for 17 s after the entry). The entry
 * camera's partition moves the watermark about a minute past the entry before the exit camera's partition,
 * quiet and so left out of the watermark, delivers its reads. Before the section stage kept passages for
 * {@code --section-allowed-lateness} past that window, the entry had been dropped by then and the speeder
 * left without a section violation.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LaggingSectionCameraITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    private static final String EXIT = "LATE-EXIT";
    private static final String SPEEDER = "6531UJD";

    @Test
    void anExitCameraBehindTheWatermarkByMoreThanTheSectionsWindowStillMakesTheSectionViolation() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        // given a section from the early camera (km 10.0, partition 1) to the exit camera (km 10.5, partition 0)
        ResumedPartitions.Started started = ResumedPartitions.start(bootstrap, "lagging-section-it",
                EnforcementFixtures.at(EXIT, "R1", 10.5, 100, 5));
        JobClient job = started.job();
        long t0 = started.t0();
        try {
            // and the speeder's entry 30 s after t0 (radar 90 km/h: no spot violation), then two more vehicles
            // that move the watermark about 70 s past it
            List<PlateRead> entry = new ArrayList<>(EnforcementFixtures.pass(ResumedPartitions.EARLY_CAMERA,
                    SPEEDER, 90, t0 + 30_000));
            entry.addAll(EnforcementFixtures.pass(ResumedPartitions.EARLY_CAMERA, "3333BDE", 80, t0 + 60_000));
            entry.addAll(EnforcementFixtures.pass(ResumedPartitions.EARLY_CAMERA, "4444BDE", 80, t0 + 100_000));
            TopicReader.write(bootstrap, Topics.READS, 1, PlateRead::getCameraId, entry);
            // out once the watermark is past 63 s: the entry's window (it ends at 50 s) has passed
            TopicReader.readCommitted(bootstrap, Topics.PASSAGES,
                    p -> p.stream().anyMatch(x -> x.getPlateText().equals("3333BDE")), Duration.ofSeconds(60), job);

            // when the exit camera's reads come: 0.5 km after 8 s (225 km/h), 30 s behind that watermark
            TopicReader.write(bootstrap, Topics.READS, 0, PlateRead::getCameraId,
                    EnforcementFixtures.pass(EXIT, SPEEDER, 90, t0 + 38_000));

            // then the section violation is issued
            List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS,
                    v -> v.stream().anyMatch(x -> x.getPlateText().equals(SPEEDER)), Duration.ofSeconds(60), job);
            assertEquals(List.of(SPEEDER + " SECTION_SPEEDING [" + ResumedPartitions.EARLY_CAMERA + ", " + EXIT + "]"),
                    violations.stream().map(v -> v.getPlateText() + " " + v.getType() + " " + v.getCameraIds())
                            .toList());
            assertEquals(225.0, violations.get(0).getMeasuredSpeedKmh(), 1e-9);
            // and the cluster reports the pair the lateness saved, and no passage too late for it
            assertEquals(1, OperatorMetrics.sum(FLINK.getClientConfiguration(), job.getJobID(), "section-speed-check",
                    LagMetrics.GROUP + "." + LagMetrics.SECTION_PAIRS_LATE, 1, Duration.ofSeconds(60)));
            assertEquals(0, OperatorMetrics.sum(FLINK.getClientConfiguration(), job.getJobID(), "section-speed-check",
                    LagMetrics.GROUP + "." + LagMetrics.SECTION_PASSAGES_TOO_LATE, 0, Duration.ofSeconds(60)));
            // and no read is dead-lettered
            List<DeadLetter> dead = TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, d -> false,
                    Duration.ofSeconds(2));
            assertEquals(List.of(), dead.stream().map(d -> d.getReason() + ": " + d.getDetail()).toList());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
