package org.raqib.ingest.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.InvalidRegistryException;
import org.raqib.ingest.registry.LiveCameraRegistry;
import org.raqib.ingest.registry.RegisteredCamera;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of the camera registry, behind {@code Authorization: Bearer <token>}:
 * <ul>
 *   <li>{@code GET /v1/admin/cameras} lists the cameras, {@code GET /v1/admin/cameras/{id}} shows one;</li>
 *   <li>{@code PUT /v1/admin/cameras/{id}} (or POST) adds or replaces a camera; the body is a JSON object
 *       with the fields of a {@code config/cameras.yaml} entry ({@code secret} may be left out when
 *       changing an existing camera, which keeps its secret); 201 when added, 200 when changed;</li>
 *   <li>{@code DELETE /v1/admin/cameras/{id}} disables the camera (its uploads get 403; the jobs see
 *       {@code enabled=false}); the entry stays so that its history keeps a name.</li>
 * </ul>
 * Every change is published to {@code raqib.cameras} before it is answered; secrets never leave the
 * gateway (not in answers, not in Kafka, not in logs).
 */
final class AdminHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    static final Pattern PATH = Pattern.compile("/v1/admin/cameras(?:/([^/]{1,100}))?/?");
    private static final int MAX_BODY = 64 * 1024;

    private final byte[] token;
    private final LiveCameraRegistry registry;

    /** @param token the bearer token, or null when the admin API is off */
    AdminHandler(String token, LiveCameraRegistry registry) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (token == null) {
                JsonReply.send(exchange, 404, JsonReply.error(404, "admin-api-off",
                        "the admin API is off: start the gateway with --admin-token or RAQIB_ADMIN_TOKEN"));
                return;
            }
            if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"raqib-admin\"");
                JsonReply.send(exchange, 401, JsonReply.error(401, "unauthorised",
                        "send Authorization: Bearer <admin token>"));
                return;
            }
            Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches()) {
                JsonReply.send(exchange, 404, JsonReply.error(404, "not-found", "no such admin resource"));
                return;
            }
            String id = m.group(1);
            String method = exchange.getRequestMethod();
            if (id == null) {
                if (method.equals("GET")) {
                    ArrayNode list = JsonReply.JSON.createArrayNode();
                    registry.snapshot().cameras().forEach(c -> list.add(describe(c)));
                    ObjectNode body = JsonReply.object();
                    body.set("cameras", list);
                    JsonReply.send(exchange, 200, body);
                } else {
                    notAllowed(exchange, "GET");
                }
                return;
            }
            switch (method) {
                case "GET" -> show(exchange, id);
                case "PUT", "POST" -> put(exchange, id);
                case "DELETE" -> disable(exchange, id);
                default -> notAllowed(exchange, "GET, PUT, POST, DELETE");
            }
        } catch (IOException e) {
            LOG.debug("admin connection failed: {}", e.toString());
        }
    }

    private void show(HttpExchange exchange, String id) throws IOException {
        Optional<RegisteredCamera> c = registry.find(id);
        if (c.isEmpty()) {
            JsonReply.send(exchange, 404, JsonReply.error(404, "unknown-camera", "camera '" + id + "' is not registered"));
        } else {
            JsonReply.send(exchange, 200, describe(c.get()));
        }
    }

    private void put(HttpExchange exchange, String id) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            JsonReply.send(exchange, 413, JsonReply.error(413, "too-large", "a camera entry is at most 64 KiB"));
            return;
        }
        JsonNode node;
        try {
            node = JsonReply.JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonReply.send(exchange, 400, JsonReply.error(400, "bad-json", "the body is not JSON: "
                    + e.getOriginalMessage()));
            return;
        }
        if (node == null || !node.isObject()) {
            JsonReply.send(exchange, 400, JsonReply.error(400, "bad-json", "the body must be a JSON object"));
            return;
        }
        ObjectNode entry = (ObjectNode) node;
        if (entry.hasNonNull("id") && !entry.get("id").asText().equals(id)) {
            JsonReply.send(exchange, 400, JsonReply.error(400, "id-mismatch", "the body's id '"
                    + entry.get("id").asText() + "' is not the path's '" + id + "'"));
            return;
        }
        entry.put("id", id);
        Optional<RegisteredCamera> existing = registry.find(id);
        if (!entry.has("secret") && existing.isPresent()) {
            entry.put("secret", existing.get().secret());
        }
        RegisteredCamera camera;
        try {
            camera = CameraRegistryFile.parseCamera(entry, "admin request");
        } catch (InvalidRegistryException e) {
            ObjectNode answer = JsonReply.error(400, "invalid-camera", "the camera entry is not valid");
            ArrayNode problems = answer.putArray("problems");
            e.problems().forEach(problems::add);
            JsonReply.send(exchange, 400, answer);
            return;
        }
        try {
            registry.put(camera);
        } catch (IllegalStateException e) {
            kafkaUnavailable(exchange, e);
            return;
        }
        LOG.info("admin: camera {} {}", id, existing.isPresent() ? "changed" : "added");
        JsonReply.send(exchange, existing.isPresent() ? 200 : 201, describe(camera));
    }

    private void disable(HttpExchange exchange, String id) throws IOException {
        Optional<RegisteredCamera> off;
        try {
            off = registry.disable(id);
        } catch (IllegalStateException e) {
            kafkaUnavailable(exchange, e);
            return;
        }
        if (off.isEmpty()) {
            JsonReply.send(exchange, 404, JsonReply.error(404, "unknown-camera", "camera '" + id + "' is not registered"));
            return;
        }
        LOG.info("admin: camera {} disabled", id);
        JsonReply.send(exchange, 200, describe(off.get()));
    }

    private static void kafkaUnavailable(HttpExchange exchange, IllegalStateException e) throws IOException {
        LOG.warn("admin: registry change not published: {}", e.getMessage());
        exchange.getResponseHeaders().set("Retry-After", "2");
        JsonReply.send(exchange, 503, JsonReply.error(503, "kafka-unavailable",
                "the change was not published to Kafka, so nothing changed; try again later"));
    }

    private static void notAllowed(HttpExchange exchange, String allow) throws IOException {
        exchange.getResponseHeaders().set("Allow", allow);
        JsonReply.send(exchange, 405, JsonReply.error(405, "method-not-allowed", "allowed: " + allow));
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The camera as JSON, without its secret. */
    static ObjectNode describe(RegisteredCamera c) {
        ObjectNode o = JsonReply.object();
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("latitude", c.latitude());
        o.put("longitude", c.longitude());
        o.put("roadId", c.roadId());
        o.put("direction", c.direction());
        o.put("kmMarker", c.kmMarker());
        o.put("speedLimitKmh", c.speedLimitKmh());
        o.put("toleranceKmh", c.toleranceKmh());
        o.put("region", c.region());
        o.put("hasRadar", c.hasRadar());
        o.put("enabled", c.enabled());
        if (c.calibrationValidUntil() != null) {
            o.put("calibrationValidUntil", c.calibrationValidUntil().toString());
        }
        return o;
    }
}
