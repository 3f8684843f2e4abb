package org.raqib.dashboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionStoreTest {

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aSessionIsFoundByItsCookieUntilItIdlesOut() {
        MutableClock clock = new MutableClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), clock);
        var s = store.create(new UserDirectory.User("op", Role.OPERATOR));
        assertNotEquals(s.id(), s.csrfToken());
        String header = "theme=dark; " + SessionStore.COOKIE + "=" + s.id() + "; other=1";
        assertEquals("op", store.fromCookieHeader(header).orElseThrow().user().name());
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(store.fromCookieHeader(header).isPresent(), "a request extends the session");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(store.fromCookieHeader(header).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertTrue(store.fromCookieHeader(header).isEmpty(), "idle too long");
        assertFalse(store.isLive(s.id()));
    }

    @Test
    void unknownOrMissingCookiesFindNothingAndCsrfMustMatch() {
        SessionStore store = new SessionStore(Duration.ofMinutes(30), Clock.systemUTC());
        var s = store.create(new UserDirectory.User("p", Role.PATROL));
        assertTrue(store.fromCookieHeader(null).isEmpty());
        assertTrue(store.fromCookieHeader(SessionStore.COOKIE + "=forged").isEmpty());
        assertNull(SessionStore.cookieValue("a=1", SessionStore.COOKIE));
        assertTrue(s.csrfMatches(s.csrfToken()));
        assertFalse(s.csrfMatches("nope"));
        assertFalse(s.csrfMatches(null));
        store.remove(s.id());
        assertTrue(store.fromCookieHeader(SessionStore.COOKIE + "=" + s.id()).isEmpty());
    }
}
