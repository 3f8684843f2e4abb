package org.raqib.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AvroRecordSerializationSchemaTest {

    @Test
    void leavesTheKafkaTimestampToTheProducerNotTheEventTime() throws Exception {
        // given a read captured long ago, whose event time Flink hands to the sink
        PlateRead read = Fixtures.read("f-1", "cam-1", "1234ABD", 0.95, 80.0, 1_000L);
        AvroRecordSerializationSchema<PlateRead> schema =
                new AvroRecordSerializationSchema<>(Topics.READS, PlateRead::getCameraId);
        // when
        ProducerRecord<byte[], byte[]> record = schema.serialize(read, null, 1_000L);
        // then no timestamp (the producer stamps its clock: retention must not delete a replay at once)
        assertNull(record.timestamp());
        assertEquals(read, Topics.READS.wire().decode(record.value()));
    }
}
