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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.detection.speed.FrameClock;
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
 *       reads leave state. State and timers are empty when no vehicle is in view.</li>
 *   <li>The camera's frame period is learnt from the frame times it has seen ({@link FrameClock}, kept in
 *       keyed state), so frame-time jitter is averaged out of each fit.</li>
 *   <li>A read of a video camera captured at or before the last emitted track's end (read time + gap
 *       not after the watermark) goes to {@link #DEAD_LETTERS} as {@value #LATE_READ}: its vehicle may be out.</li>
 * </ul>
 */
public final class VideoSpeedFunction extends KeyedBroadcastProcessFunction<String, RawRecord, RawRecord, RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VideoSpeedFunction.class);
    static final String SOURCE = "jobs.video-speed";
    /** Dead-letter reason of a read that arrived after its track was complete. */
    public static final String LATE_READ = "late-read";
    static final long TIMER_GRID_MS = 250;

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

    private final VideoSpeedSettings settings;
    private transient AvroWire<PlateRead> readWire;
    private transient AvroWire<Camera> cameraWire;
    private transient ListState<PlateRead> open;
    private transient ValueState<double[]> clock;

    public VideoSpeedFunction(VideoSpeedSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        readWire = Topics.READS.wire();
        cameraWire = Topics.CAMERAS.wire();
        open = getRuntimeContext().getListState(OPEN);
        clock = getRuntimeContext().getState(CLOCK);
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
        if (end <= ctx.timerService().currentWatermark()) {
            ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, LATE_READ, "read captured at " + read.getCaptureTime()
                    + " arrived after event time passed its track's end", read.getCameraId(), record.value(),
                    record.position(), Instant.now()));
            return;
        }
        open.add(read);
        ctx.timerService().registerEventTimeTimer(onGrid(end));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RawRecord> out) throws Exception {
        Camera camera = ctx.getBroadcastState(CAMERAS).get(ctx.getCurrentKey());
        List<PlateRead> reads = new ArrayList<>();
        for (PlateRead r : open.get()) {
            reads.add(r);
        }
        if (reads.isEmpty()) {
            return;
        }
        long watermark = Math.max(timestamp, ctx.timerService().currentWatermark());
        FrameClock frames = FrameClock.fromState(clock.value());
        reads.stream().mapToLong(r -> r.getCaptureTime().toEpochMilli()).filter(t -> t <= watermark).sorted()
                .distinct().forEach(frames::observe);
        clock.update(frames.toState());
        if (!VideoTracks.measuresVideo(camera)) {
            // The camera lost its calibration or got a radar meanwhile: its open reads form passages
            // without a video speed rather than vanish.
            emitWithoutSpeed(reads, watermark, ctx);
            return;
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
            return;
        }
        open.update(split.open());
    }

    private void emitWithoutSpeed(List<PlateRead> reads, long watermark, OnTimerContext ctx) throws Exception {
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
}
