package org.raqib.jobs.speed;

import java.util.Objects;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.ChangelogWatermarks;
import org.raqib.jobs.kafka.RaqibKafka;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.PassageSettings;
import org.raqib.jobs.passage.Passages;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * Spot speed on its own: plate reads ({@code raqib.reads}) merged into passages (one per vehicle),
 * each checked against the camera registry ({@code raqib.cameras}, broadcast) by
 * {@link SpotSpeedRule}; issued violations to
 * {@code raqib.violations}, those needing a person to {@code raqib.review}, rejects to
 * {@code raqib.dead-letter}.
 *
 * <p>The job takes its sources and sinks in the constructor; {@link #main} only picks the Kafka ones.
 * {@code EnforcementJob} runs the same check next to section speed and the hot-list; run one or the
 * other, not both, or every spot violation is written twice (with the same id).
 */
public final class SpotSpeedJob {

    /** Job name shown in Flink. */
    public static final String NAME = "raqib-spot-speed";

    private final Source<RawRecord, ?, ?> reads;
    private final Source<RawRecord, ?, ?> cameras;
    private final Sink<Violation> violations;
    private final Sink<Violation> review;
    private final Sink<DeadLetter> deadLetters;
    private final SpotSpeedSettings settings;
    private final PassageSettings passages;

    public SpotSpeedJob(Source<RawRecord, ?, ?> reads, Source<RawRecord, ?, ?> cameras, Sink<Violation> violations,
                        Sink<Violation> review, Sink<DeadLetter> deadLetters, SpotSpeedSettings settings,
                        PassageSettings passages) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.violations = Objects.requireNonNull(violations, "violations");
        this.review = Objects.requireNonNull(review, "review");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.settings = settings.validate();
        this.passages = passages.validate();
    }

    /** The job on Kafka, as configured by {@code options}. */
    public static SpotSpeedJob onKafka(JobOptions options) {
        RaqibKafka kafka = options.kafka();
        return new SpotSpeedJob(
                kafka.source(Topics.READS, options.groupIdPrefix() + ".spot-speed"),
                // The whole registry, from its start, on every fresh run.
                kafka.changelogSource(Topics.CAMERAS, options.groupIdPrefix() + ".spot-speed.cameras"),
                kafka.sink(Topics.VIOLATIONS, Violation::getViolationId, options.transactionalIdPrefix() + "-speed-violations"),
                kafka.sink(Topics.REVIEW, Violation::getViolationId, options.transactionalIdPrefix() + "-speed-review"),
                kafka.sink(Topics.DEAD_LETTER, DeadLetter::getSource, options.transactionalIdPrefix() + "-speed-dead-letters"),
                options.spotSpeed(), options.enforcement().passages());
    }

    /** Adds this job's sources, operators and sinks to {@code env}. */
    public void attachTo(StreamExecutionEnvironment env) {
        DataStream<RawRecord> readRecords = env.fromSource(reads, WatermarkStrategy.noWatermarks(), "reads")
                .uid("spot-speed-reads-source");
        DataStream<RawRecord> cameraRecords = env.fromSource(cameras, ChangelogWatermarks.neverHoldBack(), "cameras")
                .uid("spot-speed-cameras-source");
        Outputs out = topology(readRecords, cameraRecords, settings, passages);
        out.violations().sinkTo(violations).name("violations-sink").uid("spot-speed-violations-sink");
        out.review().sinkTo(review).name("review-sink").uid("spot-speed-review-sink");
        out.deadLetters().sinkTo(deadLetters).name("dead-letter-sink").uid("spot-speed-dead-letter-sink");
    }

    /** The streams a spot-speed topology produces. */
    public record Outputs(DataStream<Violation> violations, DataStream<Violation> review,
                          DataStream<DeadLetter> deadLetters) {
    }

    /**
     * The topology: reads merged into passages ({@link Passages}), then {@link #check}.
     *
     * @param reads records of {@code raqib.reads}
     * @param cameras records of {@code raqib.cameras} (tombstones remove a camera)
     */
    public static Outputs topology(DataStream<RawRecord> reads, DataStream<RawRecord> cameras, SpotSpeedSettings settings,
                                   PassageSettings passageSettings) {
        Passages.Outputs passages = Passages.topology(reads, passageSettings, "spot-speed");
        Outputs checked = check(passages.passages(), cameras, settings);
        return new Outputs(checked.violations(), checked.review(),
                passages.deadLetters().union(checked.deadLetters()));
    }

    /**
     * The spot-speed check: passages keyed by camera against the broadcast registry.
     *
     * @param passages one per vehicle and camera
     * @param cameras records of {@code raqib.cameras} (tombstones remove a camera)
     */
    public static Outputs check(DataStream<Passage> passages, DataStream<RawRecord> cameras, SpotSpeedSettings settings) {
        BroadcastStream<RawRecord> registry = cameras.broadcast(SpotSpeedFunction.CAMERAS);
        SingleOutputStreamOperator<Violation> checked = passages
                .keyBy(Passage::getCameraId)
                .connect(registry)
                .process(new SpotSpeedFunction(settings), AvroRecordTypeInfo.forRecord(Violation.class))
                .name("spot-speed-check").uid("spot-speed-check");
        return new Outputs(checked, checked.getSideOutput(SpotSpeedFunction.REVIEW),
                checked.getSideOutput(SpotSpeedFunction.DEAD_LETTERS));
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
