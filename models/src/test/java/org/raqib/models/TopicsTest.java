package org.raqib.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TopicsTest {

    @Test
    void namesAreUniqueAndPrefixed() {
        var names = new HashSet<String>();
        for (Topic<?> t : Topics.ALL) {
            assertTrue(names.add(t.name()), "duplicate topic " + t.name());
            assertTrue(t.name().startsWith("raqib."), t.name());
            assertEquals(t.valueType().getSimpleName(), t.valueSchema().getName());
        }
    }

    @Test
    void changelogTopicsAreCompacted() {
        assertTrue(Topics.CAMERAS.compacted());
        assertTrue(Topics.HOTLIST.compacted());
        assertEquals(Topics.VIOLATIONS, Topics.byName("raqib.violations"));
        assertThrows(IllegalArgumentException.class, () -> Topics.byName("raqib.nope"));
    }
}
