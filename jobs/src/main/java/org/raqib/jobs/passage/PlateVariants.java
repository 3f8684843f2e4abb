package org.raqib.jobs.passage;

import java.util.Map;
import java.util.Set;

import org.raqib.models.plate.SaudiPlate;

/**
 * Which plate texts may be the same plate read differently: the edits a plate reader actually makes,
 * and a distance that counts them. Pure.
 *
 * <p>A canonical Saudi text is 1-4 digits followed by three letters of
 * {@value SaudiPlate#LATIN_LETTERS}. A reader that decodes to that format never puts a letter among
 * the digits, so between two canonical texts only confusions <em>within</em> a part happen:
 * <ul>
 *   <li>digits: {@code 0/8, 3/8, 6/8, 9/8, 5/6, 1/7} (closed loops filled or broken, a missing
 *       stroke); and the digit count: a faint or dirt-covered digit is missed, or one digit is read as
 *       two - so dropping or adding one digit is an edit too;</li>
 *   <li>letters: {@code B/E, B/R, D/R, B/N, H/N, K/X, U/V} (Latin shapes, and the Arabic twins above
 *       them: beh/noon and dal/reh differ only in dots or a hook).</li>
 * </ul>
 * A text that is not canonical comes from a reader that does not know the format (another vendor's
 * camera); there the classic cross confusions {@code 8/B, 0/D, 5/S, 2/Z, 6/G, 1/J, 4/A, 7/T} apply
 * too, position by position.
 *
 * <p>{@link #distance} is the least number of such edits, or {@link #UNRELATED} when the texts differ in
 * a way no reader confuses (e.g. {@code 1} for {@code 4}): such plates are different vehicles however
 * many other characters agree.
 */
public final class PlateVariants {

    /** Distance of texts that are not OCR variants of each other. */
    public static final int UNRELATED = Integer.MAX_VALUE;

    private static final Map<Character, Set<Character>> SAME_PART = pairs(
            "08", "38", "68", "98", "56", "17",
            "BE", "BR", "DR", "BN", "HN", "KX", "UV");
    private static final Map<Character, Set<Character>> CROSS_PART = pairs(
            "08", "38", "68", "98", "56", "17",
            "BE", "BR", "DR", "BN", "HN", "KX", "UV",
            "8B", "0D", "5S", "2Z", "6G", "1J", "4A", "7T");
    private static final char[][] SAME_PART_ARRAY = asArray(SAME_PART);
    private static final char[][] CROSS_PART_ARRAY = asArray(CROSS_PART);

    private PlateVariants() {
    }

    /** True when a reader may read {@code a} where {@code b} is printed (or the other way round). */
    public static boolean confusable(char a, char b) {
        return a == b || CROSS_PART.getOrDefault(a, Set.of()).contains(b);
    }

    /**
     * The least number of OCR edits that turn {@code a} into {@code b}: 0 for equal texts,
     * {@link #UNRELATED} when no sequence of plausible misreadings does.
     */
    public static int distance(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (Math.abs(a.length() - b.length()) > 1) {
            return UNRELATED; // cheap reject first: this runs for every pair of open reads
        }
        if (canonical(a) && canonical(b)) {
            int letters = positionwise(a.substring(a.length() - 3), b.substring(b.length() - 3), SAME_PART);
            if (letters == UNRELATED) {
                return UNRELATED;
            }
            int digits = digitEdits(a.substring(0, a.length() - 3), b.substring(0, b.length() - 3));
            return digits == UNRELATED ? UNRELATED : letters + digits;
        }
        return positionwise(a, b, CROSS_PART);
    }

