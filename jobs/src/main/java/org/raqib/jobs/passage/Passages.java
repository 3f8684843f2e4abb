package org.raqib.jobs.passage;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.DecodeValues;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

/** The passage stage as a topology: records of {@code raqib.reads} in, passages out. */
public final class Passages {

    private Passages() {
    }

    /** What the stage produces. */
    public record Outputs(DataStream<Passage> passages, DataStream<DeadLetter> deadLetters) {
    }

    /**
     * Decodes reads (undecodable ones become dead letters), puts them on event time (capture time,
     * bounded out-of-orderness; a reads partition without traffic is marked idle after the idle-flush
     * time so that it does not hold the others back) and merges them per camera. The reads come
     * partitioned by {@link ReadCamera} (the video stage in front keys them so), and the decoded read's
     * camera is the same key: so the stage takes them as keyed where they are, chained to the stage in
     * front, instead of shuffling every read a second time.
     *
     * @param reads records of {@code raqib.reads}, partitioned by {@link ReadCamera}
     * @param uidPrefix prefix of the operators' uids, unique within the job
     */
    public static Outputs topology(DataStream<RawRecord> reads, PassageSettings settings, String uidPrefix) {
        settings.validate();
        SingleOutputStreamOperator<PlateRead> decoded = reads
                .process(new DecodeValues<>(Topics.READS, PassageFunction.SOURCE), AvroRecordTypeInfo.forRecord(PlateRead.class))
                .name("decode-reads").uid(uidPrefix + "-decode-reads");
        DataStream<PlateRead> timed = decoded
                .assignTimestampsAndWatermarks(WatermarkStrategy.<PlateRead>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner((read, kafkaTime) -> read.getCaptureTime().toEpochMilli())
                        .withIdleness(settings.idleFlush()))
                .name("reads-event-time").uid(uidPrefix + "-reads-event-time");
        SingleOutputStreamOperator<Passage> passages = DataStreamUtils
                .reinterpretAsKeyedStream(timed, new CameraOfRead(), Types.STRING)
                .process(new PassageFunction(settings), AvroRecordTypeInfo.forRecord(Passage.class))
                .name("merge-passages").uid(uidPrefix + "-merge-passages");
        return new Outputs(passages, decoded.getSideOutput(DecodeValues.DEAD_LETTERS)
                .union(passages.getSideOutput(PassageFunction.DEAD_LETTERS)));
    }

    /** A decoded read's camera: the key its record was partitioned by ({@link ReadCamera}). */
    private static final class CameraOfRead implements KeySelector<PlateRead, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PlateRead read) {
            return read.getCameraId();
        }
    }
}
