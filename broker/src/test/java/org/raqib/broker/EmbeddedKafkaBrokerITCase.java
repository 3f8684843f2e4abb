package org.raqib.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.Camera;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroSerde;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerITCase {

    @Test
    void transactionalWritesAreReadCommittedAndAbortedOnesAreNot() throws Exception {
        // given a broker with every Raqib topic
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
            kafka.createTopics(Topics.ALL, 2);

            // when one transaction is committed and another aborted
            try (KafkaProducer<String, Camera> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-itcase"),
                    new StringSerializer(), new AvroSerde<>(Topics.CAMERAS))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.CAMERAS.name(), "cam-1", camera("cam-1", 80)));
                producer.send(new ProducerRecord<>(Topics.CAMERAS.name(), "cam-2", camera("cam-2", 120)));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.CAMERAS.name(), "cam-3", camera("cam-3", 60)));
                producer.flush();
                producer.abortTransaction();
            }

            // then a read_committed consumer sees exactly the committed cameras
            List<ConsumerRecord<String, Camera>> read = new ArrayList<>();
            try (KafkaConsumer<String, Camera> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "broker-itcase",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new AvroSerde<>(Topics.CAMERAS))) {
                consumer.subscribe(List.of(Topics.CAMERAS.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                // The aborted record sits before the end of the log; keep polling until the
                // consumer has passed it, so that its absence means something.
                while (System.nanoTime() < deadline && !caughtUp(consumer)) {
                    consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                }
            }
            assertEquals(Set.of("cam-1", "cam-2"), Set.copyOf(read.stream().map(ConsumerRecord::key).toList()));
            assertEquals(2, read.size());
            assertEquals(80, read.stream().filter(r -> r.key().equals("cam-1")).findFirst().orElseThrow()
                    .value().getSpeedLimitKmh());

            // and the registry topic is compacted, the frames topic is not
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                ConfigResource cameras = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CAMERAS.name());
                ConfigResource frames = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES.name());
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(cameras, frames)).all().get();
                assertEquals("compact", configs.get(cameras).get("cleanup.policy").value());
                assertEquals("delete", configs.get(frames).get("cleanup.policy").value());
                assertEquals(2, admin.describeTopics(List.of(Topics.READS.name())).allTopicNames().get()
                        .get(Topics.READS.name()).partitions().size());
            }
        }
    }

    @Test
    void closeDeletesTheTemporaryDataDirectoryAndCreatingTopicsTwiceIsHarmless() {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults().withDefaultPartitions(1));
        try {
            kafka.createTopics(List.of(Topics.FRAMES));
            kafka.createTopics(List.of(Topics.FRAMES, Topics.READS));
            assertTrue(kafka.dataDir().toFile().isDirectory());
        } finally {
            kafka.close();
        }
        assertFalse(kafka.dataDir().toFile().exists());
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer) {
        if (consumer.assignment().isEmpty()) {
            return false;
        }
        Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    static Camera camera(String id, int limit) {
        return Camera.newBuilder().setCameraId(id).setName("Camera " + id).setLatitude(24.7).setLongitude(46.7)
                .setRoadId("R1").setDirection("N").setKmMarker(10.0).setSpeedLimitKmh(limit).setToleranceKmh(10)
                .setRegion("riyadh").setEnabled(true).setUpdatedAt(Instant.ofEpochMilli(0)).build();
    }
}
