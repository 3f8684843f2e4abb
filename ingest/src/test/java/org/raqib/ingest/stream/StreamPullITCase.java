package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;
import org.raqib.models.Topic;
import org.raqib.models.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end on a real in-process Kafka broker: an MJPEG camera, an image-folder replay and (where
 * GStreamer's RTSP server is installed, as {@code .ci/run} does) an RTSP camera are pulled into
 * {@code raqib.frames}, and their health into {@code raqib.camera-health}; the MJPEG camera then dies and
 * is reported offline.
 */
class StreamPullITCase {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPullITCase.class);

    private static EmbeddedKafkaBroker kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    static void startKafka() {
        kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults().withDataDir(dir.resolve("kafka")));
        kafka.createTopics(List.of(Topics.FRAMES, Topics.CAMERA_HEALTH), 2);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void pulledFramesAndHealthReachKafkaKeyedByCamera() throws Exception {
        // given three cameras of different kinds, each sampled at 2 frames/s
        Path folder = Files.createDirectory(dir.resolve("replay"));
        for (int i = 0; i < 40; i++) {
            Files.write(folder.resolve(String.format("%03d.jpg", i)), TestImages.jpeg(i, 120, 90));
        }
        List<StreamSpec> specs = new ArrayList<>();
        MjpegTestServer mjpeg = new MjpegTestServer(25).start(0);
        specs.add(StreamSpec.of("CAM-MJPEG", mjpeg.url()));
        specs.add(StreamSpec.of("CAM-REPLAY", folder.toString()).withReplayFps(10));
        MediaTools.RtspServer rtsp = null;
        if (MediaTools.hasFfmpeg() && MediaTools.hasRtspServer()) {
            rtsp = MediaTools.RtspServer.start(dir, MediaTools.h264Clip(dir, 320, 240, 25, 60), MediaTools.freePort());
            specs.add(StreamSpec.of("CAM-RTSP", rtsp.url()));
        } else {
            LOG.warn("no RTSP camera in this run: GStreamer's RTSP server or ffmpeg is missing (apt-get install {})",
                    MediaTools.RTSP_PACKAGES);
        }
        PullOptions options = PullOptions.defaults().withHealthInterval(Duration.ofMillis(500))
                .withOfflineAfter(Duration.ofSeconds(2)).withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .withReadTimeout(Duration.ofSeconds(3));

        // when they are pulled for 6 s, then the MJPEG camera dies for 4 s
        try (KafkaStreamSink sink = new KafkaStreamSink(kafka.bootstrapServers())) {
            try (StreamPuller puller = StreamPuller.start(specs, options, sink)) {
                Thread.sleep(6000);
                mjpeg.stop();
                Thread.sleep(4000);
            }
            assertEquals(0, sink.failed(), "every record acknowledged");
        } finally {
            mjpeg.close();
            if (rtsp != null) {
                rtsp.close();
            }
        }

        // then raqib.frames holds each camera's sampled frames, keyed by camera, as whole JPEGs
        Map<String, List<CameraFrame>> frames = byKey(readAll(Topics.FRAMES));
        Set<String> ids = new HashSet<>();
        for (StreamSpec s : specs) {
            List<CameraFrame> mine = frames.getOrDefault(s.cameraId(), List.of());
            LOG.info("{}: {} frames", s.cameraId(), mine.size());
            // 2 frames/s for about 6 s (RTSP needs a moment to connect; the MJPEG camera died at 6 s; the replay ran
            // 10 s); unsampled it would be 60 to 250
            assertTrue(mine.size() >= 6 && mine.size() <= 30, s.cameraId() + " sent " + mine.size() + " frames");
            for (CameraFrame f : mine) {
                assertEquals(s.cameraId(), f.getCameraId());
                assertEquals(s.kind().origin(), f.getOrigin());
                byte[] jpeg = new byte[f.getJpeg().remaining()];
                f.getJpeg().duplicate().get(jpeg);
                EncodedFrame decoded = JpegCodec.inspect(jpeg);
                assertEquals(f.getWidth(), decoded.width());
                assertTrue(ids.add(f.getFrameId()), "frame ids are unique");
            }
        }
        // and raqib.camera-health reports each camera online, and the dead MJPEG camera offline after its silence
        Map<String, List<CameraHealth>> health = byKey(readAll(Topics.CAMERA_HEALTH));
        for (StreamSpec s : specs) {
            assertTrue(health.getOrDefault(s.cameraId(), List.of()).stream()
                    .anyMatch(h -> h.getState() == CameraState.ONLINE && h.getLastFrameTime() != null),
                    s.cameraId() + " reported ONLINE: " + health.get(s.cameraId()));
        }
        List<CameraHealth> mjpegHealth = health.get("CAM-MJPEG");
        assertTrue(mjpegHealth.stream().anyMatch(h -> h.getState() == CameraState.OFFLINE
                && h.getMessage().startsWith("no frame for") && h.getErrors() >= 1),
                "the dead camera is OFFLINE with its errors counted: " + mjpegHealth);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> Map<String, List<T>> byKey(
            List<ConsumerRecord<String, T>> records) {
        Map<String, List<T>> out = new HashMap<>();
        for (ConsumerRecord<String, T> r : records) {
            out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        return out;
    }

    /** Every record of a topic, from the beginning to the end offsets at the time of the call. */
    private static <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> readAll(
            Topic<T> topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        List<ConsumerRecord<String, T>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(),
                            topic.wire().decode(r.value())));
                }
            }
        }
        return out;
    }
}
