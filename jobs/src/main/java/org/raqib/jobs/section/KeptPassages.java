package org.raqib.jobs.section;

import java.io.IOException;
import java.util.ArrayList;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.jobs.serialization.HandWrittenSerializer;
import org.raqib.models.Passage;

/**
 * The passages of one plate that the section stage keeps for partners still to come, each with the event
 * time until which it is kept, as one keyed value: a plate has one or two of them, so a short list costs
 * one state access where two map states cost a map each, and a lookup, a put and an iteration per
 * passage. Checkpointed by {@link Serializer}. The passages themselves are never changed.
 */
final class KeptPassages {

    final ArrayList<Passage> passages = new ArrayList<>(2);
    /** {@code until[i]}: event time until which {@code passages.get(i)} is kept. */
    long[] until = new long[2];

    int size() {
        return passages.size();
    }

    /** Keeps {@code passage} until {@code t}; a passage with the same id (a replay) is replaced. */
    void keep(Passage passage, long t) {
        for (int i = 0; i < passages.size(); i++) {
            if (passages.get(i).getPassageId().equals(passage.getPassageId())) {
                passages.set(i, passage);
                until[i] = t;
                return;
            }
        }
        if (passages.size() == until.length) {
            until = java.util.Arrays.copyOf(until, 2 * until.length);
        }
        until[passages.size()] = t;
        passages.add(passage);
    }

    /** Drops every passage kept until {@code t} or earlier. */
    void dropUntil(long t) {
        int n = 0;
        for (int i = 0; i < passages.size(); i++) {
            if (until[i] > t) {
                passages.set(n, passages.get(i));
                until[n++] = until[i];
            }
        }
        while (passages.size() > n) {
            passages.remove(passages.size() - 1);
        }
    }

    KeptPassages deepCopy() {
        KeptPassages c = new KeptPassages();
        c.passages.addAll(passages);
        c.until = until.clone();
        return c;
    }

    /** Each passage as the jobs' other state does ({@link AvroRecordSerializer}), then its time. */
    static final class Serializer extends HandWrittenSerializer<KeptPassages> {
        private static final long serialVersionUID = 1L;
        private final AvroRecordSerializer<Passage> passages = new AvroRecordSerializer<>(Passage.class);

        @Override
        public KeptPassages createInstance() {
            return new KeptPassages();
        }

        @Override
        public KeptPassages copy(KeptPassages from) {
            return from.deepCopy();
        }

        @Override
        public void serialize(KeptPassages k, DataOutputView out) throws IOException {
            out.writeInt(k.size());
            for (int i = 0; i < k.size(); i++) {
                passages.serialize(k.passages.get(i), out);
                out.writeLong(k.until[i]);
            }
        }

        @Override
        public KeptPassages deserialize(DataInputView in) throws IOException {
            KeptPassages k = new KeptPassages();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Passage p = passages.deserialize(in);
                k.keep(p, in.readLong());
            }
            return k;
        }
    }
}
