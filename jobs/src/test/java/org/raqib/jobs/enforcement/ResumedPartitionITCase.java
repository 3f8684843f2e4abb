package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * The demo's start-up, on purpose: both reads partitions quiet for longer than their idleness (the
 * recognisers warming up), then one partition's reads come first and move the watermark on, then the
 * other's, captured earlier. The later partition's speeder is judged, and none of its reads is late.
 *
 * <p>Before cameras were judged on their own clock, the quiet partition was left out of the watermark
 * (idle), the other partition's reads moved it past the speeder's, and the speeder's reads were
 * dead-lettered as {@code late-read} when they came: seen as three late reads at a demo's start.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ResumedPartitionITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    private static final String SPEEDER = "6531UJD";

    @Test
    void aPartitionQuietAtStartUpIsNotLateForTheReadsOfAPartitionThatCameFirst() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        // given both reads partitions quiet for longer than their idleness, then partition 1's reads first,
        // which move the watermark to about 23 s after t0
        ResumedPartitions.Started started = ResumedPartitions.start(bootstrap, "resumed-partition-it",
                EnforcementFixtures.at("LATE-1", "R2", 10.0, 100, 5));
        JobClient job = started.job();
        long t0 = started.t0();
        try {
            // when partition 0's come: a speeder captured 2 s after t0, far behind that watermark
            TopicReader.write(bootstrap, Topics.READS, 0, PlateRead::getCameraId,
                    EnforcementFixtures.pass("LATE-1", SPEEDER, 140, t0 + 2_000));

            // then the speeder's passage is built from all its reads and its violation issued
            List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS,
                    v -> v.stream().anyMatch(x -> x.getPlateText().equals(SPEEDER)), Duration.ofSeconds(60), job);
            assertEquals(List.of(SPEEDER + " SPOT_SPEEDING"), violations.stream()
                    .map(v -> v.getPlateText() + " " + v.getType()).toList());
            Passage speeder = TopicReader.readCommitted(bootstrap, Topics.PASSAGES,
                    p -> p.stream().anyMatch(x -> x.getPlateText().equals(SPEEDER)), Duration.ofSeconds(30), job)
                    .stream().filter(p -> p.getPlateText().equals(SPEEDER)).findFirst().orElseThrow();
            assertEquals(3, speeder.getReadCount());
            // and no read is dead-lettered
            List<DeadLetter> dead = TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, d -> false,
                    Duration.ofSeconds(2));
            assertEquals(List.of(), dead.stream().map(d -> d.getReason() + ": " + d.getDetail()).toList());
            // and the cluster reports the one camera found behind the watermark, and no late read
            assertEquals(1, OperatorMetrics.sum(FLINK.getClientConfiguration(), job.getJobID(), "merge-passages",
                    LagMetrics.GROUP + "." + LagMetrics.LAG_SPELLS, 1, Duration.ofSeconds(60)));
            assertEquals(0, OperatorMetrics.sum(FLINK.getClientConfiguration(), job.getJobID(), "merge-passages",
                    LagMetrics.GROUP + "." + LagMetrics.LATE_READS, 0, Duration.ofSeconds(60)));
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
