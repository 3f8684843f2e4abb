package org.raqib.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.raqib.models.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (Kafka's own {@code KafkaRaftServer}, KRaft mode, one node that is both broker
 * and controller) running inside this JVM. Clients reach it at {@link #bootstrapServers()} on
 * 127.0.0.1. Transactions work: the internal topics are created with replication factor 1.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
 *     kafka.createTopics(Topics.ALL, 2);
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final BrokerOptions options;
    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final int port;
    private final KafkaRaftServer server;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafkaBroker(BrokerOptions options, Path dataDir, boolean temporaryDataDir, int port,
                                KafkaRaftServer server, Admin admin) {
        this.options = options;
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.port = port;
        this.server = server;
        this.admin = admin;
    }

    /**
     * Formats the data directory when it is new, starts the broker and waits until it serves.
     *
     * @throws PortInUseException when the requested client port is taken
     * @throws IllegalStateException when the broker does not come up within the start timeout
     */
    public static EmbeddedKafkaBroker start(BrokerOptions options) {
        options.validate();
        boolean temporary = options.dataDir() == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("raqib-kafka-")
                    : Files.createDirectories(options.dataDir().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory " + options.dataDir(), e);
        }
        KafkaRaftServer server = null;
        try {
            int port = options.port() == 0 ? freePort() : requireFreePort(options.port());
            int controllerPort = freePortOtherThan(port);
            Properties props = brokerProperties(options, dir, port, controllerPort);
            KafkaConfig config = new KafkaConfig(props, false);
            formatIfNew(dir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            startWithin(server, options);
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port));
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options, dir, temporary, port, server, admin);
            broker.awaitServing();
            LOG.info("Kafka broker serving at {} (data in {})", broker.bootstrapServers(), dir);
            return broker;
        } catch (RuntimeException e) {
            if (server != null) {
                shutdownQuietly(server);
            }
            if (temporary) {
                deleteRecursively(dir);
            }
            throw e;
        }
    }

    /** {@code host:port} for Kafka clients. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The data directory in use. */
    public Path dataDir() {
        return dataDir;
    }

    /** The options it was started with. */
    public BrokerOptions options() {
        return options;
    }

    /** Creates every topic of {@code topics} with the default partitions of the options. */
    public void createTopics(Collection<? extends Topic<?>> topics) {
        createTopics(topics, options.defaultPartitions());
    }

    /**
     * Creates {@code topics} (replication factor 1; compacted ones with {@code cleanup.policy=compact})
     * and waits until every partition has a leader. Topics that already exist are left as they are,
     * so a restart on the same data directory keeps its data.
     */
    public void createTopics(Collection<? extends Topic<?>> topics, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<NewTopic> newTopics = new ArrayList<>();
        for (Topic<?> topic : topics) {
            Map<String, String> configs = new HashMap<>();
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                    topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
            newTopics.add(new NewTopic(topic.name(), partitions, (short) 1).configs(configs));
        }
        Map<String, ? extends Future<Void>> results = admin.createTopics(newTopics).values();
        for (Map.Entry<String, ? extends Future<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + result.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted creating topics", e);
            }
        }
        awaitLeaders(topics.stream().map(Topic::name).collect(Collectors.toSet()));
    }

    /** Stops the broker; deletes the data directory when it was a temporary one. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(java.time.Duration.ofSeconds(5));
        shutdownQuietly(server);
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
        LOG.info("Kafka broker at {}:{} stopped", HOST, port);
    }

    private void awaitServing() {
        try {
            admin.describeCluster().nodes().get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("Kafka broker started but does not answer at " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted waiting for the broker", e);
        }
    }

    private void awaitLeaders(Set<String> names) {
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
                boolean ready = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                // A topic just created may not be in the broker's metadata yet: ask again.
                LOG.debug("topics not described yet: {}", e.getCause().toString());
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out waiting for topic leaders " + names, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for topic leaders", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leader after " + options.startTimeout());
            }
            sleep(100);
        }
    }

    static Properties brokerProperties(BrokerOptions options, Path dir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());
        p.put("num.partitions", String.valueOf(options.defaultPartitions()));
        // A single node: every internal topic must make do with one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer internal partitions than the default 50: each costs files and startup time on a laptop.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // Consumers in tests and the demo should not wait 3 s for a group to settle.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are declared in org.raqib.models.Topics and created by the launcher; a misspelt
        // name must fail rather than silently create a new topic.
        p.put("auto.create.topics.enable", "false");
        p.put("message.max.bytes", String.valueOf(options.maxMessageBytes()));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private static void formatIfNew(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName("CONTROLLER")
                .setIgnoreFormatted(true);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void startWithin(KafkaRaftServer server, BrokerOptions options) {
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raqib-kafka-startup");
            t.setDaemon(true);
            return t;
        });
        try {
            starter.submit(server::startup).get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = String.valueOf(cause.getMessage());
            if (message.contains("bind") || message.contains("Address already in use")) {
                throw new PortInUseException("Kafka cannot bind its ports: " + message, cause);
            }
            throw new IllegalStateException("Kafka broker failed to start: " + message, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka broker did not start within " + options.startTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the Kafka broker", e);
        } finally {
            starter.shutdownNow();
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("error stopping the Kafka broker: {}", e.toString());
        }
    }

    /** A port that was free a moment ago (the OS may still hand it to someone else: rare, retried by callers). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /**
     * A free port other than {@code taken}: two {@link #freePort} calls in a row may return the same port (the OS hands
     * a just-released ephemeral port out again), and a broker's two listeners on one port refuse to start.
     */
    static int freePortOtherThan(int taken) {
        return portOtherThan(taken, EmbeddedKafkaBroker::freePort);
    }

    /** The first port of {@code free} other than {@code taken} (100 tries). */
    static int portOtherThan(int taken, IntSupplier free) {
        for (int i = 0; i < 100; i++) {
            int p = free.getAsInt();
            if (p != taken) {
                return p;
            }
        }
        throw new IllegalStateException("no free port other than " + taken);
    }

    static int requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new PortInUseException("port " + port + " on " + HOST + " is already in use (is another"
                    + " Kafka broker or demo running? stop it or choose another --port)", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }

    /** The requested client port is taken by another process. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
