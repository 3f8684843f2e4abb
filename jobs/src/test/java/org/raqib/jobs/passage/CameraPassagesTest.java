package org.raqib.jobs.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.models.PlateRead;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CameraPassagesTest {

    private static CameraPassages twoOpenPassages() {
        CameraPassages c = new CameraPassages();
        c.open.add(new CameraPassages.Open(1_000, 1_600, new ArrayList<>(List.of(
                Fixtures.read("f1", "cam-1", "6531UJD", 0.9, 100.0, 1_000),
                Fixtures.read("f3", "cam-1", "6581UJD", 0.6, 102.0, 1_600)))));
        c.open.add(new CameraPassages.Open(1_001, 1_001, new ArrayList<>(List.of(
                Fixtures.read("f2", "cam-1", "1234ABD", 0.95, 80.0, 1_001)))));
        c.lastArrival = 42;
        c.flushTimer = 5_042;
        c.closed.add(new CameraPassages.Closed(400, 700, "7788BDR"));
        c.latest = 1_600;
        c.lagging = true;
        return c;
    }

    private static void assertSame(CameraPassages expected, CameraPassages actual) {
        assertEquals(expected.lastArrival, actual.lastArrival);
        assertEquals(expected.flushTimer, actual.flushTimer);
        assertEquals(expected.closed, actual.closed);
        assertEquals(expected.latest, actual.latest);
        assertEquals(expected.lagging, actual.lagging);
        assertEquals(expected.open.size(), actual.open.size());
        for (int i = 0; i < expected.open.size(); i++) {
            assertEquals(expected.open.get(i).id, actual.open.get(i).id);
            assertEquals(expected.open.get(i).last, actual.open.get(i).last);
            assertEquals(expected.open.get(i).reads, actual.open.get(i).reads);
        }
    }

    @Test
    void aCheckpointedCameraComesBackAsItWas() throws Exception {
        CameraPassages.Serializer serializer = new CameraPassages.Serializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(twoOpenPassages(), out);
        serializer.serialize(new CameraPassages(), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertSame(twoOpenPassages(), serializer.deserialize(in));
        CameraPassages empty = serializer.deserialize(in);
        assertTrue(empty.isEmpty());
        // a restored job gets the same kind of serializer back from the snapshot
        assertInstanceOf(CameraPassages.Serializer.class, serializer.snapshotConfiguration().restoreSerializer());
    }

    @Test
    void aCopyIsDeepSoThatAValueHeldByARunningSnapshotDoesNotChangeUnderIt() {
        CameraPassages original = twoOpenPassages();
        CameraPassages copy = new CameraPassages.Serializer().copy(original);
        PlateRead later = Fixtures.read("f4", "cam-1", "6531UJD", 0.9, 100.0, 2_000);
        copy.open.get(0).reads.add(later);
        copy.open.get(0).last = 2_000;
        copy.open.remove(1);
        copy.closed.clear();
        copy.latest = 9_000;
        copy.lagging = false;
        assertSame(twoOpenPassages(), original);
    }
}
