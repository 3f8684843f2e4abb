package org.raqib.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.models.Topic;
import org.raqib.models.Topics;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrokerProcessITCase {

    @Test
    void childBrokerServesEveryTopicRefusesATakenPortAndKeepsItsDataAcrossRestarts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("kafka");
        String firstBootstrap;
        // given a broker JVM on a free port with a persistent data directory
        try (BrokerProcess broker = BrokerProcess.start(BrokerOptions.defaults().withDataDir(data))) {
            firstBootstrap = broker.bootstrapServers();
            // then it created every Raqib topic
            assertEquals(Topics.ALL.stream().map(Topic::name).collect(java.util.stream.Collectors.toSet()),
                    topicNames(broker.bootstrapServers()));

            // and a second broker on the same port fails with a clear message
            int port = Integer.parseInt(firstBootstrap.substring(firstBootstrap.lastIndexOf(':') + 1));
            EmbeddedKafkaBroker.PortInUseException taken = assertThrows(EmbeddedKafkaBroker.PortInUseException.class,
                    () -> BrokerProcess.start(BrokerOptions.defaults().withPort(port)));
            assertTrue(taken.getMessage().contains("already in use"), taken.getMessage());

            // when it is closed (SIGTERM)
            broker.close();
            assertFalse(broker.isAlive());
        }
        assertTrue(data.resolve("meta.properties").toFile().isFile(), "storage formatted in the data directory");
        assertTrue(data.resolve("broker.log").toFile().isFile(), "the child's logs go to a file, not the console");

        // then a restart on the same directory comes up with the topics it had
        try (BrokerProcess again = BrokerProcess.start(BrokerOptions.defaults().withDataDir(data))) {
            assertTrue(topicNames(again.bootstrapServers()).contains(Topics.VIOLATIONS.name()));
        }
    }

    private static Set<String> topicNames(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
