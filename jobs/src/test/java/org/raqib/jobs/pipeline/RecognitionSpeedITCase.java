package org.raqib.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.RaqibJobs;
import org.raqib.jobs.TopicReader;
import org.raqib.jobs.recognition.RecognizerFactory;
import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;

/**
 * The first end-to-end slice: rendered frames of cars with known Saudi plates and radar speeds ->
 * {@code raqib.frames} -> recognition with the committed models -> {@code raqib.reads} -> spot speed
 * against the registry -> {@code raqib.violations} / {@code raqib.review}, on a MiniCluster at
 * parallelism 2 against a real Kafka broker. The true plates stay in this test's memory; only JPEG
 * bytes and radar speeds travel.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RecognitionSpeedITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobCluster.miniCluster();
    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();


    /** A vehicle passing a camera: what the test knows and the pipeline must find out. */
    record Vehicle(String frameId, String cameraId, String plate, double speed, boolean speeding, String jpegSha256) {
    }

    @Test
    void speedingVehiclesAndOnlyThoseGetOneViolationEachWithTheirPlateAndSpeed() throws Exception {
        String bootstrap = KAFKA.bootstrap();
        // given two cameras and six vehicles, three of them above limit + tolerance
        Map<String, Camera> cameras = Map.of("cam-1", Fixtures.camera("cam-1", 100, 10),
                "cam-2", Fixtures.camera("cam-2", 80, 5));
        double[][] passes = {{1, 135}, {1, 95}, {1, 111}, {2, 84}, {2, 120}, {2, 60}};
        SceneGenerator scenes = new SceneGenerator(800, 600);
        Random random = new Random(2026);
        Map<String, Vehicle> vehicles = new LinkedHashMap<>();
        List<CameraFrame> frames = new ArrayList<>();
        Set<String> plates = new HashSet<>();
        long seed = 1;
        for (int i = 0; i < passes.length; i++) {
            String camera = "cam-" + (int) passes[i][0];
            double speed = passes[i][1];
            String plate;
            do {
                plate = SyntheticPlates.randomText(random);
            } while (!plates.add(plate));
            // a clearly visible plate: the point here is the pipeline, not the recogniser's limits
            SceneGenerator.Scene scene;
            do {
                scene = scenes.render(PlateSpec.of(plate, PlateLayout.STANDARD), seed++, 0.1);
            } while (scene.box().width < 160);
            Camera c = cameras.get(camera);
            String frameId = "frame-" + i;
            byte[] jpeg = jpeg(scene);
            vehicles.put(frameId, new Vehicle(frameId, camera, plate, speed,
                    speed > c.getSpeedLimitKmh() + c.getToleranceKmh(), ViolationIds.sha256Hex(jpeg)));
            frames.add(Fixtures.frame(frameId, camera, jpeg, 800, 600, speed, 1_760_000_000_000L + i * 1000L));
        }
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.copyOf(cameras.values()));
        TopicReader.write(bootstrap, Topics.FRAMES, CameraFrame::getCameraId, frames);

        // when the jobs run
        JobOptions options = JobCluster.options(bootstrap, "slice-it");
        JobClient job = JobCluster.start(options, env -> RaqibJobs.attachAll(env, options, RecognizerFactory.committedModels()),
                RaqibJobs.NAME);
        try {
            // then every frame is recognised ...
            List<PlateRead> reads = TopicReader.readCommitted(bootstrap, Topics.READS,
                    r -> r.stream().map(PlateRead::getFrameId).collect(Collectors.toSet()).size() == frames.size(),
                    Duration.ofSeconds(150), job);
            assertEquals(vehicles.keySet(), reads.stream().map(PlateRead::getFrameId).collect(Collectors.toSet()),
                    "a plate read in every frame");
            long speeding = vehicles.values().stream().filter(Vehicle::speeding).count();
            // ... and each speeding vehicle gets exactly one violation, issued or for review
            List<Violation> violations = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (violations.size() < speeding && System.nanoTime() < deadline) {
                violations = new ArrayList<>(TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> false,
                        Duration.ofSeconds(2), job));
                violations.addAll(TopicReader.readCommitted(bootstrap, Topics.REVIEW, v -> false, Duration.ofSeconds(2)));
            }
            assertEquals(speeding, violations.size(), "one violation per speeding vehicle");
            assertEquals(violations.size(), violations.stream().map(Violation::getViolationId).distinct().count(),
                    "no duplicate ids");
            // How well the plates were read depends on the committed model; what the pipeline
            // guarantees is that a reading it is not sure of never becomes an automatic ticket.
            String summary = violations.stream().map(v -> v.getFrameIds().get(0) + ": " + v.getStatus()
                    + " confidence " + String.format("%.3f", v.getConfidence()) + " plate "
                    + (v.getPlateText().equals(vehicles.get(v.getFrameIds().get(0)).plate()) ? "right" : "wrong"))
                    .collect(Collectors.joining("; "));
            System.out.println("violations of the slice: " + summary);
            for (Violation v : violations) {
                assertEquals(1, v.getFrameIds().size());
                Vehicle truth = vehicles.get(v.getFrameIds().get(0));
                assertTrue(truth.speeding(), "no violation for a vehicle within the limit: " + truth.frameId());
                assertEquals(truth.speed(), v.getMeasuredSpeedKmh());
                assertEquals(List.of(truth.cameraId()), v.getCameraIds());
                assertEquals(List.of(truth.jpegSha256()), v.getEvidenceSha256(), "evidence is the frame's SHA-256");
                assertEquals(truth.speed() - cameras.get(truth.cameraId()).getSpeedLimitKmh(), v.getExcessKmh(), 1e-9);
                // the violation carries what the recogniser read in that frame, and the frame's hash
                assertTrue(reads.stream().anyMatch(r -> r.getFrameId().equals(truth.frameId())
                        && r.getPlateText().equals(v.getPlateText()) && r.getConfidence() == v.getConfidence()
                        && List.of(r.getEvidenceSha256()).equals(v.getEvidenceSha256())));
                if (v.getStatus() == ViolationStatus.ISSUED) {
                    assertEquals(truth.plate(), v.getPlateText(), "an automatic ticket names the right plate");
                    assertTrue(v.getConfidence() >= options.spotSpeed().reviewThreshold());
                } else {
                    assertEquals(ViolationStatus.NEEDS_REVIEW, v.getStatus());
                }
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static byte[] jpeg(SceneGenerator.Scene scene) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(scene.image(), "jpg", out)) {
            throw new IOException("no JPEG writer");
        }
        return out.toByteArray();
    }
}
