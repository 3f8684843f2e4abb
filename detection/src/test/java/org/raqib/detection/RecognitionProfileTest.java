package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecognitionProfileTest {

    @Test
    void profilesAddedSumTheirStagesAndCounts() throws InterruptedException {
        // given two images profiled on their own: time in different stages, and their counts
        RecognitionProfile a = new RecognitionProfile();
        a.start();
        Thread.sleep(2);
        a.lap(RecognitionProfile.Stage.GENERATE);
        a.countImage(4, 2, 1);
        RecognitionProfile b = new RecognitionProfile();
        b.start();
        Thread.sleep(2);
        b.lap(RecognitionProfile.Stage.READ);
        b.countImage(5, 7, 2);
        // when both are added to a batch's profile
        RecognitionProfile sum = new RecognitionProfile();
        sum.add(a);
        sum.add(b);
        // then it holds each stage's time and every count, summed
        assertTrue(a.wallNanos(RecognitionProfile.Stage.GENERATE) >= 2_000_000L);
        for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
            assertEquals(a.wallNanos(s) + b.wallNanos(s), sum.wallNanos(s), s.name());
            assertEquals(a.cpuNanos(s) + b.cpuNanos(s), sum.cpuNanos(s), s.name());
        }
        assertEquals(b.wallNanos(RecognitionProfile.Stage.READ), sum.wallNanos(RecognitionProfile.Stage.READ));
        assertEquals(2, sum.images());
        assertEquals(9, sum.candidates());
        assertEquals(9, sum.cropsRead());
        assertEquals(3, sum.cropsAccepted());
    }
}
