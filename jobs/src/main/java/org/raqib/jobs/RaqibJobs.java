package org.raqib.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.raqib.jobs.enforcement.EnforcementJob;
import org.raqib.jobs.recognition.RecognitionJob;
import org.raqib.jobs.recognition.RecognizerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of Raqib's pipelines in one Flink job: recognition (frames -> reads) and enforcement (reads ->
 * passages -> spot and section speed violations, review, hot-list patrol alerts; see
 * {@link EnforcementJob}). The shaded job jar's entry point
 * ({@code flink run raqib-jobs-<version>-job.jar --bootstrap-servers ...}), and the embedded way to run
 * them for the demo:
 *
 * <pre>{@code
 * try (RaqibJobs.Running jobs = RaqibJobs.start(JobOptions.defaults().withBootstrapServers(kafka))) {
 *     ... until done ...
 * }   // stops with a final checkpoint, so everything processed is committed to Kafka
 * }</pre>
 */
public final class RaqibJobs {

    private static final Logger LOG = LoggerFactory.getLogger(RaqibJobs.class);
    /** Job name shown in Flink. */
    public static final String NAME = "raqib";
    /** Restarts the embedded job allows itself before it fails for good (2 s apart). */
    public static final int EMBEDDED_RESTART_ATTEMPTS = 3;

    private RaqibJobs() {
    }

    /** Adds both pipelines (recognition and enforcement), on Kafka as configured by {@code options}, to {@code env}. */
    public static void attachAll(StreamExecutionEnvironment env, JobOptions options, RecognizerFactory recognizer) {
        options.validate();
        RecognitionJob.onKafka(options, recognizer).attachTo(env);
        EnforcementJob.onKafka(options).attachTo(env);
    }

    /**
     * Starts both pipelines with the committed recognition models on an embedded Flink MiniCluster in
     * this JVM and returns once the job is submitted. Needs flink-clients and flink-runtime on the class
     * path (they are {@code provided} here: the caller brings them).
     */
    public static Running start(JobOptions options) {
        return start(options, RecognizerFactory.of(options.models(), options.recognizer()));
    }

    /** As {@link #start(JobOptions)}, with another recogniser. */
    public static Running start(JobOptions options, RecognizerFactory recognizer) {
        options.validate();
        Configuration config = new Configuration();
        // A few quick retries for transient trouble (a broker restart), then fail for good: a missing
        // model or a bug must surface as a failed job, not as endless restarts behind a demo.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, EMBEDDED_RESTART_ATTEMPTS);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), config);
        options.configure(env);
        attachAll(env, options, recognizer);
        try {
            JobClient client = env.executeAsync(NAME);
            LOG.info("Raqib jobs submitted to an embedded Flink cluster (job {}, parallelism {}, Kafka {})",
                    client.getJobID(), options.parallelism(), options.bootstrapServers());
            return new Running(client);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Raqib jobs: " + e.getMessage(), e);
        }
    }

    /** Runs both pipelines on the cluster that {@code flink run} points at. */
    public static void main(String[] args) throws Exception {
        JobOptions options = JobOptions.parseOrExit(args, NAME);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        options.configure(env);
        attachAll(env, options, RecognizerFactory.of(options.models(), options.recognizer()));
        env.execute(NAME);
    }

    /** The running job on its embedded cluster. */
    public static final class Running implements AutoCloseable {

        private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
        private final JobClient client;
        private boolean closed;
        private volatile JobStatus finalStatus;

        Running(JobClient client) {
            this.client = client;
        }

        /** Flink's handle on the job (status, accumulators, cancel). */
        public JobClient client() {
            return client;
        }

        /** The job's current status; after {@link #close()}, how it ended. */
        public JobStatus status() {
            if (finalStatus != null) {
                return finalStatus;
            }
            try {
                return client.getJobStatus().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot get the job status: " + e.getMessage(), e);
            } catch (IllegalStateException e) {
                // The embedded cluster shuts down when the job ends; these jobs never end on their own.
                return JobStatus.FAILED;
            }
        }

        /**
         * Waits until every task runs (or {@code timeout} passes).
         *
         * @throws IllegalStateException if the job failed or ended instead
         */
        public void awaitRunning(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JobStatus status = status();
                if (status == JobStatus.RUNNING) {
                    return;
                }
                if (status.isGloballyTerminalState()) {
                    throw new IllegalStateException("the Raqib jobs ended with status " + status);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            throw new IllegalStateException("the Raqib jobs are not running after " + timeout);
        }

        /**
         * Stops the job with a final savepoint, so that every record processed so far is committed to
         * Kafka (exactly-once sinks commit on checkpoints); cancels if that fails. Then the embedded
         * cluster shuts down. Idempotent.
         *
         * <p>The stop drains: event time jumps to its end first, so passages still open (vehicles read
         * in the last seconds) are emitted and checked instead of being left in state. An embedded run
         * never resumes from this savepoint (the next start reads on from the committed offsets), so
         * nothing is lost by flushing.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            Path savepoints = null;
            try {
                if (!client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    savepoints = Files.createTempDirectory("raqib-savepoint-");
                    client.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                            .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("Raqib jobs stopped after a final checkpoint");
                    finalStatus = JobStatus.FINISHED;
                }
            } catch (Exception e) {
                LOG.warn("stop with a final checkpoint failed ({}); cancelling: output since the last checkpoint "
                        + "stays uncommitted and is reprocessed on the next start", e.toString());
                try {
                    client.cancel().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    finalStatus = JobStatus.CANCELED;
                } catch (Exception cancel) {
                    LOG.warn("cancel failed: {}", cancel.toString());
                }
            } finally {
                awaitEnd();
                if (finalStatus == null) {
                    // It had ended before close (failed or finished); the embedded cluster is gone.
                    finalStatus = JobStatus.FAILED;
                }
                if (savepoints != null) {
                    deleteRecursively(savepoints);
                }
            }
        }

        private void awaitEnd() {
            try {
                client.getJobExecutionResult().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                // A stopped or cancelled job completes its result exceptionally, and a cluster already
                // shut down refuses the question: both expected here.
                LOG.debug("job ended: {}", e.toString());
            }
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
