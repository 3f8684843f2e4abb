package org.raqib.jobs.passage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * <p>A read whose passage may already be out (capture time + gap not after the watermark) is not
 * merged into a second passage of the same vehicle: it goes to {@link #DEAD_LETTERS} as
 * {@value #LATE_READ}, so that it is visible instead of silently lost or double-counted.
 */
public final class PassageFunction extends KeyedProcessFunction<String, PlateRead, Passage> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PassageFunction.class);
    static final String SOURCE = "jobs.passages";
    /** Dead-letter reason of a read that arrived after its passage was complete. */
    public static final String LATE_READ = "late-read";

    /** Reads that came too late. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("passage-dead-letters", AvroRecordTypeInfo.forRecord(DeadLetter.class));

    static final ListStateDescriptor<PlateRead> OPEN =
            new ListStateDescriptor<>("open-reads", AvroRecordTypeInfo.forRecord(PlateRead.class));

    private final PassageSettings settings;
    private transient ListState<PlateRead> open;

    public PassageFunction(PassageSettings settings) {
        this.settings = settings.validate();
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getListState(OPEN);
    }

    @Override
    public void processElement(PlateRead read, Context ctx, Collector<Passage> out) throws Exception {
        long due = read.getCaptureTime().toEpochMilli() + settings.gap().toMillis();
        if (due <= ctx.timerService().currentWatermark()) {
            LOG.debug("late read {} of camera {}", read.getReadId(), read.getCameraId());
            ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, LATE_READ, "read " + read.getReadId() + " captured at "
                    + read.getCaptureTime() + " arrived after its passage was complete (watermark "
                    + Instant.ofEpochMilli(ctx.timerService().currentWatermark()) + ")", read.getCameraId(),
                    Topics.READS.wire().encode(read), read.getReadId(), Instant.now()));
            return;
        }
        open.add(read);
        ctx.timerService().registerEventTimeTimer(due);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Passage> out) throws Exception {
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
            open.clear();
        } else {
            open.update(still);
        }
    }
}
