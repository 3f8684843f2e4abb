package org.raqib.jobs.enforcement;

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
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.TopicReader;
import org.raqib.models.Camera;
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
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                EnforcementFixtures.at("EARLY-1", "R1", 10.0, 100, 5),
                EnforcementFixtures.at("LATE-1", "R2", 10.0, 100, 5)));
        JobOptions options = JobCluster.options(bootstrap, "resumed-partition-it");
        JobClient job = JobCluster.start(options, EnforcementJob.onKafka(options)::attachTo, EnforcementJob.NAME);
        try {
            long t0 = System.currentTimeMillis();
            // given no read on either partition for longer than their idleness (passage idle flush, 5 s)
            Thread.sleep(Duration.ofSeconds(8).toMillis());
            // when partition 1's reads come first: two legal vehicles, the second 12 s after t0, so that the
            // watermark moves to about 10 s after t0 and the first passage is complete by it
            List<PlateRead> first = new ArrayList<>(EnforcementFixtures.pass("EARLY-1", "1111BDE", 80, t0 + 4_000));
            first.addAll(EnforcementFixtures.pass("EARLY-1", "2222BDE", 80, t0 + 12_000));
            TopicReader.write(bootstrap, Topics.READS, 1, PlateRead::getCameraId, first);
            List<Passage> passages = TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> !p.isEmpty(),
                    Duration.ofSeconds(60), job);
            assertEquals("1111BDE", passages.get(0).getPlateText());
            // and then partition 0's: a speeder captured 2 s after t0, far behind that watermark
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
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
