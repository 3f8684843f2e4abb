package org.raqib.dashboard.patrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegionPartitionTest {

    @Test
    void sameAsTheProducersDefaultPartitioner() {
        for (String region : new String[] {"riyadh-central", "riyadh-north", "eastern", "makkah", "x"}) {
            for (int n : new int[] {1, 2, 3, 12}) {
                assertEquals(BuiltInPartitioner.partitionForKey(region.getBytes(StandardCharsets.UTF_8), n),
                        RegionPartition.of(region, n), region + " / " + n);
            }
        }
    }
}
