package org.raqib.jobs.enforcement;

import java.util.Objects;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.hotlist.HotlistFunction;
import org.raqib.jobs.integrity.SignViolations;
import org.raqib.jobs.integrity.ViolationSigner;
import org.raqib.jobs.kafka.ChangelogWatermarks;
import org.raqib.jobs.kafka.IdleWithoutRecords;
import org.raqib.jobs.kafka.RaqibKafka;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.Passages;
import org.raqib.jobs.section.SectionSpeedFunction;
import org.raqib.jobs.speed.SpotSpeed;
import org.raqib.jobs.speed.SpotSpeedSettings;
import org.raqib.jobs.video.VideoSpeed;
import org.raqib.jobs.video.VideoSpeedSettings;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PatrolAlert;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * Enforcement: plate reads ({@code raqib.reads}) merged into passages ({@code raqib.passages}); each
 * passage checked for spot speed (camera registry {@code raqib.cameras}, broadcast), paired with the
 * same plate's passage at the neighbouring camera for section speed, and matched against the hot-list
 * ({@code raqib.hotlist}, broadcast). Violations go to {@code raqib.violations} (issued) or
 * {@code raqib.review} (needs a person), signed when a key is configured; hot-list hits to
 * {@code raqib.patrol-alerts} keyed by region; rejects to {@code raqib.dead-letter}. Every sink is
 * transactional (exactly once with the job's checkpoints).
 *
 * <p>The job takes its sources and sinks in the constructor; {@link #main} only picks the Kafka ones.
 */
public final class EnforcementJob {

    /** Job name shown in Flink. */
    public static final String NAME = "raqib-enforcement";

    private final Source<RawRecord, ?, ?> reads;
    private final Source<RawRecord, ?, ?> cameras;
    private final Source<RawRecord, ?, ?> hotlist;
    private final Sink<Passage> passages;
    private final Sink<Violation> violations;
    private final Sink<Violation> review;
    private final Sink<PatrolAlert> alerts;
    private final Sink<DeadLetter> deadLetters;
    private final SpotSpeedSettings spot;
    private final EnforcementSettings settings;

    public EnforcementJob(Source<RawRecord, ?, ?> reads, Source<RawRecord, ?, ?> cameras, Source<RawRecord, ?, ?> hotlist,
                          Sink<Passage> passages, Sink<Violation> violations, Sink<Violation> review,
                          Sink<PatrolAlert> alerts, Sink<DeadLetter> deadLetters, SpotSpeedSettings spot,
                          EnforcementSettings settings) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.hotlist = Objects.requireNonNull(hotlist, "hotlist");
        this.passages = Objects.requireNonNull(passages, "passages");
        this.violations = Objects.requireNonNull(violations, "violations");
        this.review = Objects.requireNonNull(review, "review");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.spot = spot.validate();
        this.settings = settings.validate();
    }

    /** The job on Kafka, as configured by {@code options}. */
    public static EnforcementJob onKafka(JobOptions options) {
        RaqibKafka kafka = options.kafka();
        String group = options.groupIdPrefix() + ".enforcement";
        String tx = options.transactionalIdPrefix() + "-enforcement";
        return new EnforcementJob(
                kafka.source(Topics.READS, group),
                // Registry and hot-list whole, from their start, on every fresh run.
                kafka.changelogSource(Topics.CAMERAS, group + ".cameras"),
                kafka.changelogSource(Topics.HOTLIST, group + ".hotlist"),
                kafka.sink(Topics.PASSAGES, Passage::getCameraId, tx + "-passages"),
                kafka.sink(Topics.VIOLATIONS, Violation::getViolationId, tx + "-violations"),
                kafka.sink(Topics.REVIEW, Violation::getViolationId, tx + "-review"),
                kafka.sink(Topics.PATROL_ALERTS, PatrolAlert::getRegion, tx + "-alerts"),
                kafka.sink(Topics.DEAD_LETTER, DeadLetter::getSource, tx + "-dead-letters"),
                options.spotSpeed(), options.enforcement());
    }

    /** Adds this job's sources, operators and sinks to {@code env}. */
    public void attachTo(StreamExecutionEnvironment env) {
        DataStream<RawRecord> readSource = env.fromSource(reads, Passages.eventTime(settings.passages()), "reads")
                .uid("enforcement-reads-source");
        DataStream<RawRecord> readRecords = readSource
                .transform("reads-idle-without-records", readSource.getType(),
                        new IdleWithoutRecords<>(settings.passages().idleFlush().toMillis()))
                .uid("enforcement-reads-idle-without-records");
        DataStream<RawRecord> cameraRecords = env.fromSource(cameras, ChangelogWatermarks.neverHoldBack(), "cameras")
                .uid("enforcement-cameras-source");
        DataStream<RawRecord> hotlistRecords = env.fromSource(hotlist, ChangelogWatermarks.neverHoldBack(), "hotlist")
                .uid("enforcement-hotlist-source");
        Outputs out = topology(readRecords, cameraRecords, hotlistRecords, spot, settings);
        out.passages().sinkTo(passages).name("passages-sink").uid("enforcement-passages-sink");
        out.violations().sinkTo(violations).name("violations-sink").uid("enforcement-violations-sink");
        out.review().sinkTo(review).name("review-sink").uid("enforcement-review-sink");
        out.alerts().sinkTo(alerts).name("patrol-alerts-sink").uid("enforcement-patrol-alerts-sink");
        out.deadLetters().sinkTo(deadLetters).name("dead-letter-sink").uid("enforcement-dead-letter-sink");
    }

    /** The streams an enforcement topology produces. */
    public record Outputs(DataStream<Passage> passages, DataStream<Violation> violations, DataStream<Violation> review,
                          DataStream<PatrolAlert> alerts, DataStream<DeadLetter> deadLetters) {
    }

    /**
     * The topology.
     *
     * @param reads records of {@code raqib.reads}, with the event time of {@link Passages#eventTime}
     *              (given to their source, so that it is kept per Kafka partition)
     * @param cameras records of {@code raqib.cameras} (tombstones remove a camera)
     * @param hotlist records of {@code raqib.hotlist} (removals and tombstones remove an entry)
     */
    public static Outputs topology(DataStream<RawRecord> reads, DataStream<RawRecord> cameras,
                                   DataStream<RawRecord> hotlist, SpotSpeedSettings spot, EnforcementSettings settings) {
        // Cameras without radar but with a calibration get their speed from video: their reads are
        // tracked there and come back as passages with a VIDEO speed; all other reads pass through.
        VideoSpeed.Outputs video = VideoSpeed.topology(reads, settings.passages().outOfOrderness(), cameras,
                VideoSpeedSettings.defaults().withLaggingQuiet(settings.passages().idleFlush()), "enforcement");
        Passages.Outputs merged = Passages.topology(video.otherReads(), settings.passages(), "enforcement");
        DataStream<Passage> passages = merged.passages().union(video.passages());

        SpotSpeed.Outputs spotChecked = SpotSpeed.check(passages, cameras, spot, "spot-speed-check");

        SingleOutputStreamOperator<Violation> sections = passages
                .keyBy(Passage::getPlateText)
                .connect(cameras.broadcast(SectionSpeedFunction.CAMERAS))
                .process(new SectionSpeedFunction(spot.reviewThreshold(), settings.sectionMaxDuration(),
                        settings.passages().gap(), settings.sectionAllowedLateness()),
                        AvroRecordTypeInfo.forRecord(Violation.class))
                .name("section-speed-check").uid("section-speed-check");

        SingleOutputStreamOperator<PatrolAlert> alerts = passages
                .connect(cameras.union(hotlist).broadcast(HotlistFunction.HOTLIST, HotlistFunction.CAMERAS))
                .process(new HotlistFunction(settings.hotlistMaxSubstitutions()),
                        AvroRecordTypeInfo.forRecord(PatrolAlert.class))
                .name("hotlist-match").uid("hotlist-match");

        DataStream<Violation> violations = spotChecked.violations().union(sections);
        DataStream<Violation> review = spotChecked.review().union(sections.getSideOutput(SectionSpeedFunction.REVIEW));
        ViolationSigner signer = settings.signer();
        if (signer != null) {
            violations = violations.map(new SignViolations(signer), AvroRecordTypeInfo.forRecord(Violation.class))
                    .name("sign-violations").uid("sign-violations");
            review = review.map(new SignViolations(signer), AvroRecordTypeInfo.forRecord(Violation.class))
                    .name("sign-review").uid("sign-review");
        }
        DataStream<DeadLetter> deadLetters = merged.deadLetters()
                .union(spotChecked.deadLetters(), alerts.getSideOutput(HotlistFunction.DEAD_LETTERS), video.deadLetters());
        return new Outputs(passages, violations, review, alerts, deadLetters);
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
