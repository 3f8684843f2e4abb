package org.raqib.cli.demo;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How many vehicles over the limit the simulator drew, and for how many of them the cases named the
 * drawn plate or only other plates: the rule both demo scores apply ({@link DemoScore} to spot cases by
 * frame, {@link EnforcementScore} to section cases by trip).
 *
 * @param overLimit truths over the limit
 * @param rightPlate of those, with a case that names the drawn plate
 * @param otherPlate of those, with cases that all name another plate
 */
record PlateTally(int overLimit, int rightPlate, int otherPlate) {

    /**
     * @param truths what the simulator drew
     * @param overLimit whether a truth was over the limit
     * @param key the id cases are matched by (a frame id, a trip's exit frame id)
     * @param plate the drawn plate
     * @param named the plates the cases named, by key
     */
    static <T> PlateTally of(Collection<T> truths, Predicate<T> overLimit, Function<T, String> key,
                             Function<T, String> plate, Map<String, Set<String>> named) {
        int over = 0;
        int right = 0;
        int other = 0;
        for (T t : truths) {
            if (!overLimit.test(t)) {
                continue;
            }
            over++;
            Set<String> plates = named.get(key.apply(t));
            if (plates != null && plates.contains(plate.apply(t))) {
                right++;
            } else if (plates != null) {
                other++;
            }
        }
        return new PlateTally(over, right, other);
    }
}
