package org.raqib.jobs.video;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes records on unchanged and moves every watermark by a fixed amount. A pair of them, one holding
 * event time back in front of the video stage and one giving it back behind, lets that stage tolerate
 * more out-of-orderness than the reads' watermarks (set once, per Kafka partition, at the source)
 * carry, without delaying the passage stage behind it. The start and end of time stay where they are,
 * so a drain (end of time) still fires every timer.
 */
final class EventTimeShift<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;
    private final long shiftMillis;

    /** @param shiftMillis added to every watermark (negative: held back) */
    EventTimeShift(long shiftMillis) {
        this.shiftMillis = shiftMillis;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(new Watermark(shift(mark.getTimestamp(), shiftMillis)));
    }

    /** {@code t + shift}, saturating, with the start and end of time fixed. */
    static long shift(long t, long shift) {
        if (t == Long.MAX_VALUE || t == Long.MIN_VALUE) {
            return t;
        }
        long s = t + shift;
        if (shift < 0 && s > t) {
            return Long.MIN_VALUE;
        }
        if (shift > 0 && s < t) {
            return Long.MAX_VALUE - 1;
        }
        return s;
    }
}
