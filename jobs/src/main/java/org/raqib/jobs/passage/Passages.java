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
     * Event time of the reads, to be given to their source ({@code env.fromSource(reads, eventTime(s), ...)}):
     * capture time ({@link ReadCaptureTime}), bounded out-of-orderness, and a partition without traffic
     * for the idle-flush time marked idle so that it does not hold the others back. At the source, a
     * Kafka source keeps one watermark per partition and its task's watermark is their minimum: a
     * partition's backlog never moves another partition's clock, so its reads are not late for being
     * read after the other's newer ones.
     */
    public static WatermarkStrategy<RawRecord> eventTime(PassageSettings settings) {
        settings.validate();
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner(new ReadCaptureTime())
                .withIdleness(settings.idleFlush());
    }

    /**
     * Decodes reads (undecodable ones become dead letters) and merges them per camera on the event
     * time they come with ({@link #eventTime}, assigned at the source). The reads come partitioned by
     * {@link ReadCamera} (the video stage in front keys them so), and the decoded read's camera is the
     * same key: so the stage takes them as keyed where they are, chained to the stage in front, instead
     * of shuffling every read a second time.
     *
     * @param reads records of {@code raqib.reads}, partitioned by {@link ReadCamera}, with the event
     *              time of {@link #eventTime}
     * @param uidPrefix prefix of the operators' uids, unique within the job
     */
    public static Outputs topology(DataStream<RawRecord> reads, PassageSettings settings, String uidPrefix) {
        settings.validate();
        SingleOutputStreamOperator<PlateRead> decoded = reads
                .process(new DecodeValues<>(Topics.READS, PassageFunction.SOURCE), AvroRecordTypeInfo.forRecord(PlateRead.class))
                .name("decode-reads").uid(uidPrefix + "-decode-reads");
        SingleOutputStreamOperator<Passage> passages = DataStreamUtils
                .reinterpretAsKeyedStream(decoded, new CameraOfRead(), Types.STRING)
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
