package org.raqib.ingest.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the camera gateway ({@link CameraGateway}). Every key, its default and its meaning:
 *
 * <table>
 *   <caption>Gateway options</caption>
 *   <tr><th>key ({@code ./raqib ingest} option)</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code bindAddress} ({@code --bind})</td><td>0.0.0.0</td><td>interface the HTTP server listens on</td></tr>
 *   <tr><td>{@code port} ({@code --port})</td><td>8080</td><td>HTTP port; 0 picks a free one</td></tr>
 *   <tr><td>{@code bootstrapServers} ({@code --bootstrap})</td><td>localhost:9092</td><td>Kafka brokers</td></tr>
 *   <tr><td>{@code maxBodyBytes} ({@code --max-body})</td><td>2 MiB</td><td>largest accepted upload; larger gets 413</td></tr>
 *   <tr><td>{@code maxImageWidth}, {@code maxImageHeight} ({@code --max-width}, {@code --max-height})</td>
 *       <td>8192</td><td>largest declared JPEG size; larger gets 400 before any decoding (decompression bomb)</td></tr>
 *   <tr><td>{@code clockSkew} ({@code --clock-skew})</td><td>5m</td><td>how far a signed timestamp may be from the
 *       gateway's clock; signatures are remembered this long against replays</td></tr>
 *   <tr><td>{@code maxInFlightRequests} ({@code --max-in-flight})</td><td>64</td><td>uploads held at once (read,
 *       checked or waiting for Kafka); more get 503 with Retry-After</td></tr>
 *   <tr><td>{@code maxInFlightBytes} ({@code --max-in-flight-bytes})</td><td>64 MiB</td><td>upload bytes held at once;
 *       more get 503. Bounds the gateway's memory whatever Kafka does.</td></tr>
 *   <tr><td>{@code kafkaTimeout} ({@code --kafka-timeout})</td><td>10s</td><td>longest wait for the broker's
 *       acknowledgement of a frame (producer {@code delivery.timeout.ms}); after it the upload gets 503</td></tr>
 *   <tr><td>{@code retryAfter} ({@code --retry-after})</td><td>2s</td><td>the {@code Retry-After} of a 503</td></tr>
 *   <tr><td>{@code deadLetterMaxBytes}</td><td>64 KiB</td><td>how much of a rejected body the dead letter keeps
 *       (its {@code originalSize} says how large it was)</td></tr>
 *   <tr><td>{@code replayCacheMaxEntries}</td><td>1,000,000</td><td>most remembered signatures (about 100 bytes
 *       each); when full, uploads get 503 rather than risk a replay</td></tr>
 *   <tr><td>{@code adminToken} ({@code --admin-token}, env {@code RAQIB_ADMIN_TOKEN})</td><td>none</td><td>bearer
 *       token of the admin API; without one the admin API answers 404</td></tr>
 *   <tr><td>{@code publishRegistry}</td><td>true</td><td>publish the registry to {@code raqib.cameras} at start</td></tr>
 * </table>
 *
 * @param bindAddress interface to listen on
 * @param port HTTP port, 0 for a free one
 * @param bootstrapServers Kafka bootstrap servers
 * @param maxBodyBytes largest upload in bytes
 * @param maxImageWidth largest declared JPEG width
 * @param maxImageHeight largest declared JPEG height
 * @param clockSkew allowed distance between a signed timestamp and the gateway's clock
 * @param maxInFlightRequests most uploads held at once
 * @param maxInFlightBytes most upload bytes held at once
 * @param kafkaTimeout longest wait for a broker acknowledgement
 * @param retryAfter Retry-After of a 503
 * @param deadLetterMaxBytes bytes of a rejected body kept in its dead letter
 * @param replayCacheMaxEntries most signatures remembered against replays
 * @param adminToken bearer token of the admin API, or null to turn it off
 * @param publishRegistry publish the registry at start
 */
