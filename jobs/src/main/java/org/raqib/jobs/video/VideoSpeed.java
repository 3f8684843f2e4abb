package org.raqib.jobs.video;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.raqib.jobs.kafka.LeadingFields;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.ReadCamera;
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
     * @param reads records of {@code raqib.reads}; keyed here by their camera ({@link ReadCamera}), and
     *              {@link Outputs#otherReads()} stays partitioned so, for the passage stage to chain on
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
                .keyBy(new ReadCamera())
                .connect(cameras.broadcast(VideoSpeedFunction.CAMERAS))
                .process(new VideoSpeedFunction(settings), reads.getType())
                .name("video-speed").uid(uidPrefix + "-video-speed");
        return new Outputs(measured, measured.getSideOutput(VideoSpeedFunction.PASSAGES),
                measured.getSideOutput(VideoSpeedFunction.DEAD_LETTERS));
    }

    /** The key reads are partitioned by, in front of this stage and (reinterpreted) the passage stage. */
    static String cameraKey(RawRecord r) {
        return ReadCamera.of(r);
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
            byte[] bytes = record.value();
            BinaryDecoder at = captureTime.at(bytes);
            if (at != null) {
                try {
                    return at.readLong();
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

        /** Where {@code captureTime} lies in a current {@link PlateRead} value: after three strings. */
        static LeadingFields captureTimeField() {
            return new LeadingFields(PlateRead.getClassSchema(), 3, "captureTime", Schema.Type.LONG);
        }
    }
}
