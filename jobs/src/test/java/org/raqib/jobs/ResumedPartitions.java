package org.raqib.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.execution.JobClient;
import org.raqib.jobs.enforcement.EnforcementJob;
import org.raqib.models.Camera;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

/**
 * A demo's start-up, made on purpose: the enforcement job runs with both reads partitions quiet for longer
 * than their idleness (as while the recognition job's recognisers warm up), then partition 1's reads come
 * first and move the watermark on. What a test then writes to partition 0, captured earlier, comes behind it.
 */
public final class ResumedPartitions {

    /** The camera whose reads come first, on partition 1. */
    public static final String EARLY_CAMERA = "EARLY-1";

    private ResumedPartitions() {
    }

    /** The running job, and the time the partitions' quiet spell began (capture times are counted from it). */
    public record Started(JobClient job, long t0) {
    }

    /**
     * Registers {@code camera} and the early camera, starts the enforcement job, waits 8 s without a read (the
     * idleness is 5 s), writes two legal vehicles of the early camera to partition 1 (captured 4 s and 25 s after
     * t0) and waits until the first one's passage is out: the watermark then stands about 23 s after t0.
     * The caller cancels the job; it is cancelled here if this fails.
     */
    public static Started start(String bootstrap, String idPrefix, Camera camera) throws Exception {
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                EnforcementFixtures.at(EARLY_CAMERA, "R1", 10.0, 100, 5), camera));
        JobOptions options = JobCluster.options(bootstrap, idPrefix);
        JobClient job = JobCluster.start(options, EnforcementJob.onKafka(options)::attachTo, EnforcementJob.NAME);
        try {
            long t0 = System.currentTimeMillis();
            Thread.sleep(Duration.ofSeconds(8).toMillis());
            List<PlateRead> first = new ArrayList<>(EnforcementFixtures.pass(EARLY_CAMERA, "1111BDE", 80, t0 + 4_000));
            first.addAll(EnforcementFixtures.pass(EARLY_CAMERA, "2222BDE", 80, t0 + 25_000));
            TopicReader.write(bootstrap, Topics.READS, 1, PlateRead::getCameraId, first);
            assertEquals("1111BDE", TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> !p.isEmpty(),
                    Duration.ofSeconds(60), job).get(0).getPlateText(), "partition 1's first passage");
            return new Started(job, t0);
        } catch (Exception | AssertionError e) {
            job.cancel().get(60, TimeUnit.SECONDS);
            throw e;
        }
    }
}
