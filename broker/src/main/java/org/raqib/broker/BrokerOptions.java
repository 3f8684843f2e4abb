package org.raqib.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of the embedded Kafka broker (one KRaft node acting as broker and controller).
 *
 * <table>
 *   <caption>Keys, defaults and meaning</caption>
 *   <tr><th>key (command line)</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code port} ({@code --port})</td><td>0</td><td>client port on 127.0.0.1; 0 picks a free one
 *       ({@link KafkaBrokerMain} defaults to 9092)</td></tr>
 *   <tr><td>{@code dataDir} ({@code --data-dir})</td><td>none</td><td>log and metadata directory; kept
 *       between runs. When absent a temporary directory is used and deleted on close.</td></tr>
 *   <tr><td>{@code defaultPartitions} ({@code --partitions})</td><td>2</td><td>partitions of every Raqib
 *       topic created by the launcher, and of auto-created ones</td></tr>
 *   <tr><td>{@code startTimeout} ({@code --start-timeout})</td><td>90s</td><td>how long to wait for the
 *       broker to serve</td></tr>
 *   <tr><td>{@code maxMessageBytes}</td><td>8 MiB</td><td>largest record batch the broker accepts:
 *       camera frames are JPEGs of a few hundred KiB, above Kafka's 1 MiB default only at high
 *       resolutions, so there is headroom</td></tr>
 * </table>
 *
 * @param port client (PLAINTEXT) port, 0 for a free one
 * @param dataDir data directory, or {@code null} for a temporary one
 * @param defaultPartitions partitions per topic
 * @param startTimeout how long startup may take
 * @param maxMessageBytes the broker's {@code message.max.bytes}
 */
public record BrokerOptions(int port, Path dataDir, int defaultPartitions, Duration startTimeout,
                            int maxMessageBytes) {

    /** Default partitions: two, to exercise parallelism 2 in Flink without wasting the two cores. */
    public static final int DEFAULT_PARTITIONS = 2;
    /** Default start timeout. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    /** Default {@code message.max.bytes}. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /** Defaults: free port, temporary data directory, two partitions. */
    public static BrokerOptions defaults() {
        return new BrokerOptions(0, null, DEFAULT_PARTITIONS, DEFAULT_START_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A copy with the client port {@code port} (0 = free port). */
    public BrokerOptions withPort(int port) {
        return new BrokerOptions(port, dataDir, defaultPartitions, startTimeout, maxMessageBytes);
    }

    /** A copy that keeps its data in {@code dataDir}. */
    public BrokerOptions withDataDir(Path dataDir) {
        return new BrokerOptions(port, dataDir, defaultPartitions, startTimeout, maxMessageBytes);
    }

    /** A copy with {@code partitions} per topic. */
    public BrokerOptions withDefaultPartitions(int partitions) {
        return new BrokerOptions(port, dataDir, partitions, startTimeout, maxMessageBytes);
    }

    /** A copy with the start timeout {@code timeout}. */
    public BrokerOptions withStartTimeout(Duration timeout) {
        return new BrokerOptions(port, dataDir, defaultPartitions, timeout, maxMessageBytes);
    }

    /**
     * Checks the options.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad option
     */
    public BrokerOptions validate() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = pick a free one), got " + port);
        }
        if (defaultPartitions < 1 || defaultPartitions > 1000) {
            throw new IllegalArgumentException("partitions must be 1..1000, got " + defaultPartitions);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive, got " + startTimeout);
        }
        if (maxMessageBytes < 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1 MiB, got " + maxMessageBytes);
        }
        return this;
    }
}
