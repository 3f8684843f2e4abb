package org.raqib.jobs.video;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.detection.speed.FrameClock;
import org.raqib.jobs.LagMetrics;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.PassageBuilder;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures speed from video for cameras without radar that carry a calibration
 * ({@link VideoTracks#measuresVideo}): keyed by camera id ({@code passage.ReadCamera}), with the camera
 * registry as broadcast state.
 *
 * <ul>
 *   <li>Reads of other cameras, of cameras not (yet) in the registry, and undecodable records go on
 *       unchanged on the main output to the ordinary passage stage (which dead-letters what it cannot
 *       use), so this stage changes nothing for radar cameras.</li>
 *   <li>Reads of a video camera wait in keyed state. Each sets an event-time timer at its capture time
 *       plus the track gap (rounded up to a 250 ms grid); when the watermark passes it, the camera's
 *       open reads are tracked in capture order ({@link VideoTracks#split}); every finished track becomes
 *       one {@link Passage} with speed source VIDEO and its 95% half-width on {@link #PASSAGES}, and its
 *       reads leave state. No read and no event-time timer is left when no vehicle is in view (the
 *       camera's frame clock and own clock stay: a few numbers).</li>
 *   <li>The camera's frame period is learnt from the frame times it has seen ({@link FrameClock}, kept in
 *       keyed state), so frame-time jitter is averaged out of each fit.</li>
 *   <li>A read of a video camera whose track may be out (read time + gap not after the event time up to
 *       which the camera's tracks were finished) goes to {@link #DEAD_LETTERS} as {@value #LATE_READ}.</li>
 *   <li>A camera whose read comes with its track already due (read time + gap not after the watermark,
 *       yet after what the camera finished) is <em>lagging</em>: its partition was left out of the
 *       watermark while quiet (at start-up, while the recognisers warm up) and comes back behind it, as in
 *       the passage stage ({@code PassageFunction}). Its tracks are then finished on its own clock (its
 *       newest read less the out-of-orderness), not the watermark, until that clock reaches the watermark,
 *       or once the camera has been quiet for {@link VideoSpeedSettings#laggingQuiet()} of wall clock (its
 *       backlog is through: the watermark finishes them).</li>
 * </ul>
 */
public final class VideoSpeedFunction extends KeyedBroadcastProcessFunction<String, RawRecord, RawRecord, RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VideoSpeedFunction.class);
    static final String SOURCE = "jobs.video-speed";
    /** Dead-letter reason of a read that arrived after its track was complete. */
    public static final String LATE_READ = "late-read";
    static final long TIMER_GRID_MS = 250;
    private static final long NONE = Long.MIN_VALUE;

    /** The camera registry, by camera id. */
    public static final MapStateDescriptor<String, Camera> CAMERAS =
            new MapStateDescriptor<>("video-cameras", Types.STRING, AvroRecordTypeInfo.forRecord(Camera.class));
    /** Passages with a video speed. */
    public static final OutputTag<Passage> PASSAGES =
            new OutputTag<>("video-passages", AvroRecordTypeInfo.forRecord(Passage.class));
    /** Late reads and unusable registry records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("video-dead-letters", AvroRecordTypeInfo.forRecord(DeadLetter.class));

    static final ListStateDescriptor<PlateRead> OPEN =
            new ListStateDescriptor<>("video-open-reads", AvroRecordTypeInfo.forRecord(PlateRead.class));
    static final ValueStateDescriptor<double[]> CLOCK =
            new ValueStateDescriptor<>("video-frame-clock",
                    PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO);

    /**
     * A camera's own clock: {@link #FINISHED} the event time up to which its tracks were finished, {@link #LAGGING}
     * 1 while it lags, and while it lags {@link #LATEST} its newest read's capture time and {@link #ARRIVAL} the
     * wall-clock time that read came. Written when a timer finishes tracks and at each read of a lagging camera
     * only; none of it while the camera has had no track finished and never lagged.
     */
    static final ValueStateDescriptor<long[]> LAG =
            new ValueStateDescriptor<>("video-camera-clock", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    static final int LATEST = 0;
    static final int FINISHED = 1;
    static final int LAGGING = 2;
    static final int ARRIVAL = 3;

    private final VideoSpeedSettings settings;
    private transient AvroWire<PlateRead> readWire;
    private transient AvroWire<Camera> cameraWire;
    private transient ListState<PlateRead> open;
    private transient ValueState<double[]> clock;
    private transient ValueState<long[]> lag;
    private transient Counter lateReads;
    private transient Counter lagSpells;

    public VideoSpeedFunction(VideoSpeedSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        readWire = Topics.READS.wire();
        cameraWire = Topics.CAMERAS.wire();
        open = getRuntimeContext().getListState(OPEN);
        clock = getRuntimeContext().getState(CLOCK);
        lag = getRuntimeContext().getState(LAG);
        lateReads = LagMetrics.counter(getRuntimeContext(), LagMetrics.LATE_READS);
        lagSpells = LagMetrics.counter(getRuntimeContext(), LagMetrics.LAG_SPELLS);
    }

    @Override
    public void processElement(RawRecord record, ReadOnlyContext ctx, Collector<RawRecord> out) throws Exception {
        String cameraId = ctx.getCurrentKey();
        Camera camera = ctx.getBroadcastState(CAMERAS).get(cameraId);
        if (!VideoTracks.measuresVideo(camera) || record.value() == null) {
            out.collect(record);
            return;
        }
        PlateRead read;
        try {
            read = readWire.decode(record.value());
        } catch (AvroWire.WireFormatException e) {
            out.collect(record); // the passage stage dead-letters it, as for any camera
            return;
        }
        if (!read.getCameraId().equals(cameraId)) {
            out.collect(record); // keyed under another camera (a value of an unexpected form): not this one's to measure
            return;
        }
        long t = read.getCaptureTime().toEpochMilli();
        long end = t + settings.trackGap().toMillis();
        long[] own = lag.value();
        if (own == null) {
            own = new long[] {NONE, NONE, 0, NONE};
        }
        if (end <= own[FINISHED]) {
            lateReads.inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, LATE_READ, "read captured at " + read.getCaptureTime()
                    + " arrived after event time passed its track's end", read.getCameraId(), record.value(),
                    record.position(), Instant.now()));
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        open.add(read);
        ctx.timerService().registerEventTimeTimer(onGrid(end));
        if (own[LAGGING] == 0) {
            if (end > watermark) {
                return; // the usual case: the watermark finishes its track, nothing of the camera's clock changes
            }
            own[LAGGING] = 1; // its track would be due at once: the camera's reads come behind the watermark
            lagSpells.inc();
            own[LATEST] = t;
            LOG.debug("video camera {} is behind the watermark: its tracks finish on its own clock", cameraId);
        }
        own[LATEST] = Math.max(own[LATEST], t);
        long now = ctx.timerService().currentProcessingTime();
        if (own[ARRIVAL] == NONE) {
            ctx.timerService().registerProcessingTimeTimer(now + settings.laggingQuiet().toMillis());
        }
        own[ARRIVAL] = now;
        long ownClock = own[LATEST] - settings.outOfOrderness().toMillis();
        if (ownClock >= own[FINISHED] + TIMER_GRID_MS || ownClock >= watermark) {
            finish(camera, ownClock, own, ctx); // (tracking a backlog at every read would cost its square)
        }
        if (ownClock >= watermark) {
            own[LAGGING] = 0; // caught up: the watermark finishes its tracks again
            own[ARRIVAL] = NONE;
        }
        lag.update(own);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawRecord> out) throws Exception {
        Camera camera = ctx.getBroadcastState(CAMERAS).get(ctx.getCurrentKey());
        long[] own = lag.value();
        boolean quietCheck = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        long watermark = ctx.timerService().currentWatermark();
        boolean caughtUp = false;
        if (own != null && own[LAGGING] == 1) {
            if (!quietCheck) {
                return; // finished on its own clock as its reads come
            }
            long quietAt = own[ARRIVAL] + settings.laggingQuiet().toMillis();
            long now = ctx.timerService().currentProcessingTime();
            if (now < quietAt) {
                ctx.timerService().registerProcessingTimeTimer(quietAt);
                return;
            }
            // quiet for long enough: its backlog is through, and the watermark finishes its tracks again
            own[LAGGING] = 0;
            own[ARRIVAL] = NONE;
            caughtUp = true;
        } else if (quietCheck) {
            return; // a lagging camera's quiet check after it caught up
        } else {
            watermark = Math.max(timestamp, watermark);
        }
        if (own == null) {
            own = new long[] {NONE, NONE, 0, NONE};
        }
        if (finish(camera, watermark, own, ctx) || caughtUp) {
            lag.update(own); // not at a timer that found no open read: nothing of the camera's clock moved
        }
    }

    /**
     * Finishes the camera's tracks whose last sighting is a gap before {@code until}; the rest stay open. Returns
     * whether {@code own}'s {@link #FINISHED} was moved to {@code until} (false where no read was open).
     */
    private boolean finish(Camera camera, long until, long[] own, ReadOnlyContext ctx) throws Exception {
        List<PlateRead> reads = new ArrayList<>();
        for (PlateRead r : open.get()) {
            reads.add(r);
        }
        if (reads.isEmpty()) {
            return false;
        }
        own[FINISHED] = Math.max(own[FINISHED], until);
        long watermark = until;
        FrameClock frames = FrameClock.fromState(clock.value());
        reads.stream().mapToLong(r -> r.getCaptureTime().toEpochMilli()).filter(t -> t <= watermark).sorted()
                .distinct().forEach(frames::observe);
        clock.update(frames.toState());
        if (!VideoTracks.measuresVideo(camera)) {
            // The camera lost its calibration or got a radar meanwhile: its open reads form passages
            // without a video speed rather than vanish.
            emitWithoutSpeed(reads, watermark, ctx);
            return true;
        }
        VideoTracks.Split split = VideoTracks.split(reads, camera, settings, frames.period(), watermark);
        for (VideoTracks.Finished f : split.finished()) {
            LOG.debug("video passage {} at camera {}: {} reads, speed {} +- {} km/h", f.passage().getPassageId(),
                    f.passage().getCameraId(), f.reads().size(), f.passage().getSpeedKmh(),
                    f.passage().getSpeedUncertaintyKmh());
            ctx.output(PASSAGES, f.passage());
        }
        if (split.open().isEmpty()) {
            open.clear();
        } else {
            open.update(split.open());
        }
        return true;
    }

    private void emitWithoutSpeed(List<PlateRead> reads, long watermark, ReadOnlyContext ctx) throws Exception {
        List<PlateRead> keep = new ArrayList<>();
        List<PlateRead> done = new ArrayList<>();
        for (PlateRead r : reads) {
            (r.getCaptureTime().toEpochMilli() + settings.trackGap().toMillis() <= watermark ? done : keep).add(r);
        }
        for (List<PlateRead> cluster : PassageBuilder.cluster(done, settings.trackGap(), settings.tracking().maxEdits())) {
            ctx.output(PASSAGES, PassageBuilder.build(cluster));
        }
        if (keep.isEmpty()) {
            open.clear();
        } else {
            open.update(keep);
        }
    }

    @Override
    public void processBroadcastElement(RawRecord update, Context ctx, Collector<RawRecord> out) throws Exception {
        if (update.value() == null) {
            if (update.key() != null) {
                ctx.getBroadcastState(CAMERAS).remove(update.key());
            }
            return;
        }
        try {
            Camera camera = cameraWire.decode(update.value());
            if (camera.getCalibration() != null) {
                // Fails on a malformed homography, so a bad calibration is never measured with.
                org.raqib.detection.speed.CameraCalibration.of(camera.getCalibration());
            }
            ctx.getBroadcastState(CAMERAS).put(camera.getCameraId(), camera);
        } catch (AvroWire.WireFormatException | IllegalArgumentException e) {
            // The spot-speed stage reports registry records it cannot use; here the previous entry stays.
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.warn("registry record {} not usable for video speed: {}", update.position(), e.getMessage());
            }
        }
    }

    static long onGrid(long t) {
        return Math.floorDiv(t + TIMER_GRID_MS - 1, TIMER_GRID_MS) * TIMER_GRID_MS;
    }

    /** What this subtask's counter {@code name} (of {@link LagMetrics}) has counted since it opened. */
    long counted(String name) {
        return switch (name) {
            case LagMetrics.LATE_READS -> lateReads.getCount();
            case LagMetrics.LAG_SPELLS -> lagSpells.getCount();
            default -> throw new IllegalArgumentException("no counter " + name + " here");
        };
    }
}
