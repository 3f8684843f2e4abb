package org.raqib.cli.demo;

import java.time.Duration;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.RaqibJobs;

/** Starts Raqib's Flink jobs on an embedded MiniCluster for the demo and the end-to-end test. */
final class EmbeddedJobs {

    /** How long the jobs may take to have every task running (model loading included). */
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private EmbeddedJobs() {
    }

    /**
     * Starts the recognition and enforcement jobs with the committed models and waits until they run;
     * closing the handle stops them with a final checkpoint (committing their output) and shuts the
     * embedded cluster down.
     */
    static RaqibJobs.Running start(String bootstrapServers, Duration checkpointInterval, int parallelism) {
        JobOptions options = JobOptions.defaults().withBootstrapServers(bootstrapServers)
                .withCheckpointInterval(checkpointInterval).withParallelism(parallelism);
        // Signed like a deployment, with the public demo key unless RAQIB_SIGNING_KEY says otherwise.
        String key = System.getenv(org.raqib.jobs.enforcement.EnforcementSettings.SIGNING_KEY_ENV);
        options = options.withEnforcement(options.enforcement().withSigningKey(key == null || key.isEmpty()
                ? org.raqib.cli.verify.VerifyCommand.DEMO_KEY : key));
        RaqibJobs.Running jobs = RaqibJobs.start(options);
        try {
            jobs.awaitRunning(START_LIMIT);
        } catch (RuntimeException e) {
            jobs.close();
            throw e;
        }
        return jobs;
    }
}
