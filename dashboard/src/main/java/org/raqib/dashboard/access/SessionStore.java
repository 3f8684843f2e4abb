package org.raqib.dashboard.access;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory: a restart signs everybody out, which is acceptable for an operations
 * screen and keeps no session secret on disk. Each session has a random id (the cookie) and its own
 * random CSRF token, which state-changing requests must echo in a header.
 */
public final class SessionStore {

    /** Name of the session cookie. */
    public static final String COOKIE = "raqib_session";

    /** A signed-in user. */
    public record Session(String id, UserDirectory.User user, String csrfToken, Instant expires) {
        /** True when {@code token} is this session's CSRF token (constant-time comparison). */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(token.getBytes(), csrfToken.getBytes());
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    /** Sessions that end after {@code idleTimeout} without a request. */
    public SessionStore(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Starts a session for {@code user}. */
    public Session create(UserDirectory.User user) {
        Session s = new Session(token(), user, token(), clock.instant().plus(idleTimeout));
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session named by the {@code Cookie} header, extending its idle timeout; empty if none. */
    public Optional<Session> fromCookieHeader(String cookieHeader) {
        String id = cookieValue(cookieHeader, COOKIE);
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (now.isAfter(s.expires())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session renewed = new Session(s.id(), s.user(), s.csrfToken(), now.plus(idleTimeout));
        sessions.put(id, renewed);
        return Optional.of(renewed);
    }

    /** True while the session with {@code id} exists and has not expired. */
    public boolean isLive(String id) {
        Session s = sessions.get(id);
        return s != null && !clock.instant().isAfter(s.expires());
    }

    /** Ends a session. */
    public void remove(String id) {
        sessions.remove(id);
    }

    /** The value of cookie {@code name} in a {@code Cookie} request header, or null. */
    static String cookieValue(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equals(name)) {
                return p.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
