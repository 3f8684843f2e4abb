package org.raqib.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A Kafka record as read, before its value is decoded: decoding happens in an operator so that a
 * value that does not decode becomes a dead letter with its original bytes instead of failing the
 * source. Serialized between operators by {@link RawRecordTypeInfo}'s hand-written serializer.
 *
 * @param topic topic it was read from
 * @param partition partition
 * @param offset offset in the partition
 * @param timestamp Kafka record timestamp, epoch milliseconds
 * @param key UTF-8 key, or {@code null}
 * @param value value bytes, or {@code null} for a tombstone
 */
@TypeInfo(RawRecordTypeInfo.Factory.class)
public record RawRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value) {

    /** Where it came from, for dead letters and logs: {@code topic/partition@offset}. */
    public String position() {
        return topic + "/" + partition + "@" + offset;
    }
}
