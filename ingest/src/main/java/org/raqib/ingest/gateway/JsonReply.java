package org.raqib.ingest.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes JSON answers; every answer of the gateway, errors included, is a JSON object. */
final class JsonReply {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonReply() {
    }

    /** A new JSON object. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The standard error object: {@code {"error": code, "status": status, "message": message}}. */
    static ObjectNode error(int status, String code, String message) {
        ObjectNode o = object();
        o.put("error", code);
        o.put("status", status);
        o.put("message", message);
        return o;
    }

    /** Sends {@code body} with {@code status}. */
    static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        sendText(exchange, status, "application/json", text(body));
    }

    /** {@code body} as the text of an answer, ending with a new line. */
    static String text(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Sends a text body. */
    static void sendText(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
