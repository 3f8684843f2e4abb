package org.raqib.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;
import org.raqib.models.Topics;

/** {@code ./raqib pull} as the launcher runs it, replaying an image folder into a real in-process broker. */
class PullCommandITCase {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void pullsAConfiguredReplayIntoKafkaForTheGivenDuration() throws Exception {
        // given an image folder declared for a registered camera
        Path folder = Files.createDirectory(dir.resolve("replay"));
        for (int i = 0; i < 30; i++) {
            BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(i * 8, 100, 200));
            g.fillRect(0, 0, 96, 64);
            g.dispose();
            ImageIO.write(img, "jpeg", folder.resolve(String.format("%02d.jpg", i)).toFile());
        }
        Path cameras = Path.of(System.getProperty("user.dir")).getParent().resolve("config/cameras.yaml");
        Path streams = Files.writeString(dir.resolve("streams.yaml"), "streams:\n  - camera: RUH-KFR-N-008\n"
                + "    url: " + folder + "\n    sampleFps: 2\n    replayFps: 10\n");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults().withPort(0)
                .withDataDir(dir.resolve("kafka")))) {
            kafka.createTopics(List.of(Topics.FRAMES, Topics.CAMERA_HEALTH), 2);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // when pull runs for 4 s
            int code = PullCommand.run(new String[] {"--bootstrap", kafka.bootstrapServers(), "--config",
                    streams.toString(), "--cameras", cameras.toString(), "--duration", "4s", "--health-interval",
                    "1s"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                    StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
            assertTrue(printed.contains("RUH-KFR-N-008") && printed.contains("IMAGE_FOLDER"), printed);
            assertTrue(printed.contains("ONLINE"), "health lines printed: " + printed);

            // then about 2 frames per second of it are in raqib.frames, and its health in raqib.camera-health
            List<ConsumerRecord<String, byte[]>> frames = readAll(kafka.bootstrapServers(), Topics.FRAMES.name());
            assertTrue(frames.size() >= 6 && frames.size() <= 11, frames.size() + " frames in 4 s at 2 frames/s");
            for (ConsumerRecord<String, byte[]> r : frames) {
                CameraFrame f = Topics.FRAMES.wire().decode(r.value());
                assertEquals("RUH-KFR-N-008", r.key());
                assertEquals("RUH-KFR-N-008", f.getCameraId());
                assertEquals("replay", f.getOrigin());
                assertEquals(96, f.getWidth());
            }
            List<CameraHealth> health = new ArrayList<>();
            readAll(kafka.bootstrapServers(), Topics.CAMERA_HEALTH.name())
                    .forEach(r -> health.add(Topics.CAMERA_HEALTH.wire().decode(r.value())));
            assertTrue(health.stream().anyMatch(h -> h.getState() == CameraState.ONLINE), health.toString());
            CameraHealth last = health.get(health.size() - 1);
            assertEquals(CameraState.OFFLINE, last.getState(), "stopping reports the camera offline");
            assertEquals("pull stopped", last.getMessage());
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        // one camera is one key, so one partition: offsets give the publishing order
        out.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return out;
    }
}
