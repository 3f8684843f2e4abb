package org.raqib.jobs.kafka;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a compacted changelog (camera registry, hot-list) that is broadcast into an event-time
 * operator. Such a stream has no meaningful event time and is quiet for hours; without watermarks it
 * would hold the operator's event time (the minimum over its inputs) at the beginning of time, so no
 * timer would ever fire. It declares itself idle instead: an idle input is left out of the minimum, so
 * the other input alone drives the clock.
 *
 * <p>Not the maximum watermark: when the other input goes idle too (a reads partition without traffic),
 * the operator's event time would jump to the end of time, firing every timer (sections dropped before
 * their exit passage came) and passing the maximum on, after which every read counts as late.
 */
public final class ChangelogWatermarks {

    private ChangelogWatermarks() {
    }

    /** The strategy: no watermarks, idle at every periodic emission (and so from the start). */
    public static WatermarkStrategy<RawRecord> neverHoldBack() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<RawRecord>() {
            @Override
            public void onEvent(RawRecord event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }
}
