package org.raqib.jobs.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.models.Passage;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeptPassagesTest {

    private static final Passage ENTRY = EnforcementFixtures.passage("A", "6531UJD", 0.95, 1_000);
    private static final Passage EXIT = EnforcementFixtures.passage("B", "6531UJD", 0.95, 301_000);
    private static final Passage OTHER_ROAD = EnforcementFixtures.passage("Z", "6531UJD", 0.95, 5_000);

    private static List<Long> untils(KeptPassages k) {
        return java.util.stream.IntStream.range(0, k.size()).mapToObj(i -> k.until[i]).toList();
    }

    @Test
    void aReplayedPassageReplacesItselfAndDroppingKeepsTheLaterOnesInOrder() {
        KeptPassages k = new KeptPassages();
        k.keep(ENTRY, 90_000);
        k.keep(OTHER_ROAD, 50_000);
        k.keep(EXIT, 400_000);
        k.keep(ENTRY, 95_000); // the same passage again: kept once, with its new time
        assertEquals(List.of(ENTRY, OTHER_ROAD, EXIT), k.passages);
        assertEquals(List.of(95_000L, 50_000L, 400_000L), untils(k));

        k.dropUntil(60_000);
        assertEquals(List.of(ENTRY, EXIT), k.passages);
        assertEquals(List.of(95_000L, 400_000L), untils(k));
        k.dropUntil(400_000);
        assertEquals(0, k.size());
    }

    @Test
    void aCheckpointedPlateComesBackAsItWasAndACopyIsDeep() throws Exception {
        KeptPassages k = new KeptPassages();
        k.keep(ENTRY, 90_000);
        k.keep(EXIT, 400_000);
        KeptPassages.Serializer serializer = new KeptPassages.Serializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(k, out);
        KeptPassages back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(k.passages, back.passages);
        assertEquals(untils(k), untils(back));
        assertInstanceOf(KeptPassages.Serializer.class, serializer.snapshotConfiguration().restoreSerializer());

        KeptPassages copy = serializer.copy(k);
        copy.keep(OTHER_ROAD, 10_000);
        copy.dropUntil(95_000);
        assertEquals(List.of(ENTRY, EXIT), k.passages);
        assertEquals(List.of(90_000L, 400_000L), untils(k));
    }
}
