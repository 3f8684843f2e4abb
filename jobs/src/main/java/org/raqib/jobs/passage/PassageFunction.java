package org.raqib.jobs.passage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges plate reads, keyed by camera id, into one {@link Passage} per vehicle: the open reads of the
 * camera wait in keyed state; each read sets an event-time timer at its capture time plus the gap;
 * when the watermark passes it, the reads are clustered ({@link PassageBuilder#cluster}) and every
 * cluster whose last read is a gap behind is emitted and dropped from state. So a passage is emitted
 * once, a gap (plus the watermark's lag) after its last read, and state is empty when no vehicle is
 * in front of the camera.
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

    static final ListStateDescriptor<PlateRead> OPEN =
            new ListStateDescriptor<>("open-reads", AvroRecordTypeInfo.forRecord(PlateRead.class));

    /** Wall-clock time of the camera's latest read. */
    static final ValueStateDescriptor<Long> LAST_ARRIVAL = new ValueStateDescriptor<>("last-arrival", Types.LONG);
    /** The pending idle-flush timer. */
    static final ValueStateDescriptor<Long> FLUSH_TIMER = new ValueStateDescriptor<>("flush-timer", Types.LONG);
    /** End (last read + gap) of the latest passage emitted by an idle flush, until the watermark passes it. */
    static final ValueStateDescriptor<Long> FLUSHED_UNTIL = new ValueStateDescriptor<>("flushed-until", Types.LONG);

    private final PassageSettings settings;
    private transient ListState<PlateRead> open;
    private transient ValueState<Long> lastArrival;
    private transient ValueState<Long> flushTimer;
    private transient ValueState<Long> flushedUntil;

    public PassageFunction(PassageSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getListState(OPEN);
        lastArrival = getRuntimeContext().getState(LAST_ARRIVAL);
        flushTimer = getRuntimeContext().getState(FLUSH_TIMER);
        flushedUntil = getRuntimeContext().getState(FLUSHED_UNTIL);
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
                    Topics.READS.wire().encode(read), read.getReadId(), Instant.now()));
            return;
        }
        open.add(read);
        // Timers on a grid: the reads of one vehicle share one, at the cost of up to TIMER_GRID_MS latency.
        ctx.timerService().registerEventTimeTimer(Math.floorDiv(due + TIMER_GRID_MS - 1, TIMER_GRID_MS) * TIMER_GRID_MS);
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
        for (PlateRead r : open.get()) {
            end = Math.max(end, r.getCaptureTime().toEpochMilli() + settings.gap().toMillis());
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

    /** Emits every cluster complete at event time {@code timestamp}; keeps the rest. */
    private void emitComplete(long timestamp, Collector<Passage> out,
                              org.apache.flink.streaming.api.TimerService timers) throws Exception {
        List<PlateRead> reads = new ArrayList<>();
        for (PlateRead r : open.get()) {
            reads.add(r);
        }
        if (reads.isEmpty()) {
            return;
        }
        List<PlateRead> still = new ArrayList<>();
        for (List<PlateRead> cluster : PassageBuilder.cluster(reads, settings.gap(), settings.maxEdits())) {
            long last = cluster.get(cluster.size() - 1).getCaptureTime().toEpochMilli();
            if (last + settings.gap().toMillis() <= timestamp) {
                Passage p = PassageBuilder.build(cluster);
                LOG.debug("passage {} of camera {} from {} reads", p.getPassageId(), p.getCameraId(), p.getReadCount());
                out.collect(p);
            } else {
                still.addAll(cluster);
            }
        }
        if (still.isEmpty()) {
            // No vehicle in front of the camera: nothing may stay behind but a flush's promise.
            open.clear();
            if (flushTimer.value() != null) {
                timers.deleteProcessingTimeTimer(flushTimer.value());
            }
            flushTimer.clear();
            lastArrival.clear();
        } else {
            open.update(still);
        }
    }
}
