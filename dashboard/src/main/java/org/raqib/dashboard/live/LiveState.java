package org.raqib.dashboard.live;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.raqib.dashboard.access.Role;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;
import org.raqib.models.PatrolAcknowledgement;
import org.raqib.models.PatrolAlert;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateRead;
import org.raqib.models.Violation;

/**
 * The dashboard's picture of the network, built from the topics and bounded in memory: the newest
 * violations, review cases and alerts, the cameras and their feeds, recent frames (for evidence) and
 * the trend counters. Every change is also handed to a {@link Listener} (the browsers' event stream).
 * Thread-safe: the consumer thread writes, HTTP threads read.
 */
public final class LiveState {

    /** Receives every change, with the view that shows it. */
    @FunctionalInterface
    public interface Listener {
        /** {@code data} is one of the {@link Views} records. */
        void changed(String type, Role.View view, Object data);
    }

    /** Health reports older than this no longer decide a camera's state. */
    static final long HEALTH_FRESH_MS = 60_000;
    /** Frames within this time: online. */
    static final long ONLINE_MS = 30_000;
    /** Frames within this time (but not {@link #ONLINE_MS}): degraded; older or none: offline. */
    static final long DEGRADED_MS = 120_000;

    private record ReadBox(String plateText, double confidence, PlateBox box) {
    }

    private static final class Activity {
        long frames;
        long reads;
        Long lastFrameAt;
        /** How long before the newest frame's arrival it was captured (a camera sending a backlog is behind). */
        Long lastFrameBehindMs;
        Long lastReadAt;
        String lastFrameId;
        byte[] lastJpeg;
        final Deque<Long> recentFrames = new ArrayDeque<>();
    }

    private final Clock clock;
    private final int maxItems;
    private final Listener listener;
    private final Map<String, Camera> cameras = new TreeMap<>();
    private final Map<String, CameraHealth> health = new HashMap<>();
    private final Map<String, Activity> activity = new HashMap<>();
    private final Deque<Views.ViolationView> issued = new ArrayDeque<>();
    private final Deque<Views.ViolationView> review = new ArrayDeque<>();
    private final Map<String, Views.ViolationView> violationsById = new HashMap<>();
    private final Deque<Views.AlertView> alerts = new ArrayDeque<>();
    private final Map<String, Views.AckView> acks = new HashMap<>();
    private final TreeSet<String> regions = new TreeSet<>();
    private final BoundedLru<String, byte[]> frames;
    private final BoundedLru<String, List<ReadBox>> readsByFrame = new BoundedLru<>(20_000, v -> 1);
    private final BoundedLru<String, byte[]> evidence = new BoundedLru<>(16L << 20, v -> v.length);
    private final Trends trends = new Trends();

    /**
     * @param maxItems how many violations, review cases and alerts each list keeps
     * @param frameCacheBytes memory for recent frames, from which evidence crops are cut
     */
    public LiveState(Clock clock, int maxItems, long frameCacheBytes, Listener listener) {
        this.clock = clock;
        this.maxItems = maxItems;
        this.frames = new BoundedLru<>(frameCacheBytes, v -> v.length);
        this.listener = listener;
    }

    /** A camera of the registry (compacted topic: the latest entry wins). */
    public synchronized void camera(Camera c) {
        cameras.put(c.getCameraId(), c);
        regions.add(c.getRegion());
        listener.changed("camera", Role.View.CAMERAS, cameraView(c.getCameraId(), clock.millis()));
    }

    /** A feed-health report. */
    public synchronized void health(CameraHealth h) {
        health.put(h.getCameraId(), h);
    }

    /** A frame: kept for evidence, and counted for the camera's feed state. */
    public synchronized void frame(CameraFrame f) {
        java.nio.ByteBuffer b = f.getJpeg().duplicate();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        frames.put(f.getFrameId(), copy);
        Activity a = activity.computeIfAbsent(f.getCameraId(), k -> new Activity());
        long at = f.getReceiveTime().toEpochMilli();
        a.frames++;
        if (a.lastFrameAt == null || at >= a.lastFrameAt) {
            a.lastFrameAt = at;
            a.lastFrameBehindMs = Math.max(0, at - f.getCaptureTime().toEpochMilli());
            a.lastFrameId = f.getFrameId();
            a.lastJpeg = copy;
        }
        a.recentFrames.addLast(at);
        while (a.recentFrames.size() > 2000 || (!a.recentFrames.isEmpty()
                && a.recentFrames.peekFirst() < clock.millis() - ONLINE_MS)) {
            a.recentFrames.removeFirst();
        }
    }

    /**
     * A plate read: its box is kept for evidence crops, it counts for reads per second and, when
     * {@code live}, for latency.
     */
    public synchronized void read(PlateRead r, boolean live) {
        List<ReadBox> boxes = readsByFrame.get(r.getFrameId());
        List<ReadBox> updated = boxes == null ? new ArrayList<>() : new ArrayList<>(boxes);
        updated.add(new ReadBox(r.getPlateText(), r.getConfidence(), r.getBox()));
        readsByFrame.put(r.getFrameId(), updated);
        Activity a = activity.computeIfAbsent(r.getCameraId(), k -> new Activity());
        a.reads++;
        long capture = r.getCaptureTime().toEpochMilli();
        a.lastReadAt = a.lastReadAt == null ? capture : Math.max(a.lastReadAt, capture);
        trends.read(capture);
        if (live) {
            long now = clock.millis();
            trends.readLatency(now, now - capture);
        }
    }

