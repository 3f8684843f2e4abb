package org.raqib.jobs.kafka;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Chained behind a Kafka source with per-partition watermarks: marks the source's output idle after
 * {@code idleMillis} of wall clock without a record, and active again before the next one. A source
 * task whose partitions never had a record creates no per-partition watermark output, so it emits
 * neither a watermark nor idleness, and every task it feeds would wait for it for ever (seen with two
 * reads partitions of which only one had traffic). The statuses the source emits itself pass through.
 *
 * <p>At the end of input (a drain) it emits the end of event time itself, active: an idle source's own
 * end-of-time watermark is dropped by the idle output it leaves through, so the timers behind (passages
 * and video tracks still open) would never fire.
 */
public final class IdleWithoutRecords<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private final long idleMillis;
    private transient long lastRecord;
    private transient boolean idle;

    /** @param idleMillis wall-clock time without a record after which the output is marked idle */
    public IdleWithoutRecords(long idleMillis) {
        if (idleMillis <= 0) {
            throw new IllegalArgumentException("idleMillis must be > 0, got " + idleMillis);
        }
        this.idleMillis = idleMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        lastRecord = getProcessingTimeService().getCurrentProcessingTime();
        schedule(lastRecord + idleMillis);
    }

    private void schedule(long at) {
        getProcessingTimeService().registerTimer(at, this::check);
    }

    private void check(long now) {
        long idleAt = lastRecord + idleMillis;
        if (now >= idleAt) {
            if (!idle) {
                idle = true;
                output.emitWatermarkStatus(WatermarkStatus.IDLE);
            }
            schedule(now + idleMillis);
        } else {
            schedule(idleAt);
        }
    }

    private void activate() {
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        lastRecord = getProcessingTimeService().getCurrentProcessingTime();
        activate();
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        activate();
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        idle = false;
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }
}
