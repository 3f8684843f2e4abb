package org.raqib.jobs.recognition;

import java.util.Objects;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.DecodeValues;
import org.raqib.jobs.kafka.RaqibKafka;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.CameraFrame;
import org.raqib.models.DeadLetter;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

/**
 * Recognition: camera frames ({@code raqib.frames}) -> plate reads ({@code raqib.reads}); undecodable
 * records and images -> {@code raqib.dead-letter}.
 *
 * <p>The job takes its sources and sinks in the constructor; {@link #main} only picks the Kafka ones.
 */
public final class RecognitionJob {

    /** Job name shown in Flink. */
    public static final String NAME = "raqib-recognition";

    private final Source<RawRecord, ?, ?> frames;
    private final Sink<PlateRead> reads;
    private final Sink<DeadLetter> deadLetters;
    private final RecognizerFactory recognizer;

    public RecognitionJob(Source<RawRecord, ?, ?> frames, Sink<PlateRead> reads, Sink<DeadLetter> deadLetters,
                          RecognizerFactory recognizer) {
        this.frames = Objects.requireNonNull(frames, "frames");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    }

    /**
     * The job on Kafka, as configured by {@code options}, with the committed recognition models read with its
     * recogniser settings.
     */
    public static RecognitionJob onKafka(JobOptions options) {
        return onKafka(options, RecognizerFactory.of(options.models(), options.recognizer()));
    }

    /** The job on Kafka, as configured by {@code options}, with {@code recognizer}. */
    public static RecognitionJob onKafka(JobOptions options, RecognizerFactory recognizer) {
        RaqibKafka kafka = options.kafka();
        return new RecognitionJob(
                kafka.source(Topics.FRAMES, options.groupIdPrefix() + ".recognition"),
                kafka.sink(Topics.READS, PlateRead::getCameraId, options.transactionalIdPrefix() + "-recognition-reads"),
                kafka.sink(Topics.DEAD_LETTER, DeadLetter::getSource,
                        options.transactionalIdPrefix() + "-recognition-dead-letters"),
                recognizer);
    }

    /** Adds this job's source, operators and sinks to {@code env}. */
    public void attachTo(StreamExecutionEnvironment env) {
        DataStream<RawRecord> frameRecords = env.fromSource(frames, WatermarkStrategy.noWatermarks(), "frames")
                .uid("recognition-frames-source");
        Outputs out = topology(frameRecords, recognizer);
        out.reads().sinkTo(reads).name("reads-sink").uid("recognition-reads-sink");
        out.deadLetters().sinkTo(deadLetters).name("dead-letter-sink").uid("recognition-dead-letter-sink");
    }

    /** The streams a recognition topology produces. */
    public record Outputs(DataStream<PlateRead> reads, DataStream<DeadLetter> deadLetters) {
    }

    /** The topology: decode frames, recognise plates. */
    public static Outputs topology(DataStream<RawRecord> frames, RecognizerFactory recognizer) {
        SingleOutputStreamOperator<CameraFrame> decoded = frames
                .process(new DecodeValues<>(Topics.FRAMES, RecognizeFrames.SOURCE),
                        AvroRecordTypeInfo.forRecord(CameraFrame.class))
                .name("decode-frames").uid("recognition-decode-frames");
        SingleOutputStreamOperator<PlateRead> reads = decoded
                .process(new RecognizeFrames(recognizer), AvroRecordTypeInfo.forRecord(PlateRead.class))
                .name("recognise-plates").uid("recognition-recognise-plates");
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(DecodeValues.DEAD_LETTERS)
                .union(reads.getSideOutput(RecognizeFrames.DEAD_LETTERS));
        return new Outputs(reads, deadLetters);
    }

    /** Submits the job: {@code --bootstrap-servers host:port ...}; see {@link JobOptions} for every option. */
    public static void main(String[] args) throws Exception {
        JobOptions options = JobOptions.parseOrExit(args, NAME);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        options.configure(env);
        onKafka(options).attachTo(env);
        env.execute(NAME);
    }
}
