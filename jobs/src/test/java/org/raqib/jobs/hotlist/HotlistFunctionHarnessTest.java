package org.raqib.jobs.hotlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.HotlistEntry;
import org.raqib.models.PatrolAlert;
import org.raqib.models.Topics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HotlistFunctionHarnessTest {

    private BroadcastOperatorTestHarness<org.raqib.models.Passage, RawRecord, PatrolAlert> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        harness = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(new HotlistFunction(1),
                List.of(HotlistFunction.HOTLIST, HotlistFunction.CAMERAS)), 1, 1, 0);
        harness.setup(new AvroRecordSerializer<>(PatrolAlert.class));
        harness.open();
        Camera camera = Camera.newBuilder(Fixtures.camera("cam-1", 100, 5)).setRegion("riyadh-north").build();
        harness.processBroadcastElement(new RawRecord(Topics.CAMERAS.name(), 0, offset++, 0, "cam-1",
                Topics.CAMERAS.wire().encode(camera)), 0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void list(HotlistEntry e) throws Exception {
        harness.processBroadcastElement(new RawRecord(Topics.HOTLIST.name(), 0, offset++, 0, e.getPlateText(),
                Topics.HOTLIST.wire().encode(e)), 0);
    }

    private void see(String plate, long at) throws Exception {
        harness.processElement(EnforcementFixtures.passage("cam-1", plate, 0.93, at), at);
    }

    private List<PatrolAlert> alerts() {
        return harness.extractOutputValues();
    }

    @Test
    void exactAndVariantMatchesRaiseAlertsWithTheCamerasRegionAndEvidence() throws Exception {
        list(EnforcementFixtures.entry("6531UJD", "stolen", 1, null, false));
        see("6531UJD", 1_000);
        see("6581UJD", 2_000);   // one 3/8 misread away
        see("1234ABD", 3_000);   // not wanted
        List<PatrolAlert> out = alerts();
        assertEquals(2, out.size());
        PatrolAlert exact = out.get(0);
        assertEquals("riyadh-north", exact.getRegion());
        assertEquals("6531UJD", exact.getHotlistPlate());
        assertEquals(0, exact.getSubstitutions());
        assertEquals("stolen", exact.getReason());
        assertEquals("cam-1", exact.getCameraId());
        assertEquals(24.71, exact.getLatitude());
        assertEquals("cam-1-1000", exact.getFrameId());
        assertEquals(1, out.get(1).getSubstitutions());
        assertEquals("6581UJD", out.get(1).getPlateText());
    }

    @Test
    void removalsTombstonesAndExpiryApplyWithoutARestart() throws Exception {
        list(EnforcementFixtures.entry("6531UJD", "stolen", 1, null, false));
        list(EnforcementFixtures.entry("1234ABD", "wanted", 2, 5_000L, false));
        list(EnforcementFixtures.entry("6531UJD", "stolen", 1, null, true));       // removed
        see("6531UJD", 1_000);
        see("1234ABD", 6_000);                                                     // expired
        assertTrue(alerts().isEmpty());
        see("1234ABD", 4_000);
        assertEquals(1, alerts().size());
        harness.processBroadcastElement(new RawRecord(Topics.HOTLIST.name(), 0, offset++, 0, "1234ABD", null), 0);
        see("1234ABD", 4_500);
        assertEquals(1, alerts().size(), "tombstone removed it");
    }

    @Test
    void anUndecodableHotlistRecordIsDeadLettered() throws Exception {
        harness.processBroadcastElement(new RawRecord(Topics.HOTLIST.name(), 0, 7, 0, "x",
                "garbage".getBytes(StandardCharsets.UTF_8)), 0);
        List<DeadLetter> dead = harness.getSideOutput(HotlistFunction.DEAD_LETTERS).stream()
                .map(StreamRecord::getValue).toList();
        assertEquals(1, dead.size());
        assertEquals("undecodable-record", dead.get(0).getReason());
    }

    @Test
    void anEntryListedAfterThePassageStillAlertsOnceAndNotForPassagesLongGone() throws Exception {
        // given passages seen before their entries were listed (start-up, or a vehicle listed seconds late)
        harness.setProcessingTime(1_000);
        see("6531UJD", 1_000);
        see("1234ABD", 1_500);
        assertTrue(alerts().isEmpty());
        // when 6531UJD is listed: one alert, for the passage already seen
        harness.setProcessingTime(20_000);
        list(EnforcementFixtures.entry("6531UJD", "stolen", 1, null, false));
        assertEquals(1, alerts().size());
        assertEquals("cam-1-1000", alerts().get(0).getFrameId());
        assertEquals("riyadh-north", alerts().get(0).getRegion());
        // when the entry is published again (an update): no second alert for the same passage
        list(EnforcementFixtures.entry("6531UJD", "stolen", 2, null, false));
        assertEquals(1, alerts().size());
        // when 1234ABD is listed long after its passage: no alert (remembered for HotlistFunction.RECENT only)
        harness.setProcessingTime(1_500 + HotlistFunction.RECENT.toMillis() + 1);
        list(EnforcementFixtures.entry("1234ABD", "wanted", 1, null, false));
        assertEquals(1, alerts().size());
    }
}
