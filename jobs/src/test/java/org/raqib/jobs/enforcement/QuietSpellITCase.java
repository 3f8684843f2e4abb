package org.raqib.jobs.enforcement;

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
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.Fixtures;
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
 * Traffic, a quiet spell long enough for the reads partitions to count as idle, then traffic again: the
 * later reads are merged into passages and checked like the first ones, never dead-lettered as late.
 * (With the registry and hot-list at the maximum watermark, an idle reads side moved the operators' event
 * time to its end, and every read after the spell was late.)
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class QuietSpellITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    @Test
    void readsAfterAQuietSpellAreNotLateAndSectionsSpanningItAreJudged() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                EnforcementFixtures.at("S1", "R1", 10.0, 100, 5), EnforcementFixtures.at("S2", "R1", 20.0, 100, 5)));
        long t0 = System.currentTimeMillis();
        // given a vehicle entering the section and a spot speeder, before the quiet spell
        TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId, EnforcementFixtures.pass("S1", "6531UJD", 95, t0));
        JobOptions options = JobCluster.options(bootstrap, "quiet-it");
        JobClient job = JobCluster.start(options, EnforcementJob.onKafka(options)::attachTo, EnforcementJob.NAME);
        try {
            assertEquals(1, TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> !p.isEmpty(),
                    Duration.ofSeconds(60), job).size(), "the entry passage (idle flush)");
            // when nothing comes for longer than the reads' idleness (passage idle flush, 5 s)
            Thread.sleep(Duration.ofSeconds(8).toMillis());
            // and then the exit (10 km in 5 min of event time: 120 km/h) and a spot speeder, within the
            // reads' out-of-orderness (2 s) of each other: after the spell the two reads partitions resume
            // in either order, and the first one back sets event time for both (10 s apart, the other
            // partition's reads were late: the flake seen under load)
            List<PlateRead> later = new ArrayList<>(EnforcementFixtures.pass("S2", "6531UJD", 98, t0 + 300_000));
            later.addAll(EnforcementFixtures.pass("S1", "4444BDE", 130, t0 + 300_500));
            TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId, later);

            // then both later vehicles become passages and violations, and nothing is late
            List<Passage> passages = TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> p.size() >= 3,
                    Duration.ofSeconds(60), job);
            assertEquals(3, passages.size());
            List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS,
                    v -> v.size() >= 2, Duration.ofSeconds(30), job);
            assertEquals(List.of("4444BDE SPOT_SPEEDING", "6531UJD SECTION_SPEEDING"),
                    violations.stream().map(v -> v.getPlateText() + " " + v.getType()).sorted().toList());
            List<DeadLetter> dead = TopicReader.readCommitted(bootstrap, Topics.DEAD_LETTER, d -> false,
                    Duration.ofSeconds(2));
            assertTrue(dead.isEmpty(), dead.stream().map(DeadLetter::getReason).toList().toString());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