    /** {@link SaudiPlate#isValid} without a regular expression (this is on the hot path of every read). */
    static boolean canonical(String t) {
        int n = t.length();
        if (n < 4 || n > 7) {
            return false;
        }
        for (int i = 0; i < n - 3; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        for (int i = n - 3; i < n; i++) {
            if (!SaudiPlate.isPlateLetter(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code a} and {@code b} are at most {@code maxEdits} OCR edits apart. */
    public static boolean sameVehicle(String a, String b, int maxEdits) {
        if (maxEdits < 0) {
            throw new IllegalArgumentException("maxEdits must be >= 0, got " + maxEdits);
        }
        return distance(a, b) <= maxEdits;
    }

    /**
     * Every text at most {@code maxEdits} OCR edits from {@code text} (itself included), with its
     * distance: what a reader may have made of the plate, or what the plate may be given the read.
     * Lets a caller look variants up in a map instead of comparing against every entry. About 20-80
     * texts for one edit, a few thousand for two.
     */
    public static Map<String, Integer> variants(String text, int maxEdits) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (String v : candidates(text, maxEdits)) {
            // the distance decides: edits found by the search may combine into something no reader does
            int d = distance(text, v);
            if (d <= maxEdits) {
                out.put(v, d);
            }
        }
        return out;
    }

    /**
     * Every text reached from {@code text} by up to {@code maxEdits} single OCR edits, {@code text}
     * included: a superset of {@link #variants}' keys, which are those at {@link #distance} at most
     * {@code maxEdits}. For a caller that looks each candidate up first and needs the distance only
     * of the few it finds (the distance costs more than generating the candidate).
     */
    public static java.util.Set<String> candidates(String text, int maxEdits) {
        if (maxEdits < 0) {
            throw new IllegalArgumentException("maxEdits must be >= 0, got " + maxEdits);
        }
        boolean canonical = canonical(text);
        java.util.Set<String> frontier = new java.util.HashSet<>(java.util.List.of(text));
        java.util.Set<String> seen = new java.util.HashSet<>(frontier);
        for (int level = 0; level < maxEdits; level++) {
            java.util.Set<String> next = new java.util.HashSet<>();
            for (String t : frontier) {
                for (String v : oneEdit(t, canonical)) {
                    if (seen.add(v)) {
                        next.add(v);
                    }
                }
            }
            frontier = next;
        }
        return seen;
    }

    /** Receives candidate texts; may throw what the caller's lookup throws. */
    @FunctionalInterface
    public interface CandidateVisitor {
        /** Called once per distinct candidate. */
        void visit(String candidate) throws Exception;
    }

    /**
     * {@link #candidates}{@code (text, 1)} without building a set: {@code text} itself, then every
     * single-edit candidate, each distinct text exactly once (an edit that gives the same text as an
     * earlier one, such as a digit dropped from either end of a run, is skipped). For the hot-list, which
     * looks every passage's candidates up: no set, no boxed characters, one string per candidate.
     */
    public static void forEachWithinOneEdit(String text, CandidateVisitor visitor) throws Exception {
        visitor.visit(text);
        boolean canonical = canonical(text);
        char[][] table = canonical ? SAME_PART_ARRAY : CROSS_PART_ARRAY;
        int n = text.length();
        char[] buf = text.toCharArray();
        for (int i = 0; i < n; i++) {
            char original = buf[i];
            char[] swaps = original < table.length ? table[original] : null;
            if (swaps == null) {
                continue;
            }
            for (char c : swaps) {
                buf[i] = c;
                visitor.visit(new String(buf));
            }
            buf[i] = original;
        }
        if (!canonical) {
            return;
        }
        int digits = n - 3;
        if (digits > 1) {
            char[] shorter = new char[n - 1];
            for (int i = 0; i < digits; i++) {
                if (i > 0 && buf[i - 1] == buf[i]) {
                    continue; // same text as dropping the digit before it
                }
                System.arraycopy(buf, 0, shorter, 0, i);
                System.arraycopy(buf, i + 1, shorter, i, n - i - 1);
                visitor.visit(new String(shorter));
            }
        }
        if (digits < 4) {
            char[] longer = new char[n + 1];
            for (int i = 0; i <= digits; i++) {
                System.arraycopy(buf, 0, longer, 0, i);
                System.arraycopy(buf, i, longer, i + 1, n - i);
                for (char c = '0'; c <= '9'; c++) {
                    if (i > 0 && buf[i - 1] == c) {
                        continue; // same text as inserting it before that equal digit
                    }
                    longer[i] = c;
                    visitor.visit(new String(longer));
                }
            }
        }
    }

    /** A confusion table as arrays indexed by character (ASCII), for the allocation-free walk above. */
    private static char[][] asArray(Map<Character, Set<Character>> table) {
        char[][] out = new char[128][];
        table.forEach((k, v) -> {
            char[] cs = new char[v.size()];
            int i = 0;
            for (char c : new java.util.TreeSet<>(v)) {
                cs[i++] = c;
            }
            out[k] = cs;
        });
        return out;
    }

    private static java.util.List<String> oneEdit(String t, boolean canonical) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Map<Character, Set<Character>> table = canonical ? SAME_PART : CROSS_PART;
        for (int i = 0; i < t.length(); i++) {
            for (char c : table.getOrDefault(t.charAt(i), Set.of())) {
                out.add(t.substring(0, i) + c + t.substring(i + 1));
            }
        }
        if (canonical && canonical(t)) {
            int digits = t.length() - 3;
            for (int i = 0; i < digits; i++) {
                if (digits > 1) {
                    out.add(t.substring(0, i) + t.substring(i + 1));
                }
            }
            if (digits < 4) {
                for (int i = 0; i <= digits; i++) {
                    for (char c = '0'; c <= '9'; c++) {
                        out.add(t.substring(0, i) + c + t.substring(i));
                    }
                }
            }
        }
        return out;
    }

    private static int positionwise(String a, String b, Map<Character, Set<Character>> table) {
        if (a.length() != b.length()) {
            return UNRELATED;
        }
        int edits = 0;
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (!table.getOrDefault(x, Set.of()).contains(y)) {
                    return UNRELATED;
                }
                edits++;
            }
        }
        return edits;
    }

    /**
     * Digits: position by position when the counts agree; when they differ by one, the missing digit
     * may be any one (one edit) and the rest must line up. A count that differs by more is not a misread.
     */
    private static int digitEdits(String a, String b) {
        if (a.length() == b.length()) {
            return positionwise(a, b, SAME_PART);
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        if (longer.length() - shorter.length() != 1) {
            return UNRELATED;
        }
        int best = UNRELATED;
        for (int skip = 0; skip < longer.length(); skip++) {
            String without = longer.substring(0, skip) + longer.substring(skip + 1);
            int rest = positionwise(without, shorter, SAME_PART);
            if (rest != UNRELATED) {
                best = Math.min(best, rest + 1);
            }
        }
        return best;
    }

    private static Map<Character, Set<Character>> pairs(String... pairs) {
        var m = new java.util.HashMap<Character, Set<Character>>();
        for (String p : pairs) {
            m.computeIfAbsent(p.charAt(0), k -> new java.util.HashSet<>()).add(p.charAt(1));
            m.computeIfAbsent(p.charAt(1), k -> new java.util.HashSet<>()).add(p.charAt(0));
        }
        var frozen = new java.util.HashMap<Character, Set<Character>>();
        m.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }
}
