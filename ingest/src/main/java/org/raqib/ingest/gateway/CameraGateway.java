package org.raqib.ingest.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.CameraRegistryPublisher;
import org.raqib.ingest.registry.LiveCameraRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera gateway: an HTTP server (the JDK's own {@code com.sun.net.httpserver}) in front of Kafka.
 *
 * <ul>
 *   <li>{@code POST /v1/cameras/{id}/frames}: signed JPEG uploads to {@code raqib.frames}
 *       ({@link UploadValidator} lists the rules, {@link RejectReason} the answers);</li>
 *   <li>{@code /v1/admin/cameras[/{id}]}: the registry's admin API ({@link AdminHandler});</li>
 *   <li>{@code GET /metrics}: Prometheus text format ({@link GatewayMetrics});</li>
 *   <li>{@code GET /health}: 200 {@code {"status":"up"}}, or 503 {@code "degraded"} while Kafka is not
 *       acknowledging.</li>
 * </ul>
 *
 * <pre>{@code
 * try (CameraGateway gateway = CameraGateway.start(GatewayOptions.defaults(), CameraRegistryFile.load(file))) {
 *     ... gateway.url() ...
 * }
 * }</pre>
 */
public final class CameraGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CameraGateway.class);
    /**
     * The JDK's HTTP server writes a response's headers and its body in two writes; with Nagle's algorithm on,
     * the body waits for the client's delayed ACK of the headers (40 ms on Linux), which made every upload take
     * at least 40 ms on loopback. The server reads this property once, when its first instance starts in the
     * JVM, so it is set here as early as possible; the launcher sets it too, for processes (the demo) where
     * another JDK HTTP server may start first.
     */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    /** Handler threads beyond the in-flight bound, so that a full gateway can still answer 503 at once. */
    private static final int SPARE_THREADS = 16;

    private final GatewayOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Producer<String, byte[]> producer;
    private final LiveCameraRegistry registry;
    private final GatewayMetrics metrics;
    private boolean closed;

    private CameraGateway(GatewayOptions options, HttpServer server, ExecutorService executor,
                          Producer<String, byte[]> producer, LiveCameraRegistry registry, GatewayMetrics metrics) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.producer = producer;
        this.registry = registry;
        this.metrics = metrics;
    }

    /**
     * Starts the gateway with its own Kafka producer: publishes the registry (unless turned off), then
     * listens.
     *
     * @throws IllegalArgumentException for bad options
     * @throws IllegalStateException when the registry cannot be published (Kafka unreachable)
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static CameraGateway start(GatewayOptions options, CameraRegistry registry) {
        options.validate();
        Producer<String, byte[]> producer = new KafkaProducer<>(FramePublisher.producerProperties(options));
        try {
            return start(options, registry, producer, Clock.systemUTC());
        } catch (RuntimeException e) {
            producer.close(java.time.Duration.ofSeconds(2));
            throw e;
        }
    }

    /** Starts the gateway on {@code producer}, which it closes on {@link #close()}. */
    static CameraGateway start(GatewayOptions options, CameraRegistry initial, Producer<String, byte[]> producer,
                               Clock clock) {
        options.validate();
        KafkaState kafka = new KafkaState();
        CameraRegistryPublisher registryPublisher = new CameraRegistryPublisher(producer, clock);
        if (options.publishRegistry()) {
            try {
                registryPublisher.publish(initial);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot publish the camera registry to Kafka at "
                        + options.bootstrapServers() + " (is the broker running?): " + e.getMessage(), e);
            }
            kafka.acknowledged();
        }
        LiveCameraRegistry registry = new LiveCameraRegistry(initial, registryPublisher);
        GatewayMetrics metrics = new GatewayMetrics();
        InFlightLimiter limiter = new InFlightLimiter(options.maxInFlightRequests(), options.maxInFlightBytes());
        ReplayGuard replays = new ReplayGuard(options.clockSkew(), options.replayCacheMaxEntries());
        UploadValidator validator = new UploadValidator(registry::find, replays, options);
        metrics.gauges(limiter::requests, limiter::bytes, () -> registry.snapshot().size());

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.bindAddress() + ":" + options.port()
                    + " (" + e.getMessage() + "; is another gateway running? choose another --port)", e);
        }
        int threads = options.maxInFlightRequests() + SPARE_THREADS;
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "raqib-gateway-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.createContext("/v1/cameras/", new UploadHandler(options, validator, replays, limiter,
                new FramePublisher(producer), metrics, kafka, clock));
        server.createContext("/v1/admin/", new AdminHandler(options.adminToken(), registry));
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                JsonReply.sendText(exchange, 200, "text/plain; version=0.0.4", metrics.render());
            }
        });
        server.createContext("/health", exchange -> health(exchange, kafka, registry, limiter));
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonReply.send(exchange, 404, JsonReply.error(404, "not-found", "no such resource; uploads go to "
                        + "POST /v1/cameras/{id}/frames"));
            }
        });
        server.start();
        CameraGateway gateway = new CameraGateway(options, server, executor, producer, registry, metrics);
        LOG.info("camera gateway listening at {} ({} cameras; Kafka {}; admin API {})", gateway.url(),
                initial.size(), options.bootstrapServers(), options.adminToken() == null ? "off" : "on");
        return gateway;
    }

    private static void health(HttpExchange exchange, KafkaState kafka, LiveCameraRegistry registry,
                               InFlightLimiter limiter) throws IOException {
        try (exchange) {
            String k = kafka.state();
            boolean up = !k.equals("down");
            ObjectNode body = JsonReply.object();
            body.put("status", up ? "up" : "degraded");
            body.put("kafka", k);
            body.put("cameras", registry.snapshot().size());
            body.put("inFlightRequests", limiter.requests());
            body.put("inFlightBytes", limiter.bytes());
            JsonReply.send(exchange, up ? 200 : 503, body);
        }
    }

    /** The bound address (the real port when the options asked for 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port} of the gateway; a wildcard bind address is shown as 127.0.0.1. */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return "http://" + host + ":" + a.getPort();
    }

    /** The live registry (changed by the admin API). */
    public LiveCameraRegistry registry() {
        return registry;
    }

    /** The counters behind {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** The options it runs with. */
    public GatewayOptions options() {
        return options;
    }

    /**
     * Stops taking requests, lets those in progress finish (a second at most), then flushes and closes
     * the producer. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(options.kafkaTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        producer.close(options.kafkaTimeout());
        LOG.info("camera gateway stopped");
    }
}
