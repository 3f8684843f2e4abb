package org.raqib.jobs.passage;

import java.time.Instant;
import java.util.ArrayList;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.LagMetrics;
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
 * (plus the watermark's lag) after its last read; what is left of it is its first read's text and its
 * times, kept until the camera's own clock is two gaps past its last read, and no timer.
 *
 * <p>Event time only moves when reads arrive. So that the last vehicles before a quiet spell are not
 * held back indefinitely, a camera that has had no read for {@code idleFlush} of wall-clock time has
 * all its open passages emitted.
 *
 * <p>The watermark is the reads partitions' (the minimum over them), and a partition without reads for
 * the idle-flush time is left out of it: so a camera whose partition was quiet (at start-up, while the
 * recognisers warm up) comes back with reads behind a watermark that other cameras moved on. Such a
 * camera is <em>lagging</em>: its passages are completed on its own clock (its newest read's capture
 * time less the out-of-orderness) or by the idle flush, not by the watermark, until its own clock
 * reaches the watermark. So a camera's reads are never judged by another camera's clock.
 *
 * <p>A read that would have joined a passage already emitted (its plate or an OCR variant of the
 * passage's first read, captured within the gap of its reads) is not merged into a second passage of
 * the same vehicle: it goes to {@link #DEAD_LETTERS} as {@value #LATE_READ}, so that it is visible
 * instead of silently lost or double-counted. Any other read opens a passage, however far behind the
 * watermark it is.
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
     * The camera's open passages (each with the capture time of its latest read, kept so that neither a
     * read's search nor a timer scans reads, and its reads, the first being the one the others were
     * matched against), its passages emitted lately, its own clock and its idle-flush bookkeeping, as one
     * value ({@link CameraPassages}).
     */
    static final ValueStateDescriptor<CameraPassages> CAMERA =
            new ValueStateDescriptor<>("camera-passages-v2", new CameraPassages.Serializer());

    private final PassageSettings settings;
    private transient ValueState<CameraPassages> state;
    private transient AvroWire<PlateRead> readWire;
    private transient Counter lateReads;
    private transient Counter lagSpells;

    public PassageFunction(PassageSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(CAMERA);
        readWire = Topics.READS.wire();
        lateReads = LagMetrics.counter(getRuntimeContext(), LagMetrics.LATE_READS);
        lagSpells = LagMetrics.counter(getRuntimeContext(), LagMetrics.LAG_SPELLS);
    }

    @Override
    public void processElement(PlateRead read, Context ctx, Collector<Passage> out) throws Exception {
        long t = read.getCaptureTime().toEpochMilli();
        CameraPassages camera = state.value();
        CameraPassages.Closed passage = camera == null ? null : closedPassageOf(camera, read);
        if (passage != null) {
            LOG.debug("late read {} of camera {}", read.getReadId(), read.getCameraId());
            lateReads.inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, LATE_READ, "read " + read.getReadId() + " captured at "
                    + read.getCaptureTime() + " arrived after its passage (reads captured "
                    + Instant.ofEpochMilli(passage.first()) + " to " + Instant.ofEpochMilli(passage.last())
                    + ") was complete", read.getCameraId(), readWire.encode(read), read.getReadId(), Instant.now()));
            return;
        }
        if (camera == null) {
            camera = new CameraPassages();
        }
        long watermark = ctx.timerService().currentWatermark();
        if (!camera.lagging && t + settings.gap().toMillis() <= watermark) {
            // Its passage would be complete at once: the camera's reads come behind the other partitions'
            // (its own was idle, or is behind), so the watermark says nothing about what is still to come of it.
            camera.lagging = true;
            lagSpells.inc();
            LOG.debug("camera {} is behind the watermark: its passages complete on its own clock", read.getCameraId());
        }
        assign(camera, read, ctx.timerService());
        camera.latest = Math.max(camera.latest, t);
        long own = camera.latest - settings.outOfOrderness().toMillis();
        if (camera.lagging) {
            emitComplete(camera, own, out, ctx.timerService());
            if (own >= watermark) {
                camera.lagging = false; // caught up: the watermark completes its passages again
            }
        }
        forgetClosed(camera, own);
        long now = ctx.timerService().currentProcessingTime();
        camera.lastArrival = now;
        if (camera.flushTimer == CameraPassages.NONE) {
            camera.flushTimer = now + settings.idleFlush().toMillis();
            ctx.timerService().registerProcessingTimeTimer(camera.flushTimer);
        }
        update(camera);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Passage> out) throws Exception {
        CameraPassages camera = state.value();
        if (camera == null) {
            return; // a timer its passage no longer needs (it was flushed)
        }
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.PROCESSING_TIME) {
            onIdleTimer(camera, timestamp, ctx, out);
        } else if (!camera.lagging) {
            // (a lagging camera's passages complete on its own clock, as its reads come, or by the idle flush)
            emitComplete(camera, timestamp, out, ctx.timerService());
        }
        update(camera);
    }

    private void update(CameraPassages camera) throws java.io.IOException {
        if (camera.isEmpty()) {
            state.clear();
        } else {
            state.update(camera);
        }
    }

    /** The emitted passage {@code read} would have joined, had it come in time; null if none. */
    private CameraPassages.Closed closedPassageOf(CameraPassages camera, PlateRead read) {
        long t = read.getCaptureTime().toEpochMilli();
        long gap = settings.gap().toMillis();
        for (CameraPassages.Closed c : camera.closed) {
            if (t >= c.first() - gap && PassageBuilder.distanceToCluster(read.getPlateText(), t, c.anchorText(),
                    c.last(), gap, settings.maxEdits()) >= 0) {
                return c;
            }
        }
        return null;
    }

    /**
     * Drops the emitted passages the camera's own clock {@code own} is more than two gaps past: a read that
     * could still join one would come out of capture order by over a gap more than the reads' bound.
     */
    private void forgetClosed(CameraPassages camera, long own) {
        long twoGaps = 2 * settings.gap().toMillis();
        camera.closed.removeIf(c -> c.last() + twoGaps < own);
    }

    private void onIdleTimer(CameraPassages camera, long timestamp, OnTimerContext ctx, Collector<Passage> out) {
        if (camera.flushTimer != timestamp) {
            return;
        }
        long quietSince = camera.lastArrival == CameraPassages.NONE ? 0 : camera.lastArrival;
        long idleAt = quietSince + settings.idleFlush().toMillis();
        if (idleAt > timestamp) {
            // reads came in meanwhile: look again when the camera has been quiet long enough
            camera.flushTimer = idleAt;
            ctx.timerService().registerProcessingTimeTimer(idleAt);
            return;
        }
        camera.flushTimer = CameraPassages.NONE;
        camera.lastArrival = CameraPassages.NONE;
        camera.lagging = false; // nothing open: its next read tells again whether it is behind
        if (camera.open.isEmpty()) {
            return;
        }
        LOG.debug("camera {} quiet for {}: flushing its open passages", ctx.getCurrentKey(), settings.idleFlush());
        emitComplete(camera, Long.MAX_VALUE, out, ctx.timerService());
    }

    /**
     * Adds {@code read} to its open passage or opens one, and keeps one timer per distinct due time of
     * the open passages: a timer no other passage needs any more is deleted when its passage moves on.
     */
    private void assign(CameraPassages camera, PlateRead read, TimerService timers) {
        long t = read.getCaptureTime().toEpochMilli();
        long gap = settings.gap().toMillis();
        String text = read.getPlateText();
        CameraPassages.Open home = null;
        int homeDistance = Integer.MAX_VALUE;
        for (CameraPassages.Open passage : camera.open) {
            if (t - passage.last > gap) {
                continue; // too long after the passage's latest read: no need to compare texts
            }
            int d = PassageBuilder.distanceToCluster(text, t, passage.anchorText(), passage.last, gap, settings.maxEdits());
            // of equally close passages the one opened later wins, as in PassageBuilder.cluster
            if (d >= 0 && (d < homeDistance || (d == homeDistance && passage.id > home.id))) {
                home = passage;
                homeDistance = d;
            }
        }
        if (home == null) {
            long id = t;
            while (camera.hasId(id)) {
                id++; // two vehicles first seen in the same millisecond
            }
            ArrayList<PlateRead> reads = new ArrayList<>(4);
            reads.add(read);
            camera.open.add(new CameraPassages.Open(id, t, reads));
            timers.registerEventTimeTimer(timerAt(t + gap));
            return;
        }
        long before = timerAt(home.last + gap);
        home.reads.add(read);
        home.last = Math.max(home.last, t);
        long after = timerAt(home.last + gap);
        if (after != before) {
            if (!sharedBy(camera, before)) {
                timers.deleteEventTimeTimer(before);
            }
            timers.registerEventTimeTimer(after);
        }
    }

    /** Timers on a grid: passages of vehicles close together share one, at the cost of up to TIMER_GRID_MS latency. */
    private static long timerAt(long due) {
        return Math.floorDiv(due + TIMER_GRID_MS - 1, TIMER_GRID_MS) * TIMER_GRID_MS;
    }

    /** Whether an open passage (other than the one that just moved off it) still needs the timer at {@code due}. */
    private boolean sharedBy(CameraPassages camera, long due) {
        long gap = settings.gap().toMillis();
        for (CameraPassages.Open o : camera.open) {
            if (timerAt(o.last + gap) == due) {
                return true;
            }
        }
        return false;
    }

    private static long firstCapture(CameraPassages.Open o) {
        long first = Long.MAX_VALUE;
        for (PlateRead r : o.reads) {
            first = Math.min(first, r.getCaptureTime().toEpochMilli());
        }
        return first;
    }

    /** Emits every open passage complete at event time {@code timestamp} (last read + gap); keeps the rest. */
    private void emitComplete(CameraPassages camera, long timestamp, Collector<Passage> out, TimerService timers) {
        long gap = settings.gap().toMillis();
        java.util.Iterator<CameraPassages.Open> it = camera.open.iterator();
        while (it.hasNext()) {
            CameraPassages.Open o = it.next();
            if (o.last + gap <= timestamp) {
                Passage p = PassageBuilder.build(o.reads);
                camera.closed.add(new CameraPassages.Closed(firstCapture(o), o.last, o.anchorText()));
                LOG.debug("passage {} of camera {} from {} reads", p.getPassageId(), p.getCameraId(), p.getReadCount());
                out.collect(p);
                it.remove();
            }
        }
        if (!camera.open.isEmpty()) {
            return;
        }
        // No vehicle in front of the camera: no idle flush to wait for.
        if (camera.flushTimer != CameraPassages.NONE) {
            timers.deleteProcessingTimeTimer(camera.flushTimer);
        }
        camera.flushTimer = CameraPassages.NONE;
        camera.lastArrival = CameraPassages.NONE;
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
