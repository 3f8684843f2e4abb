package org.raqib.jobs.serialization;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the jobs' hand-written serializers share (for values between operators and in state, where
 * Flink's reflective serializers or Avro's generic ones cost more per record). {@link #copy(Object)} must
 * be deep: a state value holds everything an operator keeps for one key (one state access per record
 * instead of several map and value states) and is changed in place, and the heap backend copies a value
 * that a running snapshot still holds before it hands it out again, the snapshot keeping the old one.
 * Subclasses are stateless apart from reusable buffers, so equal by class.
 *
 * @param <T> the class serialized
 */
public abstract class HandWrittenSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }
}
