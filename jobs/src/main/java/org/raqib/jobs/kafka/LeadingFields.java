package org.raqib.jobs.kafka;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.raqib.models.wire.AvroWire;

/**
 * One field near the front of a value in Avro single-object encoding, read where it lies: the strings
 * in front of it are skipped, nothing behind it is decoded. For what every record needs before it is
 * decoded (its key, its event time). Only values of the current schema (by fingerprint) are read so;
 * for any other the caller decodes in full. Not thread-safe: one per operator instance.
 */
public final class LeadingFields {

    private final long fingerprint;
    private final int stringsBefore;
    private BinaryDecoder decoder;

    /**
     * @param schema the current schema of the topic's values
     * @param stringsBefore how many fields precede the field, all of them strings
     * @param field the field's name
     * @param type the field's type
     * @throws IllegalStateException when the schema no longer has that layout
     */
    public LeadingFields(Schema schema, int stringsBefore, String field, Schema.Type type) {
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < stringsBefore; i++) {
            if (fields.get(i).schema().getType() != Schema.Type.STRING) {
                throw new IllegalStateException(schema.getName() + " field " + fields.get(i).name()
                        + " is no longer a string");
            }
        }
        Schema.Field f = fields.get(stringsBefore);
        if (!f.name().equals(field) || f.schema().getType() != type) {
            throw new IllegalStateException(schema.getName() + " field " + (stringsBefore + 1) + " is no longer "
                    + field + " (" + type + ")");
        }
        this.fingerprint = AvroWire.fingerprint(schema);
        this.stringsBefore = stringsBefore;
    }

    /** Reads the field where a decoder stands. */
    @FunctionalInterface
    public interface FieldReader<V> {
        V read(BinaryDecoder at) throws IOException;
    }

    /**
     * The field of {@code bytes}: read where it lies when the value is of the current schema; otherwise (or
     * when that fails) taken from the value decoded whole by {@code wire}; {@code otherwise} for a value
     * that does not decode at all.
     */
    public <R extends SpecificRecord, V> V read(byte[] bytes, FieldReader<V> field, AvroWire<R> wire,
                                                Function<R, V> fromRecord, V otherwise) {
        BinaryDecoder at = at(bytes);
        if (at != null) {
            try {
                return field.read(at);
            } catch (IOException | RuntimeException e) {
                // falls through: the full decode decides, as for any value
            }
        }
        try {
            return fromRecord.apply(wire.decode(bytes));
        } catch (AvroWire.WireFormatException e) {
            return otherwise;
        }
    }

    /**
     * A decoder positioned at the field of {@code bytes}, or {@code null} when the value is not of the
     * current schema or its leading strings do not parse (the full decode then decides).
     */
    public BinaryDecoder at(byte[] bytes) {
        if (bytes == null || bytes.length <= AvroWire.HEADER_LENGTH || bytes[0] != AvroWire.MAGIC[0]
                || bytes[1] != AvroWire.MAGIC[1] || AvroWire.fingerprintOf(bytes) != fingerprint) {
            return null;
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, AvroWire.HEADER_LENGTH,
                    bytes.length - AvroWire.HEADER_LENGTH, decoder);
            for (int i = 0; i < stringsBefore; i++) {
                decoder.skipString();
            }
            return decoder;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