    /** A violation from raqib.violations ({@code review} false) or raqib.review ({@code review} true). */
    public synchronized void violation(Violation v, boolean review, boolean live) {
        if (violationsById.containsKey(v.getViolationId())) {
            return;
        }
        List<String> cams = List.copyOf(v.getCameraIds());
        Camera cam = cams.isEmpty() ? null : cameras.get(cams.get(cams.size() - 1));
        Views.ViolationView view = new Views.ViolationView(v.getViolationId(), review ? "review" : "issued",
                v.getType().name(), v.getStatus().name(), PlateText.of(v.getPlateText(), v.getPlateArabic()),
                v.getConfidence(), cams, cam == null ? null : cam.getName(), v.getRoadId(), v.getRegion(),
                v.getEventTime().toEpochMilli(), v.getEntryTime() == null ? null : v.getEntryTime().toEpochMilli(),
                v.getDetectedAt().toEpochMilli(), v.getMeasuredSpeedKmh(), v.getSpeedLimitKmh(),
                v.getToleranceKmh(), v.getExcessKmh(), v.getSpeedBand(), v.getSpeedSource().name(),
                v.getSignature() != null, List.copyOf(v.getFrameIds()), "/api/evidence/v/" + v.getViolationId());
        Deque<Views.ViolationView> list = review ? this.review : issued;
        list.addFirst(view);
        violationsById.put(view.id(), view);
        while (list.size() > maxItems) {
            violationsById.remove(list.removeLast().id());
        }
        regions.add(v.getRegion());
        trends.violation(v.getType(), view.eventTime());
        if (live) {
            long now = clock.millis();
            trends.violationLatency(now, now - view.eventTime());
        }
        cutEvidence("v/" + view.id(), view.frameIds(), v.getPlateText());
        listener.changed(review ? "review" : "violation", Role.View.LIVE, view);
    }

    /** A patrol alert. */
    public synchronized void alert(PatrolAlert p) {
        if (alerts.stream().anyMatch(a -> a.id().equals(p.getAlertId()))) {
            return;
        }
        Camera cam = cameras.get(p.getCameraId());
        Views.AlertView view = new Views.AlertView(p.getAlertId(), p.getRegion(),
                PlateText.of(p.getPlateText(), p.getPlateArabic()), p.getHotlistPlate(), p.getSubstitutions(),
                p.getReason(), p.getPriority(), p.getCameraId(), cam == null ? null : cam.getName(),
                p.getLatitude(), p.getLongitude(), p.getRoadId(), p.getDirection(), p.getEventTime().toEpochMilli(),
                p.getConfidence(), p.getFrameId(), "/api/evidence/a/" + p.getAlertId(), acks.get(p.getAlertId()));
        alerts.addFirst(view);
        while (alerts.size() > maxItems) {
            alerts.removeLast();
        }
        regions.add(p.getRegion());
        cutEvidence("a/" + view.id(), List.of(p.getFrameId()), p.getPlateText());
        listener.changed("alert", Role.View.PATROL, view);
    }

    /** An acknowledgement, from this dashboard or another. */
    public synchronized void acknowledgement(PatrolAcknowledgement a) {
        Views.AckView ack = new Views.AckView(a.getAlertId(), a.getRegion(), a.getAcknowledgedBy(), a.getRole(),
                a.getAcknowledgedAt().toEpochMilli(), a.getNote());
        if (acks.containsKey(a.getAlertId())) {
            return; // the first acknowledgement counts; later ones are in Kafka for the record
        }
        acks.put(a.getAlertId(), ack);
        List<Views.AlertView> updated = new ArrayList<>(alerts);
        alerts.clear();
        for (Views.AlertView v : updated) {
            alerts.addLast(v.id().equals(ack.alertId()) ? v.withAck(ack) : v);
        }
        listener.changed("ack", Role.View.PATROL, ack);
    }

