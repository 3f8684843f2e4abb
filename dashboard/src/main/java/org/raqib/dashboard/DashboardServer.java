package org.raqib.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.raqib.dashboard.access.Role;
import org.raqib.dashboard.access.UserDirectory;
import org.raqib.dashboard.feed.TopicFeed;
import org.raqib.dashboard.live.LiveState;
import org.raqib.dashboard.patrol.AcknowledgementWriter;
import org.raqib.dashboard.web.DashboardWeb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations-centre dashboard: consumes the topics into a live picture and serves it to browsers
 * (JDK HTTP server, server-sent events). Start with {@link #start}, stop with {@link #close}.
 *
 * <pre>{@code
 * try (DashboardServer d = DashboardServer.start(DashboardOptions.defaults(Path.of("config/users.yaml")))) {
 *     System.out.println(d.address());
 * }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    /** How often the camera states and trends are pushed to the browsers. */
    static final Duration TICK = Duration.ofSeconds(2);

    private final HttpServer http;
    private final ExecutorService requests;
    private final ScheduledExecutorService ticker;
    private final TopicFeed feed;
    private final AcknowledgementWriter acks;
    private final DashboardWeb web;
    private final LiveState state;
    private boolean closed;

    private DashboardServer(HttpServer http, ExecutorService requests, ScheduledExecutorService ticker,
            TopicFeed feed, AcknowledgementWriter acks, DashboardWeb web, LiveState state) {
        this.http = http;
        this.requests = requests;
        this.ticker = ticker;
        this.feed = feed;
        this.acks = acks;
        this.web = web;
        this.state = state;
    }

    /**
     * Loads the users, starts consuming and serving.
     *
     * @throws IllegalArgumentException for bad options or a bad users file
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static DashboardServer start(DashboardOptions options) {
        options.validate();
        UserDirectory users = UserDirectory.load(options.usersFile());
        Clock clock = Clock.systemUTC();
        AcknowledgementWriter acks = new AcknowledgementWriter(options.bootstrapServers(), Duration.ofSeconds(10));
        DashboardWeb web = new DashboardWeb(options, users, acks, clock);
        LiveState state = new LiveState(clock, options.maxItems(), (long) options.frameCacheMegabytes() << 20,
                web.listener());
        web.attach(state);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            acks.close();
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        // Each open event stream holds a thread, so the pool grows with the browsers (bounded by the OS).
        AtomicInteger n = new AtomicInteger();
        ExecutorService requests = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "raqib-dashboard-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(requests);
        http.createContext("/", web);
        TopicFeed feed = TopicFeed.start(options.bootstrapServers(), state);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raqib-dashboard-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                web.listener().changed("cameras", Role.View.CAMERAS, state.cameras());
                web.listener().changed("trends", Role.View.TRENDS, state.trends());
            } catch (RuntimeException e) {
                LOG.warn("dashboard tick failed: {}", e.toString());
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        http.start();
        DashboardServer server = new DashboardServer(http, requests, ticker, feed, acks, web, state);
        LOG.info("dashboard serving at {} for {} users, reading {}", server.address(), users.users().size(),
                options.bootstrapServers());
        return server;
    }

    /** The address browsers open, e.g. {@code http://127.0.0.1:8080/}. */
    public URI address() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** The live picture (for tests and embedding). */
    public LiveState state() {
        return state;
    }

    /** The Kafka feed (for its counters). */
    public TopicFeed feed() {
        return feed;
    }

    /** Stops serving and consuming. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        web.close();
        ticker.shutdownNow();
        http.stop(0);
        requests.shutdownNow();
        feed.close();
        acks.close();
        LOG.info("dashboard stopped");
    }
}
