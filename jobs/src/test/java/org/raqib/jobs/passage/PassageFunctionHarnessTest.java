package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PassageFunctionHarnessTest {

    private KeyedOneInputStreamOperatorTestHarness<String, PlateRead, Passage> harness;

    @BeforeEach
    void open() throws Exception {
        harness = start(null);
    }

    /** A harness on a new operator, restored from {@code snapshot} when there is one. */
    private static KeyedOneInputStreamOperatorTestHarness<String, PlateRead, Passage> start(OperatorSubtaskState snapshot)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, PlateRead, Passage> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PassageFunction(new PassageSettings(Duration.ofSeconds(3), 2, Duration.ZERO,
                        Duration.ofSeconds(5)))), PlateRead::getCameraId, Types.STRING);
        h.setup(new AvroRecordSerializer<>(Passage.class));
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void read(String frame, String plate, double confidence, double speed, long at) throws Exception {
        harness.processElement(Fixtures.read(frame, "cam-1", plate, confidence, speed, at), at);
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private List<Passage> passages() {
        return harness.extractOutputValues();
    }

    @Test
    void twoVehiclesInFrontOfOneCameraGiveOnePassageEachAGapAfterTheirLastReadThenStateIsEmpty() throws Exception {
        // given two vehicles read in interleaved frames, one of them once misread (3/8)
        read("f1", "6531UJD", 0.90, 100, 1_000);
        read("f2", "1234ABD", 0.95, 80, 1_100);
        read("f3", "6581UJD", 0.60, 102, 1_200);
        read("f4", "1234ABD", 0.97, 81, 1_300);
        read("f5", "6531UJD", 0.80, 101, 1_600);
        assertTrue(keyedStateEntries() > 0);

        // when the watermark is a gap past the second vehicle's last read (1300 + 3000, on the 250 ms
        // timer grid) but not the first's (1600 + 3000)
        harness.processWatermark(4_500);
        // then only the second vehicle's passage is out
        assertEquals(List.of("1234ABD"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(2, passages().get(0).getReadCount());
        assertEquals("f4", passages().get(0).getBestFrameId());

        // when it passes the first vehicle's too
        harness.processWatermark(4_750);
        // then the first vehicle's passage carries the consensus of its three reads, and nothing is left
        List<Passage> out = passages();
        assertEquals(2, out.size());
        Passage first = out.get(1);
        assertEquals("6531UJD", first.getPlateText());
        assertEquals(3, first.getReadCount());
        assertEquals(101.0, first.getSpeedKmh());
        assertEquals(PassageBuilder.id("cam-1", "6531UJD", 1_000), first.getPassageId());
        assertEquals(0, keyedStateEntries(), "keyed state cleared");
        assertEquals(0, harness.numEventTimeTimers(), "no timers left");

        // and a later watermark emits nothing again
        harness.processWatermark(100_000);
        assertEquals(2, passages().size());
    }

    @Test
    void aReadAfterItsPassageIsCompleteIsDeadLetteredNotMergedTwice() throws Exception {
        read("f1", "6531UJD", 0.90, 100, 1_000);
        harness.processWatermark(4_000);
        assertEquals(1, passages().size());
        // captured at 1000, arriving after the watermark passed 1000 + gap
        read("f2", "6531UJD", 0.90, 100, 1_000);
        List<DeadLetter> late = harness.getSideOutput(PassageFunction.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue).toList();
        assertEquals(1, late.size());
        assertEquals(PassageFunction.LATE_READ, late.get(0).getReason());
        assertEquals(1, passages().size());
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void theSamePlateAfterAGapIsASecondPassage() throws Exception {
        read("f1", "6531UJD", 0.90, 100, 1_000);
        read("f2", "6531UJD", 0.90, 100, 4_500);
        harness.processWatermark(10_000);
        assertEquals(List.of(1_000L, 4_500L), passages().stream().map(p -> p.getFirstSeen().toEpochMilli()).toList());
        assertEquals(0, keyedStateEntries());
    }

    @Test
    void aCameraThatGoesQuietHasItsOpenPassagesEmittedAfterTheIdleFlushAndStragglersAreLate() throws Exception {
        // given reads and then silence: event time does not move on
        read("f1", "6531UJD", 0.90, 100, 1_000);
        harness.setProcessingTime(2_000);
        read("f2", "6531UJD", 0.90, 110, 1_200);
        harness.setProcessingTime(6_000);
        assertTrue(passages().isEmpty(), "5 s not yet passed since the last read arrived");

        // when the camera has been quiet for the idle flush
        harness.setProcessingTime(7_000);

        // then the passage is out, once
        assertEquals(1, passages().size());
        assertEquals(2, passages().get(0).getReadCount());
        assertEquals(0, harness.numProcessingTimeTimers());
        // a straggler of that passage is late, not a second passage
        read("f3", "6531UJD", 0.90, 105, 1_300);
        assertEquals(1, harness.getSideOutput(PassageFunction.DEAD_LETTERS).size());
        // a new vehicle later on is a passage of its own
        read("f4", "1234ABD", 0.90, 90, 10_000);
        harness.processWatermark(13_000);
        assertEquals(List.of("6531UJD", "1234ABD"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(0, keyedStateEntries(), "the flush's promise is dropped once the watermark passes it");
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void eachOpenPassageHoldsOneTimerWhichMovesWithItsLatestReadAndNothingIsLeftOnceItIsOut() throws Exception {
        // given one vehicle read at 1000: one timer, at 1000 + gap
        read("f1", "6531UJD", 0.90, 100, 1_000);
        assertEquals(1, harness.numEventTimeTimers());
        // when it is read again at 2000 (and once misread): its timer moves to 5000, the old one is deleted
        read("f2", "6531UJD", 0.90, 100, 2_000);
        read("f3", "6581UJD", 0.50, 100, 2_100);
        assertEquals(1, harness.numEventTimeTimers(), "one timer per open passage, not one per read");
        // and a second vehicle opens a second passage with a timer of its own
        read("f4", "1234ABD", 0.90, 80, 2_600);
        assertEquals(2, harness.numEventTimeTimers());

        // when the watermark passes the old due time of the first vehicle: nothing is emitted yet
        harness.processWatermark(4_000);
        assertTrue(passages().isEmpty());
        // when it passes the first vehicle's moved due time (its latest read + gap): its passage is out
        harness.processWatermark(5_250); // 2100 + gap, on the 250 ms grid
        assertEquals(List.of("6531UJD"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(3, passages().get(0).getReadCount());
        assertEquals(1, harness.numEventTimeTimers(), "the second vehicle's timer only");
        assertTrue(keyedStateEntries() > 0, "the second vehicle is still open");
        // when it passes the second's: both out, and no timer and no keyed state left
        harness.processWatermark(5_750);
        assertEquals(2, passages().size());
        assertEquals(0, harness.numEventTimeTimers(), "no timers left");
        assertEquals(0, harness.numProcessingTimeTimers(), "the idle-flush timer is gone too");
        assertEquals(0, keyedStateEntries(), "keyed state cleared");
    }

    @Test
    void anOpenPassageSurvivesACheckpointAndARestoreAndIsEmittedOnceWithAllItsReads() throws Exception {
        // given a vehicle read twice, checkpointed while its passage is open
        read("f1", "6531UJD", 0.90, 100, 1_000);
        read("f2", "6581UJD", 0.60, 101, 1_200);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        // when the job restarts from that checkpoint and the vehicle is read once more
        harness = start(snapshot);
        assertEquals(1, harness.numEventTimeTimers(), "the passage's timer came back with it");
        read("f3", "6531UJD", 0.80, 102, 1_400);
        harness.processWatermark(4_500);

        // then its one passage holds all three reads, and nothing is left behind
        assertEquals(1, passages().size());
        assertEquals(3, passages().get(0).getReadCount());
        assertEquals("6531UJD", passages().get(0).getPlateText());
        assertEquals(PassageBuilder.id("cam-1", "6531UJD", 1_000), passages().get(0).getPassageId());
        assertEquals(0, keyedStateEntries(), "keyed state cleared");
        assertEquals(0, harness.numEventTimeTimers(), "no timers left");
    }
}
