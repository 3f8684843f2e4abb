package org.raqib.jobs.speed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link SpotSpeedRule} to passages (one per vehicle, not per frame, so a vehicle read in
 * five frames is ticketed once, at the passage's radar speed) keyed by camera id, with the camera
 * registry as broadcast state (so a changed limit or a disabled camera takes effect without a restart).
 *
 * <p>Passages that arrive before their camera (the registry and the passages are consumed concurrently;
 * at start-up passages often win) are not lost: they wait in keyed state, at most
 * {@code maxPendingReads} (counted in passages) per camera, and are checked as soon as the camera
 * arrives, which clears that state. If the camera has not arrived after {@code unknownCameraTimeout} (processing time: the
 * registry is a changelog without meaningful event time), they go to the dead-letter output as
 * {@value DeadLetters#UNKNOWN_CAMERA}. A timer left behind by a flush finds no state and does nothing.
 *
 * <p>Outputs: issued violations on the main output, {@link #REVIEW} for those that need a person,
 * {@link #DEAD_LETTERS} for passages and registry records that cannot be used.
 */
public final class SpotSpeedFunction extends KeyedBroadcastProcessFunction<String, Passage, RawRecord, Violation> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SpotSpeedFunction.class);
    static final String SOURCE = "jobs.spot-speed";

    /** The camera registry, by camera id. */
    public static final MapStateDescriptor<String, Camera> CAMERAS =
            new MapStateDescriptor<>("cameras", Types.STRING, AvroRecordTypeInfo.forRecord(Camera.class));
    /** Violations that need a review. */
    public static final OutputTag<Violation> REVIEW = new OutputTag<>("review", AvroRecordTypeInfo.forRecord(Violation.class));
    /** Rejected reads and registry records. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("spot-speed-dead-letters", AvroRecordTypeInfo.forRecord(DeadLetter.class));

    static final ListStateDescriptor<Passage> PENDING =
            new ListStateDescriptor<>("pending-passages", AvroRecordTypeInfo.forRecord(Passage.class));
    static final ValueStateDescriptor<Integer> PENDING_COUNT = new ValueStateDescriptor<>("pending-count", Types.INT);
    static final ValueStateDescriptor<Long> PENDING_DEADLINE = new ValueStateDescriptor<>("pending-deadline", Types.LONG);

    private final SpotSpeedSettings settings;
    private transient SpotSpeedRule rule;
    private transient AvroWire<Camera> cameraWire;
    private transient AvroWire<Passage> passageWire;
    private transient ListState<Passage> pending;
    private transient ValueState<Integer> pendingCount;
    private transient ValueState<Long> pendingDeadline;

    public SpotSpeedFunction(SpotSpeedSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new SpotSpeedRule(settings.reviewThreshold());
        cameraWire = Topics.CAMERAS.wire();
        passageWire = Topics.PASSAGES.wire();
        pending = getRuntimeContext().getListState(PENDING);
        pendingCount = getRuntimeContext().getState(PENDING_COUNT);
        pendingDeadline = getRuntimeContext().getState(PENDING_DEADLINE);
    }

    @Override
    public void processElement(Passage passage, ReadOnlyContext ctx, Collector<Violation> out) throws Exception {
        Camera camera = ctx.getBroadcastState(CAMERAS).get(passage.getCameraId());
        if (camera != null) {
            check(passage, camera, out, ctx::output);
            return;
        }
        int count = pendingCount.value() == null ? 0 : pendingCount.value();
        if (count >= settings.maxPendingReads()) {
            ctx.output(DEAD_LETTERS, unknownCamera(passage, "more than " + settings.maxPendingReads()
                    + " passages waiting for camera " + passage.getCameraId() + ", which is not in the registry"));
            return;
        }
        pending.add(passage);
        pendingCount.update(count + 1);
        if (pendingDeadline.value() == null) {
            long deadline = ctx.timerService().currentProcessingTime() + settings.unknownCameraTimeout().toMillis();
            pendingDeadline.update(deadline);
            ctx.timerService().registerProcessingTimeTimer(deadline);
        }
    }

    @Override
    public void processBroadcastElement(RawRecord update, Context ctx, Collector<Violation> out) throws Exception {
        if (update.value() == null) {
            if (update.key() != null) {
                // A tombstone on the compacted registry removes the camera.
                ctx.getBroadcastState(CAMERAS).remove(update.key());
                LOG.info("camera {} removed from the registry", update.key());
            }
            return;
        }
        Camera camera;
        try {
            camera = cameraWire.decode(update.value());
        } catch (AvroWire.WireFormatException e) {
            rejectRegistryRecord(update, DeadLetters.UNDECODABLE_RECORD, "cannot decode " + update.position()
                    + " as Camera: " + e.getMessage(), ctx);
            return;
        }
        Optional<String> problem = SpotSpeedRule.problemWith(camera);
        if (problem.isPresent()) {
            // The previous entry, if any, stays in force: a bad update must not switch enforcement off.
            rejectRegistryRecord(update, DeadLetters.INVALID_CAMERA, problem.get(), ctx);
            return;
        }
        ctx.getBroadcastState(CAMERAS).put(camera.getCameraId(), camera);
        String cameraId = camera.getCameraId();
        List<Passage> waiting = new ArrayList<>();
        ctx.applyToKeyedState(PENDING, (key, state) -> {
            if (key.equals(cameraId)) {
                for (Passage passage : state.get()) {
                    waiting.add(passage);
                }
                // applyToKeyedState sets the current key, so these handles address this camera's state.
                state.clear();
                pendingCount.clear();
                pendingDeadline.clear();
            }
        });
        for (Passage passage : waiting) {
            check(passage, camera, out, ctx::output);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Violation> out) throws Exception {
        Long deadline = pendingDeadline.value();
        if (deadline == null || deadline != timestamp) {
            return;
        }
        ReadOnlyBroadcastState<String, Camera> cameras = ctx.getBroadcastState(CAMERAS);
        Camera camera = cameras.get(ctx.getCurrentKey());
        for (Passage passage : pending.get()) {
            if (camera != null) {
                check(passage, camera, out, ctx::output);
            } else {
                ctx.output(DEAD_LETTERS, unknownCamera(passage, "camera " + passage.getCameraId() + " did not appear in "
                        + "the registry within " + settings.unknownCameraTimeout()));
            }
        }
        pending.clear();
        pendingCount.clear();
        pendingDeadline.clear();
    }

    private interface SideOutput {
        <X> void output(OutputTag<X> tag, X value);
    }

    private void check(Passage passage, Camera camera, Collector<Violation> out, SideOutput side) {
        Optional<Violation> violation = rule.evaluate(SpotObservation.of(passage), camera);
        if (violation.isEmpty()) {
            return;
        }
        Violation v = violation.get();
        LOG.debug("violation {} ({}) for passage {}", v.getViolationId(), v.getStatus(), passage.getPassageId());
        if (v.getStatus() == ViolationStatus.ISSUED) {
            out.collect(v);
        } else {
            side.output(REVIEW, v);
        }
    }

    private DeadLetter unknownCamera(Passage passage, String detail) {
        return DeadLetters.of(SOURCE, DeadLetters.UNKNOWN_CAMERA, detail, passage.getCameraId(), passageWire.encode(passage),
                passage.getPassageId(), Instant.now());
    }

    private void rejectRegistryRecord(RawRecord update, String reason, String detail, Context ctx) {
        // Every parallel instance receives the whole registry; one of them speaks for all.
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            LOG.warn("registry record {} rejected: {}", update.position(), detail);
            ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, reason, detail, update.key(), update.value(),
                    update.position(), Instant.now()));
        }
    }
}
