package org.raqib.jobs.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.LagMetrics;
import org.raqib.jobs.OperatorMetrics;
import org.raqib.jobs.ResumedPartitions;
import org.raqib.jobs.TopicReader;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * As {@code ResumedPartitionITCase}, for a video camera: both reads partitions quiet at start-up for longer
 * than their idleness, a radar camera's reads on one partition move the watermark on, then a video camera's
 * speeder on the other, captured earlier, comes. Its track is measured and its case made, and none of its
 * reads is late (before, the video stage dead-lettered every one of them as {@code late-read}).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ResumedVideoPartitionITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    private static final String SPEEDER = "6531UJD";

    @Test
    void aVideoCameraQuietAtStartUpIsNotLateForTheReadsOfAPartitionThatCameFirst() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        // given both reads partitions quiet for longer than their idleness, then partition 1's reads first,
        // which move the watermark to about 23 s after t0 (about 20 s in the video stage, which holds 3 s more)
        ResumedPartitions.Started started = ResumedPartitions.start(bootstrap, "resumed-video-it",
                VideoSpeedFunctionHarnessTest.videoCamera("VID-1"));
        JobClient job = started.job();
        long t0 = started.t0();
        try {
            // when partition 0's come: the video camera's speeder at 135 km/h, captured 2 s after t0
            List<PlateRead> speeder = new ArrayList<>();
            double v = 135 / 3.6;
            for (int i = 0; 24 - v * i * 0.040 >= 11; i++) {
                speeder.add(VideoSpeedFunctionHarnessTest.readAt("VID-1", SPEEDER, i, t0 + 2_000 + i * 40L, 24 - v * i * 0.040));
            }
            TopicReader.write(bootstrap, Topics.READS, 0, PlateRead::getCameraId, speeder);

            // then its passage has a video speed near 135 km/h and all its reads, and it is a spot case
            Passage passage = TopicReader.readCommitted(bootstrap, Topics.PASSAGES,
                    p -> p.stream().anyMatch(x -> x.getPlateText().equals(SPEEDER)), Duration.ofSeconds(60), job)
                    .stream().filter(p -> p.getPlateText().equals(SPEEDER)).findFirst().orElseThrow();
            assertEquals(SpeedSource.VIDEO, passage.getSpeedSource());
            assertEquals(135, passage.getSpeedKmh(), 3.0);
            assertEquals(speeder.size(), passage.getReadCount());
            List<Violation> cases = new ArrayList<>(TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, c -> false,
                    Duration.ofSeconds(3)));
            cases.addAll(TopicReader.readCommitted(bootstrap, Topics.REVIEW, c -> false, Duration.ofSeconds(3)));
            assertTrue(cases.stream().anyMatch(c -> c.getPlateText().equals(SPEEDER) && c.getSpeedSource() == SpeedSource.VIDEO),
                    cases.size() + " cases");
            // and no read is dead-lettered
            List<DeadLetter> dead = TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, d -> false,
                    Duration.ofSeconds(2));
            assertEquals(List.of(), dead.stream().map(d -> d.getSource() + " " + d.getReason() + ": " + d.getDetail()).toList());
            // and the cluster reports the video camera found behind the watermark once, and no late read
            assertEquals(1, OperatorMetrics.sum(FLINK.getClientConfiguration(), job.getJobID(), "video-speed",
                    LagMetrics.GROUP + "." + LagMetrics.LAG_SPELLS, 1, Duration.ofSeconds(60)));
            assertEquals(0, OperatorMetrics.sum(FLINK.getClientConfiguration(), job.getJobID(), "video-speed",
                    LagMetrics.GROUP + "." + LagMetrics.LATE_READS, 0, Duration.ofSeconds(60)));
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
