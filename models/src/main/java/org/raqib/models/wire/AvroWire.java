package org.raqib.models.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type as Avro single-object encoding: the two marker bytes
 * {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer's schema, then the
 * Avro binary body. Any consumer can tell from the header which schema wrote a value, without a
 * registry server.
 *
 * <p>Decoding resolves values written with an older schema of the same record: the previous
 * versions are shipped in {@code /org/raqib/models/schema-history/} and registered here, so a new
 * reader keeps reading what an older writer left on a topic. Instances are immutable and thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroWire<T extends SpecificRecord> {

    /** First two bytes of every single-object encoded value. */
    public static final byte[] MAGIC = {(byte) 0xC3, (byte) 0x01};
    /** Header size: magic plus fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroWire(Schema schema, List<Schema> extraWriters) {
        this.schema = schema;
        SpecificData model = SpecificData.getForSchema(schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        SchemaStore.Cache history = new SchemaStore.Cache();
        for (Schema old : SchemaHistory.versionsOf(schema.getFullName())) {
            history.addSchema(old);
        }
        for (Schema old : extraWriters) {
            history.addSchema(old);
        }
        this.decoder = new BinaryMessageDecoder<>(model, schema, history);
        // The current schema is always known to its own decoder.
        this.decoder.addSchema(schema);
    }

    /** The codec for the generated class {@code type}. */
    public static <T extends SpecificRecord> AvroWire<T> of(Class<T> type) {
        return new AvroWire<>(SpecificData.get().getSchema(type), List.of());
    }

    /**
     * A codec that also resolves values written with {@code writers}, besides the shipped history
     * (for reading data from a deployment whose schemas were never released here).
     */
    public AvroWire<T> withWriterSchemas(List<Schema> writers) {
        return new AvroWire<>(schema, writers);
    }

    /** The reader (current) schema. */
    public Schema schema() {
        return schema;
    }

    /** Encodes {@code record} with the current schema. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buf = encoder.encode(record);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getName(), e);
        } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new WireFormatException("cannot encode " + schema.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a single-object encoded value, resolving an older writer schema to the current one.
     *
     * @throws WireFormatException when the bytes are not single-object encoded, were written by an
     *     unknown schema, or the body is corrupt
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH) {
            throw new WireFormatException("not an Avro single-object value: "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new WireFormatException("value written by an unknown schema (fingerprint "
                    + Long.toHexString(fingerprintOf(bytes)) + "), expected " + schema.getFullName(), e);
        } catch (BadHeaderException e) {
            throw new WireFormatException("not an Avro single-object value: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("corrupt " + schema.getName() + " value: " + e.getMessage(), e);
        }
    }

    /** The writer-schema fingerprint in a single-object header. */
    public static long fingerprintOf(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1]) {
            throw new WireFormatException("not an Avro single-object value");
        }
        return ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The CRC-64-AVRO fingerprint of a schema, as written in single-object headers. */
    public static long fingerprint(Schema s) {
        return SchemaNormalization.parsingFingerprint64(s);
    }

    /** Thrown when bytes cannot be decoded as the expected record. */
    public static final class WireFormatException extends RuntimeException {
        public WireFormatException(String message) {
            super(message);
        }

        public WireFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Earlier released versions of each schema, shipped as resources. */
    public static final class SchemaHistory {
        private static final String INDEX = "/org/raqib/models/schema-history/index.txt";

        private SchemaHistory() {
        }

        /** All historical versions of the record {@code fullName}, oldest first; may be empty. */
        public static List<Schema> versionsOf(String fullName) {
            return all().stream().filter(s -> s.getFullName().equals(fullName)).toList();
        }

        /** Every historical schema shipped with this build. */
        public static List<Schema> all() {
            List<String> files;
            try (InputStream in = AvroWire.class.getResourceAsStream(INDEX)) {
                if (in == null) {
                    return List.of();
                }
                files = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // One parser for all files, so that records may refer to earlier-defined types.
            Schema.Parser parser = new Schema.Parser();
            List<Schema> out = new java.util.ArrayList<>();
            for (String f : files) {
                try (InputStream in = AvroWire.class.getResourceAsStream("/org/raqib/models/schema-history/" + f)) {
                    if (in == null) {
                        throw new IllegalStateException("schema history lists missing file " + f);
                    }
                    out.add(parser.parse(in));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }
    }
}
