package org.raqib.jobs.avro;

import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificRecord;
import org.raqib.models.Passage;
import org.raqib.models.PlateAlternative;
import org.raqib.models.PlateRead;
import org.raqib.models.Violation;
import org.raqib.models.wire.AvroWire;

/**
 * Hand-written Avro body writers for the records that cross operator boundaries in numbers (every read
 * once, every passage once per consumer, every violation once on its way to its sink): Avro's generic writer, which these records need because
 * their timestamps are logical types (so Avro generates no custom coders for them), spent about three
 * times the reader's CPU on them. Each writer puts the fields in schema order through the same
 * {@link Encoder} calls the generic writer makes, so the bytes are identical
 * ({@code RecordBodyWritersTest} checks that on populated and sparse records).
 *
 * <p>A writer is only used for the exact schema it was written for (by fingerprint): when the schema
 * changes, {@link #forSchema} returns {@code null} and the generic writer takes over until this class
 * is updated; the test fails meanwhile, as a reminder.
 */
final class RecordBodyWriters {

    /** Writes the Avro binary body (no single-object header) of one record. */
    interface BodyWriter<T> {
        void write(T record, Encoder out) throws IOException;
    }

    /** Fingerprint of the PlateRead schema {@link #writePlateRead} follows. */
    static final long PLATE_READ_FINGERPRINT = 0x9f1680fa974a6d7fL;
    /** Fingerprint of the Passage schema {@link #writePassage} follows. */
    static final long PASSAGE_FINGERPRINT = 0x571460e71a40609eL;
    /**
     * Fingerprint of the Violation schema {@link #writeViolation} follows. Violations are fewer than passages,
     * but with Avro's generic writer in the path its code is compiled by the JIT in every run, seconds of CPU in a
     * short one.
     */
    static final long VIOLATION_FINGERPRINT = 0xb098087b84dfae11L;

    private RecordBodyWriters() {
    }

    /** The hand-written writer for records of {@code schema}, or {@code null} to use Avro's own. */
    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> BodyWriter<T> forSchema(Schema schema) {
        long fp = AvroWire.fingerprint(schema);
        if (schema.getFullName().equals(PlateRead.getClassSchema().getFullName()) && fp == PLATE_READ_FINGERPRINT) {
            return (BodyWriter<T>) (BodyWriter<PlateRead>) RecordBodyWriters::writePlateRead;
        }
        if (schema.getFullName().equals(Passage.getClassSchema().getFullName()) && fp == PASSAGE_FINGERPRINT) {
            return (BodyWriter<T>) (BodyWriter<Passage>) RecordBodyWriters::writePassage;
        }
        if (schema.getFullName().equals(Violation.getClassSchema().getFullName()) && fp == VIOLATION_FINGERPRINT) {
            return (BodyWriter<T>) (BodyWriter<Violation>) RecordBodyWriters::writeViolation;
        }
        return null;
    }

    static void writePlateRead(PlateRead r, Encoder out) throws IOException {
        out.writeString(r.getReadId());
        out.writeString(r.getFrameId());
        out.writeString(r.getCameraId());
        out.writeLong(r.getCaptureTime().toEpochMilli());
        out.writeString(r.getPlateText());
        out.writeString(r.getPlateArabic());
        out.writeDouble(r.getConfidence());
        List<Double> confidences = r.getCharacterConfidences();
        out.writeArrayStart();
        out.setItemCount(confidences.size());
        for (Double c : confidences) {
            out.startItem();
            out.writeDouble(c);
        }
        out.writeArrayEnd();
        List<PlateAlternative> alternatives = r.getAlternatives();
        out.writeArrayStart();
        out.setItemCount(alternatives.size());
        for (PlateAlternative a : alternatives) {
            out.startItem();
            a.customEncode(out);
        }
        out.writeArrayEnd();
        r.getBox().customEncode(out);
        out.writeEnum(r.getLayout().ordinal());
        out.writeString(r.getEvidenceSha256());
        writeOptional(r.getRadarSpeedKmh(), out);
        writeOptional(r.getLane(), out);
    }

    static void writePassage(Passage p, Encoder out) throws IOException {
        out.writeString(p.getPassageId());
        out.writeString(p.getCameraId());
        out.writeString(p.getPlateText());
        out.writeString(p.getPlateArabic());
        out.writeDouble(p.getConfidence());
        out.writeLong(p.getFirstSeen().toEpochMilli());
        out.writeLong(p.getLastSeen().toEpochMilli());
        out.writeInt(p.getReadCount());
        out.writeString(p.getBestFrameId());
        out.writeString(p.getEvidenceSha256());
        writeOptional(p.getSpeedKmh(), out);
        out.writeEnum(p.getSpeedSource().ordinal());
        writeOptional(p.getSpeedUncertaintyKmh(), out);
        writeOptional(p.getLane(), out);
    }

    static void writeViolation(Violation v, Encoder out) throws IOException {
        out.writeString(v.getViolationId());
        out.writeEnum(v.getType().ordinal());
        out.writeEnum(v.getStatus().ordinal());
        out.writeString(v.getPlateText());
        out.writeString(v.getPlateArabic());
        out.writeDouble(v.getConfidence());
        writeStrings(v.getCameraIds(), out);
        out.writeString(v.getRoadId());
        out.writeString(v.getRegion());
        out.writeLong(v.getEventTime().toEpochMilli());
        writeOptional(v.getEntryTime(), (t, o) -> o.writeLong(t.toEpochMilli()), out);
        out.writeDouble(v.getMeasuredSpeedKmh());
        out.writeInt(v.getSpeedLimitKmh());
        out.writeInt(v.getToleranceKmh());
        out.writeDouble(v.getExcessKmh());
        out.writeString(v.getSpeedBand());
        out.writeEnum(v.getSpeedSource().ordinal());
        writeStrings(v.getEvidenceSha256(), out);
        writeStrings(v.getFrameIds(), out);
        out.writeLong(v.getDetectedAt().toEpochMilli());
        writeOptional(v.getSignature(), (sig, o) -> o.writeString(sig), out);
    }

    /** An array of strings, in one block as Avro's writer makes it. */
    private static void writeStrings(List<String> values, Encoder out) throws IOException {
        out.writeArrayStart();
        out.setItemCount(values.size());
        for (String s : values) {
            out.startItem();
            out.writeString(s);
        }
        out.writeArrayEnd();
    }

    /** A {@code ["null", "double"]} union. */
    private static void writeOptional(Double value, Encoder out) throws IOException {
        writeOptional(value, (d, o) -> o.writeDouble(d), out);
    }

    /** A {@code ["null", "int"]} union. */
    private static void writeOptional(Integer value, Encoder out) throws IOException {
        writeOptional(value, (i, o) -> o.writeInt(i), out);
    }

    /** Writes a present value of an optional field. */
    private interface PresentValue<V> {
        void write(V value, Encoder out) throws IOException;
    }

    /** A {@code ["null", X]} union: branch 0 and nothing, or branch 1 and the value. */
    private static <V> void writeOptional(V value, PresentValue<V> present, Encoder out) throws IOException {
        if (value == null) {
            out.writeIndex(0);
            out.writeNull();
        } else {
            out.writeIndex(1);
            present.write(value, out);
        }
    }
}
