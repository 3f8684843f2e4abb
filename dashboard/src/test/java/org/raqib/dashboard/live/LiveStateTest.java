package org.raqib.dashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.dashboard.Fixtures;
import org.raqib.dashboard.access.Role;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;
import org.raqib.models.PatrolAcknowledgement;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LiveStateTest {

    private static final class TestClock extends Clock {
        long millis = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private record Change(String type, Role.View view, Object data) {
    }

    private final TestClock clock = new TestClock();
    private final List<Change> changes = new ArrayList<>();
    private final LiveState state = new LiveState(clock, 20, 1 << 20, (t, v, d) -> changes.add(new Change(t, v, d)));

    @Test
    void aViolationIsPublishedForTheLiveViewWithItsPlateSplitAndAnEvidenceCrop() throws IOException {
        Instant t = clock.instant().minusSeconds(3);
        state.camera(Fixtures.camera("CAM-1", "riyadh-central", 24.7, 46.68, 8));
        state.frame(Fixtures.frame("f1", "CAM-1", t, Fixtures.jpeg("1234ABD")));
        state.read(Fixtures.read("f1", "CAM-1", "1234ABD", t), true);
        state.violation(Fixtures.violation("v1", "1234ABD", "CAM-1", "riyadh-central", t, "f1", false), false, true);

        Change c = changes.get(changes.size() - 1);
        assertEquals("violation", c.type());
        assertEquals(Role.View.LIVE, c.view());
        Views.ViolationView v = (Views.ViolationView) c.data();
        assertEquals(new PlateText("1234", "ABD", "١٢٣٤", SaudiPlate.arabicLetter('D') + " "
                + SaudiPlate.arabicLetter('B') + " " + SaudiPlate.arabicLetter('A')), v.plate(),
                "Arabic letters in reading order: the twin of the last Latin letter first");
        assertEquals("Test road km 8.0", v.cameraName());
        assertEquals("/api/evidence/v/v1", v.evidence());

        byte[] crop = state.evidence("v/v1").orElseThrow();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(crop));
        assertEquals(EvidenceCrop.WIDTH, img.getWidth());
        assertEquals(EvidenceCrop.WIDTH / 2, img.getHeight(), 2, "a 2:1 window around the plate");
        // The centre of the crop is the plate: white.
        int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        assertTrue(((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) > 200, "plate centre should be white");

        // a replay of the same violation is not shown twice
        state.violation(Fixtures.violation("v1", "1234ABD", "CAM-1", "riyadh-central", t, "f1", false), false, true);
        assertEquals(1, state.violations(false).size());
        assertEquals(3000, state.trends().violationLatency().p50());
    }

    @Test
    void snapshotsHoldOnlyWhatTheRoleSees() {
        Instant t = clock.instant();
        state.camera(Fixtures.camera("CAM-1", "eastern", 26.4, 50.1, 3));
        state.violation(Fixtures.violation("v1", "1234ABD", "CAM-1", "eastern", t, "f1", true), true, false);
        state.alert(Fixtures.alert("a1", "5678BDE", "CAM-1", "eastern", t));

        Views.Snapshot patrol = state.snapshot(Role.PATROL);
        assertTrue(patrol.issued().isEmpty() && patrol.review().isEmpty());
        assertNull(patrol.trends());
        assertEquals(1, patrol.alerts().size());

        Views.Snapshot operator = state.snapshot(Role.OPERATOR);
        assertEquals(1, operator.review().size());
        assertEquals("review", operator.review().get(0).list());
        assertNotNull(operator.trends());
        assertEquals(List.of("eastern"), operator.regions());
    }

    @Test
    void anAcknowledgementMarksItsAlertOnce() {
        state.alert(Fixtures.alert("a1", "5678BDE", "CAM-1", "eastern", clock.instant()));
        PatrolAcknowledgement ack = PatrolAcknowledgement.newBuilder().setAlertId("a1").setRegion("eastern")
                .setAcknowledgedBy("patrol").setRole("patrol").setAcknowledgedAt(clock.instant()).setNote("unit 7").build();
        state.acknowledgement(ack);
        state.acknowledgement(PatrolAcknowledgement.newBuilder(ack).setAcknowledgedBy("admin").build());
        Views.AlertView a = state.alerts("eastern").get(0);
        assertEquals("patrol", a.ack().by());
        assertEquals("unit 7", a.ack().note());
        assertEquals(1, changes.stream().filter(c -> c.type().equals("ack")).count());
        assertTrue(state.alerts("makkah").isEmpty());
    }

    @Test
    void cameraStateFollowsItsFramesUnlessAFreshHealthReportSaysOtherwise() {
        state.camera(Fixtures.camera("CAM-1", "eastern", 26.4, 50.1, 3));
        assertEquals("OFFLINE", state.cameras().get(0).state(), "no frame yet");

        for (int i = 0; i < 6; i++) {
            state.frame(Fixtures.frame("f" + i, "CAM-1", clock.instant().minusSeconds(i * 5L), new byte[] {1, 2, 3}));
        }
        Views.CameraView online = state.cameras().get(0);
        assertEquals("ONLINE", online.state());
        assertEquals(0L, online.frameBehindMs(), "frames arrive as they are captured");
        assertEquals(6 / 30.0, online.fps(), 0.01);
        assertEquals("frames", online.stateSource());

        clock.millis += 60_000;
        assertEquals("DEGRADED", state.cameras().get(0).state());
        clock.millis += 120_000;
        assertEquals("OFFLINE", state.cameras().get(0).state());

        state.health(CameraHealth.newBuilder().setCameraId("CAM-1").setState(CameraState.ONLINE).setFramesPerSecond(12.5)
                .setLastFrameTime(clock.instant()).setErrors(0).setReportedAt(clock.instant()).build());
        Views.CameraView healthy = state.cameras().get(0);
        assertEquals("ONLINE", healthy.state());
        assertEquals("health", healthy.stateSource());
        assertEquals(12.5, healthy.fps());
        clock.millis += 61_000;
        assertEquals("OFFLINE", state.cameras().get(0).state(), "a stale report no longer counts");
    }

    @Test
    void aCameraSendingABacklogIsOnlineAndShownHowFarBehindItsNewestFrameWas() {
        state.camera(Fixtures.camera("CAM-1", "eastern", 26.4, 50.1, 3));
        // frames captured five minutes ago reach the gateway now (its uplink came back)
        for (int i = 0; i < 3; i++) {
            state.frame(CameraFrame.newBuilder(Fixtures.frame("f" + i, "CAM-1",
                    clock.instant().minusSeconds(300 - i), new byte[] {1})).setReceiveTime(clock.instant()).build());
        }
        Views.CameraView backlog = state.cameras().get(0);
        assertEquals("ONLINE", backlog.state());
        assertEquals(298_000L, backlog.frameBehindMs(), "the newest frame's: received now, captured 298 s ago");
        // once it has caught up, its newest frame is on time again
        clock.millis += 5_000;
        state.frame(Fixtures.frame("f9", "CAM-1", clock.instant(), new byte[] {1}));
        assertEquals(0L, state.cameras().get(0).frameBehindMs());
    }

    @Test
    void percentilesAreNearestRank() {
        assertNull(Trends.percentile(new long[0], 50));
        assertEquals(3L, Trends.percentile(new long[] {5, 1, 3, 2, 4}, 50));
        assertEquals(100L, Trends.percentile(java.util.stream.LongStream.rangeClosed(1, 100).toArray(), 99 + 1));
        assertEquals(99L, Trends.percentile(java.util.stream.LongStream.rangeClosed(1, 100).toArray(), 99));
    }

    @Test
    void trendsCountViolationsPerHourByTypeAndReadsPerSecond() {
        long now = clock.millis();
        state.violation(Fixtures.violation("v1", "1234ABD", "C", "r", Instant.ofEpochMilli(now - 2 * 3_600_000L), "f", false),
                false, false);
        state.violation(Fixtures.violation("v2", "1234ABD", "C", "r", Instant.ofEpochMilli(now), "f", true), true, false);
        state.read(Fixtures.read("f1", "C", "1234ABD", Instant.ofEpochMilli(now - 1000)), false);
        state.read(Fixtures.read("f2", "C", "1234ABD", Instant.ofEpochMilli(now - 1000)), false);
        Views.TrendsView t = state.trends();
        List<Integer> spot = t.perHourByType().get("SPOT_SPEEDING");
        assertEquals(24, spot.size());
        assertEquals(1, spot.get(23));
        assertEquals(1, spot.get(21));
        assertEquals(2, spot.stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, t.readsPerSecond().get(t.readsPerSecond().size() - 2));
        assertNull(t.readLatency().p50(), "history is not sampled for latency");
    }
}
