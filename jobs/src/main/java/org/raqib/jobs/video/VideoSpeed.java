package org.raqib.jobs.video;

import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;

/**
 * The video-speed stage as a topology, placed in front of the passage stage: records of
 * {@code raqib.reads} and the camera registry in; the reads of cameras it does not measure out
 * unchanged (for the passage stage), passages with a video speed, and dead letters.
 */
public final class VideoSpeed {

    private VideoSpeed() {
    }

    /** What the stage produces. */
    public record Outputs(DataStream<RawRecord> otherReads, DataStream<Passage> passages,
                          DataStream<DeadLetter> deadLetters) {
    }

    /**
     * @param reads records of {@code raqib.reads}, keyed in Kafka by camera id
     * @param cameras records of {@code raqib.cameras}
     * @param uidPrefix prefix of the operators' uids, unique within the job
     */
    public static Outputs topology(DataStream<RawRecord> reads, DataStream<RawRecord> cameras, VideoSpeedSettings settings,
                                   String uidPrefix) {
        settings.validate();
        DataStream<RawRecord> timed = reads
                .assignTimestampsAndWatermarks(WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner(new CaptureTime())
                        .withIdleness(settings.idleness()))
                .name("video-reads-event-time").uid(uidPrefix + "-video-reads-event-time");
        SingleOutputStreamOperator<RawRecord> measured = timed
                .keyBy(VideoSpeed::cameraKey)
                .connect(cameras.broadcast(VideoSpeedFunction.CAMERAS))
                .process(new VideoSpeedFunction(settings), reads.getType())
                .name("video-speed").uid(uidPrefix + "-video-speed");
        return new Outputs(measured, measured.getSideOutput(VideoSpeedFunction.PASSAGES),
                measured.getSideOutput(VideoSpeedFunction.DEAD_LETTERS));
    }

    static String cameraKey(RawRecord r) {
        return r.key() == null ? "" : r.key();
    }

    /**
     * Capture time of a read; the Kafka timestamp for a record that does not decode (it only passes
     * through to be dead-lettered downstream).
     *
     * <p>Every read passes here, so a value written with the current {@link PlateRead} schema is not
     * decoded whole: the three strings in front of {@code captureTime} are skipped and the field read
     * where it lies (a full decode cost as much again as the passage stage's own decode). Values of an
     * older schema, whose fields may lie elsewhere, and values whose header or strings do not parse take
     * the full decode as before; so only a value whose body is corrupt after {@code captureTime} is
     * timed differently (by its capture time, not its Kafka time), and it is dead-lettered downstream
     * just the same.
     */
    static final class CaptureTime implements SerializableTimestampAssigner<RawRecord> {
        private static final long serialVersionUID = 1L;
        /** Fields of PlateRead in front of captureTime, all strings (checked against the schema on first use). */
        static final int STRINGS_BEFORE = 3;
        private transient AvroWire<PlateRead> wire;
        private transient long fingerprint;
        private transient BinaryDecoder decoder;

        @Override
        public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
            if (record.value() == null) {
                return record.timestamp();
            }
            if (wire == null) {
                wire = Topics.READS.wire();
                fingerprint = checkedFingerprint(wire.schema());
            }
            byte[] bytes = record.value();
            if (bytes.length > AvroWire.HEADER_LENGTH && bytes[0] == AvroWire.MAGIC[0] && bytes[1] == AvroWire.MAGIC[1]
                    && AvroWire.fingerprintOf(bytes) == fingerprint) {
                try {
                    decoder = DecoderFactory.get().binaryDecoder(bytes, AvroWire.HEADER_LENGTH,
                            bytes.length - AvroWire.HEADER_LENGTH, decoder);
                    for (int i = 0; i < STRINGS_BEFORE; i++) {
                        decoder.skipString();
                    }
                    return decoder.readLong();
                } catch (IOException | RuntimeException e) {
                    // falls through: the full decode decides, as for any value
                }
            }
            try {
                return wire.decode(bytes).getCaptureTime().toEpochMilli();
            } catch (AvroWire.WireFormatException e) {
                return record.timestamp();
            }
        }

        /** The current schema's fingerprint, after checking that captureTime still follows three strings. */
        static long checkedFingerprint(Schema schema) {
            List<Schema.Field> fields = schema.getFields();
            for (int i = 0; i < STRINGS_BEFORE; i++) {
                if (fields.get(i).schema().getType() != Schema.Type.STRING) {
                    throw new IllegalStateException("PlateRead field " + fields.get(i).name() + " is no longer a string");
                }
            }
            Schema.Field capture = fields.get(STRINGS_BEFORE);
            if (!capture.name().equals("captureTime") || capture.schema().getType() != Schema.Type.LONG) {
                throw new IllegalStateException("PlateRead's fourth field is no longer captureTime (long)");
            }
            return AvroWire.fingerprint(schema);
        }
    }
}
