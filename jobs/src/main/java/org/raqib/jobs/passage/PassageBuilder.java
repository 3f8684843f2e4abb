package org.raqib.jobs.passage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;
import org.raqib.models.plate.SaudiPlate;

/**
 * Merges the reads of one vehicle passing one camera into a {@link Passage}. Pure and order-free: the
 * same reads in any order give the same passage (same id, same fields).
 *
 * <ul>
 *   <li>Consensus text: each distinct text gets the sum of its reads' confidences; the largest sum wins
 *       (ties: the higher single confidence, then the smaller text, so the result never depends on
 *       arrival order). The reads given are one vehicle's (the caller grouped OCR variants), so
 *       the vote is between variants of one plate.</li>
 *   <li>Confidence: the best confidence of a read of the winning text, scaled by the winning share of
 *       the vote, so disagreeing reads lower it (towards review) and a single read keeps its own.</li>
 *   <li>Evidence: the most confident read <em>of the consensus text</em> (the photo must show the plate
 *       the passage names); ties go to the earlier frame.</li>
 *   <li>Speed: the median of the reads' radar speeds (robust to one wild radar echo); none when no
 *       read carries one.</li>
 *   <li>Id: hex SHA-256 prefix of {@code camera|consensus|firstSeenMillis}.</li>
 * </ul>
 */
public final class PassageBuilder {

    private PassageBuilder() {
    }

    /** Orders reads by capture time, then read id: the canonical order of a passage's reads. */
    public static final Comparator<PlateRead> CAPTURE_ORDER = PassageBuilder::compareCaptureOrder;

    /**
     * {@link #CAPTURE_ORDER} as one method rather than a chain of key-extracting comparators: it runs for every
     * pair of neighbouring reads of every passage, where the chain's lambdas and boxing cost more than the compare.
     */
    private static int compareCaptureOrder(PlateRead a, PlateRead b) {
        int c = a.getCaptureTime().compareTo(b.getCaptureTime());
        return c != 0 ? c : a.getReadId().compareTo(b.getReadId());
    }

