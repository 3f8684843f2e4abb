package org.raqib.jobs.passage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges plate reads, keyed by camera id, into one {@link Passage} per vehicle. Each read is assigned
 * on arrival to the camera's open passage it belongs to ({@link PassageBuilder#distanceToCluster}: same
 * plate or an OCR variant of its first read, within the gap of its latest read), or opens a new one; so
 * a read costs a look at the few vehicles in front of the camera, never a re-clustering of them. Each
 * open passage holds one event-time timer, at its latest read plus the gap (on a
 * {@value #TIMER_GRID_MS} ms grid); when the watermark passes it, the passage is built
 * ({@link PassageBuilder#build}), emitted and dropped from state. So a passage is emitted once, a gap
 * (plus the watermark's lag) after its last read, and state and timers are empty when no vehicle is in
 * front of the camera.
 *
 * <p>Event time only moves when reads arrive. So that the last vehicles before a quiet spell are not
 * held back indefinitely, a camera that has had no read for {@code idleFlush} of wall-clock time has
 * all its open passages emitted; until the watermark catches up, a read captured before the end
 * (last read + gap) of those passages is a delayed straggler and treated as late like any other.
 *
 * <p>A read whose passage may already be out (capture time + gap not after the watermark or that
 * flushed end) is not merged into a second passage of the same vehicle: it goes to
 * {@link #DEAD_LETTERS} as {@value #LATE_READ}, so that it is visible instead of silently lost or
 * double-counted.
 */
public final class PassageFunction extends KeyedProcessFunction<String, PlateRead, Passage> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PassageFunction.class);
    static final String SOURCE = "jobs.passages";
    /** Dead-letter reason of a read that arrived after its passage was complete. */
    public static final String LATE_READ = "late-read";

    /** Event-time timers are rounded up to multiples of this, ms. */
    static final long TIMER_GRID_MS = 250;

    /** Reads that came too late. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("passage-dead-letters", AvroRecordTypeInfo.forRecord(DeadLetter.class));

    /**
     * Open passages of the camera: id (the first read's capture time, made unique) to the capture time
     * of their latest read (kept, so that neither a read's search nor a timer scans reads) and their
     * reads, the first read being the one the others were matched against.
     */
    static final MapStateDescriptor<Long, Tuple2<Long, List<PlateRead>>> OPEN = new MapStateDescriptor<>(
            "open-passages", Types.LONG, new TupleTypeInfo<>(Types.LONG,
                    new ListTypeInfo<>(AvroRecordTypeInfo.forRecord(PlateRead.class))));

    /** Wall-clock time of the camera's latest read. */
    static final ValueStateDescriptor<Long> LAST_ARRIVAL = new ValueStateDescriptor<>("last-arrival", Types.LONG);
    /** The pending idle-flush timer. */
    static final ValueStateDescriptor<Long> FLUSH_TIMER = new ValueStateDescriptor<>("flush-timer", Types.LONG);
    /** End (last read + gap) of the latest passage emitted by an idle flush, until the watermark passes it. */
    static final ValueStateDescriptor<Long> FLUSHED_UNTIL = new ValueStateDescriptor<>("flushed-until", Types.LONG);

    private final PassageSettings settings;
    private transient MapState<Long, Tuple2<Long, List<PlateRead>>> open;
    private transient ValueState<Long> lastArrival;
    private transient ValueState<Long> flushTimer;
    private transient ValueState<Long> flushedUntil;
    private transient AvroWire<PlateRead> readWire;

    public PassageFunction(PassageSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getMapState(OPEN);
        lastArrival = getRuntimeContext().getState(LAST_ARRIVAL);
        flushTimer = getRuntimeContext().getState(FLUSH_TIMER);
        flushedUntil = getRuntimeContext().getState(FLUSHED_UNTIL);
        readWire = Topics.READS.wire();
    }

    @Override
    public void processElement(PlateRead read, Context ctx, Collector<Passage> out) throws Exception {
        long due = read.getCaptureTime().toEpochMilli() + settings.gap().toMillis();
        // After an idle flush, a read captured before the flushed passages' end arrives after a wall-clock
        // silence: a delayed straggler of one of them, not a vehicle of its own.
        boolean afterFlush = flushedUntil.value() != null && read.getCaptureTime().toEpochMilli() < flushedUntil.value();
        if (due <= ctx.timerService().currentWatermark() || afterFlush) {
            LOG.debug("late read {} of camera {}", read.getReadId(), read.getCameraId());
            ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, LATE_READ, "read " + read.getReadId() + " captured at "
                    + read.getCaptureTime() + " arrived after its passage was complete (watermark "
                    + Instant.ofEpochMilli(ctx.timerService().currentWatermark()) + ")", read.getCameraId(),
                    readWire.encode(read), read.getReadId(), Instant.now()));
            return;
        }
        assign(read, ctx.timerService());
        long now = ctx.timerService().currentProcessingTime();
        lastArrival.update(now);
        if (flushTimer.value() == null) {
            long at = now + settings.idleFlush().toMillis();
            flushTimer.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Passage> out) throws Exception {
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.PROCESSING_TIME) {
            onIdleTimer(timestamp, ctx, out);
            return;
        }
        Long flushed = flushedUntil.value();
        if (flushed != null && flushed <= timestamp) {
            flushedUntil.clear(); // the watermark now covers what the flush promised
        }
        emitComplete(timestamp, out, ctx.timerService());
    }

    private void onIdleTimer(long timestamp, OnTimerContext ctx, Collector<Passage> out) throws Exception {
        Long pending = flushTimer.value();
        if (pending == null || pending != timestamp) {
            return;
        }
        long quietSince = lastArrival.value() == null ? 0 : lastArrival.value();
        long idleAt = quietSince + settings.idleFlush().toMillis();
        if (idleAt > timestamp) {
            // reads came in meanwhile: look again when the camera has been quiet long enough
            flushTimer.update(idleAt);
            ctx.timerService().registerProcessingTimeTimer(idleAt);
            return;
        }
        long end = Long.MIN_VALUE;
        for (Tuple2<Long, List<PlateRead>> passage : open.values()) {
            end = Math.max(end, passage.f0 + settings.gap().toMillis());
        }
        flushTimer.clear();
        lastArrival.clear();
        if (end == Long.MIN_VALUE) {
            return;
        }
        LOG.debug("camera {} quiet for {}: flushing its open passages", ctx.getCurrentKey(), settings.idleFlush());
        emitComplete(end, out, ctx.timerService());
        if (end > ctx.timerService().currentWatermark()) {
            flushedUntil.update(Math.max(end, flushedUntil.value() == null ? Long.MIN_VALUE : flushedUntil.value()));
            // the read timers (capture + gap, rounded up) are at or after end, so one of them clears it
        }
    }

    /**
     * Adds {@code read} to its open passage or opens one, and keeps one timer per distinct due time of
     * the open passages: a timer no other passage needs any more is deleted when its passage moves on.
     */
    private void assign(PlateRead read, TimerService timers) throws Exception {
        long t = read.getCaptureTime().toEpochMilli();
        long gap = settings.gap().toMillis();
        Long home = null;
        List<PlateRead> homeReads = null;
        long homeLast = Long.MIN_VALUE;
        int homeDistance = Integer.MAX_VALUE;
        long[] dues = new long[8];
        int n = 0;
        for (Map.Entry<Long, Tuple2<Long, List<PlateRead>>> e : open.entries()) {
            Tuple2<Long, List<PlateRead>> passage = e.getValue();
            long last = passage.f0;
            if (n == dues.length) {
                dues = java.util.Arrays.copyOf(dues, 2 * n);
            }
            dues[n++] = timerAt(last + gap);
            if (t - last > gap) {
                continue; // too long after the passage's latest read: no need to compare texts
            }
            List<PlateRead> reads = passage.f1;
            int d = PassageBuilder.distanceToCluster(read.getPlateText(), t, reads.get(0).getPlateText(), last, gap,
                    settings.maxEdits());
            // of equally close passages the one opened later wins, as in PassageBuilder.cluster
            if (d >= 0 && (d < homeDistance || (d == homeDistance && e.getKey() > home))) {
                home = e.getKey();
                homeReads = reads;
                homeLast = last;
                homeDistance = d;
            }
        }
        List<PlateRead> updated;
        long updatedLast;
        if (home == null) {
            home = t;
            while (open.contains(home)) {
                home++; // two vehicles first seen in the same millisecond
            }
            updated = List.of(read);
            updatedLast = t;
        } else {
            // the passage's latest read, known from the search: no second pass over its reads
            long before = timerAt(homeLast + gap);
            updated = new ArrayList<>(homeReads.size() + 1);
            updated.addAll(homeReads);
            updated.add(read);
            updatedLast = Math.max(homeLast, t);
            long after = timerAt(updatedLast + gap);
            if (after != before && !sharedBy(dues, n, before)) {
                timers.deleteEventTimeTimer(before);
            }
        }
        open.put(home, Tuple2.of(updatedLast, updated));
        timers.registerEventTimeTimer(timerAt(updatedLast + gap));
    }

    /** Timers on a grid: passages of vehicles close together share one, at the cost of up to TIMER_GRID_MS latency. */
    private static long timerAt(long due) {
        return Math.floorDiv(due + TIMER_GRID_MS - 1, TIMER_GRID_MS) * TIMER_GRID_MS;
    }

    /** Whether {@code due} is the timer of more than one of the {@code n} open passages (the moving one and another). */
    private static boolean sharedBy(long[] dues, int n, long due) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (dues[i] == due && ++count > 1) {
                return true;
            }
        }
        return false;
    }

    /** Emits every open passage complete at event time {@code timestamp} (last read + gap); keeps the rest. */
    private void emitComplete(long timestamp, Collector<Passage> out, TimerService timers) throws Exception {
        List<Long> done = new ArrayList<>();
        boolean stillOpen = false;
        for (Map.Entry<Long, Tuple2<Long, List<PlateRead>>> e : open.entries()) {
            if (e.getValue().f0 + settings.gap().toMillis() <= timestamp) {
                Passage p = PassageBuilder.build(e.getValue().f1);
                LOG.debug("passage {} of camera {} from {} reads", p.getPassageId(), p.getCameraId(), p.getReadCount());
                out.collect(p);
                done.add(e.getKey());
            } else {
                stillOpen = true;
            }
        }
        if (stillOpen) {
            for (Long id : done) {
                open.remove(id);
            }
            return;
        }
        // No vehicle in front of the camera: nothing may stay behind but a flush's promise.
        open.clear();
        if (flushTimer.value() != null) {
            timers.deleteProcessingTimeTimer(flushTimer.value());
        }
        flushTimer.clear();
        lastArrival.clear();
    }
}
