package org.raqib.jobs.serialization;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What the type information of the jobs' hand-serialized types shares: one value of its class, not a
 * composite Flink looks into (no fields, not a key type). Equal when of the same subclass for the same
 * class.
 *
 * @param <T> the class described
 */
public abstract class SingleValueTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isBasicType() {
        return false;
    }

    @Override
    public final boolean isTupleType() {
        return false;
    }

    @Override
    public final int getArity() {
        return 1;
    }

    @Override
    public final int getTotalFields() {
        return 1;
    }

    @Override
    public final boolean isKeyType() {
        return false;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && ((SingleValueTypeInfo<?>) o).getTypeClass().equals(getTypeClass());
    }

    @Override
    public final int hashCode() {
        return getTypeClass().hashCode();
    }

    @Override
    public final boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
