package org.raqib.jobs;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.raqib.broker.BrokerOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.models.Topic;
import org.raqib.models.Topics;

/**
 * The set-up the jobs' ITCases share: a Flink MiniCluster with two slots, a real in-process Kafka
 * broker with every Raqib topic (two partitions each, so that keying and watermarks across partitions
 * are exercised), and job options pointing at it.
 *
 * <pre>
 * &#64;RegisterExtension static final MiniClusterExtension FLINK = JobCluster.miniCluster();
 * &#64;RegisterExtension static final JobCluster.Broker KAFKA = new JobCluster.Broker();
 * </pre>
 */
public final class JobCluster {

    /** Parallelism of the jobs under test; the MiniCluster has as many slots. */
    public static final int PARALLELISM = 2;

    private JobCluster() {
    }

    /** A MiniCluster on which a failed job fails the test instead of restarting. */
    public static MiniClusterExtension miniCluster() {
        return miniCluster(Fixtures.noRestarts());
    }

    /** A MiniCluster with {@code config} (e.g. a restart strategy). */
    public static MiniClusterExtension miniCluster(Configuration config) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder().setConfiguration(config)
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());
    }

    /**
     * Options of a job under test against {@code bootstrap}: parallelism 2, checkpoints (= commits)
     * every 500 ms, consumer groups and transactional ids prefixed with {@code idPrefix}.
     */
    public static JobOptions options(String bootstrap, String idPrefix) {
        return JobOptions.defaults().withBootstrapServers(bootstrap).withParallelism(PARALLELISM)
                .withCheckpointInterval(Duration.ofMillis(500)).withIdPrefixes(idPrefix, idPrefix);
    }

    /** Configures an environment with {@code options}, lets {@code attach} add the job to it and starts it. */
    public static JobClient start(JobOptions options, Consumer<StreamExecutionEnvironment> attach, String name)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        options.configure(env);
        attach.accept(env);
        return env.executeAsync(name);
    }

    /** The Kafka broker of a test class: started before its tests, with the topics, and closed after them. */
    public static final class Broker implements BeforeAllCallback, AfterAllCallback {
        private EmbeddedKafkaBroker kafka;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults());
            kafka.createTopics(Topics.ALL, PARALLELISM);
            keepForever(kafka.bootstrapServers());
        }

        /**
         * Time retention off on every topic. The jobs once stamped what they wrote with its event time, and
         * the tests' records have fixed capture times (2025, or 1970 + seconds) far beyond the broker's
         * default 7 days: its first retention check, 30 s after start, deleted whole logs. The jobs now leave
         * the timestamp to the producer's clock; this stays so that no test depends on that.
         */
        private static void keepForever(String bootstrap) throws Exception {
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
                for (Topic<?> topic : Topics.ALL) {
                    changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
                }
                admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
            }
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (kafka != null) {
                kafka.close();
                kafka = null;
            }
        }

        /** {@code host:port} of the running broker. */
        public String bootstrap() {
            if (kafka == null) {
                throw new IllegalStateException("the broker runs only while the test class does");
            }
            return kafka.bootstrapServers();
        }
    }
}
