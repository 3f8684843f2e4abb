package org.raqib.jobs.passage;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.flink.api.java.functions.KeySelector;
import org.raqib.jobs.kafka.LeadingFields;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

/**
 * The camera a record of {@code raqib.reads} belongs to: the {@code cameraId} inside its value, read
 * where it lies without decoding the rest; the Kafka key for a value that does not decode (it is only
 * passed on to be dead-lettered).
 *
 * <p>Reads are keyed by this once, in front of the video-speed stage, and the passage stage behind it
 * (chained, no second shuffle) is keyed by {@link PlateRead#getCameraId()} of the decoded read: the two
 * agree for every read that decodes, which is what lets the passage stage reinterpret its input as keyed.
 * The Kafka key is not enough: a producer may key a read under another camera.
 */
public final class ReadCamera implements KeySelector<RawRecord, String> {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<ReadCamera> LOCAL = ThreadLocal.withInitial(ReadCamera::new);

    private transient AvroWire<PlateRead> wire;
    private transient LeadingFields camera;

    /** The camera of {@code record} (see the class comment). */
    public static String of(RawRecord record) {
        return LOCAL.get().getKey(record);
    }

    /** Where {@code cameraId} lies in a current {@link PlateRead} value: after readId and frameId. */
    static LeadingFields cameraField() {
        return new LeadingFields(PlateRead.getClassSchema(), 2, "cameraId", Schema.Type.STRING);
    }

    @Override
    public String getKey(RawRecord record) {
        byte[] bytes = record.value();
        if (bytes == null) {
            return fallback(record);
        }
        if (wire == null) {
            wire = Topics.READS.wire();
            camera = cameraField();
        }
        return camera.read(bytes, BinaryDecoder::readString, wire, PlateRead::getCameraId, fallback(record));
    }

    private static String fallback(RawRecord record) {
        return record.key() == null ? "" : record.key();
    }
}
