package org.raqib.jobs.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.LagMetrics;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SectionSpeedFunctionHarnessTest {

    private static final long T0 = 1_000_000;
    private static final long LATENESS = Duration.ofMinutes(5).toMillis();
    /** 10 km at 100 + 5 km/h. */
    private static final long WINDOW = Math.round(Math.ceil(10 / 105.0 * 3_600_000));
    private KeyedBroadcastOperatorTestHarness<String, Passage, RawRecord, Violation> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new SectionSpeedFunction(0.9, Duration.ofHours(1), Duration.ofSeconds(3),
                        Duration.ofMillis(LATENESS)),
                List.of(SectionSpeedFunction.CAMERAS)), Passage::getPlateText, Types.STRING, 1, 1, 0);
        harness.setup(new AvroRecordSerializer<>(Violation.class));
        harness.open();
        register(EnforcementFixtures.at("A", "R1", 10.0, 100, 5));
        register(EnforcementFixtures.at("B", "R1", 20.0, 100, 5));
        register(EnforcementFixtures.at("Z", "R9", 0.0, 100, 5));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void register(Camera camera) throws Exception {
        harness.processBroadcastElement(new RawRecord(Topics.CAMERAS.name(), 0, offset++, 0, camera.getCameraId(),
                Topics.CAMERAS.wire().encode(camera)), 0);
    }

    private void pass(String camera, String plate, long at) throws Exception {
        harness.processElement(EnforcementFixtures.passage(camera, plate, 0.95, at), at + 3_000);
    }

    /** What the function's counter {@code name} has counted. */
    private long counted(String name) {
        return ((SectionSpeedFunction) ((AbstractUdfStreamOperator<?, ?>) harness.getOperator()).getUserFunction())
                .counted(name);
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void exitBeforeEntryIsMatchedOnceAndStateIsDroppedWhenNoViolationIsPossibleAnyMore() throws Exception {
        // given the exit passage (10 km in 5 min = 120 km/h) arrives before the entry
        pass("B", "6531UJD", T0 + 300_000);
        assertTrue(harness.extractOutputValues().isEmpty());
        assertTrue(keyedStateEntries() > 0, "the exit waits for its entry");
        // when the entry comes
        pass("A", "6531UJD", T0);
        // then one section violation
        List<Violation> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(ViolationType.SECTION_SPEEDING, out.get(0).getType());
        assertEquals(ViolationStatus.ISSUED, out.get(0).getStatus());
        assertEquals(List.of("A", "B"), out.get(0).getCameraIds());
        assertEquals(120.0, out.get(0).getMeasuredSpeedKmh(), 1e-9);
        assertEquals(0, counted(LagMetrics.SECTION_PAIRS_LATE), "on time: no pair the lateness saved");
        assertEquals(0, counted(LagMetrics.SECTION_PASSAGES_TOO_LATE));

        // when the watermark passes the last moment a partner could make a violation (10 km at 105 km/h), plus
        // the gap and the lateness allowed to a partner behind the watermark
        harness.watermark(T0 + 300_000 + WINDOW + 3_000 + LATENESS - 1);
        assertTrue(keyedStateEntries() > 0, "kept up to the window");
        harness.watermark(T0 + 300_000 + WINDOW + 3_000 + LATENESS);
        // then nothing is left
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void anExitBehindTheWatermarkIsPairedWithinTheAllowedLatenessAndNotBeyondIt() throws Exception {
        // given an entry, and the watermark a minute past its window and gap (the exit camera's uplink stalled)
        pass("A", "6531UJD", T0);
        harness.watermark(T0 + WINDOW + 3_000 + 60_000);
        // when the exit comes (10 km in 5 min = 120 km/h)
        pass("B", "6531UJD", T0 + 300_000);
        // then its section violation is issued
        List<Violation> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(List.of("A", "B"), out.get(0).getCameraIds());
        assertEquals(120.0, out.get(0).getMeasuredSpeedKmh(), 1e-9);
        assertEquals(1, counted(LagMetrics.SECTION_PAIRS_LATE), "the entry was kept past its window for the exit");
        assertEquals(0, counted(LagMetrics.SECTION_PASSAGES_TOO_LATE));

        // given another entry, and the watermark past its window, gap and lateness
        pass("A", "1234ABD", T0 + 1_000_000);
        harness.watermark(T0 + 1_000_000 + WINDOW + 3_000 + LATENESS);
        // when its exit comes, as fast
        pass("B", "1234ABD", T0 + 1_300_000);
        // then the entry is gone: no violation
        assertEquals(1, harness.extractOutputValues().size());
        assertEquals(1, counted(LagMetrics.SECTION_PAIRS_LATE));
        // and a passage that comes after its own window, gap and lateness is counted as too late, and not kept
        pass("A", "7777XYZ", T0 + 1_000_000);
        assertEquals(1, counted(LagMetrics.SECTION_PASSAGES_TOO_LATE));
        // and once neither can be waited for, nothing is left
        harness.watermark(T0 + 1_300_000 + WINDOW + 3_000 + LATENESS);
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aLegalAverageOrACameraInNoSectionLeavesNoViolationAndNoState() throws Exception {
        pass("A", "1234ABD", T0);
        pass("B", "1234ABD", T0 + 600_000); // 60 km/h
        pass("Z", "1234ABD", T0);           // alone on its road: not even kept
        harness.watermark(T0 + 600_000 + Duration.ofHours(1).toMillis());
        assertTrue(harness.extractOutputValues().isEmpty());
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void lowConfidenceGoesToReviewAndLimitsChangeLive() throws Exception {
        register(EnforcementFixtures.at("B", "R1", 20.0, 130, 5)); // limit raised at the exit camera
        pass("A", "6531UJD", T0);
        harness.processElement(EnforcementFixtures.passage("B", "6531UJD", 0.5, T0 + 300_000), T0 + 303_000);
        // min(100, 130) = 100 still applies: 120 > 105
        List<Violation> review = harness.getSideOutput(SectionSpeedFunction.REVIEW).stream()
                .map(StreamRecord::getValue).toList();
        assertEquals(1, review.size());
        assertEquals(ViolationStatus.NEEDS_REVIEW, review.get(0).getStatus());
        assertTrue(harness.extractOutputValues().isEmpty());
    }

    @Test
    void aCameraAddedBetweenTwoOthersSplitsTheSectionAtOnce() throws Exception {
        // given a first trip A -> B seen (the sections of A and B are now known to the operator)
        pass("A", "1234ABD", T0);
        pass("B", "1234ABD", T0 + 600_000);
        // when camera M is registered at km 15, between A (10) and B (20)
        register(EnforcementFixtures.at("M", "R1", 15.0, 100, 5));
        // then a vehicle doing 5 km in 2 min (150 km/h) from A to M is a violation of section A-M
        pass("A", "6531UJD", T0 + 1_000_000);
        pass("M", "6531UJD", T0 + 1_120_000);
        List<Violation> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(List.of("A", "M"), out.get(0).getCameraIds());
        assertEquals(150.0, out.get(0).getMeasuredSpeedKmh(), 1e-9);
        // and once no partner can come any more, nothing is left
        harness.watermark(T0 + 1_120_000 + Duration.ofHours(1).toMillis());
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aPassageThatComesBeforeItsCameraIsRegisteredStillMakesItsSection() throws Exception {
        // given a passage at camera C, which the registry has not delivered yet (start-up race)
        pass("C", "6531UJD", T0 + 300_000);
        assertTrue(keyedStateEntries() > 0, "kept for a partner");
        // when C arrives (km 30 on R1: B's neighbour) and the vehicle's passage at B comes
        register(EnforcementFixtures.at("C", "R1", 30.0, 100, 5));
        pass("B", "6531UJD", T0);
        // then the section B-C is judged: 10 km in 5 min
        List<Violation> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(List.of("B", "C"), out.get(0).getCameraIds());
        // and the state goes once event time has passed what the longest section allows (and the lateness)
        harness.watermark(T0 + 300_000 + 3_000 + Duration.ofHours(1).toMillis() + LATENESS - 1);
        assertTrue(keyedStateEntries() > 0, "kept to the end");
        harness.watermark(T0 + 300_000 + 3_000 + Duration.ofHours(1).toMillis() + LATENESS);
        assertEquals(0, keyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }
}
