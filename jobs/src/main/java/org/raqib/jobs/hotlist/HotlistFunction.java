package org.raqib.jobs.hotlist;

import java.util.List;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.jobs.passage.PlateVariants;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.DeadLetter;
import org.raqib.models.Camera;
import org.raqib.models.HotlistEntry;
import org.raqib.models.Passage;
import org.raqib.models.PatrolAlert;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches every passage against the hot-list and raises a {@link PatrolAlert} per matching entry.
 * The hot-list ({@code raqib.hotlist}) and the camera registry ({@code raqib.cameras}) arrive as one
 * broadcast stream of raw records told apart by topic; an entry with {@code removed = true} or a
 * tombstone deletes it, so updates apply without a restart. Keeps no keyed state.
 *
 * <p>A passage can come before the entry that wants it: at start-up the hot-list and the passages are read
 * concurrently, and an authority may list a vehicle seconds after a camera saw it. So each instance also
 * remembers the passages it saw in the last {@link #RECENT} (at most {@value #RECENT_MAX} of them, in
 * memory: after a restart the memory starts empty) and matches a newly listed entry against them; an entry
 * that was already in force when a passage came has alerted for it then, so an update never alerts twice.
 *
 * <p>A wanted vehicle seen by a camera the registry does not know (yet) still raises an alert, with
 * region {@value #UNKNOWN_REGION} and no position: missing a stolen car is worse than a vague alert.
 */
public final class HotlistFunction extends BroadcastProcessFunction<Passage, RawRecord, PatrolAlert> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HotlistFunction.class);
    /** Region of alerts from cameras not in the registry. */
    public static final String UNKNOWN_REGION = "unknown";

    /** The hot-list, by plate text. */
    public static final MapStateDescriptor<String, HotlistEntry> HOTLIST =
            new MapStateDescriptor<>("hotlist", Types.STRING, AvroRecordTypeInfo.forRecord(HotlistEntry.class));
    /** Undecodable hot-list records (bad registry records are dead-lettered by the spot-speed check). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("hotlist-dead-letters", AvroRecordTypeInfo.forRecord(DeadLetter.class));
    static final String SOURCE = "jobs.hotlist";

    /** The camera registry, by camera id. */
    public static final MapStateDescriptor<String, Camera> CAMERAS =
            new MapStateDescriptor<>("hotlist-cameras", Types.STRING, AvroRecordTypeInfo.forRecord(Camera.class));

    /** How long a passage is remembered for entries listed after it (processing time). */
    static final java.time.Duration RECENT = java.time.Duration.ofMinutes(2);
    /** Most passages remembered, so a burst of traffic cannot make a hot-list update costly. */
    static final int RECENT_MAX = 10_000;

    private final HotlistMatcher matcher;
    /** A passage and when it arrived (processing time). */
    private record Seen(long at, Passage passage) {
    }

    /** Passages of the last {@link #RECENT}; oldest first. */
    private transient java.util.ArrayDeque<Seen> recent;
    private transient AvroWire<HotlistEntry> entryWire;
    private transient AvroWire<Camera> cameraWire;

    public HotlistFunction(int maxSubstitutions) {
        this.matcher = new HotlistMatcher(maxSubstitutions);
    }

    @Override
    public void open(OpenContext openContext) {
        entryWire = Topics.HOTLIST.wire();
        cameraWire = Topics.CAMERAS.wire();
        recent = new java.util.ArrayDeque<>();
    }

    @Override
    public void processElement(Passage passage, ReadOnlyContext ctx, Collector<PatrolAlert> out) throws Exception {
        remember(passage, ctx.currentProcessingTime());
        ReadOnlyBroadcastState<String, HotlistEntry> hotlist = ctx.getBroadcastState(HOTLIST);
        List<HotlistMatcher.Match> matches = matcher.match(passage.getPlateText(), passage.getFirstSeen(), hotlist::get);
        LOG.debug("passage {} at camera {}: {} hot-list matches", passage.getPassageId(), passage.getCameraId(),
                matches.size());
        if (matches.isEmpty()) {
            return;
        }
        Camera camera = ctx.getBroadcastState(CAMERAS).get(passage.getCameraId());
        for (HotlistMatcher.Match m : matches) {
            out.collect(alert(passage, m, camera));
        }
    }

    private void remember(Passage passage, long now) {
        recent.addLast(new Seen(now, passage));
        while (recent.size() > RECENT_MAX || recent.peekFirst().at() < now - RECENT.toMillis()) {
            recent.removeFirst();
        }
    }

    /** Alerts for the remembered passages that {@code entry}, newly in force, matches. */
    private void matchRecent(HotlistEntry entry, HotlistEntry before, ReadOnlyBroadcastState<String, Camera> cameras,
                             long now, Collector<PatrolAlert> out) throws Exception {
        for (Seen r : recent) {
            Passage passage = r.passage();
            if (r.at() < now - RECENT.toMillis() || !HotlistMatcher.active(entry, passage.getFirstSeen())
                    || (before != null && HotlistMatcher.active(before, passage.getFirstSeen()))) {
                continue; // too old, not in force at the sighting, or already alerted when the passage came
            }
            int d = PlateVariants.distance(passage.getPlateText(), entry.getPlateText());
            if (d <= matcher.maxSubstitutions()) {
                out.collect(alert(passage, new HotlistMatcher.Match(entry, d), cameras.get(passage.getCameraId())));
            }
        }
    }

    private PatrolAlert alert(Passage passage, HotlistMatcher.Match m, Camera camera) {
        if (camera == null) {
            LOG.warn("hot-listed vehicle at camera {}, which is not in the registry: alert without a region",
                    passage.getCameraId());
        }
        HotlistEntry e = m.entry();
        return PatrolAlert.newBuilder()
                .setAlertId(ViolationIds.sha256Hex((passage.getPassageId() + "|" + e.getPlateText())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, ViolationIds.LENGTH))
                .setRegion(camera == null ? UNKNOWN_REGION : camera.getRegion())
                .setPlateText(passage.getPlateText())
                .setPlateArabic(passage.getPlateArabic())
                .setHotlistPlate(e.getPlateText())
                .setSubstitutions(m.substitutions())
                .setReason(e.getReason())
                .setPriority(e.getPriority())
                .setCameraId(passage.getCameraId())
                .setLatitude(camera == null ? Double.NaN : camera.getLatitude())
                .setLongitude(camera == null ? Double.NaN : camera.getLongitude())
                .setRoadId(camera == null ? "" : camera.getRoadId())
                .setDirection(camera == null ? "" : camera.getDirection())
                .setEventTime(passage.getFirstSeen())
                .setConfidence(passage.getConfidence())
                .setEvidenceSha256(passage.getEvidenceSha256())
                .setFrameId(passage.getBestFrameId())
                .build();
    }

    @Override
    public void processBroadcastElement(RawRecord update, Context ctx, Collector<PatrolAlert> out) throws Exception {
        boolean isHotlist = Topics.HOTLIST.name().equals(update.topic());
        if (update.value() == null) {
            if (update.key() != null) {
                (isHotlist ? ctx.getBroadcastState(HOTLIST) : ctx.getBroadcastState(CAMERAS)).remove(update.key());
            }
            return;
        }
        try {
            if (isHotlist) {
                HotlistEntry e = entryWire.decode(update.value());
                LOG.debug("hot-list record {}: {}", update.position(), e.getRemoved() ? "removal" : "entry");
                BroadcastState<String, HotlistEntry> hotlist = ctx.getBroadcastState(HOTLIST);
                if (e.getRemoved()) {
                    hotlist.remove(e.getPlateText());
                } else {
                    HotlistEntry before = hotlist.get(e.getPlateText());
                    hotlist.put(e.getPlateText(), e);
                    matchRecent(e, before, ctx.getBroadcastState(CAMERAS), ctx.currentProcessingTime(), out);
                }
            } else {
                Camera c = cameraWire.decode(update.value());
                ctx.getBroadcastState(CAMERAS).put(c.getCameraId(), c);
            }
        } catch (AvroWire.WireFormatException e) {
            // Every parallel instance receives the record; the first speaks for all.
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                LOG.warn("{} record {} skipped: {}", isHotlist ? "hot-list" : "registry", update.position(),
                        e.getMessage());
                if (isHotlist) {
                    ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, DeadLetters.UNDECODABLE_RECORD, "cannot decode "
                            + update.position() + " as HotlistEntry: " + e.getMessage(), null, update.value(),
                            update.position(), java.time.Instant.now()));
                }
            }
        }
    }
}
