package org.raqib.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.JobStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.broker.BrokerOptions;
import org.raqib.broker.EmbeddedKafkaBroker;
import org.raqib.detection.UnreadableImageException;
import org.raqib.detection.Recognition;
import org.raqib.jobs.recognition.FrameRecognizer;
import org.raqib.jobs.passage.PassageSettings;
import org.raqib.models.Camera;
import org.raqib.models.Passage;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.raqib.models.Violation;

/**
 * The embedded runner the demo uses: both pipelines on their own local MiniCluster, against a real
 * broker; closing stops with a final checkpoint so that what was processed is committed.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RaqibJobsITCase {

    /** No frames are sent here; a frame reaching it would be a bug worth a loud failure. */
    static FrameRecognizer noFramesExpected() {
        return new FrameRecognizer() {
            @Override
            public Recognition recognize(byte[] encodedImage) {
                throw new UnreadableImageException("this test sends no frames");
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void startsBothPipelinesAndClosingCommitsWhatWasProcessed() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
            kafka.createTopics(Topics.ALL, 2);
            String bootstrap = kafka.bootstrapServers();
            TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(Fixtures.camera("cam-r", 50, 3)));

            // checkpoints so rare that only the final one taken on close can commit the violation
            JobOptions options = JobOptions.defaults().withBootstrapServers(bootstrap)
                    .withCheckpointInterval(Duration.ofMinutes(5)).withIdPrefixes("runner-it", "runner-it");
            RaqibJobs.Running jobs = RaqibJobs.start(options, RaqibJobsITCase::noFramesExpected);
            try {
                jobs.awaitRunning(Duration.ofSeconds(90));
                TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId,
                        List.of(Fixtures.read("f-1", "cam-r", "1234ABD", 0.99, 70.0, 1_000)));
                List<Violation> pending = TopicReader.readUncommitted(bootstrap, Topics.VIOLATIONS,
                        v -> !v.isEmpty(), Duration.ofSeconds(60));
                assertEquals(List.of("1234ABD"), pending.stream().map(Violation::getPlateText).toList(),
                        "the violation is written in an open transaction");
                assertTrue(TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> !v.isEmpty(),
                        Duration.ofSeconds(3)).isEmpty(), "and not committed before a checkpoint");
            } finally {
                jobs.close();
            }
            assertEquals(JobStatus.FINISHED, jobs.status(), "stopped with a final checkpoint");
            List<Violation> committed = TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> !v.isEmpty(),
                    Duration.ofSeconds(30));
            assertEquals(List.of("1234ABD"), committed.stream().map(Violation::getPlateText).toList(),
                    "close took a final checkpoint that committed it");
        }
    }

    @Test
    void closingDrainsSoAPassageStillOpenIsEmittedCheckedAndCommitted() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
            kafka.createTopics(Topics.ALL, 2);
            String bootstrap = kafka.bootstrapServers();
            TopicReader.write(bootstrap, Topics.CAMERAS, Camera::getCameraId, List.of(Fixtures.camera("cam-d", 50, 3)));
            // passages would otherwise close only after 10 minutes of silence
            JobOptions options = JobOptions.defaults().withBootstrapServers(bootstrap)
                    .withCheckpointInterval(Duration.ofMinutes(5)).withIdPrefixes("drain-it", "drain-it");
            options = options.withEnforcement(options.enforcement().withPassages(new PassageSettings(
                    Duration.ofSeconds(3), 2, Duration.ofSeconds(2), Duration.ofMinutes(10))));
            RaqibJobs.Running jobs = RaqibJobs.start(options, RaqibJobsITCase::noFramesExpected);
            try {
                jobs.awaitRunning(Duration.ofSeconds(90));
                TopicReader.write(bootstrap, Topics.READS, PlateRead::getCameraId,
                        List.of(Fixtures.read("f-1", "cam-d", "1234ABD", 0.99, 70.0, 1_000)));
                // garbage behind it in the same partition: its dead letter shows the read was consumed
                TopicReader.writeBytes(bootstrap, Topics.READS.name(), "cam-d", new byte[] {1, 2, 3});
                assertEquals(1, TopicReader.readUncommitted(bootstrap, Topics.DEAD_LETTER, d -> !d.isEmpty(),
                        Duration.ofSeconds(60)).size());
                assertTrue(TopicReader.readUncommitted(bootstrap, Topics.PASSAGES, p -> !p.isEmpty(),
                        Duration.ofSeconds(2)).isEmpty(), "the passage is still open");
            } finally {
                jobs.close();
            }
            assertEquals(JobStatus.FINISHED, jobs.status());
            assertEquals(List.of("1234ABD"), TopicReader.readCommitted(bootstrap, Topics.PASSAGES, p -> !p.isEmpty(),
                    Duration.ofSeconds(30)).stream().map(Passage::getPlateText).toList(), "drained on close");
            assertEquals(List.of("1234ABD"), TopicReader.readCommitted(bootstrap, Topics.VIOLATIONS, v -> !v.isEmpty(),
                    Duration.ofSeconds(30)).stream().map(Violation::getPlateText).toList(), "and checked");
        }
    }

    static FrameRecognizer modelsMissing() {
        throw new IllegalStateException("plate reader model not found on the class path");
    }

    @Test
    void aRecogniserThatCannotLoadFailsTheJobAfterAFewRetriesInsteadOfRestartingForever() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(BrokerOptions.defaults())) {
            kafka.createTopics(Topics.ALL, 1);
            JobOptions options = JobOptions.defaults().withBootstrapServers(kafka.bootstrapServers()).withParallelism(1)
                    .withIdPrefixes("runner-fail-it", "runner-fail-it");
            try (RaqibJobs.Running jobs = RaqibJobs.start(options, RaqibJobsITCase::modelsMissing)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!jobs.status().isGloballyTerminalState() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(JobStatus.FAILED, jobs.status());
            }
        }
    }
}
