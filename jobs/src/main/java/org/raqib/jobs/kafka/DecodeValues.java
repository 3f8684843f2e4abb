package org.raqib.jobs.kafka;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.avro.BodyInput;
import org.raqib.jobs.avro.RecordBodyReaders;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.DeadLetter;
import org.raqib.models.Topic;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the values of one topic. A value that is not a record of the topic's type (corrupt, a
 * different schema, a tombstone) goes to {@link #DEAD_LETTERS} with reason
 * {@value DeadLetters#UNDECODABLE_RECORD} and its original bytes, and the job carries on.
 *
 * @param <T> the topic's record type
 */
public final class DecodeValues<T extends SpecificRecord> extends ProcessFunction<RawRecord, T> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DecodeValues.class);

    /** Side output of rejected values. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("undecodable", AvroRecordTypeInfo.forRecord(DeadLetter.class));

    private final Class<T> type;
    private final String source;
    private final boolean keyIsCameraId;
    private transient AvroWire<T> wire;
    private transient byte[] header;
    private transient SpecificDatumReader<T> reader;
    private transient RecordBodyReaders.BodyReader<T> bodyReader;
    private transient BodyInput input;
    private transient BinaryDecoder decoder;

    /**
     * @param topic the topic whose values are decoded
     * @param source the component named in dead letters, e.g. {@code jobs.recognition}
     */
    public DecodeValues(Topic<T> topic, String source) {
        this.type = topic.valueType();
        this.source = Objects.requireNonNull(source, "source");
        this.keyIsCameraId = "cameraId".equals(topic.key());
    }

    @Override
    public void open(OpenContext openContext) {
        wire = AvroWire.of(type);
        header = new byte[AvroWire.HEADER_LENGTH];
        System.arraycopy(AvroWire.MAGIC, 0, header, 0, AvroWire.MAGIC.length);
        long fp = AvroWire.fingerprint(wire.schema());
        for (int i = 0; i < 8; i++) {
            header[AvroWire.MAGIC.length + i] = (byte) (fp >>> (8 * i));
        }
        reader = new SpecificDatumReader<>(wire.schema(), wire.schema(), SpecificData.getForSchema(wire.schema()));
        bodyReader = RecordBodyReaders.forSchema(wire.schema());
        input = new BodyInput();
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        if (record.value() == null) {
            reject(record, "empty value (tombstone) where a " + type.getSimpleName() + " was expected", ctx);
            return;
        }
        T value = decodeCurrent(record.value());
        if (value == null) {
            try {
                value = wire.decode(record.value());
            } catch (AvroWire.WireFormatException e) {
                reject(record, e.getMessage(), ctx);
                return;
            }
        }
        out.collect(value);
    }

    /**
     * A value written with the current schema (all of them, outside a schema upgrade), decoded with a
     * reused decoder and reader: {@link AvroWire#decode} builds a message decoder and input stream per
     * call, which made it one of the costliest steps per read; reads and passages by a hand-written body
     * reader ({@link RecordBodyReaders}). {@code null} for any other value, and for one that does not
     * decode: {@link AvroWire} then decides, with its usual reason for the dead letter.
     */
    private T decodeCurrent(byte[] bytes) {
        if (bytes.length < header.length || !Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
            return null;
        }
        try {
            if (bodyReader != null) {
                return bodyReader.read(input.reset(bytes, header.length, bytes.length));
            }
            decoder = DecoderFactory.get().binaryDecoder(bytes, header.length, bytes.length - header.length, decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void reject(RawRecord record, String why, Context ctx) {
        LOG.warn("rejected {} ({} bytes): {}", record.position(), record.value() == null ? 0 : record.value().length, why);
        ctx.output(DEAD_LETTERS, DeadLetters.of(source, DeadLetters.UNDECODABLE_RECORD,
                "cannot decode " + record.position() + " as " + type.getSimpleName() + ": " + why,
                keyIsCameraId ? record.key() : null, record.value(), record.position(), Instant.now()));
    }
}
