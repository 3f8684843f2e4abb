package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.LagMetrics;
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

    /** What the function's counter {@code name} has counted. */
    private long counted(String name) {
        return ((PassageFunction) ((AbstractUdfStreamOperator<?, ?>) harness.getOperator()).getUserFunction())
                .counted(name);
    }

    private void read(String frame, String plate, double confidence, double speed, long at) throws Exception {
        harness.processElement(Fixtures.read(frame, "cam-1", plate, confidence, speed, at), at);
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    /** What the stage keeps for camera cam-1; null when nothing. */
    private CameraPassages camera() throws Exception {
        harness.getOperator().getKeyedStateBackend().setCurrentKey("cam-1");
        return harness.getOperator().getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, PassageFunction.CAMERA).value();
    }

    /** Capture times (first, last) of the emitted passages cam-1 remembers for delayed reads. */
    private List<List<Long>> remembered() throws Exception {
        CameraPassages c = camera();
        return c == null ? List.of() : c.closed.stream().map(k -> List.of(k.first(), k.last())).toList();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(PassageFunction.DEAD_LETTERS) == null ? List.of()
                : harness.getSideOutput(PassageFunction.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
    }

    private List<Passage> passages() {
        return harness.extractOutputValues();
    }

    @Test
    void twoVehiclesInFrontOfOneCameraGiveOnePassageEachAGapAfterTheirLastReadThenOnlyTheirTimesAreKept() throws Exception {
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
        assertTrue(camera().open.isEmpty(), "no open passage left");
        assertEquals(List.of(List.of(1_100L, 1_300L), List.of(1_000L, 1_600L)), remembered(),
                "each emitted passage's times, kept for delayed reads of its vehicle");
        assertEquals(0, harness.numEventTimeTimers(), "no timers left");
        assertEquals(0, harness.numProcessingTimeTimers(), "no idle flush pending");

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
        assertTrue(camera().open.isEmpty());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void theSamePlateAfterAGapIsASecondPassage() throws Exception {
        read("f1", "6531UJD", 0.90, 100, 1_000);
        read("f2", "6531UJD", 0.90, 100, 4_500);
        harness.processWatermark(10_000);
        assertEquals(List.of(1_000L, 4_500L), passages().stream().map(p -> p.getFirstSeen().toEpochMilli()).toList());
        assertEquals(List.of(List.of(1_000L, 1_000L), List.of(4_500L, 4_500L)), remembered());
        // a read of the camera two gaps past the first's (1000 + 6000) forgets it; the second is still near
        read("f3", "1234ABD", 0.90, 80, 7_100);
        assertEquals(List.of(List.of(4_500L, 4_500L)), remembered());
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
        assertEquals(List.of(List.of(10_000L, 10_000L)), remembered(),
                "the flushed passage forgotten once the camera's own reads were two gaps past it");
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(0, harness.numProcessingTimeTimers());
    }

    @Test
    void aCameraWhoseReadsComeBehindTheWatermarkHasThemMergedOnItsOwnClockNotDeadLettered() throws Exception {
        // given the other partitions moved the watermark to 40 s while this camera's was quiet (marked idle)
        harness.processWatermark(40_000);
        // when its reads come, captured 34-36 s: two vehicles, both behind the watermark
        read("f1", "6531UJD", 0.90, 100, 34_000);
        read("f2", "1234ABD", 0.90, 80, 34_500);
        read("f3", "6531UJD", 0.90, 102, 35_000);
        // and the watermark moves on past the due times of both (35 + 3 s, on the grid)
        harness.processWatermark(41_000);
        // then neither is complete yet: the camera's reads so far say nothing of what is still to come of it
        assertTrue(passages().isEmpty(), "not completed by the other partitions' watermark");
        read("f4", "1234ABD", 0.90, 81, 36_000);

        // when its own reads are a gap past the first vehicle's last read (35 + 3 s)
        read("f5", "4455KSA", 0.90, 90, 38_100);
        // then that vehicle's passage is out, whole
        assertEquals(List.of("6531UJD"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(2, passages().get(0).getReadCount());
        // and a gap past the second's (36 + 3 s), the second
        read("f6", "4455KSA", 0.90, 91, 39_500);
        assertEquals(List.of("6531UJD", "1234ABD"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(2, passages().get(1).getReadCount());
        assertTrue(deadLetters().isEmpty(), "no read of theirs is late");
        assertEquals(1, counted(LagMetrics.LAG_SPELLS), "one spell behind the watermark, counted once");
        assertEquals(0, counted(LagMetrics.LATE_READS));

        // a delayed read of the first vehicle is late: it would have joined a passage already out
        read("f7", "6531UJD", 0.90, 101, 35_200);
        assertEquals(List.of(PassageFunction.LATE_READ), deadLetters().stream().map(DeadLetter::getReason).toList());
        assertEquals(2, passages().size());
        assertEquals(1, counted(LagMetrics.LATE_READS));

        // when its own clock reaches the watermark (a read at 42 s, the watermark at 41 s)
        read("f8", "7788BDR", 0.90, 95, 42_000);
        // then the watermark completes its passages again: the third vehicle's (last read 39.5 s)
        harness.processWatermark(42_500);
        assertEquals(List.of("6531UJD", "1234ABD", "4455KSA"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(2, passages().get(2).getReadCount());
    }

    @Test
    void aLaggingCameraThatGoesQuietHasItsPassagesOutByTheIdleFlush() throws Exception {
        harness.processWatermark(40_000);
        read("f1", "6531UJD", 0.90, 100, 34_000);
        harness.setProcessingTime(1_000);
        read("f2", "6531UJD", 0.90, 100, 34_400);
        harness.processWatermark(45_000);
        assertTrue(passages().isEmpty());
        // five seconds of wall clock after its last read came
        harness.setProcessingTime(6_000);
        assertEquals(1, passages().size());
        assertEquals(2, passages().get(0).getReadCount());
        assertTrue(deadLetters().isEmpty());
        assertTrue(camera().open.isEmpty());
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
        assertTrue(camera().open.isEmpty(), "no open passage left");
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
        assertTrue(camera().open.isEmpty(), "no open passage left");
        assertEquals(0, harness.numEventTimeTimers(), "no timers left");
    }
}
