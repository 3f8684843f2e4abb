package org.raqib.dashboard.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.raqib.models.ViolationType;

/**
 * Counters behind the Trends view. Not thread-safe: {@link LiveState} guards it.
 *
 * <p>Latency is measured as (wall clock when the dashboard's read-committed consumer got the record)
 * minus (capture time of the frame): what any outside consumer experiences, checkpoint commits
 * included. Violations' {@code detectedAt} is event-derived (equal on replay), so it cannot measure
 * latency. Only records that arrive live are sampled, not the history read at start-up.
 */
final class Trends {

    static final long HOUR = 3_600_000L;
    static final int HOURS = 24;
    static final int READ_SECONDS = 300;
    static final long WINDOW = READ_SECONDS * 1000L;
    static final long BUCKET = 10_000L;

    private final TreeMap<Long, EnumMap<ViolationType, Integer>> perHour = new TreeMap<>();
    private final long[] readsPerSecond = new long[READ_SECONDS];
    private final long[] readsSecondOf = new long[READ_SECONDS];
    private final Deque<long[]> readLatency = new ArrayDeque<>();
    private final Deque<long[]> violationLatency = new ArrayDeque<>();

    void violation(ViolationType type, long eventTime) {
        long hour = Math.floorDiv(eventTime, HOUR);
        perHour.computeIfAbsent(hour, h -> new EnumMap<>(ViolationType.class)).merge(type, 1, Integer::sum);
        while (perHour.size() > HOURS * 2) {
            perHour.pollFirstEntry();
        }
    }

    void read(long captureTime) {
        long second = Math.floorDiv(captureTime, 1000L);
        int slot = (int) Math.floorMod(second, (long) READ_SECONDS);
        if (readsSecondOf[slot] != second) {
            if (readsSecondOf[slot] > second) {
                return; // older than the ring
            }
            readsSecondOf[slot] = second;
            readsPerSecond[slot] = 0;
        }
        readsPerSecond[slot]++;
    }

    void readLatency(long seenAt, long millis) {
        add(readLatency, seenAt, millis);
    }

    void violationLatency(long seenAt, long millis) {
        add(violationLatency, seenAt, millis);
    }

    private static void add(Deque<long[]> samples, long seenAt, long millis) {
        samples.addLast(new long[] {seenAt, Math.max(0, millis)});
        while (samples.size() > 20_000) {
            samples.removeFirst();
        }
    }

    Views.TrendsView view(long now) {
        long currentHour = Math.floorDiv(now, HOUR);
        List<Long> hours = new ArrayList<>();
        Map<String, List<Integer>> byType = new LinkedHashMap<>();
        for (ViolationType t : ViolationType.values()) {
            if (t != ViolationType.UNKNOWN) {
                byType.put(t.name(), new ArrayList<>());
            }
        }
        for (long h = currentHour - HOURS + 1; h <= currentHour; h++) {
            hours.add(h * HOUR);
            EnumMap<ViolationType, Integer> counts = perHour.getOrDefault(h, new EnumMap<>(ViolationType.class));
            for (Map.Entry<String, List<Integer>> e : byType.entrySet()) {
                e.getValue().add(counts.getOrDefault(ViolationType.valueOf(e.getKey()), 0));
            }
        }
        long nowSecond = Math.floorDiv(now, 1000L);
        long from = nowSecond - READ_SECONDS + 1;
        List<Integer> reads = new ArrayList<>(READ_SECONDS);
        for (long s = from; s <= nowSecond; s++) {
            int slot = (int) Math.floorMod(s, (long) READ_SECONDS);
            reads.add(readsSecondOf[slot] == s ? (int) readsPerSecond[slot] : 0);
        }
        prune(readLatency, now);
        prune(violationLatency, now);
        long firstBucket = Math.floorDiv(now - WINDOW, BUCKET) + 1;
        List<Long> buckets = new ArrayList<>();
        List<Long> p50 = new ArrayList<>();
        List<Long> p99 = new ArrayList<>();
        Map<Long, List<Long>> perBucket = new TreeMap<>();
        for (long[] s : readLatency) {
            perBucket.computeIfAbsent(Math.floorDiv(s[0], BUCKET), b -> new ArrayList<>()).add(s[1]);
        }
        for (long b = firstBucket; b <= Math.floorDiv(now, BUCKET); b++) {
            buckets.add(b * BUCKET);
            long[] values = perBucket.getOrDefault(b, List.of()).stream().mapToLong(Long::longValue).toArray();
            p50.add(percentile(values, 50));
            p99.add(percentile(values, 99));
        }
        return new Views.TrendsView(now, hours, byType, from * 1000L, reads, latency(readLatency),
                latency(violationLatency), buckets, p50, p99);
    }

    private static void prune(Deque<long[]> samples, long now) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < now - WINDOW) {
            samples.removeFirst();
        }
    }

    private static Views.Latency latency(Deque<long[]> samples) {
        long[] values = samples.stream().mapToLong(s -> s[1]).toArray();
        return new Views.Latency(values.length, percentile(values, 50), percentile(values, 99));
    }

    /** Nearest-rank percentile; null for no samples. */
    static Long percentile(long[] values, int p) {
        if (values.length == 0) {
            return null;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
