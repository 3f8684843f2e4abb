package org.raqib.dashboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.raqib.dashboard.access.Role;
import org.raqib.dashboard.access.SessionStore;
import org.raqib.dashboard.live.LiveState;

/**
 * The browsers' server-sent event streams. Each connection first gets a {@code snapshot} event with
 * everything its role may see, then every change as it happens; the page de-duplicates by id, so a
 * change that races the snapshot is harmless. A browser too slow to keep up (its queue full) is
 * disconnected and reconnects with a fresh snapshot, rather than holding memory without bound.
 */
final class EventHub implements LiveState.Listener {

    private static final int QUEUE = 2000;
    private static final long PING_MS = 15_000;

    private final class Client {
        final SessionStore.Session session;
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        volatile boolean open = true;

        Client(SessionStore.Session session) {
            this.session = session;
        }
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final SessionStore sessions;
    private volatile boolean closed;

    EventHub(ObjectMapper json, SessionStore sessions) {
        this.json = json;
        this.sessions = sessions;
    }

    @Override
    public void changed(String type, Role.View view, Object data) {
        if (clients.isEmpty()) {
            return;
        }
        String frame = frame(type, data);
        for (Client c : clients) {
            if (c.session.user().role().sees(view) && !c.queue.offer(frame)) {
                c.open = false;
            }
        }
    }

    /** Number of connected browsers. */
    int connections() {
        return clients.size();
    }

    /** Serves one event stream until the browser goes away, the session ends or the server stops. */
    void serve(HttpExchange ex, SessionStore.Session session, LiveState state) throws IOException {
        Client client = new Client(session);
        clients.add(client);
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("X-Accel-Buffering", "no");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 2000\n\n" + frame("snapshot", state.snapshot(session.user().role())));
            while (client.open && !closed && sessions.isLive(session.id())) {
                String next = client.queue.poll(PING_MS, TimeUnit.MILLISECONDS);
                if (next == null) {
                    write(out, ": ping\n\n");
                    continue;
                }
                StringBuilder batch = new StringBuilder(next);
                String more;
                while (batch.length() < 1 << 20 && (more = client.queue.poll()) != null) {
                    batch.append(more);
                }
                write(out, batch.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away
        } finally {
            clients.remove(client);
            ex.close();
        }
    }

    void close() {
        closed = true;
        for (Client c : clients) {
            c.open = false;
            c.queue.offer(": bye\n\n");
        }
    }

    private String frame(String type, Object data) {
        try {
            return "event: " + type + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type + " event as JSON", e);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
