package org.raqib.jobs.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.raqib.models.wire.AvroWire;

/**
 * Serializes one generated Avro record type as a length-prefixed single-object encoding
 * ({@link AvroWire}). Values written by the current schema (all but those restored from old state) take
 * a fast path: one reused buffer, encoder, decoder and datum writer/reader per instance instead of
 * {@link AvroWire}'s per-call allocations, and for reads and passages a hand-written body writer and reader
 * ({@link RecordBodyWriters}, same bytes; {@link RecordBodyReaders}, equal records); others are resolved by
 * {@link AvroWire}. An instance is
 * therefore not thread-safe, and {@link #duplicate()} gives each user its own.
 *
 * @param <T> the generated record class
 */
public final class AvroRecordSerializer<T extends SpecificRecord> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient AvroWire<T> wire;
    private transient SpecificData model;
    private transient Schema schema;
    private transient byte[] header;
    private transient SpecificDatumWriter<T> writer;
    private transient RecordBodyWriters.BodyWriter<T> bodyWriter;
    private transient SpecificDatumReader<T> reader;
    private transient RecordBodyReaders.BodyReader<T> bodyReader;
    private transient BodyInput input;
    private transient Buffer buffer;
    private transient BinaryEncoder encoder;
    private transient BinaryDecoder decoder;

    public AvroRecordSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    private AvroWire<T> wire() {
        if (wire == null) {
            wire = AvroWire.of(type);
            schema = wire.schema();
            model = SpecificData.getForSchema(schema);
            header = new byte[AvroWire.HEADER_LENGTH];
            System.arraycopy(AvroWire.MAGIC, 0, header, 0, AvroWire.MAGIC.length);
            long fp = AvroWire.fingerprint(schema);
            for (int i = 0; i < 8; i++) {
                header[AvroWire.MAGIC.length + i] = (byte) (fp >>> (8 * i));
            }
            writer = new SpecificDatumWriter<>(schema, model);
            bodyWriter = RecordBodyWriters.forSchema(schema);
            reader = new SpecificDatumReader<>(schema, schema, model);
            bodyReader = RecordBodyReaders.forSchema(schema);
            input = new BodyInput();
            buffer = new Buffer();
        }
        return wire;
    }

    /** A byte array output stream whose array can be written out without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        void writeTo(DataOutputView target) throws IOException {
            target.writeInt(count);
            target.write(buf, 0, count);
        }
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new AvroRecordSerializer<>(type);
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        wire();
        return model.deepCopy(schema, from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    /**
     * The record this thread serialized last and the buffer that holds its bytes (until that buffer's
     * serializer writes again, which also replaces this entry). An operator whose output goes to several
     * network consumers (a passage: to its sink, spot speed, section and hot-list) hands each of their
     * serializers the same object in turn: it is encoded once and copied after. Records are never changed
     * once made (the jobs' rule), so the same object means the same bytes.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        Object[] last = LAST.get();
        if (last[0] == record && record != null) {
            ((Buffer) last[1]).writeTo(target);
            return;
        }
        wire();
        last[0] = null; // until the new bytes are complete
        buffer.reset();
        buffer.write(header);
        // Buffered, so that the synchronized ByteArrayOutputStream sees a few bulk writes, not one per field.
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        if (bodyWriter != null) {
            bodyWriter.write(record, encoder);
        } else {
            writer.write(record, encoder);
        }
        encoder.flush();
        last[0] = record;
        last[1] = buffer;
        buffer.writeTo(target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        wire();
        if (bytes.length >= header.length && Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
            if (bodyReader != null) {
                return bodyReader.read(input.reset(bytes, header.length, bytes.length));
            }
            decoder = DecoderFactory.get().binaryDecoder(bytes, header.length, bytes.length - header.length, decoder);
            return reader.read(null, decoder);
        }
        return wire.decode(bytes);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvroRecordSerializer<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /**
     * Remembers the record class. Compatible as is with any later version of the same class: the
     * values carry their writer-schema fingerprint and {@link AvroWire} resolves released versions.
     */
    public static final class Snapshot<T extends SpecificRecord> implements TypeSerializerSnapshot<T> {

        private Class<T> type;

        /** For Flink's reflective restore. */
        public Snapshot() {
        }

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            String name = in.readUTF();
            try {
                @SuppressWarnings("unchecked")
                Class<T> restored = (Class<T>) Class.forName(name, false, userCodeClassLoader);
                this.type = restored;
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot load record class " + name, e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new AvroRecordSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old instanceof Snapshot<T> previous && previous.type != null
                    && previous.type.getName().equals(type.getName())) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