public record GatewayOptions(String bindAddress, int port, String bootstrapServers, int maxBodyBytes,
        int maxImageWidth, int maxImageHeight, Duration clockSkew, int maxInFlightRequests, long maxInFlightBytes,
        Duration kafkaTimeout, Duration retryAfter, int deadLetterMaxBytes, int replayCacheMaxEntries,
        String adminToken, boolean publishRegistry) {

    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;
    /** Default largest upload: 2 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** Default largest declared width and height. */
    public static final int DEFAULT_MAX_DIMENSION = 8192;
    /** Default clock skew and replay window. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Shortest admin token accepted: a shorter one is guessable. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 12;
    /** Largest body the gateway can hand to Kafka (the broker's message.max.bytes is 8 MiB). */
    public static final int LIMIT_MAX_BODY_BYTES = 7 * 1024 * 1024;

    /** The defaults listed in the class comment. */
    public static GatewayOptions defaults() {
        return new GatewayOptions("0.0.0.0", DEFAULT_PORT, "localhost:9092", DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_DIMENSION, DEFAULT_MAX_DIMENSION, DEFAULT_CLOCK_SKEW, 64, 64L * 1024 * 1024,
                Duration.ofSeconds(10), Duration.ofSeconds(2), 64 * 1024, 1_000_000, null, true);
    }

    /** A copy listening on {@code address}. */
    public GatewayOptions withBindAddress(String address) {
        return new GatewayOptions(address, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy on HTTP port {@code p}. */
    public GatewayOptions withPort(int p) {
        return new GatewayOptions(bindAddress, p, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy that sends to {@code servers}. */
    public GatewayOptions withBootstrapServers(String servers) {
        return new GatewayOptions(bindAddress, port, servers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the largest upload {@code bytes}. */
    public GatewayOptions withMaxBodyBytes(int bytes) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, bytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the largest declared image size. */
    public GatewayOptions withMaxImageSize(int width, int height) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, width, height,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the clock skew (and replay window) {@code skew}. */
    public GatewayOptions withClockSkew(Duration skew) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                skew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the in-flight bounds. */
    public GatewayOptions withInFlight(int requests, long bytes) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, requests, bytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the Kafka acknowledgement timeout {@code timeout}. */
    public GatewayOptions withKafkaTimeout(Duration timeout) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, timeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the 503 Retry-After {@code after}. */
    public GatewayOptions withRetryAfter(Duration after) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, after, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publishRegistry);
    }

    /** A copy with the replay cache bound {@code entries}. */
    public GatewayOptions withReplayCacheMaxEntries(int entries) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                entries, adminToken, publishRegistry);
    }

    /** A copy with the admin bearer token {@code token} (null turns the admin API off). */
    public GatewayOptions withAdminToken(String token) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, token, publishRegistry);
    }

    /** A copy that does (or does not) publish the registry at start. */
    public GatewayOptions withPublishRegistry(boolean publish) {
        return new GatewayOptions(bindAddress, port, bootstrapServers, maxBodyBytes, maxImageWidth, maxImageHeight,
                clockSkew, maxInFlightRequests, maxInFlightBytes, kafkaTimeout, retryAfter, deadLetterMaxBytes,
                replayCacheMaxEntries, adminToken, publish);
    }

    /**
     * Checks the options.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad option
     */
    public GatewayOptions validate() {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = pick a free one), got " + port);
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be empty (host:port[,host:port])");
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > LIMIT_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("max body must be 1 KiB .. " + LIMIT_MAX_BODY_BYTES
                    + " bytes (Kafka's record limit), got " + maxBodyBytes);
        }
        if (maxImageWidth < 16 || maxImageWidth > 65535 || maxImageHeight < 16 || maxImageHeight > 65535) {
            throw new IllegalArgumentException("max image width and height must be 16..65535, got " + maxImageWidth
                    + "x" + maxImageHeight);
        }
        requirePositive(clockSkew, "clock skew");
        if (maxInFlightRequests < 1 || maxInFlightRequests > 4096) {
            throw new IllegalArgumentException("max in-flight requests must be 1..4096, got " + maxInFlightRequests);
        }
        if (maxInFlightBytes < maxBodyBytes) {
            throw new IllegalArgumentException("max in-flight bytes (" + maxInFlightBytes
                    + ") must be at least the max body (" + maxBodyBytes + ")");
        }
        requirePositive(kafkaTimeout, "kafka timeout");
        if (kafkaTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("kafka timeout must be at least 1s, got " + kafkaTimeout);
        }
        requirePositive(retryAfter, "retry-after");
        if (deadLetterMaxBytes < 0 || deadLetterMaxBytes > maxBodyBytes) {
            throw new IllegalArgumentException("dead-letter max bytes must be 0..max body, got " + deadLetterMaxBytes);
        }
        if (replayCacheMaxEntries < 1) {
            throw new IllegalArgumentException("replay cache entries must be positive, got " + replayCacheMaxEntries);
        }
        if (adminToken != null && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("admin token must be at least " + MIN_ADMIN_TOKEN_LENGTH + " characters");
        }
        return this;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    @Override
    public String toString() {
        // The admin token is a secret: never print it.
        return "GatewayOptions[" + bindAddress + ":" + port + ", kafka " + bootstrapServers + ", max body "
                + maxBodyBytes + ", max image " + maxImageWidth + "x" + maxImageHeight + ", skew " + clockSkew
                + ", in flight " + maxInFlightRequests + "/" + maxInFlightBytes + " B, kafka timeout " + kafkaTimeout
                + ", admin API " + (adminToken == null ? "off" : "on") + "]";
    }
}
