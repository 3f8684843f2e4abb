package org.raqib.dashboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.raqib.dashboard.DashboardOptions;
import org.raqib.dashboard.access.Role;
import org.raqib.dashboard.access.SessionStore;
import org.raqib.dashboard.access.UserDirectory;
import org.raqib.dashboard.live.LiveState;
import org.raqib.dashboard.live.Views;
import org.raqib.dashboard.patrol.AcknowledgementWriter;
import org.raqib.models.PatrolAcknowledgement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP surface. Without a session only the sign-in page and the static code (script,
 * style) are served: pages answer with a redirect to {@code /login}, data (APIs, the event stream,
 * pictures) with 401. Session cookies are HttpOnly and SameSite=Strict; the one state-changing API
 * (acknowledging an alert) also needs the session's CSRF token in {@code X-CSRF-Token} and, when the
 * browser sends one, a same-origin {@code Origin}.
 *
 * <pre>
 * GET  /login, POST /login, POST /logout
 * GET  /                      the page (views by role)
 * GET  /events                server-sent events: snapshot, violation, review, alert, ack, camera, cameras, trends
 * GET  /api/me                user, role, views, CSRF token, tile URL
 * GET  /api/violations?list=issued|review
 * GET  /api/alerts?region=R   newest first
 * POST /api/alerts/ack        {"alertId": "...", "note": "..."}
 * GET  /api/evidence/v/ID, /api/evidence/a/ID   evidence crop of a violation or alert (JPEG)
 * GET  /api/cameras/ID/frame  a camera's last frame (JPEG)
 * </pre>
 */
