package org.raqib.dashboard;

import java.time.Duration;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.models.Topics;

/**
 * What the dashboard's end-to-end tests run against: a real in-process Kafka broker with every Raqib
 * topic, and the dashboard on a free port with the demo users, its feed already assigned (so a record
 * written after {@link #start()} returns is read).
 */
final class DashboardOnKafka implements AutoCloseable {

    private final EmbeddedKafkaBroker kafka;
    private final DashboardServer dashboard;

    private DashboardOnKafka(EmbeddedKafkaBroker kafka, DashboardServer dashboard) {
        this.kafka = kafka;
        this.dashboard = dashboard;
    }

    /** Starts the broker and the dashboard; stops the broker again when the dashboard fails. */
    static DashboardOnKafka start() throws InterruptedException {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults());
        DashboardServer dashboard = null;
        try {
            kafka.createTopics(Topics.ALL, 2);
            dashboard = DashboardServer.start(DashboardOptions.defaults(DashboardITCase.DEMO_USERS)
                    .withBootstrapServers(kafka.bootstrapServers()).withPort(0));
            if (!dashboard.feed().awaitAssigned(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the dashboard's feed was never assigned its partitions");
            }
            return new DashboardOnKafka(kafka, dashboard);
        } catch (RuntimeException | InterruptedException e) {
            if (dashboard != null) {
                dashboard.close();
            }
            kafka.close();
            throw e;
        }
    }

    /** The broker's bootstrap servers. */
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The running dashboard. */
    DashboardServer dashboard() {
        return dashboard;
    }

    @Override
    public void close() {
        dashboard.close();
        kafka.close();
    }
}
