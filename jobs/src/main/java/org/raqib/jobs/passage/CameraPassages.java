package org.raqib.jobs.passage;

import java.io.IOException;
import java.util.ArrayList;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.jobs.serialization.HandWrittenSerializer;
import org.raqib.models.PlateRead;

/**
 * Everything the passage stage keeps for one camera, as one keyed value: its open passages, the passages
 * it has emitted while a delayed read of theirs may still come, its own clock and its idle-flush
 * bookkeeping. One state access per read instead of a map iteration and four value lookups
 * (each a hash lookup in the state table); mutable, and written back once per read. Checkpointed by
 * {@link Serializer} (a {@link HandWrittenSerializer}: deep copies). The reads themselves are shared,
 * never changed (as every record in the jobs).
 */
final class CameraPassages {

    /** "Not set" for the times below (none of them can be this far in the past). */
    static final long NONE = Long.MIN_VALUE;

    /** One open passage: an id that orders passages by opening, its latest read time and its reads. */
    static final class Open {
        /** The first read's capture time, made unique within the camera. */
        final long id;
        long last;
        final ArrayList<PlateRead> reads;

        Open(long id, long last, ArrayList<PlateRead> reads) {
            this.id = id;
            this.last = last;
            this.reads = reads;
        }

        /** The read the others were matched against. */
        String anchorText() {
            return reads.get(0).getPlateText();
        }
    }

    /**
     * A passage already emitted, remembered until the camera's own clock is two gaps past it: a read that
     * would have joined it (its plate, or an OCR variant of its first read, captured within the gap of its
     * reads) is a delayed read of that vehicle, late, not a vehicle of its own.
     */
    record Closed(long first, long last, String anchorText) {
    }

    /** Open passages in the order they were opened. */
    final ArrayList<Open> open = new ArrayList<>();
    /** Wall-clock time of the camera's latest read. */
    long lastArrival = NONE;
    /** The pending idle-flush timer. */
    long flushTimer = NONE;
    /** Emitted passages a delayed read may still belong to, oldest first. */
    final ArrayList<Closed> closed = new ArrayList<>();
    /** Capture time of the camera's newest read (its own clock is this less the reads' out-of-orderness). */
    long latest = NONE;
    /**
     * Whether the camera's reads arrive behind the watermark (its partition fell behind the others', e.g.
     * marked idle while quiet): its passages are then completed on its own clock, not the watermark.
     */
    boolean lagging;

    /** Whether nothing is left, so the camera's state can be cleared. */
    boolean isEmpty() {
        return open.isEmpty() && closed.isEmpty() && lastArrival == NONE && flushTimer == NONE && !lagging;
    }

    boolean hasId(long id) {
        for (Open o : open) {
            if (o.id == id) {
                return true;
            }
        }
        return false;
    }

    CameraPassages deepCopy() {
        CameraPassages c = new CameraPassages();
        for (Open o : open) {
            c.open.add(new Open(o.id, o.last, new ArrayList<>(o.reads)));
        }
        c.lastArrival = lastArrival;
        c.flushTimer = flushTimer;
        c.closed.addAll(closed);
        c.latest = latest;
        c.lagging = lagging;
        return c;
    }

    /**
     * Writes the times as longs and each read as the jobs' other state does ({@link AvroRecordSerializer}).
     * Its form is that of state {@code camera-passages-v2}: {@code camera-passages} had no closed passages
     * and no own clock (see the jobs' README, Upgrading).
     */
    static final class Serializer extends HandWrittenSerializer<CameraPassages> {
        private static final long serialVersionUID = 1L;
        private final AvroRecordSerializer<PlateRead> reads = new AvroRecordSerializer<>(PlateRead.class);

        @Override
        public CameraPassages createInstance() {
            return new CameraPassages();
        }

        @Override
        public CameraPassages copy(CameraPassages from) {
            return from.deepCopy();
        }

        @Override
        public void serialize(CameraPassages c, DataOutputView out) throws IOException {
            out.writeLong(c.lastArrival);
            out.writeLong(c.flushTimer);
            out.writeLong(c.latest);
            out.writeBoolean(c.lagging);
            out.writeInt(c.closed.size());
            for (Closed k : c.closed) {
                out.writeLong(k.first());
                out.writeLong(k.last());
                out.writeUTF(k.anchorText());
            }
            out.writeInt(c.open.size());
            for (Open o : c.open) {
                out.writeLong(o.id);
                out.writeLong(o.last);
                out.writeInt(o.reads.size());
                for (PlateRead r : o.reads) {
                    reads.serialize(r, out);
                }
            }
        }

        @Override
        public CameraPassages deserialize(DataInputView in) throws IOException {
            CameraPassages c = new CameraPassages();
            c.lastArrival = in.readLong();
            c.flushTimer = in.readLong();
            c.latest = in.readLong();
            c.lagging = in.readBoolean();
            int closed = in.readInt();
            for (int i = 0; i < closed; i++) {
                c.closed.add(new Closed(in.readLong(), in.readLong(), in.readUTF()));
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                long id = in.readLong();
                long last = in.readLong();
                int count = in.readInt();
                ArrayList<PlateRead> rs = new ArrayList<>(count + 2);
                for (int j = 0; j < count; j++) {
                    rs.add(reads.deserialize(in));
                }
                c.open.add(new Open(id, last, rs));
            }
            return c;
        }
    }
}
