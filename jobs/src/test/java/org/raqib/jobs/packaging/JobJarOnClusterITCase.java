package org.raqib.jobs.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.raqib.jobs.EnforcementFixtures;
import org.raqib.jobs.JobCluster;
import org.raqib.jobs.TopicReader;
import org.raqib.jobs.enforcement.EnforcementJob;
import org.raqib.models.Camera;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * The shaded job jar on a standalone Flink cluster, as {@code jobs/README.md} ("On a Flink cluster") tells a data
 * engineer to run it: the enforcement job's program is run from the jar to build its job graph, which goes to the
 * cluster over REST with the jar (what {@code flink run} does), and the cluster, whose class path holds Flink alone,
 * runs it against the test's Kafka broker: a speeder's reads in, its violation committed out.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JobJarOnClusterITCase {

    @RegisterExtension
    static final JobCluster.Broker KAFKA = new JobCluster.Broker();

    private static final String SPEEDER = "6531UJD";

    @Test
    void theJobJarRunsTheEnforcementJobOnAStandaloneClusterThatHasOnlyFlink() throws Exception {
        String classPath = StandaloneFlinkCluster.flinkClassPath();
        assertTrue(classPath.contains("flink-runtime"), "the cluster runs Flink: " + classPath);
        for (String absent : List.of("raqib", "kafka-clients", "avro", "opencv", "onnxruntime")) {
            assertFalse(classPath.contains(absent), "the cluster's class path holds no " + absent + ": " + classPath);
        }
        Path jar = jobJar();
        Path work = Files.createTempDirectory(Path.of("target"), "standalone-cluster");
        String bootstrap = KAFKA.bootstrap();
        TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId,
                List.of(EnforcementFixtures.at("CLU-1", "R1", 10.0, 100, 5)));
        try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(work.resolve("conf"), work.resolve("log"), 2,
                Duration.ofSeconds(90));
             RestClusterClient<StandaloneClusterId> client = new RestClusterClient<>(cluster.clientConfiguration(),
                     StandaloneClusterId.getInstance())) {
            // given the enforcement job submitted from the job jar, as flink run submits it (this JVM, unlike flink's
            // client, has the connector on its own class path: the program's classes come from there first, or the
            // connector's classes and the jar's Kafka classes would come from two loaders)
            org.apache.flink.configuration.Configuration submit = cluster.clientConfiguration();
            submit.set(org.apache.flink.configuration.CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
            PackagedProgram program = PackagedProgram.newBuilder().setJarFile(jar.toFile())
                    .setEntryPointClassName(EnforcementJob.class.getName())
                    .setArguments("--bootstrap-servers", bootstrap, "--parallelism", "2", "--checkpoint-interval", "1s",
                            "--group-id-prefix", "on-cluster", "--transactional-id-prefix", "on-cluster")
                    .setConfiguration(submit).build();
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, submit, 2, false);
            assertEquals(List.of(jar.toUri().getPath()), graph.getUserJars().stream().map(p -> p.toUri().getPath())
                    .toList(), "the job jar goes to the cluster with the graph");
            JobID job = client.submitJob(graph).get(2, TimeUnit.MINUTES);
            try {
                awaitRunning(client, job);
                // when a speeder's reads come (140 km/h where 100 + 5 is allowed)
                TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId,
                        EnforcementFixtures.pass("CLU-1", SPEEDER, 140, System.currentTimeMillis()));
                // then its violation is committed to raqib.violations
                List<Violation> violations = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS,
                        v -> v.stream().anyMatch(x -> x.getPlateText().equals(SPEEDER)), Duration.ofSeconds(90));
                assertEquals(List.of(SPEEDER + " SPOT_SPEEDING"), violations.stream()
                        .map(v -> v.getPlateText() + " " + v.getType()).toList(),
                        "job " + client.getJobStatus(job).get(30, TimeUnit.SECONDS) + "; logs in " + work);
            } finally {
                client.cancel(job).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitRunning(RestClusterClient<StandaloneClusterId> client, JobID job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JobStatus status = null;
        while (System.nanoTime() < deadline) {
            status = client.getJobStatus(job).get(30, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) {
                return;
            }
            assertFalse(status.isGloballyTerminalState(), "the job ended: " + status);
            Thread.sleep(500);
        }
        throw new AssertionError("the job is " + status + ", not running, after 90 s");
    }

    private static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("raqib-jobs-.*-job\\.jar")).toList();
            assertEquals(1, jars.size(), "exactly one job jar in target/: " + jars);
            return jars.get(0).toAbsolutePath();
        }
    }
}
