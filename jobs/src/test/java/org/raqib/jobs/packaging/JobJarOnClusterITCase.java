package org.raqib.jobs.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.RaqibJobs;
import org.raqib.jobs.TopicReader;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * The shaded job jar on a standalone Flink cluster, as {@code jobs/README.md} ("On a Flink cluster") tells a data
 * engineer to run it: the jar's program ({@code RaqibJobs}: recognition and enforcement) is run from the jar to build
 * its job graph, which goes to the cluster over REST with the jar (what {@code flink run} does), and the cluster,
 * whose class path holds Flink alone, runs it against the test's Kafka broker: a rendered frame of a speeding car in,
 * its plate read with the jar's models and natives (OpenCV, ONNX Runtime), its violation committed out.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JobJarOnClusterITCase {

    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    @Test
    void theJobJarRunsBothPipelinesOnAStandaloneClusterThatHasOnlyFlink() throws Exception {
        String classPath = StandaloneFlinkCluster.flinkClassPath();
        assertTrue(classPath.contains("flink-runtime"), "the cluster runs Flink: " + classPath);
        for (String absent : List.of("raqib-", "kafka-clients", "avro", "opencv", "onnxruntime")) {
            assertFalse(Arrays.stream(classPath.split(File.pathSeparator)).anyMatch(e -> Path.of(e).getFileName()
                    .toString().contains(absent)), "the cluster's class path holds no " + absent + ": " + classPath);
        }
        for (String absent : List.of("/org/raqib/", "/ai/djl/")) {
            assertFalse(classPath.contains(absent), "the cluster's class path holds no " + absent + ": " + classPath);
        }
        Path jar = JobJarITCase.jobJar().toAbsolutePath();
        Path work = Files.createTempDirectory(Path.of("target"), "standalone-cluster");
        String bootstrap = KAFKA.bootstrap();
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId,
                List.of(Fixtures.camera("CLU-1", 100, 5)));
        try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(work.resolve("conf"), work.resolve("log"), 2,
                Duration.ofSeconds(90));
             RestClusterClient<StandaloneClusterId> client = new RestClusterClient<>(cluster.clientConfiguration(),
                     StandaloneClusterId.getInstance())) {
            // given the jar's program submitted from the jar, as flink run submits it (this JVM, unlike flink's
            // client, has the connector on its own class path: the program's classes come from there first, or the
            // connector's classes and the jar's Kafka classes would come from two loaders)
            Configuration submit = cluster.clientConfiguration();
            submit.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
            PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jar.toFile())
                    .setArguments("--bootstrap-servers", bootstrap, "--parallelism", "1", "--checkpoint-interval", "1s",
                            "--group-id-prefix", "on-cluster", "--transactional-id-prefix", "on-cluster")
                    .setConfiguration(submit).build();
            assertEquals(RaqibJobs.class.getName(), program.getMainClassName(), "the jar's own entry point");
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, submit, 1, false);
            assertEquals(List.of(jar.toUri().getPath()), graph.getUserJars().stream().map(p -> p.toUri().getPath())
                    .toList(), "the job jar goes to the cluster with the graph");
            JobID job = client.submitJob(graph).get(2, TimeUnit.MINUTES);
            try {
                awaitRunning(client, job);
                // when a camera sends a frame of a car at 140 km/h where 100 + 5 is allowed
                SceneGenerator.Scene scene;
                long seed = 11;
                do {
                    scene = new SceneGenerator(800, 600).render(PlateSpec.of(SyntheticPlates.randomText(new Random(seed)),
                            PlateLayout.STANDARD), seed++, 0.1);
                } while (scene.box().width < 160);
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                assertTrue(ImageIO.write(scene.image(), "jpg", jpeg));
                TopicReader.write(bootstrap, Topics.FRAMES, CameraFrame::getCameraId, List.of(Fixtures.frame("clu-frame",
                        "CLU-1", jpeg.toByteArray(), 800, 600, 140.0, System.currentTimeMillis())));
                // then the cluster reads its plate ...
                List<PlateRead> reads = TopicReader.readCommitted(bootstrap, Topics.READS,
                        r -> r.stream().anyMatch(x -> x.getFrameId().equals("clu-frame")), Duration.ofSeconds(120));
                java.util.Optional<PlateRead> found = reads.stream().filter(r -> r.getFrameId().equals("clu-frame"))
                        .findFirst();
                assertTrue(found.isPresent(), "no read of the frame; job " + status(client, job) + "; logs in " + work);
                PlateRead read = found.get();
                // ... and issues its violation (or sends it for review), with what it read
                List<Violation> cases = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (cases.isEmpty() && System.nanoTime() < deadline) {
                    cases.addAll(TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> !v.isEmpty(),
                            Duration.ofSeconds(2)));
                    cases.addAll(TopicReader.readCommitted(bootstrap, Topics.REVIEW, v -> !v.isEmpty(),
                            Duration.ofSeconds(2)));
                }
                assertEquals(List.of("SPOT_SPEEDING [clu-frame] " + read.getPlateText()), cases.stream()
                        .map(v -> v.getType() + " " + v.getFrameIds() + " " + v.getPlateText()).toList(),
                        "job " + status(client, job) + "; logs in " + work);
                assertEquals(140.0, cases.get(0).getMeasuredSpeedKmh());
            } finally {
                client.cancel(job).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static JobStatus status(RestClusterClient<StandaloneClusterId> client, JobID job) throws Exception {
        return client.getJobStatus(job).get(30, TimeUnit.SECONDS);
    }

    private static void awaitRunning(RestClusterClient<StandaloneClusterId> client, JobID job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JobStatus status = null;
        while (System.nanoTime() < deadline) {
            status = status(client, job);
            if (status == JobStatus.RUNNING) {
                return;
            }
            assertFalse(status.isGloballyTerminalState(), "the job ended: " + status);
            Thread.sleep(500);
        }
        throw new AssertionError("the job is " + status + ", not running, after 90 s");
    }
}
