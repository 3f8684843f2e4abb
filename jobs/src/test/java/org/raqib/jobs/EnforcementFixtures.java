package org.raqib.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.raqib.jobs.passage.PassageBuilder;
import org.raqib.models.Camera;
import org.raqib.models.HotlistEntry;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;

/** Test records for the enforcement stages: cameras on a road, passages, hot-list entries. */
public final class EnforcementFixtures {

    private EnforcementFixtures() {
    }

    /** An enabled radar camera on {@code road} (direction N) at {@code km}, in region {@code region-<id>}. */
    public static Camera at(String id, String road, double km, int limit, int tolerance) {
        return Camera.newBuilder(Fixtures.camera(id, limit, tolerance)).setRoadId(road).setKmMarker(km)
                .setRegion("region-" + id).build();
    }

    /** The passage of one read of {@code plate} at {@code camera} at epoch millis {@code at} (frame {@code camera-at}). */
    public static Passage passage(String camera, String plate, double confidence, long at) {
        return PassageBuilder.build(List.of(Fixtures.read(camera + "-" + at, camera, plate, confidence, 80.0, at)));
    }

    /** Three reads of {@code plate} at {@code camera}, 150 ms apart from epoch millis {@code at}: one passage. */
    public static List<PlateRead> pass(String camera, String plate, double speed, long at) {
        List<PlateRead> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(Fixtures.read(camera + "-" + at + "-" + i, camera, plate, 0.95, speed, at + i * 150L));
        }
        return out;
    }

    /** A hot-list entry; {@code validUntil} in epoch millis or {@code null}. */
    public static HotlistEntry entry(String plate, String reason, int priority, Long validUntil, boolean removed) {
        return HotlistEntry.newBuilder().setPlateText(plate).setReason(reason).setPriority(priority)
                .setValidUntil(validUntil == null ? null : Instant.ofEpochMilli(validUntil)).setRemoved(removed)
                .setUpdatedAt(Instant.ofEpochMilli(1)).build();
    }
}