    /** The alert with {@code id}, if still kept. */
    public synchronized Optional<Views.AlertView> alertById(String id) {
        return alerts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * The evidence picture for {@code key} ({@code v/<violationId>} or {@code a/<alertId>}): cut when the
     * record arrived, or now if its frame has come in since.
     */
    public synchronized Optional<byte[]> evidence(String key) {
        byte[] cut = evidence.get(key);
        if (cut != null) {
            return Optional.of(cut);
        }
        if (key.startsWith("v/")) {
            Views.ViolationView v = violationsById.get(key.substring(2));
            if (v != null) {
                return Optional.ofNullable(cutEvidence(key, v.frameIds(), v.plate().latinDigits()
                        + v.plate().latinLetters()));
            }
        } else if (key.startsWith("a/")) {
            Optional<Views.AlertView> a = alertById(key.substring(2));
            if (a.isPresent()) {
                return Optional.ofNullable(cutEvidence(key, List.of(a.get().frameId()),
                        a.get().plate().latinDigits() + a.get().plate().latinLetters()));
            }
        }
        return Optional.empty();
    }

    /** The latest frame of a camera, as received. */
    public synchronized Optional<byte[]> lastFrame(String cameraId) {
        Activity a = activity.get(cameraId);
        return Optional.ofNullable(a == null ? null : a.lastJpeg);
    }

    private byte[] cutEvidence(String key, List<String> frameIds, String plateText) {
        // Prefer the frame whose read is this plate (best confidence), else any cached frame.
        byte[] best = null;
        ReadBox bestBox = null;
        for (String frameId : frameIds) {
            byte[] jpeg = frames.get(frameId);
            if (jpeg == null) {
                continue;
            }
            List<ReadBox> boxes = readsByFrame.get(frameId);
            ReadBox box = boxes == null ? null : boxes.stream()
                    .sorted(Comparator.comparing((ReadBox b) -> !b.plateText().equals(plateText))
                            .thenComparing(b -> -b.confidence()))
                    .findFirst().orElse(null);
            if (best == null || (bestBox == null && box != null)
                    || (box != null && box.plateText().equals(plateText) && box.confidence() > bestBox.confidence())) {
                best = jpeg;
                bestBox = box;
            }
        }
        if (best == null) {
            return null;
        }
        byte[] cut = EvidenceCrop.crop(best, bestBox == null ? null : bestBox.box()).orElse(null);
        if (cut != null) {
            evidence.put(key, cut);
        }
        return cut;
    }

    /** Every camera with its current state. */
    public synchronized List<Views.CameraView> cameras() {
        long now = clock.millis();
        return cameras.keySet().stream().map(id -> cameraView(id, now)).toList();
    }

    private Views.CameraView cameraView(String id, long now) {
        Camera c = cameras.get(id);
        Activity a = activity.getOrDefault(id, new Activity());
        CameraHealth h = health.get(id);
        String state;
        String source;
        double fps;
        Long lastFrame = a.lastFrameAt;
        String message = "";
        if (h != null && now - h.getReportedAt().toEpochMilli() <= HEALTH_FRESH_MS
                && h.getState() != CameraState.UNKNOWN) {
            state = h.getState().name();
            source = "health";
            fps = h.getFramesPerSecond();
            message = h.getMessage();
            if (h.getLastFrameTime() != null) {
                lastFrame = h.getLastFrameTime().toEpochMilli();
            }
        } else {
            source = "frames";
            long recent = a.recentFrames.stream().filter(t -> t >= now - ONLINE_MS).count();
            fps = recent / (ONLINE_MS / 1000.0);
            if (c != null && !c.getEnabled()) {
                state = "DISABLED";
            } else if (a.lastFrameAt != null && now - a.lastFrameAt <= ONLINE_MS) {
                state = CameraState.ONLINE.name();
            } else if (a.lastFrameAt != null && now - a.lastFrameAt <= DEGRADED_MS) {
                state = CameraState.DEGRADED.name();
            } else {
                state = CameraState.OFFLINE.name();
            }
        }
        return new Views.CameraView(id, c.getName(), c.getRegion(), c.getRoadId(), c.getDirection(),
                c.getKmMarker(), c.getLatitude(), c.getLongitude(), c.getSpeedLimitKmh(), c.getToleranceKmh(),
                c.getHasRadar(), c.getEnabled(), state, source, Math.round(fps * 100) / 100.0, lastFrame,
                a.lastReadAt, a.frames, a.reads, message, a.lastJpeg != null, a.lastFrameBehindMs);
    }

    /** The Trends view now. */
    public synchronized Views.TrendsView trends() {
        return trends.view(clock.millis());
    }

    /** The whole picture, limited to what {@code role} sees. */
    public synchronized Views.Snapshot snapshot(Role role) {
        boolean live = role.sees(Role.View.LIVE);
        boolean cams = role.sees(Role.View.CAMERAS);
        return new Views.Snapshot(live ? List.copyOf(issued) : List.of(), live ? List.copyOf(review) : List.of(),
                role.sees(Role.View.PATROL) ? List.copyOf(alerts) : List.of(),
                cams || role.sees(Role.View.PATROL) ? cameras() : List.of(),
                role.sees(Role.View.TRENDS) ? trends() : null, List.copyOf(regions));
    }

    /** Issued violations ({@code review} false) or review cases, newest first. */
    public synchronized List<Views.ViolationView> violations(boolean review) {
        return List.copyOf(review ? this.review : issued);
    }

    /** Alerts of {@code region} (all when null), newest event first. */
    public synchronized List<Views.AlertView> alerts(String region) {
        return alerts.stream().filter(a -> region == null || a.region().equals(region))
                .sorted(Comparator.comparingLong(Views.AlertView::eventTime).reversed()).toList();
    }
}
