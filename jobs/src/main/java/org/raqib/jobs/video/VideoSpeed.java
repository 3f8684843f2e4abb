package org.raqib.jobs.video;

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
     */
    static final class CaptureTime implements SerializableTimestampAssigner<RawRecord> {
        private static final long serialVersionUID = 1L;
        private transient AvroWire<PlateRead> wire;

        @Override
        public long extractTimestamp(RawRecord record, long kafkaTimestamp) {
            if (record.value() == null) {
                return record.timestamp();
            }
            if (wire == null) {
                wire = Topics.READS.wire();
            }
            try {
                return wire.decode(record.value()).getCaptureTime().toEpochMilli();
            } catch (AvroWire.WireFormatException e) {
                return record.timestamp();
            }
        }
    }
}
