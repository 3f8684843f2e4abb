package org.raqib.ingest.simulator;

/**
 * Receives the ground truth of each frame once the broker has acknowledged it, for tests and for the
 * demo's accuracy summary. Called from the Kafka producer's I/O thread: keep it fast and thread-safe.
 */
@FunctionalInterface
public interface SimulatorListener {

    /** The frame {@code truth.frameId()} is in Kafka and shows {@code truth.plateText()}. */
    void onFrame(GroundTruth truth);

    /**
     * A vehicle's section trip is complete: its exit frame is in Kafka too (after that frame's
     * {@link #onFrame}). Ignored unless overridden.
     */
    default void onSection(SectionTruth truth) {
    }

    /** A listener that ignores everything. */
    static SimulatorListener none() {
        return t -> { };
    }
}
