package org.raqib.jobs.kafka;

import java.io.Serializable;

/**
 * The Kafka key of a record (e.g. {@code Violation::getViolationId}); serializable so that Flink
 * can ship it to the sink tasks.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface RecordKey<T> extends Serializable {

    /** The key of {@code value}, or {@code null} for none. */
    String of(T value);
}
