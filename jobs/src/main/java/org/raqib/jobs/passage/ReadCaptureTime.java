package org.raqib.jobs.passage;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.raqib.jobs.kafka.LeadingFields;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

/**
 * Event time of a record of {@code raqib.reads}: the read's capture time; the Kafka timestamp for a
 * record that does not decode (it only passes through to be dead-lettered downstream).
 *
 * <p>Every read is timed at the source, so a value written with the current {@link PlateRead} schema
 * is not decoded whole: the three strings in front of {@code captureTime} are skipped and the field
 * read where it lies (a full decode cost as much again as the passage stage's own decode). Values of an
 * older schema, whose fields may lie elsewhere, and values whose header or strings do not parse take
 * the full decode; so only a value whose body is corrupt after {@code captureTime} is timed differently
 * (by its capture time, not its Kafka time), and it is dead-lettered downstream just the same.
 */
public final class ReadCaptureTime implements SerializableTimestampAssigner<RawRecord> {
    private static final long serialVersionUID = 1L;
    private transient AvroWire<PlateRead> wire;
    private transient LeadingFields captureTime;

    @Override
    public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
        if (record.value() == null) {
            return record.timestamp();
        }
        if (wire == null) {
            wire = Topics.READS.wire();
            captureTime = captureTimeField();
        }
        return captureTime.read(record.value(), BinaryDecoder::readLong, wire, r -> r.getCaptureTime().toEpochMilli(),
                record.timestamp());
    }

    /** Where {@code captureTime} lies in a current {@link PlateRead} value: after three strings. */
    static LeadingFields captureTimeField() {
        return new LeadingFields(PlateRead.getClassSchema(), 3, "captureTime", Schema.Type.LONG);
    }
}
