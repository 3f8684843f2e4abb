package org.raqib.dashboard;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of the dashboard server; {@code ./raqib dashboard --help} lists their command-line names.
 *
 * @param bootstrapServers Kafka bootstrap servers (default localhost:9092)
 * @param host address to listen on (default 127.0.0.1; 0.0.0.0 to serve other machines)
 * @param port HTTP port (default 8080; 0 picks a free one)
 * @param usersFile the users file with hashed passwords (default config/users.yaml)
 * @param tilesUrl map tile URL template with {z}, {x} and {y} (e.g. a local tile server); null (the
 *     default) draws the cameras on a plan from their coordinates without tiles
 * @param maxItems violations, review cases and alerts kept per list (default 500)
 * @param frameCacheMegabytes memory for recent frames, from which evidence crops are cut (default 64)
 * @param sessionIdle sign-in lifetime without a request (default 8h)
 * @param secureCookies mark the session cookie Secure (default false; set it behind HTTPS)
 */
public record DashboardOptions(String bootstrapServers, String host, int port, Path usersFile, String tilesUrl,
        int maxItems, int frameCacheMegabytes, Duration sessionIdle, boolean secureCookies) {

    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;

    /** The defaults, with the users file {@code usersFile}. */
    public static DashboardOptions defaults(Path usersFile) {
        return new DashboardOptions("localhost:9092", "127.0.0.1", DEFAULT_PORT, usersFile, null, 500, 64,
                Duration.ofHours(8), false);
    }

    /** These options with another broker. */
    public DashboardOptions withBootstrapServers(String servers) {
        return new DashboardOptions(servers, host, port, usersFile, tilesUrl, maxItems, frameCacheMegabytes,
                sessionIdle, secureCookies);
    }

    /** These options with another port. */
    public DashboardOptions withPort(int p) {
        return new DashboardOptions(bootstrapServers, host, p, usersFile, tilesUrl, maxItems, frameCacheMegabytes,
                sessionIdle, secureCookies);
    }

    /**
     * Checks the options.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad option
     */
    public DashboardOptions validate() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be given");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (usersFile == null) {
            throw new IllegalArgumentException("a users file must be given");
        }
        if (tilesUrl != null) {
            if (!tilesUrl.contains("{z}") || !tilesUrl.contains("{x}") || !tilesUrl.contains("{y}")) {
                throw new IllegalArgumentException("tiles URL must contain {z}, {x} and {y}, got " + tilesUrl);
            }
            URI u = URI.create(tilesUrl.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("tiles URL must be http or https, got " + tilesUrl);
            }
        }
        if (maxItems < 10 || maxItems > 100_000) {
            throw new IllegalArgumentException("max items must be 10..100000, got " + maxItems);
        }
        if (frameCacheMegabytes < 1 || frameCacheMegabytes > 4096) {
            throw new IllegalArgumentException("frame cache must be 1..4096 MB, got " + frameCacheMegabytes);
        }
        if (sessionIdle == null || sessionIdle.toMinutes() < 1) {
            throw new IllegalArgumentException("session idle time must be at least 1 minute");
        }
        return this;
    }

    /** {@code scheme://host[:port]} of the tile server, for the page's Content-Security-Policy; null without. */
    public String tilesOrigin() {
        if (tilesUrl == null) {
            return null;
        }
        URI u = URI.create(tilesUrl.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }
}
