package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.TopicReader;
import org.raqib.jobs.passage.PassageFunction;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * Two reads partitions at start-up, one with a long backlog behind which a speeder's reads lie, the other
 * with a few reads a minute newer than anything in the first: both partitions are present from the
 * start, and the short one is through long before the backlog. Event time must follow each partition
 * on its own (the minimum of the two), so the speeder's reads are not late for being read after the
 * other partition's newer ones, and its violation is issued.
 *
 * <p>With event time assigned after the keying instead (one clock per task, following the newest read
 * of any partition), the newer partition's reads moved the clock a minute ahead, and the speeder's reads
 * were dead-lettered as {@code late-read}: this test failed so before event time moved to the source.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PartitionEventTimeITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    /** Reads in the backlog partition in front of the speeder's: far more than the other partition has. */
    private static final int BACKLOG = 10_000;
    private static final String SPEEDER = "6531UJD";

    /** The keyed task (at the test's parallelism) a camera's reads go to. */
    private static int task(String camera) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(camera,
                KeyGroupRangeAssignment.computeDefaultMaxParallelism(JobCluster.PARALLELISM), JobCluster.PARALLELISM);
    }

    @Test
    void aPartitionsBacklogIsNotLateForTheOtherPartitionsNewerReads() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        // given the speeder's camera and the other partition's camera keyed to the same task, so that a
        // clock per task would put both partitions' reads on one clock
        String speederCamera = "SP-1";
        String otherCamera = null;
        for (int i = 1; otherCamera == null; i++) {
            if (task("OT-" + i) == task(speederCamera)) {
                otherCamera = "OT-" + i;
            }
        }
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                EnforcementFixtures.at(speederCamera, "R1", 10.0, 100, 5),
                EnforcementFixtures.at(otherCamera, "R2", 10.0, 100, 5),
                EnforcementFixtures.at("BL-1", "R3", 10.0, 100, 5)));
        long t0 = System.currentTimeMillis();
        // and partition 0: a backlog of legal traffic at another camera, 100 ms apart, then the speeder
        List<PlateRead> backlog = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            String plate = String.format("%04d%s", 1 + i / 2, i % 2 == 0 ? "BDE" : "HJK");
            backlog.add(Fixtures.read("BL-" + i, "BL-1", plate, 0.95, 60.0, t0 - (BACKLOG - i) * 100L));
        }
        backlog.addAll(EnforcementFixtures.pass(speederCamera, SPEEDER, 140, t0));
        TopicReader.write(bootstrap, Topics.READS, 0, PlateRead::getCameraId, backlog);
        // and partition 1: a legal vehicle a minute later, far beyond the reads' out-of-orderness (2 s)
        TopicReader.write(bootstrap, Topics.READS, 1, PlateRead::getCameraId, EnforcementFixtures.pass(otherCamera, "4444BDE", 80, t0 + 60_000));

        // when the job starts on both partitions at once
        JobOptions options = JobCluster.options(bootstrap, "partition-time-it");
        JobClient job = JobCluster.start(options, EnforcementJob.onKafka(options)::attachTo, EnforcementJob.NAME);
        try {
            // then the speeder's violation is issued, and no read is late
            List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS,
                    v -> v.stream().anyMatch(x -> x.getPlateText().equals(SPEEDER)), Duration.ofSeconds(90), job);
            List<DeadLetter> late = TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, d -> false,
                    Duration.ofSeconds(2)).stream().filter(d -> d.getReason().equals(PassageFunction.LATE_READ)).toList();
            assertEquals(0, late.size(), late.size() + " late reads, e.g. " + late.stream().findFirst()
                    .map(DeadLetter::getDetail).orElse(""));
            assertEquals(List.of(SPEEDER + " SPOT_SPEEDING"), violations.stream()
                    .map(v -> v.getPlateText() + " " + v.getType()).toList());
            assertTrue(violations.get(0).getMeasuredSpeedKmh() >= 140, "judged at its radar speed");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
