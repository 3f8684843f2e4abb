package org.raqib.jobs.section;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.LagMetrics;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.speed.SpotSpeedRule;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link SectionSpeedRule} to passages keyed by plate text, with the camera registry as
 * broadcast state (sections, limits and markers change live).
 *
 * <p>Each pair of passages is judged once, when the later-arriving of the two comes in, against the
 * passages of the same plate kept at the neighbouring cameras; so an exit that arrives before its
 * entry is matched when the entry comes. A passage is kept only while it can still be part of a
 * violation: until the watermark passes its first sighting plus the longest
 * {@link SectionSpeedRule#violationWindow} to a neighbour (capped by {@code maxDuration}), plus
 * {@code slack} for partners still in flight, plus {@code allowedLateness} for partners from a camera
 * whose reads come behind the watermark; then an event-time timer drops it. A passage at a camera
 * that is in no section is not kept at all; one at a camera not (yet) in the registry is kept for
 * {@code maxDuration} (and the same slack and lateness), since at start-up the registry may arrive after the
 * first passages.
 *
 * <p>Why the lateness: the watermark is the least advanced <em>active</em> reads partition's clock, and a
 * partition quiet for the idle time is left out of it (a stalled camera uplink, or any partition at start-up).
 * Its reads come back behind the watermark; the passage stage completes them on the camera's own clock
 * ({@code jobs/README.md}, "Lagging cameras"), but the partner passage at the other end of the section, kept
 * only for the section's window (17 s for 0.5 km at 100 + 5 km/h), would be gone. A partner later than the
 * window plus the lateness still finds nothing. Keeping a passage longer changes no other outcome: a partner
 * on time but later than the window averages no more than limit + tolerance, so the rule finds no violation
 * (unless {@code maxDuration} cut the window short: sections longer than it takes to drive {@code maxDuration}).
 *
 * <p>Outputs: issued violations on the main output, {@link #REVIEW} for those that need a person.
 * Bad registry records are skipped here (the spot-speed check dead-letters them once for the job).
 */
public final class SectionSpeedFunction extends KeyedBroadcastProcessFunction<String, Passage, RawRecord, Violation> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SectionSpeedFunction.class);

    /** The camera registry, by camera id. */
    public static final MapStateDescriptor<String, Camera> CAMERAS =
            new MapStateDescriptor<>("section-cameras", Types.STRING, AvroRecordTypeInfo.forRecord(Camera.class));
    /** Violations that need a review. */
    public static final OutputTag<Violation> REVIEW =
            new OutputTag<>("section-review", AvroRecordTypeInfo.forRecord(Violation.class));

    /** The plate's passages kept for partners still to come, with how long each is kept. */
    // Not "kept-passages": that name held a map state before (up to 5d61afa), and a savepoint of that form would
    // fail this job's restore with incompatible state types, over and over (jobs/README, "Upgrading").
    static final ValueStateDescriptor<KeptPassages> KEPT =
            new ValueStateDescriptor<>("kept-passages-by-plate", new KeptPassages.Serializer());

    private final double reviewThreshold;
    private final Duration maxDuration;
    private final Duration slack;
    private final Duration allowedLateness;
    private transient SectionSpeedRule rule;
    private transient AvroWire<Camera> cameraWire;
    private transient ValueState<KeptPassages> kept;
    /** Not state: rebuilt from the broadcast registry, which every parallel instance holds whole. */
    private transient Map<String, List<Camera>> neighbourCache;
    private transient Counter pairsLate;
    private transient Counter passagesTooLate;

    /**
     * @param reviewThreshold plate confidence from which a violation is issued automatically
     * @param maxDuration longest a passage waits for its partner, whatever the section
     * @param slack extra event time a passage is kept for partners still being merged upstream
     *     (the passage gap)
     * @param allowedLateness extra event time a passage is kept for partners from a camera whose reads come
     *     behind the watermark (zero: none)
     */
    public SectionSpeedFunction(double reviewThreshold, Duration maxDuration, Duration slack,
                                Duration allowedLateness) {
        this.rule = new SectionSpeedRule(reviewThreshold);
        this.reviewThreshold = reviewThreshold;
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("section-max-duration must be positive, got " + maxDuration);
        }
        this.maxDuration = maxDuration;
        this.slack = slack == null ? Duration.ZERO : slack;
        if (allowedLateness != null && allowedLateness.isNegative()) {
            throw new IllegalArgumentException("section-allowed-lateness must not be negative, got " + allowedLateness);
        }
        this.allowedLateness = allowedLateness == null ? Duration.ZERO : allowedLateness;
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new SectionSpeedRule(reviewThreshold);
        cameraWire = Topics.CAMERAS.wire();
        kept = getRuntimeContext().getState(KEPT);
        neighbourCache = new java.util.HashMap<>();
        pairsLate = LagMetrics.counter(getRuntimeContext(), LagMetrics.SECTION_PAIRS_LATE);
        passagesTooLate = LagMetrics.counter(getRuntimeContext(), LagMetrics.SECTION_PASSAGES_TOO_LATE);
    }

    @Override
    public void processElement(Passage passage, ReadOnlyContext ctx, Collector<Violation> out) throws Exception {
        ReadOnlyBroadcastState<String, Camera> registry = ctx.getBroadcastState(CAMERAS);
        Camera camera = registry.get(passage.getCameraId());
        if (camera == null) {
            // At start-up the registry and the passages are read concurrently, and a section's first
            // passages often come first: keep the passage as long as any section allows, so its partner
            // finds it once the registry has arrived. A camera that is never registered costs that long.
            LOG.debug("passage {} at camera {} not in the registry (yet): kept for a partner", passage.getPassageId(),
                    passage.getCameraId());
            keep(passage, passage.getLastSeen().toEpochMilli() + maxDuration.toMillis() + extra(), ctx);
            return;
        }
        List<Camera> neighbours = neighbours(camera, registry);
        if (neighbours.isEmpty()) {
            return;
        }
        KeptPassages plate = kept.value();
        long window = 0;
        for (Camera n : neighbours) {
            window = Math.max(window, SectionSpeedRule.violationWindow(camera, n, maxDuration).toMillis());
            int i = plate == null ? -1 : closestAt(plate, n.getCameraId(), passage);
            if (i < 0) {
                continue;
            }
            Passage partner = plate.passages.get(i);
            if (plate.until[i] - allowedLateness.toMillis() <= ctx.timerService().currentWatermark()) {
                pairsLate.inc(); // the partner was kept past its window and gap for this one
            }
            Optional<Violation> v = rule.evaluate(partner, n, passage, camera);
            if (v.isPresent()) {
                LOG.debug("section violation {} ({})", v.get().getViolationId(), v.get().getStatus());
                if (v.get().getStatus() == ViolationStatus.ISSUED) {
                    out.collect(v.get());
                } else {
                    ctx.output(REVIEW, v.get());
                }
            }
        }
        long until = Math.max(passage.getFirstSeen().toEpochMilli() + window, passage.getLastSeen().toEpochMilli())
                + extra();
        keep(passage, until, ctx);
    }

    /** Event time a passage is kept beyond the last moment a partner on time could make a violation. */
    private long extra() {
        return slack.toMillis() + allowedLateness.toMillis();
    }

    /** Keeps {@code passage} for later partners until event time {@code until}, unless that has passed (counted). */
    private void keep(Passage passage, long until, ReadOnlyContext ctx) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (until <= watermark) {
            passagesTooLate.inc();
            LOG.debug("passage {} came after event time passed its section's window, gap and lateness",
                    passage.getPassageId());
            return; // no later partner can come (or be waited for): nothing to keep
        }
        KeptPassages plate = kept.value();
        if (plate == null) {
            plate = new KeptPassages();
        }
        plate.keep(passage, until);
        kept.update(plate);
        ctx.timerService().registerEventTimeTimer(until);
    }

    /**
     * The camera's section neighbours, from a cache of the registry's that each registry update drops:
     * looking through the whole registry for every passage would cost O(cameras) per passage.
     */
    private List<Camera> neighbours(Camera camera, ReadOnlyBroadcastState<String, Camera> registry) throws Exception {
        List<Camera> cached = neighbourCache.get(camera.getCameraId());
        if (cached == null) {
            List<Camera> all = new ArrayList<>();
            for (Map.Entry<String, Camera> e : registry.immutableEntries()) {
                all.add(e.getValue());
            }
            cached = List.copyOf(SectionSpeedRule.neighbours(camera, all));
            neighbourCache.put(camera.getCameraId(), cached);
        }
        return cached;
    }

    /** The index of the kept passage at {@code cameraId} first seen closest to {@code to}'s, or -1. */
    private static int closestAt(KeptPassages plate, String cameraId, Passage to) {
        int best = -1;
        long t = to.getFirstSeen().toEpochMilli();
        for (int i = 0; i < plate.size(); i++) {
            Passage p = plate.passages.get(i);
            if (p.getCameraId().equals(cameraId) && (best < 0 || Math.abs(p.getFirstSeen().toEpochMilli() - t)
                    < Math.abs(plate.passages.get(best).getFirstSeen().toEpochMilli() - t))) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Violation> out) throws Exception {
        KeptPassages plate = kept.value();
        if (plate == null) {
            return;
        }
        plate.dropUntil(timestamp);
        if (plate.size() == 0) {
            kept.clear();
        } else {
            kept.update(plate);
        }
    }

    @Override
    public void processBroadcastElement(RawRecord update, Context ctx, Collector<Violation> out) throws Exception {
        neighbourCache.clear();
        if (update.value() == null) {
            if (update.key() != null) {
                ctx.getBroadcastState(CAMERAS).remove(update.key());
            }
            return;
        }
        Camera camera;
        try {
            camera = cameraWire.decode(update.value());
        } catch (AvroWire.WireFormatException e) {
            LOG.debug("registry record {} skipped: {}", update.position(), e.getMessage());
            return;
        }
        if (SpotSpeedRule.problemWith(camera).isPresent()) {
            return; // the previous entry stays in force, as in the spot-speed check
        }
        ctx.getBroadcastState(CAMERAS).put(camera.getCameraId(), camera);
    }

    /** What this subtask's counter {@code name} (of {@link LagMetrics}) has counted since it opened. */
    long counted(String name) {
        return switch (name) {
            case LagMetrics.SECTION_PAIRS_LATE -> pairsLate.getCount();
            case LagMetrics.SECTION_PASSAGES_TOO_LATE -> passagesTooLate.getCount();
            default -> throw new IllegalArgumentException("no counter " + name + " here");
        };
    }
}
