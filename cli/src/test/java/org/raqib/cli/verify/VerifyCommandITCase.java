package org.raqib.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.jobs.integrity.ViolationSigner;
import org.raqib.models.SpeedSource;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

/** {@code ./raqib verify} against a real in-process broker: committed records only, dump, tampering found. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VerifyCommandITCase {

    private static final ViolationSigner DEMO = ViolationSigner.ofSecret(VerifyCommand.DEMO_KEY);

    private static byte[] signed(String id) {
        Violation v = Violation.newBuilder().setViolationId(id).setType(ViolationType.SPOT_SPEEDING)
                .setStatus(ViolationStatus.ISSUED).setPlateText("6531UJD").setPlateArabic("").setConfidence(0.97)
                .setCameraIds(new ArrayList<>(List.of("A"))).setRoadId("R1").setRegion("r")
                .setEventTime(Instant.ofEpochMilli(1_760_000_000_000L)).setEntryTime(null).setMeasuredSpeedKmh(131)
                .setSpeedLimitKmh(100).setToleranceKmh(10).setExcessKmh(31).setSpeedBand("31-40")
                .setSpeedSource(SpeedSource.RADAR).setEvidenceSha256(new ArrayList<>(List.of("ab".repeat(32))))
                .setFrameIds(new ArrayList<>(List.of("f1"))).setDetectedAt(Instant.ofEpochMilli(1_760_000_000_000L))
                .setSignature(null).build();
        return Topics.VIOLATIONS.wire().encode(DEMO.sign(v));
    }

    private static int verify(ByteArrayOutputStream out, String... args) {
        return VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void readsCommittedRecordsFromTheTopicDumpsThemAndFindsATamperedOne(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
            kafka.createTopics(List.of(Topics.VIOLATIONS, Topics.REVIEW), 2);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "verify-it");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
                producer.initTransactions();
                // given two signed records committed, as the jobs write them
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.VIOLATIONS.name(), "v-1", signed("v-1")));
                producer.send(new ProducerRecord<>(Topics.REVIEW.name(), "v-2", signed("v-2")));
                producer.commitTransaction();
                // and a tampered one in a transaction that was aborted: never visible to read-committed readers
                producer.beginTransaction();
                byte[] bad = signed("v-3");
                bad[bad.length / 2] ^= 0x01;
                producer.send(new ProducerRecord<>(Topics.VIOLATIONS.name(), "v-3", bad));
                producer.flush();
                producer.abortTransaction();

                // when verified from the topics, dumping the raw values
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Path dump = dir.resolve("dump");
                int code = verify(out, "--demo-key", "--bootstrap", kafka.bootstrapServers(), "--dump", dump.toString(),
                        "--timeout", "60s");

                // then both committed records are OK and the aborted one is not read
                String text = out.toString(StandardCharsets.UTF_8);
                assertEquals(0, code, text);
                assertTrue(text.contains("2 records: 2 OK, 0 TAMPERED"), text);
                try (var files = Files.list(dump)) {
                    assertEquals(2, files.count(), "one dump file per record");
                }
                ByteArrayOutputStream again = new ByteArrayOutputStream();
                assertEquals(0, verify(again, "--demo-key", dump.toString()), "the dump verifies on its own");

                // when a tampered record is committed
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.VIOLATIONS.name(), "v-3", bad));
                producer.commitTransaction();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = verify(out, "--demo-key", "--bootstrap", kafka.bootstrapServers(), "--topic",
                    Topics.VIOLATIONS.name(), "--timeout", "60s");
            // then it is found
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(text.contains("2 records: 1 OK, 1 TAMPERED"), text);
        }
    }
}
