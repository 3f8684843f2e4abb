package org.raqib.jobs;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * The counters the enforcement job's stages report about cameras whose reads come behind the watermark, in the
 * metric group {@value #GROUP} of each operator's subtask (so under Flink's usual scope, e.g.
 * {@code <host>.taskmanager.<tm>.<job>.<operator>.<subtask>.raqib.lateReads}), for a data engineer's dashboards and
 * alarms; {@code jobs/README.md}, "Metrics". Counters count from the subtask's start (they are not state).
 */
public final class LagMetrics {

    /** The metric group every Raqib counter is in. */
    public static final String GROUP = "raqib";
    /** Reads dead-lettered as {@code late-read} (the passage or video stage). */
    public static final String LATE_READS = "lateReads";
    /** Times a camera was found behind the watermark, its passages or tracks then completed on its own clock. */
    public static final String LAG_SPELLS = "lagSpells";
    /**
     * Pairs of section passages judged with the partner kept past its section's window and gap, for
     * {@code --section-allowed-lateness} alone: pairs that the lateness saved.
     */
    public static final String SECTION_PAIRS_LATE = "sectionPairsLate";
    /**
     * Section passages that came after their own keep time (window + gap + lateness): none can pair with them any
     * more, and their own partner may have been dropped. A count that grows says the lateness is too short for the
     * cameras' outages.
     */
    public static final String SECTION_PASSAGES_TOO_LATE = "sectionPassagesTooLate";

    private LagMetrics() {
    }

    /** The counter {@code name} of the function's subtask, in {@value #GROUP}. */
    public static Counter counter(RuntimeContext context, String name) {
        return context.getMetricGroup().addGroup(GROUP).counter(name);
    }
}
