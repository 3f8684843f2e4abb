package org.raqib.jobs.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.PassageBuilder;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpotSpeedFunctionHarnessTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private KeyedBroadcastOperatorTestHarness<String, Passage, RawRecord, Violation> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new SpotSpeedFunction(new SpotSpeedSettings(0.9, 3, TIMEOUT)), List.of(SpotSpeedFunction.CAMERAS)),
                Passage::getCameraId, Types.STRING, 1, 1, 0);
        // The job declares its output type; the harness must be told, or Flink looks for flink-avro.
        harness.setup(new AvroRecordSerializer<>(Violation.class));
        harness.open();
        harness.setProcessingTime(1_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void register(Camera camera) throws Exception {
        harness.processBroadcastElement(new RawRecord(Topics.CAMERAS.name(), 0, offset++, 0, camera.getCameraId(),
                Topics.CAMERAS.wire().encode(camera)), 0);
    }

    /** The passage of a vehicle read once (the check sees passages, one per vehicle). */
    private static Passage passage(String frameId, String camera, String plate, double confidence, Double speed, long at) {
        return PassageBuilder.build(List.of(Fixtures.read(frameId, camera, plate, confidence, speed, at)));
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private List<Violation> issued() {
        return harness.extractOutputValues();
    }

    private List<Violation> review() {
        return harness.getSideOutput(SpotSpeedFunction.REVIEW).stream().map(StreamRecord::getValue).toList();
    }

    private List<DeadLetter> deadLetters() {
        var side = harness.getSideOutput(SpotSpeedFunction.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void knownCameraChecksEachReadWithoutKeepingKeyedState() throws Exception {
        // given
        register(Fixtures.camera("cam-1", 80, 5));
        // when
        harness.processElement(passage("f-1", "cam-1", "1234ABD", 0.97, 95.0, 10_000), 10_000);
        harness.processElement(passage("f-2", "cam-1", "2345BDE", 0.50, 99.0, 11_000), 11_000);
        harness.processElement(passage("f-3", "cam-1", "3456DEG", 0.99, 84.0, 12_000), 12_000);
        // then
        assertEquals(List.of("1234ABD"), issued().stream().map(Violation::getPlateText).toList());
        assertEquals(List.of("2345BDE"), review().stream().map(Violation::getPlateText).toList());
        assertEquals(ViolationStatus.NEEDS_REVIEW, review().get(0).getStatus());
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void readsBeforeTheirCameraWaitAndAreCheckedWhenItArrivesThenStateIsCleared() throws Exception {
        // given reads of a camera the registry does not know yet
        harness.processElement(passage("f-1", "cam-2", "1234ABD", 0.97, 130.0, 10_000), 10_000);
        harness.processElement(passage("f-2", "cam-2", "2345BDE", 0.97, 90.0, 11_000), 11_000);
        assertTrue(issued().isEmpty());
        assertTrue(keyedStateEntries() > 0, "reads are kept");
        assertEquals(1, harness.numProcessingTimeTimers());

        // when the camera arrives
        register(Fixtures.camera("cam-2", 100, 10));

        // then the waiting reads are checked and their state is gone
        assertEquals(List.of("1234ABD"), issued().stream().map(Violation::getPlateText).toList());
        assertEquals(0, keyedStateEntries());
        // the timer left behind fires into nothing
        harness.setProcessingTime(1_000 + TIMEOUT.toMillis() + 1);
        assertEquals(0, harness.numProcessingTimeTimers());
        assertEquals(1, issued().size());
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void readsOfACameraThatNeverArrivesAreDeadLetteredAfterTheTimeoutAndBeyondTheBound() throws Exception {
        for (int i = 0; i < 4; i++) {
            harness.processElement(passage("f-" + i, "cam-x", "1234ABD", 0.97, 130.0, 10_000 + i), 10_000 + i);
        }
        // the fourth exceeds the bound of three and is rejected at once
        assertEquals(1, deadLetters().size());
        assertEquals(DeadLetters.UNKNOWN_CAMERA, deadLetters().get(0).getReason());

        harness.setProcessingTime(1_000 + TIMEOUT.toMillis());

        List<DeadLetter> rejected = deadLetters();
        assertEquals(4, rejected.size());
        assertTrue(rejected.stream().allMatch(d -> d.getReason().equals(DeadLetters.UNKNOWN_CAMERA)
                && d.getCameraId().equals("cam-x") && d.getSource().equals("jobs.spot-speed")));
        // the original read can be recovered from the dead letter
        Passage original = Topics.PASSAGES.wire().decode(rejected.get(1).getOriginal().array());
        assertEquals("cam-x", original.getCameraId());
        assertEquals(4, rejected.stream().map(DeadLetter::getDeadLetterId).distinct().count());
        assertFalse(rejected.stream().anyMatch(d -> d.getDetail().contains("1234ABD")), "no plate text in details");
        assertTrue(issued().isEmpty());
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void registryChangesApplyLiveAndBadEntriesAreRejectedWithoutSwitchingEnforcementOff() throws Exception {
        register(Fixtures.camera("cam-3", 80, 0));
        harness.processElement(passage("f-1", "cam-3", "1234ABD", 0.97, 90.0, 10_000), 10_000);
        assertEquals(1, issued().size());

        // the limit is raised: the same speed is now legal
        register(Fixtures.camera("cam-3", 100, 0));
        harness.processElement(passage("f-2", "cam-3", "1234ABD", 0.97, 90.0, 20_000), 20_000);
        assertEquals(1, issued().size());

        // a corrupt and an invalid update are dead-lettered; the limit of 100 stays in force
        harness.processBroadcastElement(new RawRecord(Topics.CAMERAS.name(), 0, 99, 0, "cam-3",
                "not avro".getBytes(StandardCharsets.UTF_8)), 0);
        register(Fixtures.camera("cam-3", -5, 0));
        assertEquals(List.of(DeadLetters.UNDECODABLE_RECORD, DeadLetters.INVALID_CAMERA),
                deadLetters().stream().map(DeadLetter::getReason).toList());
        harness.processElement(passage("f-3", "cam-3", "1234ABD", 0.97, 101.0, 30_000), 30_000);
        assertEquals(2, issued().size());

        // disabled: no violation at any speed
        register(Camera.newBuilder(Fixtures.camera("cam-3", 100, 0)).setEnabled(false).build());
        harness.processElement(passage("f-4", "cam-3", "1234ABD", 0.97, 200.0, 40_000), 40_000);
        assertEquals(2, issued().size());

        // a tombstone removes the camera: reads wait again
        harness.processBroadcastElement(new RawRecord(Topics.CAMERAS.name(), 0, 100, 0, "cam-3", null), 0);
        harness.processElement(passage("f-5", "cam-3", "1234ABD", 0.97, 200.0, 50_000), 50_000);
        assertEquals(2, issued().size());
        assertTrue(keyedStateEntries() > 0);
    }
}
