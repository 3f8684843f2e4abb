package org.raqib.jobs;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an operator's metric from a running cluster's REST API, as a data engineer's dashboard would: the sum over
 * the operator's subtasks, found by the operator's name in its job's vertices.
 */
public final class OperatorMetrics {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private OperatorMetrics() {
    }

    /**
     * The sum over subtasks of the metric {@code name} (e.g. {@code raqib.lateReads}) of the operator called
     * {@code operator} in job {@code job}, once it equals {@code expected}; or the last sum seen when it does not
     * within {@code timeout} (the cluster fetches metrics from the task managers every few seconds), or -1 where the
     * metric is never listed.
     */
    public static long sum(Configuration client, JobID job, String operator, String name, long expected,
                           Duration timeout) throws Exception {
        String base = "http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT);
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (true) {
            String vertex = null;
            for (JsonNode v : JSON.readTree(get(base + "/jobs/" + job)).path("vertices")) {
                if (v.path("name").asText().contains(operator)) {
                    vertex = v.path("id").asText(); // chained operators share a vertex
                }
            }
            if (vertex != null) {
                String metrics = base + "/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics";
                String id = null;
                for (JsonNode m : JSON.readTree(get(metrics))) {
                    if (m.path("id").asText().endsWith(operator + "." + name)) {
                        id = m.path("id").asText();
                    }
                }
                if (id != null) {
                    for (JsonNode m : JSON.readTree(get(metrics + "?agg=sum&get=" + URLEncoder.encode(id,
                            StandardCharsets.UTF_8)))) {
                        last = Math.round(m.path("sum").asDouble());
                    }
                }
            }
            if (last == expected || System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(500);
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
