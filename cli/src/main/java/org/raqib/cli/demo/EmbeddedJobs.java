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
     * Starts the recognition and spot-speed jobs with the committed models and waits until they run;
     * closing the handle stops them with a final checkpoint (committing their output) and shuts the
     * embedded cluster down.
     */
    static RaqibJobs.Running start(String bootstrapServers, Duration checkpointInterval, int parallelism) {
        JobOptions options = JobOptions.defaults().withBootstrapServers(bootstrapServers)
                .withCheckpointInterval(checkpointInterval).withParallelism(parallelism);
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
