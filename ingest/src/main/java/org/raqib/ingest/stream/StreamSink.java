package org.raqib.ingest.stream;

import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;

/**
 * Where pulled frames and health reports go: Kafka in production ({@link KafkaStreamSink}). Called from
 * several camera threads at once, so implementations are thread-safe.
 */
public interface StreamSink extends AutoCloseable {

    /** Publishes a frame (key: its camera id). Must not block for long; failures are the sink's to report. */
    void frame(CameraFrame frame);

    /** Publishes a health report (key: its camera id). */
    void health(CameraHealth health);

    /** Flushes and releases; never throws. */
    @Override
    void close();
}
