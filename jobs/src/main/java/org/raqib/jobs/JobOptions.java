package org.raqib.jobs;

import java.time.Duration;
import java.util.Objects;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.raqib.detection.RecognizerOptions;
import org.raqib.jobs.enforcement.EnforcementSettings;
import org.raqib.jobs.kafka.RaqibKafka;
import org.raqib.jobs.passage.PassageSettings;
import org.raqib.jobs.speed.SpotSpeedSettings;

/**
 * Options of Raqib's Flink jobs, shared by {@code RecognitionJob},
 * {@code EnforcementJob} and {@link RaqibJobs}. Every key, its default and meaning:
 *
 * <table>
 *   <caption>Job options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code --bootstrap-servers}</td><td>localhost:9092</td><td>Kafka brokers</td></tr>
 *   <tr><td>{@code --checkpoint-interval}</td><td>5s</td><td>exactly-once checkpoint interval; also how
 *       long until output becomes visible to read-committed consumers</td></tr>
 *   <tr><td>{@code --parallelism}</td><td>2</td><td>operator parallelism</td></tr>
 *   <tr><td>{@code --review-threshold}</td><td>0.9</td><td>plate confidence from which a violation is
 *       issued automatically; below it goes to {@code raqib.review}</td></tr>
 *   <tr><td>{@code --max-pending-reads}</td><td>1000</td><td>reads kept per camera not (yet) in the
 *       registry</td></tr>
 *   <tr><td>{@code --unknown-camera-timeout}</td><td>5m</td><td>how long such reads wait before they are
 *       dead-lettered as {@code unknown-camera}</td></tr>
 *   <tr><td>{@code --group-id-prefix}</td><td>raqib</td><td>consumer groups are
 *       {@code <prefix>.recognition}, {@code <prefix>.enforcement}, {@code <prefix>.enforcement.cameras},
 *       {@code <prefix>.enforcement.hotlist}</td></tr>
 *   <tr><td>{@code --transactional-id-prefix}</td><td>raqib</td><td>Kafka transactional ids of the sinks
 *       start with {@code <prefix>-recognition-...} and {@code <prefix>-enforcement-...}; must be unique per
 *       deployment sharing a Kafka cluster</td></tr>
 *   <tr><td>{@code --transaction-timeout}</td><td>10m</td><td>producer {@code transaction.timeout.ms};
 *       at most the broker's {@code transaction.max.timeout.ms} (15m by default)</td></tr>
 *   <tr><td>{@code --passage-gap}</td><td>3s</td><td>event time without a read of a vehicle after which
 *       its passage is complete</td></tr>
 *   <tr><td>{@code --passage-max-edits}</td><td>2</td><td>OCR edits between two reads of one vehicle</td></tr>
 *   <tr><td>{@code --reads-out-of-orderness}</td><td>2s</td><td>how far reads may arrive out of capture
 *       order</td></tr>
 *   <tr><td>{@code --passage-idle-flush}</td><td>5s</td><td>a camera quiet this long (wall clock) has its
 *       open passages emitted, and a video camera that lagged behind the watermark its tracks finished by the
 *       watermark again</td></tr>
 *   <tr><td>{@code --section-max-duration}</td><td>1h</td><td>longest a passage waits for its section
 *       partner</td></tr>
 *   <tr><td>{@code --section-allowed-lateness}</td><td>5m</td><td>how much longer a passage waits for a
 *       partner from a camera whose reads come behind the watermark (a stalled uplink); state grows with it</td></tr>
 *   <tr><td>{@code --hotlist-max-substitutions}</td><td>1</td><td>OCR edits allowed in a hot-list match;
 *       0 = exact</td></tr>
 *   <tr><td>{@code --max-candidates}</td><td>4</td><td>candidate regions the recogniser reads per frame
 *       ({@code RecognizerOptions.maxCandidates}): raise it for cameras that see several vehicles a frame
 *       (3 plates a 1920x1080 frame, {@code ./raqib bench --frames 100 --vehicles 3 --max-candidates N}: 4 found
 *       245 of 300, 12 found 284, about 1.5 times the CPU a frame; BENCHMARKS.md)</td></tr>
 *   <tr><td>{@code --max-plates}</td><td>4</td><td>most plates reported per frame
 *       ({@code RecognizerOptions.maxPlates})</td></tr>
 *   <tr><td>{@code --signing-key}</td><td>env {@code RAQIB_SIGNING_KEY}, else none</td><td>HMAC-SHA256 key
 *       (at least 32 bytes) violations are signed with; none = unsigned</td></tr>
 *   <tr><td>{@code --models}</td><td>none: the committed models</td><td>a folder of models the training tools
 *       wrote, read by every recognition task ({@code PlateRecognizer.load}); it must exist on every TaskManager</td></tr>
 * </table>
 *
 * Durations are written {@code 500ms}, {@code 5s}, {@code 10m} or ISO-8601 ({@code PT5S}).
 *
 * @param bootstrapServers see table
 * @param checkpointInterval see table
 * @param parallelism see table
 * @param spotSpeed review threshold, pending-read bound and unknown-camera timeout
 * @param groupIdPrefix see table
 * @param transactionalIdPrefix see table
 * @param transactionTimeout see table
 * @param enforcement passages, section speed, hot-list and signing
 * @param recognizer the recognition job's recogniser settings ({@code --max-candidates}, {@code --max-plates}; the
 *                   rest detection's defaults)
 * @param models see table (null: the committed models)
 */
