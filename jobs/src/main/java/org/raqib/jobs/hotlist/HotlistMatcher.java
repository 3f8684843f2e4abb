package org.raqib.jobs.hotlist;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.raqib.jobs.passage.PlateVariants;
import org.raqib.models.HotlistEntry;

/**
 * Matches a plate against hot-list entries: exactly, and with up to {@code maxSubstitutions}
 * OCR edits ({@link PlateVariants}), so that a wanted car is not missed because one of its reads
 * took an 8 for a 6. Pure; the entries live wherever the caller keeps them (broadcast state).
 *
 * <p>An entry matches while it is not removed and its {@code validUntil} (if any) is not before the
 * sighting. Matches come best first: fewer substitutions, then higher priority (1 = highest), then
 * plate text.
 */
public final class HotlistMatcher implements Serializable {

    private static final long serialVersionUID = 1L;

    /** An entry that matched, and how many OCR edits apart the read and the entry are. */
    public record Match(HotlistEntry entry, int substitutions) {
        @Override
        public String toString() {
            // Plate text is personal data: keep it out of logs.
            return "Match[substitutions=" + substitutions + ", priority=" + entry.getPriority() + "]";
        }
    }

    private static final Comparator<Match> BEST_FIRST = Comparator.comparingInt(Match::substitutions)
            .thenComparingInt(m -> m.entry().getPriority())
            .thenComparing(m -> m.entry().getPlateText());

    private final int maxSubstitutions;

    /**
     * @param maxSubstitutions OCR edits allowed between a read and an entry; 0 = exact only
     */
    public HotlistMatcher(int maxSubstitutions) {
        if (maxSubstitutions < 0) {
            throw new IllegalArgumentException("hot-list substitutions must be >= 0, got " + maxSubstitutions);
        }
        this.maxSubstitutions = maxSubstitutions;
    }

    /** The substitutions allowed. */
    public int maxSubstitutions() {
        return maxSubstitutions;
    }

    /** True when {@code entry} is in force at {@code at}. */
    public static boolean active(HotlistEntry entry, Instant at) {
        return !entry.getRemoved() && (entry.getValidUntil() == null || !entry.getValidUntil().isBefore(at));
    }

    /** Looks an entry up by plate text (a map or broadcast state), {@code null} when there is none. */
    @FunctionalInterface
    public interface Lookup {
        /** The entry of {@code plateText}, or {@code null}. */
        HotlistEntry get(String plateText) throws Exception;
    }

    /**
     * The entries {@code plateText} matches at {@code at}, best first: the read's OCR variants
     * ({@link PlateVariants#variants}) looked up one by one, so the cost does not grow with the list.
     *
     * @param lookup the hot-list by plate text
     */
    public List<Match> match(String plateText, Instant at, Lookup lookup) throws Exception {
        List<Match> out = new ArrayList<>();
        // Looked up first, measured after: nearly every candidate misses the list, and the distance
        // is the costly part; the same matches as filtering PlateVariants.variants.
        PlateVariants.CandidateVisitor check = v -> {
            HotlistEntry e = lookup.get(v);
            if (e != null && active(e, at)) {
                int d = PlateVariants.distance(plateText, v);
                if (d <= maxSubstitutions) {
                    out.add(new Match(e, d));
                }
            }
        };
        if (maxSubstitutions <= 1) {
            // every passage comes here: walk the candidates without collecting them in a set
            if (maxSubstitutions == 0) {
                check.visit(plateText);
            } else {
                PlateVariants.forEachWithinOneEdit(plateText, check);
            }
        } else {
            for (String v : PlateVariants.candidates(plateText, maxSubstitutions)) {
                check.visit(v);
            }
        }
        if (out.size() > 1) {
            out.sort(BEST_FIRST);
        }
        return out;
    }

    /**
     * As {@link #match(String, Instant, Lookup)} by comparing with every entry: the reference the
     * lookup is tested against, and simpler where the list is tiny.
     *
     * @param exact the entry keyed by exactly {@code plateText}, or {@code null}
     * @param all every entry (scanned only when substitutions are allowed)
     */
    public List<Match> match(String plateText, Instant at, HotlistEntry exact, Iterable<HotlistEntry> all) {
        List<Match> out = new ArrayList<>();
        if (maxSubstitutions == 0) {
            if (exact != null && active(exact, at)) {
                out.add(new Match(exact, 0));
            }
            return out;
        }
        for (HotlistEntry e : all) {
            if (!active(e, at)) {
                continue;
            }
            int d = PlateVariants.distance(plateText, e.getPlateText());
            if (d <= maxSubstitutions) {
                out.add(new Match(e, d));
            }
        }
        out.sort(BEST_FIRST);
        return out;
    }
}