    /**
     * The passage of {@code reads}.
     *
     * @throws IllegalArgumentException when there are no reads or they come from several cameras
     */
    public static Passage build(List<PlateRead> reads) {
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("a passage needs at least one read");
        }
        List<PlateRead> sorted = new ArrayList<>(reads);
        if (!inOrder(sorted)) {
            sorted.sort(CAPTURE_ORDER); // reads mostly arrive in capture order: then nothing to sort
        }
        String cameraId = sorted.get(0).getCameraId();
        for (PlateRead r : sorted) {
            if (!r.getCameraId().equals(cameraId)) {
                throw new IllegalArgumentException("reads of cameras " + cameraId + " and " + r.getCameraId()
                        + " cannot form one passage");
            }
        }
        // A passage has a handful of reads and fewer distinct texts: the vote in arrays, in order of first
        // appearance, costs less than a map of them.
        int n = sorted.size();
        String[] texts = new String[n];
        double[] sums = new double[n];
        double[] maxes = new double[n];
        int distinct = 0;
        double total = 0;
        for (PlateRead r : sorted) {
            double c = Math.max(0, r.getConfidence());
            String text = r.getPlateText();
            int k = 0;
            while (k < distinct && !texts[k].equals(text)) {
                k++;
            }
            if (k == distinct) {
                texts[distinct++] = text;
            }
            sums[k] += c;
            maxes[k] = Math.max(maxes[k], c);
            total += c;
        }
        int win = 0;
        for (int k = 1; k < distinct; k++) {
            if (sums[k] > sums[win] || (sums[k] == sums[win] && (maxes[k] > maxes[win]
                    || (maxes[k] == maxes[win] && texts[k].compareTo(texts[win]) < 0)))) {
                win = k;
            }
        }
        String consensus = texts[win];
        double confidence = total > 0 ? maxes[win] * (sums[win] / total) : 0;
        PlateRead best = null;
        for (PlateRead r : sorted) {
            if (r.getPlateText().equals(consensus) && (best == null || r.getConfidence() > best.getConfidence())) {
                best = r;
            }
        }
        Double speed = medianSpeed(sorted);
        long firstSeen = sorted.get(0).getCaptureTime().toEpochMilli();
        String arabic = PlateVariants.canonical(consensus) ? arabic(consensus) : best.getPlateArabic();
        return Passage.newBuilder()
                .setPassageId(id(cameraId, consensus, firstSeen))
                .setCameraId(cameraId)
                .setPlateText(consensus)
                .setPlateArabic(arabic == null ? "" : arabic)
                .setConfidence(confidence)
                .setFirstSeen(sorted.get(0).getCaptureTime())
                .setLastSeen(sorted.get(sorted.size() - 1).getCaptureTime())
                .setReadCount(sorted.size())
                .setBestFrameId(best.getFrameId())
                .setEvidenceSha256(best.getEvidenceSha256())
                .setSpeedKmh(speed)
                .setSpeedSource(speed == null ? SpeedSource.UNKNOWN : SpeedSource.RADAR)
                .setSpeedUncertaintyKmh(null)
                .setLane(best.getLane())
                .build();
    }

    /**
     * {@link SaudiPlate#toArabic} of a text that {@link PlateVariants#canonical} accepted, built from the same
     * tables without checking the text again: {@code toArabic} checks it (and splits it) with regular
     * expressions, which cost more than the rest of a passage's merging ({@code PassageBuilderTest} checks
     * that both give the same text).
     */
    static String arabic(String canonical) {
        int digits = canonical.length() - 3;
        StringBuilder sb = new StringBuilder(digits + 7);
        // reading order: the letters right to left (last Latin letter's twin first), then the digits
        for (int i = canonical.length() - 1; i >= digits; i--) {
            sb.append(SaudiPlate.arabicLetter(canonical.charAt(i))).append(' ');
        }
        for (int i = 0; i < digits; i++) {
            sb.append(SaudiPlate.ARABIC_DIGITS.charAt(canonical.charAt(i) - '0'));
        }
        return sb.toString();
    }

    /** The id of the passage of {@code plateText} at {@code cameraId} first seen at {@code firstSeenMillis}. */
    public static String id(String cameraId, String plateText, long firstSeenMillis) {
        return ViolationIds.sha256HexPrefix((cameraId + "|" + plateText + "|" + firstSeenMillis)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), ViolationIds.LENGTH);
    }

    /**
     * Splits one camera's reads into vehicles: in capture order, each read joins the open cluster
     * {@link #distanceToCluster} finds closest (ties: the cluster opened later), otherwise it opens a new
     * one. Greedy in time order, so the clusters of earlier reads never change when later reads arrive -
     * what lets a stream assign a read to its cluster once, on arrival ({@code PassageFunction} applies the
     * same rule incrementally, in arrival order). The reference for that rule in tests.
     */
    public static List<List<PlateRead>> cluster(List<PlateRead> reads, java.time.Duration gap, int maxEdits) {
        List<PlateRead> sorted = new ArrayList<>(reads);
        if (!inOrder(sorted)) {
            sorted.sort(CAPTURE_ORDER); // reads mostly arrive in capture order: then nothing to sort
        }
        List<List<PlateRead>> clusters = new ArrayList<>();
        List<Long> lastSeen = new ArrayList<>();
        for (PlateRead r : sorted) {
            int home = -1;
            int homeDistance = Integer.MAX_VALUE;
            long t = r.getCaptureTime().toEpochMilli();
            for (int i = 0; i < clusters.size(); i++) {
                int d = distanceToCluster(r.getPlateText(), t, clusters.get(i).get(0).getPlateText(), lastSeen.get(i),
                        gap.toMillis(), maxEdits);
                // <= : of equally close clusters the later one (appended later in the list) wins
                if (d >= 0 && d <= homeDistance) {
                    home = i;
                    homeDistance = d;
                }
            }
            if (home < 0) {
                clusters.add(new ArrayList<>());
                lastSeen.add(Long.MIN_VALUE);
                home = clusters.size() - 1;
            }
            clusters.get(home).add(r);
            lastSeen.set(home, Math.max(lastSeen.get(home), t));
        }
        return clusters;
    }

    /**
     * Whether a read of {@code text} captured at {@code at} may belong to an open cluster whose first
     * read is {@code anchorText} and whose latest read was captured at {@code lastSeen}: the OCR
     * distance to the anchor when it is at most {@code maxEdits} and the read is at most {@code gapMillis}
     * after the latest one; otherwise -1.
     *
     * <p>Measured against the cluster's first read only: comparing with every member would let a chain
     * of different vehicles (1060, 1068, 1088 ...) join one another in dense traffic.
     */
    public static int distanceToCluster(String text, long at, String anchorText, long lastSeen, long gapMillis,
                                        int maxEdits) {
        if (at - lastSeen > gapMillis) {
            return -1;
        }
        int d = PlateVariants.distance(text, anchorText);
        return d <= maxEdits ? d : -1;
    }

    private static boolean inOrder(List<PlateRead> reads) {
        for (int i = 1; i < reads.size(); i++) {
            if (CAPTURE_ORDER.compare(reads.get(i - 1), reads.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Double medianSpeed(List<PlateRead> reads) {
        double[] speeds = new double[reads.size()];
        int n = 0;
        for (PlateRead r : reads) {
            Double s = r.getRadarSpeedKmh();
            if (s != null && !s.isNaN() && !s.isInfinite()) {
                speeds[n++] = s;
            }
        }
        if (n == 0) {
            return null;
        }
        java.util.Arrays.sort(speeds, 0, n);
        return n % 2 == 1 ? speeds[n / 2] : (speeds[n / 2 - 1] + speeds[n / 2]) / 2;
    }
}
