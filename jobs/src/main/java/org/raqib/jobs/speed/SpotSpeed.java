package org.raqib.jobs.speed;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.Violation;

/**
 * The spot-speed stage as a topology: passages keyed by camera, checked by {@link SpotSpeedFunction}
 * against the broadcast camera registry.
 */
public final class SpotSpeed {

    private SpotSpeed() {
    }

    /** What the stage produces: issued violations, violations that need a person, rejects. */
    public record Outputs(DataStream<Violation> violations, DataStream<Violation> review,
                          DataStream<DeadLetter> deadLetters) {
    }

    /**
     * @param passages one per vehicle and camera
     * @param cameras records of {@code raqib.cameras} (tombstones remove a camera)
     * @param uidPrefix prefix of the operator's uid, unique within the job
     */
    public static Outputs check(DataStream<Passage> passages, DataStream<RawRecord> cameras, SpotSpeedSettings settings,
                                String uidPrefix) {
        SingleOutputStreamOperator<Violation> checked = passages
                .keyBy(Passage::getCameraId)
                .connect(cameras.broadcast(SpotSpeedFunction.CAMERAS))
                .process(new SpotSpeedFunction(settings), AvroRecordTypeInfo.forRecord(Violation.class))
                .name("spot-speed-check").uid(uidPrefix);
        return new Outputs(checked, checked.getSideOutput(SpotSpeedFunction.REVIEW),
                checked.getSideOutput(SpotSpeedFunction.DEAD_LETTERS));
    }
}
