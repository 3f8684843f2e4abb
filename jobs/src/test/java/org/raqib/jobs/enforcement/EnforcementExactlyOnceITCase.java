package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.TopicReader;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.ChangelogWatermarks;
import org.raqib.jobs.kafka.RaqibKafka;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.Passages;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PatrolAlert;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * Exactly once, proven: the enforcement topology on a MiniCluster (parallelism 2, restarts allowed)
 * against a real broker, with a task that throws once in the middle of the stream - after output has
 * been committed and while more is in flight. Counting by violation id afterwards: none lost, none
 * duplicated, and the failure did happen.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EnforcementExactlyOnceITCase {

    private static final int VEHICLES = 60;
    /** Set by the test once the first half is committed; reads are then counted towards the failure. */
    static final AtomicBoolean ARMED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final java.util.concurrent.atomic.AtomicInteger SEEN_ARMED = new java.util.concurrent.atomic.AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster(restarts());
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    static Configuration restarts() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return config;
    }

    /**
     * Passes violations to the sink and throws once, at the 20th violation after the test armed it: the
     * second half's spot violations (10) trickle in as its reads arrive, its section violations come in
     * one burst when the stream goes quiet, so the failure hits in the middle of that burst with the
     * violations before it handed to the sink in an open transaction.
     */
    static final class FailOnceWhenArmed implements MapFunction<Violation, Violation> {
        private static final long serialVersionUID = 1L;

        @Override
        public Violation map(Violation violation) {
            if (ARMED.get() && SEEN_ARMED.incrementAndGet() >= 20 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure in the middle of the stream");
            }
            return violation;
        }
    }

    /** Vehicle {@code i}: S1 then S2 (10 km) in 4 min = 150 km/h; every third also too fast at S1 (spot). */
    private static List<PlateRead> vehicle(int i, long t0) {
        String plate = String.format("%04dABD", 1000 + i * 7);
        long at = t0 + i * 5_000L + (i >= VEHICLES / 2 ? 900_000L : 0);
        double spot = i % 3 == 0 ? 130.0 : 95.0;
        return List.of(Fixtures.read("s1-" + i, "S1", plate, 0.97, spot, at),
                Fixtures.read("s2-" + i, "S2", plate, 0.97, 95.0, at + 240_000));
    }

    @Test
    void aTaskFailureInTheMiddleLosesAndDuplicatesNoViolation() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        long t0 = 1_760_000_000_000L;
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(
                EnforcementFixtures.at("S1", "R1", 10.0, 100, 5), EnforcementFixtures.at("S2", "R1", 20.0, 100, 5)));
        List<PlateRead> first = new ArrayList<>();
        List<PlateRead> second = new ArrayList<>();
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < VEHICLES; i++) {
            (i < VEHICLES / 2 ? first : second).addAll(vehicle(i, t0));
            String plate = String.format("%04dABD", 1000 + i * 7);
            expected.add(plate + " SECTION_SPEEDING");
            if (i % 3 == 0) {
                expected.add(plate + " SPOT_SPEEDING");
            }
        }
        first.sort(Comparator.comparing(PlateRead::getCaptureTime));
        second.sort(Comparator.comparing(PlateRead::getCaptureTime));
        TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId, first);

        // the enforcement topology with a task that fails once in front of the violations sink
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobOptions options = JobCluster.options(bootstrap, "eo-it");
        options.configure(env);
        RaqibKafka k = options.kafka();
        DataStream<RawRecord> reads = env.fromSource(k.source(Topics.READS, "eo-it.reads"),
                Passages.eventTime(options.enforcement().passages()), "reads");
        DataStream<RawRecord> cameras = env.fromSource(k.changelogSource(Topics.CAMERAS, "eo-it.cameras"),
                ChangelogWatermarks.neverHoldBack(), "cameras");
        DataStream<RawRecord> hotlist = env.fromSource(k.changelogSource(Topics.HOTLIST, "eo-it.hotlist"),
                ChangelogWatermarks.neverHoldBack(), "hotlist");
        EnforcementJob.Outputs out = EnforcementJob.topology(reads, cameras, hotlist, options.spotSpeed(),
                options.enforcement());
        out.violations().map(new FailOnceWhenArmed(), AvroRecordTypeInfo.forRecord(Violation.class)).name("fail-once")
                .sinkTo(k.sink(Topics.VIOLATIONS, Violation::getViolationId, "eo-it-violations"));
        out.review().sinkTo(k.sink(Topics.REVIEW, Violation::getViolationId, "eo-it-review"));
        out.passages().sinkTo(k.sink(Topics.PASSAGES, Passage::getCameraId, "eo-it-passages"));
        out.alerts().sinkTo(k.sink(Topics.PATROL_ALERTS, PatrolAlert::getRegion, "eo-it-alerts"));
        out.deadLetters().sinkTo(k.sink(Topics.DEAD_LETTER, DeadLetter::getSource, "eo-it-dead-letters"));
        JobClient job = env.executeAsync("enforcement-exactly-once-it");
        try {
            // given the first half committed
            TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> v.size() >= 10, Duration.ofSeconds(90), job);
            // when the second half arrives and the task reading it fails once
            ARMED.set(true);
            for (int from = 0; from < second.size(); from += 10) {
                TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId,
                        second.subList(from, Math.min(second.size(), from + 10)));
                Thread.sleep(300);
            }

            // then, after the restart, every violation is there exactly once
            List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS,
                    v -> v.size() >= expected.size(), Duration.ofSeconds(120), job);
            Thread.sleep(3_000); // and nothing more comes (a duplicate would arrive late)
            violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> false, Duration.ofSeconds(3));
            assertTrue(FAILED.get(), "the failure was injected");
            Map<String, Long> perId = violations.stream()
                    .collect(Collectors.groupingBy(Violation::getViolationId, Collectors.counting()));
            assertEquals(Map.of(), perId.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no id twice");
            assertEquals(expected, violations.stream().map(v -> v.getPlateText() + " " + v.getType())
                    .collect(Collectors.toCollection(TreeSet::new)), "none lost, none invented");
            assertEquals(expected.size(), violations.size());
            List<Passage> passages = TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> false,
                    Duration.ofSeconds(3));
            assertEquals(2 * VEHICLES, passages.stream().map(Passage::getPassageId).distinct().count());
            assertEquals(2 * VEHICLES, passages.size(), "each passage once");
            // what aborted transactions left in the log (read_uncommitted sees it) is what the restart redid
            int written = TopicReader.readUncommitted(bootstrap, Topics.VIOLATIONS, v -> false, Duration.ofSeconds(3)).size();
            assertTrue(written > violations.size(), "the failure aborted violations in flight (" + written + " written, "
                    + violations.size() + " committed): the restart redid them, once");
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
