package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadCaptureTimeTest {

    private static final long KAFKA_TIME = 5L;

    private static RawRecord record(byte[] value) {
        return new RawRecord(Topics.READS.name(), 0, 0, KAFKA_TIME, "cam-1", value);
    }

    @Test
    void readsTheCaptureTimeWithoutAFullDecode() {
        // given
        ReadCaptureTime time = new ReadCaptureTime();
        PlateRead read = Fixtures.read("f-1", "cam-1", "1234ABC", 0.95, 80.0, 1_700_000_123_456L);
        // when / then: the same answer as a full decode, and again with the reused decoder
        assertEquals(read.getCaptureTime().toEpochMilli(), time.extractTimestamp(record(Topics.READS.wire().encode(read)), 0));
        PlateRead other = Fixtures.read("f-2-longer-id", "cam-1", "9ZZZ", 0.5, null, 42L);
        assertEquals(42L, time.extractTimestamp(record(Topics.READS.wire().encode(other)), 0));
    }

    @Test
    void valuesThatDoNotParseAreTimedByKafka() {
        ReadCaptureTime time = new ReadCaptureTime();
        byte[] good = Topics.READS.wire().encode(Fixtures.read("f-1", "cam-1", "1234ABC", 0.95, 80.0, 1000L));
        assertEquals(KAFKA_TIME, time.extractTimestamp(record(new byte[] {1, 2, 3}), 0));
        assertEquals(KAFKA_TIME, time.extractTimestamp(record(Arrays.copyOf(good, 14)), 0), "cut inside the strings");
        assertEquals(KAFKA_TIME, time.extractTimestamp(record(null), 0), "tombstone");
    }

    @Test
    void theSchemaStillHasCaptureTimeAfterThreeStrings() {
        ReadCaptureTime.captureTimeField();
    }
}
