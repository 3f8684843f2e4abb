package org.raqib.dashboard.patrol;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a region's alerts live: raqib.patrol-alerts is keyed by region and written with Kafka's
 * default partitioner, so every alert of one region is in the same partition, in order. A patrol reads
 * only that partition (and skips the other regions that share it).
 */
public final class RegionPartition {

    private RegionPartition() {
    }

    /** The partition of {@code region} in a topic with {@code partitions} partitions (murmur2 of the key). */
    public static int of(String region, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1");
        }
        return Utils.toPositive(Utils.murmur2(region.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
