package org.raqib.models;

import java.util.List;

/**
 * Every Kafka topic of Raqib, declared once: name, key and value schema. Producers and consumers
 * use these constants instead of repeating names.
 */
public final class Topics {

    /** Camera frames accepted by the gateway; key cameraId. */
    public static final Topic<CameraFrame> FRAMES = new Topic<>("raqib.frames", "cameraId", CameraFrame.class, false);
    /** Plates read in frames; key cameraId. */
    public static final Topic<PlateRead> READS = new Topic<>("raqib.reads", "cameraId", PlateRead.class, false);
    /** Vehicles passing a camera (merged reads); key cameraId. */
    public static final Topic<Passage> PASSAGES = new Topic<>("raqib.passages", "cameraId", Passage.class, false);
    /** Automatic violations for the traffic system; key violationId. */
    public static final Topic<Violation> VIOLATIONS = new Topic<>("raqib.violations", "violationId", Violation.class, false);
    /** Violations that need a human review; key violationId. */
    public static final Topic<Violation> REVIEW = new Topic<>("raqib.review", "violationId", Violation.class, false);
    /** Hot-list matches for patrols; key region. */
    public static final Topic<PatrolAlert> PATROL_ALERTS = new Topic<>("raqib.patrol-alerts", "region", PatrolAlert.class, false);
    /** Acknowledgements of patrol alerts, written by the dashboard; key region (the alert's). */
    public static final Topic<PatrolAcknowledgement> PATROL_ACKS = new Topic<>("raqib.patrol-acks", "region",
            PatrolAcknowledgement.class, false);
    /** Camera registry (compacted); key cameraId. */
    public static final Topic<Camera> CAMERAS = new Topic<>("raqib.cameras", "cameraId", Camera.class, true);
    /** Hot-list of wanted vehicles (compacted); key plateText. */
    public static final Topic<HotlistEntry> HOTLIST = new Topic<>("raqib.hotlist", "plateText", HotlistEntry.class, true);
    /** Feed health reported by the gateway; key cameraId. */
    public static final Topic<CameraHealth> CAMERA_HEALTH = new Topic<>("raqib.camera-health", "cameraId", CameraHealth.class, false);
    /** Rejected input with its reason; key source. */
    public static final Topic<DeadLetter> DEAD_LETTER = new Topic<>("raqib.dead-letter", "source", DeadLetter.class, false);

    /** All topics, for creation by the broker launcher and for documentation. */
    public static final List<Topic<?>> ALL = List.of(FRAMES, READS, PASSAGES, VIOLATIONS, REVIEW, PATROL_ALERTS,
            PATROL_ACKS, CAMERAS, HOTLIST, CAMERA_HEALTH, DEAD_LETTER);

    private Topics() {
    }

    /** The topic called {@code name}. */
    public static Topic<?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + name + "; known: "
                        + ALL.stream().map(Topic::name).toList()));
    }
}