public final class DashboardWeb implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardWeb.class);
    private static final String STATIC = "/org/raqib/dashboard/web/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "html", "text/html; charset=utf-8");
    private static final int MAX_BODY = 16 * 1024;

    private final DashboardOptions options;
    private final UserDirectory users;
    private final SessionStore sessions;
    private final AcknowledgementWriter acks;
    private final ObjectMapper json = new ObjectMapper();
    private final EventHub hub;
    private final Clock clock;
    private final String csp;
    private LiveState state;

    /** The web surface for {@code users}, writing acknowledgements with {@code acks}. */
    public DashboardWeb(DashboardOptions options, UserDirectory users, AcknowledgementWriter acks, Clock clock) {
        this.options = options;
        this.users = users;
        this.acks = acks;
        this.clock = clock;
        this.sessions = new SessionStore(options.sessionIdle(), clock);
        this.hub = new EventHub(json, sessions);
        String tiles = options.tilesOrigin() == null ? "" : " " + options.tilesOrigin();
        this.csp = "default-src 'self'; img-src 'self' data:" + tiles + "; style-src 'self'; script-src 'self'; "
                + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    }

    /** Where changes of the live state go (the browsers' event streams). */
    public LiveState.Listener listener() {
        return hub;
    }

    /** Connects the state the pages show; call once before serving. */
    public void attach(LiveState liveState) {
        this.state = liveState;
    }

    /** Ends every event stream. */
    public void close() {
        hub.close();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            Headers h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            // "same-origin", not "no-referrer": with no-referrer Chrome sends "Origin: null" on form posts.
            h.set("Referrer-Policy", "same-origin");
            h.set("Content-Security-Policy", csp);
            route(ex);
        } catch (RuntimeException e) {
            LOG.warn("request {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.toString());
            send(ex, 500, "text/plain; charset=utf-8", "internal error".getBytes(StandardCharsets.UTF_8));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.startsWith("/static/") && method.equals("GET")) {
            serveStatic(ex, path.substring("/static/".length()));
            return;
        }
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                login(ex);
            } else {
                loginPage(ex);
            }
            return;
        }
        Optional<SessionStore.Session> session = sessions.fromCookieHeader(ex.getRequestHeaders().getFirst("Cookie"));
        if (session.isEmpty()) {
            if (path.equals("/") || path.equals("/index.html")) {
                ex.getResponseHeaders().set("Location", "/login");
                send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
            } else {
                sendJson(ex, 401, Map.of("error", "sign in first"));
            }
            return;
        }
        SessionStore.Session s = session.get();
        Role role = s.user().role();
        if (method.equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
            serveStatic(ex, "app.html");
        } else if (method.equals("POST") && path.equals("/logout")) {
            if (!sameOrigin(ex) || !s.csrfMatches(formOrHeaderToken(ex))) {
                sendJson(ex, 403, Map.of("error", "cross-site request refused"));
                return;
            }
            sessions.remove(s.id());
            ex.getResponseHeaders().add("Set-Cookie", cookie("", 0));
            ex.getResponseHeaders().set("Location", "/login");
            send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
        } else if (method.equals("GET") && path.equals("/events")) {
            hub.serve(ex, s, state);
        } else if (method.equals("GET") && path.equals("/api/me")) {
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("user", s.user().name());
            me.put("role", role.label());
            me.put("views", role.views().stream().map(v -> v.name().toLowerCase()).sorted().toList());
            me.put("mayAcknowledge", role.mayAcknowledge());
            me.put("csrf", s.csrfToken());
            me.put("tilesUrl", options.tilesUrl());
            sendJson(ex, 200, me);
        } else if (method.equals("GET") && path.equals("/api/violations")) {
            if (!role.sees(Role.View.LIVE)) {
                forbidden(ex);
                return;
            }
            String list = query(ex.getRequestURI()).getOrDefault("list", "issued");
            sendJson(ex, 200, state.violations(list.equals("review")));
        } else if (method.equals("GET") && path.equals("/api/alerts")) {
            sendJson(ex, 200, state.alerts(query(ex.getRequestURI()).get("region")));
        } else if (method.equals("POST") && path.equals("/api/alerts/ack")) {
            acknowledge(ex, s);
        } else if (method.equals("GET") && path.startsWith("/api/evidence/")) {
            String key = path.substring("/api/evidence/".length());
            boolean allowed = key.startsWith("v/") ? role.sees(Role.View.LIVE) : role.sees(Role.View.PATROL);
            if (!allowed) {
                forbidden(ex);
                return;
            }
            image(ex, state.evidence(key));
        } else if (method.equals("GET") && path.startsWith("/api/cameras/") && path.endsWith("/frame")) {
            if (!role.sees(Role.View.CAMERAS)) {
                forbidden(ex);
                return;
            }
            String id = path.substring("/api/cameras/".length(), path.length() - "/frame".length());
            image(ex, state.lastFrame(id));
        } else {
            sendJson(ex, 404, Map.of("error", "not found"));
        }
    }

    private void acknowledge(HttpExchange ex, SessionStore.Session s) throws IOException {
        if (!sameOrigin(ex) || !s.csrfMatches(ex.getRequestHeaders().getFirst("X-CSRF-Token"))) {
            sendJson(ex, 403, Map.of("error", "cross-site request refused"));
            return;
        }
        if (!s.user().role().mayAcknowledge()) {
            sendJson(ex, 403, Map.of("error", "role " + s.user().role().label() + " may not acknowledge alerts"));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(readBody(ex));
        } catch (IOException e) {
            sendJson(ex, 400, Map.of("error", "expected a JSON body {\"alertId\": ..., \"note\": ...}"));
            return;
        }
        String alertId = body == null || body.get("alertId") == null ? null : body.get("alertId").asText();
        String note = body == null || body.get("note") == null ? "" : body.get("note").asText();
        if (note.length() > 500) {
            sendJson(ex, 400, Map.of("error", "note longer than 500 characters"));
            return;
        }
        Optional<Views.AlertView> alert = alertId == null ? Optional.empty() : state.alertById(alertId);
        if (alert.isEmpty()) {
            sendJson(ex, 404, Map.of("error", "no such alert"));
            return;
        }
        PatrolAcknowledgement ack = PatrolAcknowledgement.newBuilder().setAlertId(alertId)
                .setRegion(alert.get().region()).setAcknowledgedBy(s.user().name()).setRole(s.user().role().label())
                .setAcknowledgedAt(Instant.ofEpochMilli(clock.millis())).setNote(note).build();
        try {
            var meta = acks.write(ack);
            LOG.info("alert {} acknowledged by {} ({})", alertId, s.user().name(), alert.get().region());
            sendJson(ex, 200, Map.of("ok", true, "partition", meta.partition(), "offset", meta.offset()));
        } catch (IllegalStateException e) {
            sendJson(ex, 503, Map.of("error", e.getMessage()));
        }
    }

    private void login(HttpExchange ex) throws IOException {
        if (!sameOrigin(ex)) {
            sendJson(ex, 403, Map.of("error", "cross-site request refused"));
            return;
        }
        Map<String, String> form = parseForm(new String(readBody(ex), StandardCharsets.UTF_8));
        String name = form.getOrDefault("user", "");
        char[] password = form.getOrDefault("password", "").toCharArray();
        Optional<UserDirectory.User> user = users.authenticate(name, password);
        java.util.Arrays.fill(password, '\0');
        if (user.isEmpty()) {
            LOG.info("sign-in refused");
            ex.getResponseHeaders().set("Location", "/login?error=1");
            send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
            return;
        }
        SessionStore.Session s = sessions.create(user.get());
        LOG.info("{} signed in as {}", user.get().name(), user.get().role().label());
        ex.getResponseHeaders().add("Set-Cookie", cookie(s.id(), options.sessionIdle().toSeconds()));
        ex.getResponseHeaders().set("Location", "/");
        send(ex, 303, "text/plain; charset=utf-8", new byte[0]);
    }

    private String cookie(String value, long maxAge) {
        return SessionStore.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (options.secureCookies() ? "; Secure" : "");
    }

    private void loginPage(HttpExchange ex) throws IOException {
        String page = new String(resource("login.html"), StandardCharsets.UTF_8);
        boolean error = query(ex.getRequestURI()).containsKey("error");
        page = page.replace("{{error}}", error ? "<p class=\"error\" role=\"alert\">Wrong user name or password.</p>"
                : "");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Browsers send {@code Origin} on POST; when it is there it must name this server. (SameSite=Strict
     * already keeps the cookie off cross-site requests; this is the second lock.)
     */
    private static boolean sameOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private String formOrHeaderToken(HttpExchange ex) throws IOException {
        String header = ex.getRequestHeaders().getFirst("X-CSRF-Token");
        if (header != null) {
            return header;
        }
        return parseForm(new String(readBody(ex), StandardCharsets.UTF_8)).get("csrf");
    }

    private void image(HttpExchange ex, Optional<byte[]> jpeg) throws IOException {
        if (jpeg.isEmpty()) {
            sendJson(ex, 404, Map.of("error", "picture not available (frame no longer cached)"));
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "private, max-age=3600");
        send(ex, 200, "image/jpeg", jpeg.get());
    }

    private void serveStatic(HttpExchange ex, String name) throws IOException {
        if (!name.matches("[a-z0-9-]+\\.(js|css|svg|html)")) {
            sendJson(ex, 404, Map.of("error", "not found"));
            return;
        }
        byte[] body = resource(name);
        if (body == null) {
            sendJson(ex, 404, Map.of("error", "not found"));
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        send(ex, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DashboardWeb.class.getResourceAsStream(STATIC + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }

    private void forbidden(HttpExchange ex) throws IOException {
        sendJson(ex, 403, Map.of("error", "not for this role"));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new IOException("request body too large");
            }
            return b;
        }
    }

    private static Map<String, String> query(URI uri) {
        return parseForm(uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    private static Map<String, String> parseForm(String s) {
        Map<String, String> out = new HashMap<>();
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
