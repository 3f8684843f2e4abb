package org.raqib.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.RecognizerOptions;
import org.raqib.jobs.enforcement.EnforcementSettings;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JobOptionsTest {

    @Test
    void defaultsWithoutArguments() {
        JobOptions o = JobOptions.parse(new String[0]);
        assertEquals(JobOptions.defaults(), o);
        assertEquals("localhost:9092", o.bootstrapServers());
        assertEquals(Duration.ofSeconds(5), o.checkpointInterval());
        assertEquals(2, o.parallelism());
        assertEquals(0.9, o.spotSpeed().reviewThreshold());
        assertEquals(RecognizerOptions.defaults(), o.recognizer());
    }

    @Test
    void theRecognisersCandidatesAndPlatesPerFrameAreOptions() {
        JobOptions o = JobOptions.parse(new String[] {"--max-candidates", "12", "--max-plates", "6"});
        assertEquals(12, o.recognizer().maxCandidates());
        assertEquals(6, o.recognizer().maxPlates());
        assertEquals(RecognizerOptions.defaults().withMaxCandidates(12).withMaxPlates(6), o.recognizer());
        assertMessage(new String[] {"--max-candidates", "0"}, "--max-candidates / --max-plates: maxCandidates must be 1..200");
        assertMessage(new String[] {"--max-plates", "many"}, "--max-plates needs a whole number");
    }

    @Test
    void aFolderOfModelsIsAnOption() {
        assertEquals("/srv/raqib/models", JobOptions.parse(new String[] {"--models", "/srv/raqib/models"}).models());
        assertEquals(null, JobOptions.defaults().models());
        assertEquals("m", JobOptions.defaults().withModels("m").withParallelism(3).models());
        assertMessage(new String[] {"--models", " "}, "--models must name a folder");
    }

    @Test
    void everyOptionIsParsed() {
        JobOptions o = JobOptions.parse(new String[] {"--bootstrap-servers", "k1:9093", "--checkpoint-interval", "2s",
                "--parallelism", "4", "--review-threshold", "0.8", "--max-pending-reads", "50",
                "--unknown-camera-timeout", "PT30S", "--group-id-prefix", "g", "--transactional-id-prefix", "t",
                "--transaction-timeout", "3m"});
        assertEquals("k1:9093", o.bootstrapServers());
        assertEquals(Duration.ofSeconds(2), o.checkpointInterval());
        assertEquals(4, o.parallelism());
        assertEquals(0.8, o.spotSpeed().reviewThreshold());
        assertEquals(50, o.spotSpeed().maxPendingReads());
        assertEquals(Duration.ofSeconds(30), o.spotSpeed().unknownCameraTimeout());
        assertEquals("g", o.groupIdPrefix());
        assertEquals("t", o.transactionalIdPrefix());
        assertEquals(Duration.ofMinutes(3), o.transactionTimeout());
    }

    @Test
    void enforcementOptionsAreParsedAndTheKeyIsNeverPrinted() {
        JobOptions o = JobOptions.parse(new String[] {"--passage-gap", "4s", "--passage-max-edits", "1",
                "--reads-out-of-orderness", "500ms", "--passage-idle-flush", "10s", "--section-max-duration", "30m",
                "--section-allowed-lateness", "2m", "--hotlist-max-substitutions", "0", "--signing-key", "k".repeat(32)});
        assertEquals(Duration.ofSeconds(4), o.enforcement().passages().gap());
        assertEquals(1, o.enforcement().passages().maxEdits());
        assertEquals(Duration.ofMillis(500), o.enforcement().passages().outOfOrderness());
        assertEquals(Duration.ofSeconds(10), o.enforcement().passages().idleFlush());
        assertEquals(Duration.ofMinutes(30), o.enforcement().sectionMaxDuration());
        assertEquals(Duration.ofMinutes(2), o.enforcement().sectionAllowedLateness());
        assertEquals(Duration.ZERO, JobOptions.parse(new String[] {"--section-allowed-lateness", "0s"})
                .enforcement().sectionAllowedLateness());
        assertEquals(Duration.ofMinutes(5), JobOptions.defaults().enforcement().sectionAllowedLateness());
        assertEquals(0, o.enforcement().hotlistMaxSubstitutions());
        assertTrue(o.enforcement().signer() != null);
        assertTrue(!o.toString().contains("kkkk"), "the signing key stays out of logs");
        assertMessage(new String[] {"--signing-key", "short"}, "signing-key must be at least 32 bytes");
        assertMessage(new String[] {"--passage-gap", "0s"}, "passage-gap must be in (0, 1m]");
        assertMessage(new String[] {"--hotlist-max-substitutions", "9"}, "hotlist-max-substitutions must be 0..3");
        assertMessage(new String[] {"--section-allowed-lateness", "-PT1S"}, "--section-allowed-lateness needs a duration");
        EnforcementSettings d = EnforcementSettings.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new EnforcementSettings(d.passages(),
                d.sectionMaxDuration(), Duration.ofSeconds(-1), 1, null).validate()).getMessage()
                .contains("section-allowed-lateness must be zero or positive"));
    }

    @Test
    void checkpointsAreExactlyOnceWithHalfAnIntervalBetweenThem() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobOptions.parse(new String[] {"--checkpoint-interval", "10s"}).configure(env);
        assertEquals(10_000, env.getCheckpointConfig().getCheckpointInterval());
        assertEquals(5_000, env.getCheckpointConfig().getMinPauseBetweenCheckpoints(),
                "Flink's first checkpoint comes at a random time between the minimum pause and the interval");
        assertEquals(CheckpointingMode.EXACTLY_ONCE,
                env.getCheckpointConfig().getCheckpointingConsistencyMode());
    }

    @Test
    void badOptionsAreNamed() {
        assertMessage(new String[] {"--parallelism", "two"}, "--parallelism needs a whole number");
        assertMessage(new String[] {"--parallelism", "0"}, "--parallelism must be 1..1024");
        assertMessage(new String[] {"--review-threshold", "1.2"}, "review-threshold must be in 0..1");
        assertMessage(new String[] {"--checkpoint-interval", "soon"}, "--checkpoint-interval needs a duration");
        assertMessage(new String[] {"--transaction-timeout", "1s"}, "--transaction-timeout must be longer");
        assertMessage(new String[] {"--frobnicate", "1"}, "unknown option(s): [--frobnicate]");
    }

    private static void assertMessage(String[] args, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
