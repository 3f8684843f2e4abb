package org.raqib.jobs.hotlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.jobs.EnforcementFixtures.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.HotlistEntry;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HotlistMatcherTest {

    private final Map<String, HotlistEntry> list = Map.of(
            "6531UJD", entry("6531UJD", "stolen", 1, null, false),
            "6581UJD", entry("6581UJD", "wanted", 2, null, false),
            "1111ABD", entry("1111ABD", "unpaid", 3, 5_000L, false),
            "2222ABD", entry("2222ABD", "stolen", 1, null, true));

    private List<String> match(HotlistMatcher m, String plate, long at) {
        return m.match(plate, Instant.ofEpochMilli(at), list.get(plate), list.values()).stream()
                .map(x -> x.entry().getPlateText() + "/" + x.substitutions()).toList();
    }

    @Test
    void exactOnlyFindsTheEntryOfThatTextWhileItIsInForce() {
        HotlistMatcher exact = new HotlistMatcher(0);
        assertEquals(List.of("6531UJD/0"), match(exact, "6531UJD", 1_000));
        assertTrue(match(exact, "6531VJD", 1_000).isEmpty());
        assertEquals(List.of("1111ABD/0"), match(exact, "1111ABD", 5_000), "valid until is inclusive");
        assertTrue(match(exact, "1111ABD", 5_001).isEmpty(), "expired");
        assertTrue(match(exact, "2222ABD", 1_000).isEmpty(), "removed");
    }

    @Test
    void substitutionsFindOcrVariantsBestFirst() {
        HotlistMatcher one = new HotlistMatcher(1);
        assertEquals(List.of("6531UJD/0", "6581UJD/1"), match(one, "6531UJD", 1_000));
        assertEquals(List.of("6531UJD/1"), match(one, "6531VJD", 1_000));
        assertEquals(List.of("6581UJD/0", "6531UJD/1"), match(one, "6581UJD", 1_000));
        assertTrue(match(one, "6541UJD", 1_000).isEmpty(), "3/4 is not a misread");
        assertTrue(match(one, "2222ABD", 1_000).isEmpty(), "removed entries never match, not even exactly");
        assertThrows(IllegalArgumentException.class, () -> new HotlistMatcher(-1));
    }

    @Test
    void lookingUpVariantsFindsExactlyWhatComparingWithEveryEntryFinds() throws Exception {
        java.util.Random random = new java.util.Random(7);
        Map<String, HotlistEntry> big = new java.util.HashMap<>();
        java.util.List<String> plates = new java.util.ArrayList<>();
        while (big.size() < 3000) {
            String plate = (1 + random.nextInt(9999)) + "" + letter(random) + letter(random) + letter(random);
            big.put(plate, entry(plate, "stolen", 1 + random.nextInt(3), null, false));
            plates.add(plate);
        }
        for (int maxSubs = 0; maxSubs <= 2; maxSubs++) {
            HotlistMatcher m = new HotlistMatcher(maxSubs);
            for (int q = 0; q < 200; q++) {
                // half the queries are near misses of listed plates
                String plate = plates.get(random.nextInt(plates.size()));
                if (q % 2 == 0) {
                    java.util.List<String> near = new java.util.ArrayList<>(new java.util.TreeSet<>(
                            org.raqib.jobs.passage.PlateVariants.variants(plate, 1).keySet()));
                    plate = near.get(random.nextInt(near.size()));
                }
                Instant at = Instant.ofEpochMilli(1_000);
                assertEquals(m.match(plate, at, big.get(plate), big.values()), m.match(plate, at, big::get),
                        "query " + q + " with " + maxSubs + " substitutions");
            }
        }
    }

    private static char letter(java.util.Random random) {
        return org.raqib.models.plate.SaudiPlate.LATIN_LETTERS.charAt(
                random.nextInt(org.raqib.models.plate.SaudiPlate.LATIN_LETTERS.length()));
    }
}
