package org.raqib.jobs.video;

import java.time.Duration;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.ReadCamera;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;

/**
 * The video-speed stage as a topology, placed in front of the passage stage: records of
 * {@code raqib.reads} and the camera registry in; the reads of cameras it does not measure out
 * unchanged (for the passage stage), passages with a video speed, and dead letters.
 */
public final class VideoSpeed {

    private VideoSpeed() {
    }

    /** What the stage produces. */
    public record Outputs(DataStream<RawRecord> otherReads, DataStream<Passage> passages,
                          DataStream<DeadLetter> deadLetters) {
    }

    /**
     * @param reads records of {@code raqib.reads} with their event time from the source
     *              ({@link org.raqib.jobs.passage.Passages#eventTime}); keyed here by their camera
     *              ({@link ReadCamera}), and {@link Outputs#otherReads()} stays partitioned so, for the
     *              passage stage to chain on
     * @param readsOutOfOrderness the out-of-orderness the reads' watermarks already allow for; this
     *                            stage holds its event time back by what its own
     *                            {@link VideoSpeedSettings#outOfOrderness()} asks for beyond that, and
     *                            gives it back behind it (its {@code otherReads} carry the watermarks
     *                            they came with)
     * @param cameras records of {@code raqib.cameras}
     * @param uidPrefix prefix of the operators' uids, unique within the job
     */
    public static Outputs topology(DataStream<RawRecord> reads, Duration readsOutOfOrderness, DataStream<RawRecord> cameras,
                                   VideoSpeedSettings settings, String uidPrefix) {
        settings.validate();
        long hold = Math.max(0, settings.outOfOrderness().minus(readsOutOfOrderness).toMillis());
        SingleOutputStreamOperator<RawRecord> held = reads
                .transform("video-hold-event-time", reads.getType(), new EventTimeShift<>(-hold))
                .uid(uidPrefix + "-video-hold-event-time");
        SingleOutputStreamOperator<RawRecord> measured = held
                .keyBy(new ReadCamera())
                .connect(cameras.broadcast(VideoSpeedFunction.CAMERAS))
                .process(new VideoSpeedFunction(settings), reads.getType())
                .name("video-speed").uid(uidPrefix + "-video-speed");
        DataStream<RawRecord> others = measured
                .transform("video-release-event-time", reads.getType(), new EventTimeShift<>(hold))
                .uid(uidPrefix + "-video-release-event-time");
        return new Outputs(others, measured.getSideOutput(VideoSpeedFunction.PASSAGES),
                measured.getSideOutput(VideoSpeedFunction.DEAD_LETTERS));
    }

    /** The key reads are partitioned by, in front of this stage and (reinterpreted) the passage stage. */
    static String cameraKey(RawRecord r) {
        return ReadCamera.of(r);
    }
}