public record JobOptions(String bootstrapServers, Duration checkpointInterval, int parallelism,
                         SpotSpeedSettings spotSpeed, String groupIdPrefix, String transactionalIdPrefix,
                         Duration transactionTimeout, EnforcementSettings enforcement, RecognizerOptions recognizer,
                         String models) {

    /** Default Kafka brokers: the demo broker. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    /** Default checkpoint interval. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    /** Default parallelism. */
    public static final int DEFAULT_PARALLELISM = 2;
    /** Default prefix of consumer group ids. */
    public static final String DEFAULT_GROUP_ID_PREFIX = "raqib";
    /** Default prefix of transactional ids. */
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "raqib";
    /** Default producer transaction timeout (below Kafka's default 15-minute maximum). */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    static final String USAGE = String.join(System.lineSeparator(),
            "options (all optional):",
            "  --bootstrap-servers HOST:PORT    Kafka brokers (default localhost:9092)",
            "  --checkpoint-interval D          exactly-once checkpoint interval (default 5s)",
            "  --parallelism N                  operator parallelism (default 2)",
            "  --review-threshold X             plate confidence 0..1 for automatic tickets (default 0.9)",
            "  --max-pending-reads N            reads kept per camera not yet in the registry (default 1000)",
            "  --unknown-camera-timeout D       wait for an unknown camera before dead-lettering (default 5m)",
            "  --group-id-prefix P              consumer group prefix (default raqib)",
            "  --transactional-id-prefix P      Kafka transactional id prefix (default raqib)",
            "  --transaction-timeout D          producer transaction timeout, <= broker max (default 10m)",
            "  --passage-gap D                  event time after a vehicle's last read that ends its passage (default 3s)",
            "  --passage-max-edits N            OCR edits between reads of one vehicle (default 2)",
            "  --reads-out-of-orderness D       how far reads may arrive out of capture order (default 2s)",
            "  --passage-idle-flush D           emit a quiet camera's open passages after this (default 5s)",
            "  --section-max-duration D         longest a passage waits for its section partner (default 1h)",
            "  --section-allowed-lateness D     how much longer it waits for a partner from a camera behind the",
            "                                   watermark, e.g. a stalled uplink (default 5m)",
            "  --hotlist-max-substitutions N    OCR edits allowed in a hot-list match, 0 = exact (default 1)",
            "  --max-candidates N               candidate regions read per frame; raise it for cameras that see",
            "                                   several vehicles a frame (default 4)",
            "  --max-plates N                   most plates reported per frame (default 4)",
            "  --signing-key K                  HMAC key for violations, >= 32 bytes (default: env RAQIB_SIGNING_KEY, else unsigned)",
            "  --models DIR                     read plates with the models in DIR (what ./raqib train-glyphs, train and",
            "                                   train-locator --out DIR write; the committed ones for those it lacks), a",
            "                                   folder that must exist on every TaskManager (default: the committed models)",
            "durations: 500ms, 5s, 10m or ISO-8601 (PT5S)");

    /** The defaults. */
    public static JobOptions defaults() {
        return new JobOptions(DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_PARALLELISM,
                SpotSpeedSettings.defaults(), DEFAULT_GROUP_ID_PREFIX, DEFAULT_TRANSACTIONAL_ID_PREFIX,
                DEFAULT_TRANSACTION_TIMEOUT, EnforcementSettings.defaults(), RecognizerOptions.defaults(), null);
    }

    /** A copy that talks to {@code servers}. */
    public JobOptions withBootstrapServers(String servers) {
        return new JobOptions(servers, checkpointInterval, parallelism, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, recognizer, models);
    }

    /** A copy with checkpoints every {@code interval}. */
    public JobOptions withCheckpointInterval(Duration interval) {
        return new JobOptions(bootstrapServers, interval, parallelism, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, recognizer, models);
    }

    /** A copy with parallelism {@code n}. */
    public JobOptions withParallelism(int n) {
        return new JobOptions(bootstrapServers, checkpointInterval, n, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, recognizer, models);
    }

    /** A copy with other spot-speed settings. */
    public JobOptions withSpotSpeed(SpotSpeedSettings settings) {
        return new JobOptions(bootstrapServers, checkpointInterval, parallelism, settings, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, recognizer, models);
    }

    /** A copy with other enforcement settings. */
    public JobOptions withEnforcement(EnforcementSettings settings) {
        return new JobOptions(bootstrapServers, checkpointInterval, parallelism, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, settings, recognizer, models);
    }

    /** A copy whose recognition job reads with {@code options}. */
    public JobOptions withRecognizer(RecognizerOptions options) {
        return new JobOptions(bootstrapServers, checkpointInterval, parallelism, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, options, models);
    }

    /**
     * A copy whose recognition job reads with the models in the folder {@code dir} (null: the committed ones), which
     * must exist on every TaskManager ({@link org.raqib.jobs.recognition.RecognizerFactory#of}).
     */
    public JobOptions withModels(String dir) {
        return new JobOptions(bootstrapServers, checkpointInterval, parallelism, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, recognizer, dir);
    }

    /** A copy with other group and transactional id prefixes (e.g. one per test). */
    public JobOptions withIdPrefixes(String groupIdPrefix, String transactionalIdPrefix) {
        return new JobOptions(bootstrapServers, checkpointInterval, parallelism, spotSpeed, groupIdPrefix,
                transactionalIdPrefix, transactionTimeout, enforcement, recognizer, models);
    }

    /**
     * Checks the options.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad option
     */
    public JobOptions validate() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers must name at least one host:port");
        }
        if (checkpointInterval == null || checkpointInterval.toMillis() < 10) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 10ms, got " + checkpointInterval);
        }
        if (models != null && models.isBlank()) {
            throw new IllegalArgumentException("--models must name a folder");
        }
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException("--parallelism must be 1..1024, got " + parallelism);
        }
        Objects.requireNonNull(spotSpeed, "spotSpeed").validate();
        Objects.requireNonNull(enforcement, "enforcement").validate();
        try {
            Objects.requireNonNull(recognizer, "recognizer").validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--max-candidates / --max-plates: " + e.getMessage(), e);
        }
        if (groupIdPrefix == null || groupIdPrefix.isBlank()) {
            throw new IllegalArgumentException("--group-id-prefix must not be empty");
        }
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException("--transactional-id-prefix must not be empty");
        }
        if (transactionTimeout == null || transactionTimeout.compareTo(checkpointInterval) <= 0) {
            throw new IllegalArgumentException("--transaction-timeout must be longer than the checkpoint interval, got "
                    + transactionTimeout);
        }
        return this;
    }

    /** Kafka source and sink factory for these options. */
    public RaqibKafka kafka() {
        return new RaqibKafka(bootstrapServers, transactionTimeout);
    }

    /**
     * Applies parallelism and exactly-once checkpointing to {@code env}, and forbids Flink's generic
     * (Kryo) serialization: every record type has explicit type information, and a type that slips
     * through should fail at job build time rather than serialize wrongly. Enables object reuse
     * ({@link #reuseObjects}).
     */
    public void configure(StreamExecutionEnvironment env) {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        // Half an interval of processing between checkpoints however long one takes (a slow checkpoint
        // on a loaded cluster is not followed at once by the next). It also bounds Flink's random delay
        // before the first checkpoint from below: without it that delay is anywhere in [0, interval], so
        // a job could commit seconds after it starts however long the interval.
        config.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, checkpointInterval.dividedBy(2));
        reuseObjects(config);
        env.configure(config);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }

    /**
     * Turns on Flink's object reuse: a record passed between chained operators is handed over as is
     * instead of deep-copied through its serializer (the copy of every decoded read cost ~8% of the
     * enforcement bench). Safe because no Raqib operator changes a record it receives or emits after
     * emitting it: Avro records are only ever made through builders ({@code newBuilder(x)} copies),
     * {@link org.raqib.jobs.kafka.RawRecord} is immutable and its bytes are never written to,
     * {@code PassageBuilder} and {@code HotlistMatcher} sort their own copies, and what an operator keeps
     * (keyed or broadcast state, the hot-list's recent passages, the video stage's open reads) is
     * either decoded by that operator itself or comes off the network, where Flink always deserializes
     * a fresh object. Keep it that way: an operator that mutates its input must copy it first.
     */
    public static void reuseObjects(Configuration config) {
        config.set(PipelineOptions.OBJECT_REUSE, true);
    }

    /**
     * Parses {@code --key value} arguments.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static JobOptions parse(String[] args) {
        ParameterTool params;
        try {
            params = ParameterTool.fromArgs(args);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad arguments: " + e.getMessage(), e);
        }
        JobOptions d = defaults();
        SpotSpeedSettings s = d.spotSpeed();
        EnforcementSettings e = d.enforcement();
        PassageSettings p = e.passages();
        JobOptions options = new JobOptions(
                params.get("bootstrap-servers", d.bootstrapServers()),
                duration(params, "checkpoint-interval", d.checkpointInterval()),
                integer(params, "parallelism", d.parallelism()),
                new SpotSpeedSettings(
                        decimal(params, "review-threshold", s.reviewThreshold()),
                        integer(params, "max-pending-reads", s.maxPendingReads()),
                        duration(params, "unknown-camera-timeout", s.unknownCameraTimeout())),
                params.get("group-id-prefix", d.groupIdPrefix()),
                params.get("transactional-id-prefix", d.transactionalIdPrefix()),
                duration(params, "transaction-timeout", d.transactionTimeout()),
                new EnforcementSettings(
                        new PassageSettings(
                                duration(params, "passage-gap", p.gap()),
                                integer(params, "passage-max-edits", p.maxEdits()),
                                duration(params, "reads-out-of-orderness", p.outOfOrderness()),
                                duration(params, "passage-idle-flush", p.idleFlush())),
                        duration(params, "section-max-duration", e.sectionMaxDuration()),
                        duration(params, "section-allowed-lateness", e.sectionAllowedLateness()),
                        integer(params, "hotlist-max-substitutions", e.hotlistMaxSubstitutions()),
                        params.get("signing-key", System.getenv(EnforcementSettings.SIGNING_KEY_ENV))),
                d.recognizer().withMaxCandidates(integer(params, "max-candidates", d.recognizer().maxCandidates()))
                        .withMaxPlates(integer(params, "max-plates", d.recognizer().maxPlates())),
                params.get("models", d.models()));
        if (!params.getUnrequestedParameters().isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + params.getUnrequestedParameters().stream()
                    .sorted().map(k -> "--" + k).toList());
        }
        return options.validate();
    }

    /**
     * Parses for a {@code main}: prints the usage and exits 0 on {@code --help}, prints the problem and
     * exits 2 on bad options.
     */
    public static JobOptions parseOrExit(String[] args, String jobName) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(jobName + " " + USAGE);
                System.exit(0);
            }
        }
        try {
            return parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            throw e;
        }
    }

    private static int integer(ParameterTool params, String key, int fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a whole number, got '" + v + "'");
        }
    }

    private static double decimal(ParameterTool params, String key, double fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a number, got '" + v + "'");
        }
    }

    static Duration duration(ParameterTool params, String key, Duration fallback) {
        String raw = params.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return org.raqib.models.time.DurationText.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + " needs a duration such as 5s or 10m, got '" + raw + "'");
        }
    }
}
