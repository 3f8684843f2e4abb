package org.raqib.jobs.kafka;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a compacted changelog (camera registry, hot-list) that is broadcast into an event-time
 * operator. Such a stream has no meaningful event time and is quiet for hours; without watermarks it
 * would hold the operator's event time (the minimum over its inputs) at the beginning of time, so no
 * timer would ever fire. It declares itself done with event time instead: the other input alone
 * drives the clock.
 */
public final class ChangelogWatermarks {

    private ChangelogWatermarks() {
    }

    /** The strategy: every periodic emission is the maximum watermark. */
    public static WatermarkStrategy<RawRecord> neverHoldBack() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<RawRecord>() {
            @Override
            public void onEvent(RawRecord event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }
}
