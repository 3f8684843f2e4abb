package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.kafka.LeadingFields;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadCameraTest {

    private static RawRecord record(String kafkaKey, byte[] value) {
        return new RawRecord(Topics.READS.name(), 0, 0, 5L, kafkaKey, value);
    }

    @Test
    void theKeyIsTheCameraInsideTheValueNotTheKafkaKey() {
        ReadCamera camera = new ReadCamera();
        PlateRead read = Fixtures.read("f-1", "cam-7", "1234ABD", 0.95, 80.0, 1_700_000_000_000L);
        byte[] value = Topics.READS.wire().encode(read);
        assertEquals("cam-7", camera.getKey(record("cam-7", value)));
        assertEquals("cam-7", camera.getKey(record("cam-other", value)), "a read keyed under another camera");
        assertEquals("cam-7", ReadCamera.of(record(null, value)));
        // again with the reused decoder, on a read with longer ids
        PlateRead other = Fixtures.read("f-2-with-a-much-longer-frame-id", "RUH-KFR-S-015", "9ZZZ", 0.5, null, 42L);
        assertEquals("RUH-KFR-S-015", camera.getKey(record("x", Topics.READS.wire().encode(other))));
    }

    @Test
    void valuesThatDoNotParseAreKeyedByKafka() {
        ReadCamera camera = new ReadCamera();
        byte[] good = Topics.READS.wire().encode(Fixtures.read("f-1", "cam-1", "1234ABD", 0.95, 80.0, 1000L));
        assertEquals("cam-k", camera.getKey(record("cam-k", new byte[] {1, 2, 3})));
        assertEquals("cam-k", camera.getKey(record("cam-k", Arrays.copyOf(good, 14))), "cut inside the strings");
        assertEquals("cam-k", camera.getKey(record("cam-k", null)), "tombstone");
        assertEquals("", camera.getKey(record(null, null)));
    }

    @Test
    void theSchemaStillHasTheCameraAfterTwoStrings() {
        ReadCamera.cameraField();
        // and a layout that does not hold is refused, not read at the wrong place
        assertThrows(IllegalStateException.class, () -> new LeadingFields(PlateRead.getClassSchema(), 2, "captureTime",
                org.apache.avro.Schema.Type.LONG));
        assertThrows(IllegalStateException.class, () -> new LeadingFields(PlateRead.getClassSchema(), 4, "plateText",
                org.apache.avro.Schema.Type.STRING), "a long among the fields in front");
    }
}
