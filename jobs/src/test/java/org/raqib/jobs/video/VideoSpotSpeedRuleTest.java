package org.raqib.jobs.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.passage.PassageBuilder;
import org.raqib.jobs.speed.SpotObservation;
import org.raqib.jobs.speed.SpotSpeedRule;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;

/** The spot rule on video passages: the lower end of the 95% interval decides, and is what the ticket states. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class VideoSpotSpeedRuleTest {

    private final SpotSpeedRule rule = new SpotSpeedRule(0.9);
    private final Camera camera = VideoSpeedFunctionHarnessTest.videoCamera("vid-1"); // limit 100, tolerance 10

    private Optional<Violation> check(Double speed, Double uncertainty) {
        Passage p = PassageBuilder.build(List.of(Fixtures.read("f-1", "vid-1", "1284ABD", 0.97, null, 1_000)));
        p.setSpeedKmh(speed);
        p.setSpeedSource(SpeedSource.VIDEO);
        p.setSpeedUncertaintyKmh(uncertainty);
        return rule.evaluate(SpotObservation.of(p), camera);
    }

    @Test
    void aVideoSpeedWhoseLowerBoundExceedsLimitPlusToleranceIsAViolationAtThatBound() {
        Violation v = check(125.0, 3.0).orElseThrow();
        assertEquals(SpeedSource.VIDEO, v.getSpeedSource());
        assertEquals(122.0, v.getMeasuredSpeedKmh(), 1e-9);
        assertEquals(22.0, v.getExcessKmh(), 1e-9);
    }

    @Test
    void noViolationWhenTheIntervalReachesDownToTheThresholdOrHasNoWidth() {
        assertTrue(check(112.9, 3.0).isEmpty(), "112.9 - 3 = 109.9 <= 110");
        assertTrue(check(113.0, 3.0).isEmpty(), "exactly at limit + tolerance");
        assertTrue(check(150.0, null).isEmpty(), "a video speed without its interval");
    }

    @Test
    void aNoRadarCameraStillIssuesNothingFromARadarSpeed() {
        Passage p = PassageBuilder.build(List.of(Fixtures.read("f-1", "vid-1", "1284ABD", 0.97, 150.0, 1_000)));
        assertEquals(SpeedSource.RADAR, p.getSpeedSource());
        assertTrue(rule.evaluate(SpotObservation.of(p), camera).isEmpty());
    }
}
