package org.raqib.jobs.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventTimeShiftTest {

    @Test
    void holdingBackAndGivingBackRestoresTheWatermark() {
        long t = 1_700_000_000_000L;
        assertEquals(t - 3_000, EventTimeShift.shift(t, -3_000));
        assertEquals(t, EventTimeShift.shift(EventTimeShift.shift(t, -3_000), 3_000));
    }

    @Test
    void theStartAndEndOfTimeStayWhereTheyAre() {
        // the end of time is a drain: every timer must still fire behind a hold
        assertEquals(Long.MAX_VALUE, EventTimeShift.shift(Long.MAX_VALUE, -3_000));
        assertEquals(Long.MIN_VALUE, EventTimeShift.shift(Long.MIN_VALUE, 3_000));
    }

    @Test
    void aWatermarkNearTheStartSaturatesInsteadOfWrappingAround() {
        // a bounded-out-of-orderness generator starts just above Long.MIN_VALUE
        assertEquals(Long.MIN_VALUE, EventTimeShift.shift(Long.MIN_VALUE + 1_999, -3_000));
        assertEquals(Long.MAX_VALUE - 1, EventTimeShift.shift(Long.MAX_VALUE - 10, 3_000));
    }
}
