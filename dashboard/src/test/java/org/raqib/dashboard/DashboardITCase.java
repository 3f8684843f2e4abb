package org.raqib.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.dashboard.cli.PatrolCommand;
import org.raqib.models.PatrolAcknowledgement;
import org.raqib.models.Topics;

/**
 * The dashboard's HTTP surface against a real in-process broker, as a plain HTTP client sees it: no
 * data without a session, cookie attributes, roles, CSRF on the acknowledgement, and the
 * acknowledgement in Kafka as an independent read-committed consumer reads it. Also the patrol feed
 * command for one region.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardITCase {

    static final Path DEMO_USERS = Path.of("../config/users.yaml");
    private static final String PLATE = "4821BDK";
    private static final String REGION = "riyadh-central";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DashboardOnKafka onKafka;
    private static DashboardServer dashboard;
    private static URI base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        onKafka = DashboardOnKafka.start();
        dashboard = onKafka.dashboard();
        base = dashboard.address();
        Instant now = Instant.now();
        KafkaRecords.write(onKafka.bootstrapServers(), Topics.CAMERAS,
                Map.of("CAM-1", Fixtures.camera("CAM-1", REGION, 24.69, 46.68, 8)));
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.VIOLATIONS,
                Map.of("v-1", Fixtures.violation("v-1", PLATE, "CAM-1", REGION, now, "f-1", false)));
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.PATROL_ALERTS, Map.of(
                REGION, Fixtures.alert("a-1", "7777HJK", "CAM-1", REGION, now)));
        KafkaRecords.writeTransactionally(onKafka.bootstrapServers(), Topics.PATROL_ALERTS, Map.of(
                "eastern", Fixtures.alert("a-2", "8888HJK", "CAM-1", "eastern", now)));
        await(() -> dashboard.state().violations(false).size() == 1 && dashboard.state().alerts(null).size() == 2,
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (onKafka != null) {
            onKafka.close();
        }
    }

    @Test
    void withoutASessionThereIsNoData() throws Exception {
        // given data in the dashboard (see start), when a client without a session asks for it
        HttpResponse<String> page = get("/", null);
        assertEquals(303, page.statusCode());
        assertEquals("/login", page.headers().firstValue("Location").orElse(""));
        for (String path : List.of("/api/violations", "/api/violations?list=review", "/api/alerts?region=" + REGION,
                "/api/me", "/events", "/api/evidence/v/v-1", "/api/cameras/CAM-1/frame")) {
            for (String cookie : new String[] {null, "raqib_session=forged-or-expired"}) {
                HttpResponse<String> r = get(path, cookie);
                // then it gets 401 and nothing of the data
                assertEquals(401, r.statusCode(), path);
                assertFalse(r.body().contains(PLATE) || r.body().contains("7777HJK") || r.body().contains("CAM-1"),
                        path + " leaked data: " + r.body());
            }
        }
        HttpResponse<String> ack = send(HttpRequest.newBuilder(base.resolve("/api/alerts/ack"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"alertId\":\"a-1\"}")).build());
        assertEquals(401, ack.statusCode());
        // the sign-in page and the static code are public and hold no data
        assertEquals(200, get("/login", null).statusCode());
        assertFalse(get("/login", null).body().contains(PLATE));
    }

    @Test
    void signInGivesAnHttpOnlySameSiteStrictSessionAndAWrongPasswordNone() throws Exception {
        HttpResponse<String> wrong = login("operator", "wrong-password");
        assertEquals(303, wrong.statusCode());
        assertEquals("/login?error=1", wrong.headers().firstValue("Location").orElse(""));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());

        HttpResponse<String> ok = login("operator", "operator-demo");
        assertEquals(303, ok.statusCode());
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> violations = get("/api/violations", cookie);
        assertEquals(200, violations.statusCode());
        JsonNode list = JSON.readTree(violations.body());
        assertEquals(1, list.size());
        assertEquals("1234".length(), list.get(0).get("plate").get("latinDigits").asText().length());
        assertEquals(PLATE, list.get(0).get("plate").get("latinDigits").asText()
                + list.get(0).get("plate").get("latinLetters").asText());
        assertTrue(get("/", cookie).body().contains("/static/app.js"));
        assertTrue(get("/api/me", cookie).body().contains("\"role\":\"operator\""));
    }

    @Test
    void signingOutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
        String cookie = sessionCookie("admin", "admin-demo");
        HttpResponse<String> me = get("/api/me", cookie);
        String csp = me.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        String csrf = JSON.readTree(me.body()).get("csrf").asText();
        HttpRequest.Builder logout = HttpRequest.newBuilder(base.resolve("/logout")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded");
        assertEquals(403, send(logout.POST(HttpRequest.BodyPublishers.ofString("csrf=guess")).build()).statusCode());
        assertEquals(200, get("/api/me", cookie).statusCode(), "a refused sign-out leaves the session");
        HttpResponse<String> out = send(logout.POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)).build());
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, get("/api/me", cookie).statusCode(), "the session is gone");
    }

    @Test
    void theEventStreamStartsWithASnapshotOfWhatTheRoleSees() throws Exception {
        String cookie = sessionCookie("patrol", "patrol-demo");
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/events")).header("Cookie", cookie).GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "snapshot".equals(event)) {
                    JsonNode snap = JSON.readTree(line.substring(6));
                    assertEquals(0, snap.get("issued").size(), "a patrol does not see violations");
                    assertEquals(2, snap.get("alerts").size());
                    break;
                }
            }
            assertEquals("snapshot", event);
        }
    }

    @Test
    void onlyAPatrolOrAdminAcknowledgesAndOnlyWithTheSessionsCsrfToken() throws Exception {
        String operator = sessionCookie("operator", "operator-demo");
        String patrol = sessionCookie("patrol", "patrol-demo");
        String patrolCsrf = JSON.readTree(get("/api/me", patrol).body()).get("csrf").asText();
        String operatorCsrf = JSON.readTree(get("/api/me", operator).body()).get("csrf").asText();

        assertEquals(403, get("/api/violations", patrol).statusCode(), "a patrol does not see violations");
        assertEquals(2, JSON.readTree(get("/api/alerts", patrol).body()).size());

        assertEquals(403, ack(patrol, null, null, "a-1").statusCode(), "no CSRF token");
        assertEquals(403, ack(patrol, operatorCsrf, null, "a-1").statusCode(), "another session's token");
        assertEquals(403, ack(patrol, patrolCsrf, "http://evil.example", "a-1").statusCode(), "cross-site origin");
        assertEquals(403, ack(operator, operatorCsrf, null, "a-1").statusCode(), "operators only watch");
        assertEquals(404, ack(patrol, patrolCsrf, null, "no-such-alert").statusCode());

        HttpResponse<String> ok = ack(patrol, patrolCsrf, base.toString().replaceAll("/$", ""), "a-1");
        assertEquals(200, ok.statusCode(), ok.body());

        // an independent read-committed consumer finds the acknowledgement, keyed by region
        List<KafkaRecords.Keyed<PatrolAcknowledgement>> acks = KafkaRecords.readCommitted(onKafka.bootstrapServers(),
                Topics.PATROL_ACKS);
        assertEquals(1, acks.size());
        assertEquals(REGION, acks.get(0).key());
        assertEquals("a-1", acks.get(0).value().getAlertId());
        assertEquals("patrol", acks.get(0).value().getAcknowledgedBy());
        assertEquals("unit 12 dispatched", acks.get(0).value().getNote());
        // and the dashboard shows it, having read it back from Kafka
        await(() -> dashboard.state().alertById("a-1").map(a -> a.ack() != null).orElse(false), Duration.ofSeconds(10));
        JsonNode alerts = JSON.readTree(get("/api/alerts?region=" + REGION, patrol).body());
        assertEquals(1, alerts.size());
        assertEquals("patrol", alerts.get(0).get("ack").get("by").asText());
    }

    @Test
    void thePatrolCommandPrintsTheAlertsOfItsRegionOnly() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PatrolCommand.run(new String[] {"--region", REGION, "--bootstrap", onKafka.bootstrapServers(),
                "--from-beginning", "--duration", "3s"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("alert a-1") && printed.contains("7777HJK") && printed.contains("stolen"), printed);
        assertFalse(printed.contains("a-2"), "another region's alert: " + printed);

        assertEquals(2, PatrolCommand.run(new String[] {"--bootstrap", onKafka.bootstrapServers()},
                new PrintStream(out), new PrintStream(err)), "--region is required");
    }

    private HttpResponse<String> ack(String cookie, String csrf, String origin, String alertId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/alerts/ack")).header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"alertId\":\"" + alertId + "\",\"note\":\"unit 12 dispatched\"}"));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b.build());
    }

    private String sessionCookie(String user, String password) throws Exception {
        String setCookie = login(user, password).headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + user + "&password=" + password)).build());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
