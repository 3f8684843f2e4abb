package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.JobOptions;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.Topics;

/** The shape of the enforcement topology: which stages share a task (no shuffle between them). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnforcementTopologyTest {

    @Test
    void readsAreShuffledOnceTheVideoAndPassageStagesShareATask() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobOptions options = JobOptions.defaults();
        options.configure(env);
        RawRecord read = new RawRecord(Topics.READS.name(), 0, 0, 0, "cam-1",
                Topics.READS.wire().encode(Fixtures.read("f-1", "cam-1", "1234ABD", 0.95, 80.0, 1000L)));
        DataStream<RawRecord> reads = env.fromData(List.of(read), TypeInformation.of(RawRecord.class));
        DataStream<RawRecord> cameras = env.fromData(List.of(read), TypeInformation.of(RawRecord.class));
        DataStream<RawRecord> hotlist = env.fromData(List.of(read), TypeInformation.of(RawRecord.class));
        EnforcementJob.Outputs out = EnforcementJob.topology(reads, cameras, hotlist, options.spotSpeed(),
                options.enforcement());
        out.passages().sinkTo(new DiscardingSink<>());
        out.violations().sinkTo(new DiscardingSink<>());
        out.alerts().sinkTo(new DiscardingSink<>());

        JobGraph graph = env.getStreamGraph().getJobGraph();
        List<String> tasks = StreamSupport.stream(graph.getVertices().spliterator(), false).map(JobVertex::getName)
                .toList();
        List<String> passageTask = tasks.stream().filter(t -> t.contains("merge-passages")).toList();
        assertEquals(1, passageTask.size(), tasks.toString());
        // the video stage gives back its event-time hold in the same task
        assertTrue(passageTask.get(0).startsWith("video-speed -> video-release-event-time -> decode-reads"), passageTask.get(0));
    }
}
