package org.raqib.jobs.serialization;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the jobs' hand-written serializers share (for values between operators and in state, where
 * Flink's reflective serializers or Avro's generic ones cost more per record). {@link #copy(Object)} must
 * be deep: a state value holds everything an operator keeps for one key (one state access per record
 * instead of several map and value states) and is changed in place, and the heap backend copies a value
 * that a running snapshot still holds before it hands it out again, the snapshot keeping the old one.
 * Subclasses are stateless apart from reusable buffers, so equal by class, duplicated by a new instance (their
 * constructor without arguments) and remembered in checkpoints by their class name alone ({@link Snapshot}).
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

    @Override
    public final TypeSerializer<T> duplicate() {
        return instance(getClass()); // reusable buffers: one serializer per user
    }

    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(getClass().getName());
    }

    @SuppressWarnings("unchecked")
    private static <T> HandWrittenSerializer<T> instance(Class<?> type) {
        try {
            java.lang.reflect.Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return (HandWrittenSerializer<T>) c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " needs a constructor without arguments", e);
        }
    }

    /** Names the serializer's class: it has no configuration. Compatible as is with the same class. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {

        private String className;
        private ClassLoader loader;

        /** For Flink's reflective restore. */
        public Snapshot() {
        }

        Snapshot(String className) {
            this.className = className;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(className);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
            className = in.readUTF();
            loader = userCodeClassLoader;
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            try {
                return instance(Class.forName(className, false,
                        loader != null ? loader : HandWrittenSerializer.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load serializer " + className, e);
            }
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            return old instanceof Snapshot<T> previous && className.equals(previous.className)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs() : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
