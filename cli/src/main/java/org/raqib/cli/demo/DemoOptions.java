package org.raqib.cli.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@code ./raqib demo}; see {@link DemoCommand#USAGE} for the command-line names.
 *
 * @param duration how long to run; {@code null} runs until Ctrl-C
 * @param port the broker's client port on localhost (default 9092)
 * @param framesPerSecond simulated frames per second over all cameras (default 2)
 * @param seed simulator seed (default 1)
 * @param overLimitShare share of simulated vehicles over limit plus tolerance (default 0.25)
 * @param camerasFile camera registry (default config/cameras.yaml)
 * @param workDir work directory: Kafka data in {@code kafka/}, logs in {@code logs/} (default work)
 * @param checkpointInterval Flink checkpoint interval: results become visible to read-committed
 *     consumers at each checkpoint (default 2s)
 * @param parallelism Flink parallelism of the jobs (default 2)
 * @param keepData false (default) to start from an empty broker, so the counts are this run's alone;
 *     true to keep the previous run's topics (its unprocessed frames are then processed too)
 */
public record DemoOptions(Duration duration, int port, double framesPerSecond, long seed, double overLimitShare,
        Path camerasFile, Path workDir, Duration checkpointInterval, int parallelism, boolean keepData) {

    /** Default client port of the demo broker. */
    public static final int DEFAULT_PORT = 9092;
    /** Default simulated frame rate. */
    public static final double DEFAULT_RATE = 2.0;
    /** Default checkpoint interval: short, so that committed results show up within seconds. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    /** Port the demo's dashboard tries first; when it is taken, the next free one up to 8089, else any. */
    public static final int DEFAULT_DASHBOARD_PORT = 8080;

    /** The dashboard's users file: {@code config/users.yaml} of the repository (demo users only). */
    public Path dashboardUsersFile() {
        return Path.of(System.getProperty("raqib.home", ".")).resolve("config").resolve("users.yaml");
    }

    /** The broker's data directory. */
    public Path kafkaDir() {
        return workDir.resolve("kafka");
    }

    /**
     * Checks the options.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad option
     */
    public DemoOptions validate() {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (!(framesPerSecond > 0 && framesPerSecond <= 200)) {
            throw new IllegalArgumentException("rate must be in (0, 200] frames per second, got " + framesPerSecond);
        }
        if (!(overLimitShare >= 0 && overLimitShare <= 1)) {
            throw new IllegalArgumentException("over-limit share must be in [0, 1], got " + overLimitShare);
        }
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be 1..64, got " + parallelism);
        }
        if (checkpointInterval == null || checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException("checkpoint interval must be at least 100ms");
        }
        return this;
    }
}
