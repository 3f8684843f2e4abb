package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GatewayMetricsTest {

    @Test
    void rendersCountersByReasonAndACumulativeHistogram() {
        GatewayMetrics m = new GatewayMetrics();
        m.gauges(() -> 3, () -> 4096, () -> 8);
        for (int i = 0; i < 4; i++) {
            m.received();
        }
        m.bodyBytes(1000);
        m.accepted(600, 2_000_000);     // 2 ms
        m.accepted(400, 40_000_000);    // 40 ms
        m.rejected(RejectReason.BAD_SPEED);
        m.overloaded();
        String text = m.render();
        List<String> lines = text.lines().toList();
        for (String expected : List.of(
                "raqib_gateway_frames_received_total 4",
                "raqib_gateway_frames_accepted_total 2",
                "raqib_gateway_frames_rejected_total{reason=\"bad-speed\"} 1",
                "raqib_gateway_frames_rejected_total{reason=\"not-jpeg\"} 0",
                "raqib_gateway_frames_unavailable_total 1",
                "raqib_gateway_received_bytes_total 1000",
                "raqib_gateway_accepted_bytes_total 1000",
                "raqib_gateway_accept_latency_seconds_bucket{le=\"0.001\"} 0",
                "raqib_gateway_accept_latency_seconds_bucket{le=\"0.0025\"} 1",
                "raqib_gateway_accept_latency_seconds_bucket{le=\"0.025\"} 1",
                "raqib_gateway_accept_latency_seconds_bucket{le=\"0.05\"} 2",
                "raqib_gateway_accept_latency_seconds_bucket{le=\"+Inf\"} 2",
                "raqib_gateway_accept_latency_seconds_sum 0.042",
                "raqib_gateway_accept_latency_seconds_count 2",
                "raqib_gateway_in_flight_requests 3",
                "raqib_gateway_in_flight_bytes 4096",
                "raqib_gateway_cameras 8",
                "# TYPE raqib_gateway_accept_latency_seconds histogram")) {
            assertTrue(lines.contains(expected), "missing line: " + expected + "\n" + text);
        }
        // Every sample line is "name[{labels}] value": the exposition format has nothing else.
        for (String line : lines) {
            assertTrue(line.startsWith("# ") || line.matches("[a-z_]+(\\{[a-z]+=\"[^\"]+\"\\})? [0-9.E+-]+"), line);
        }
    }
}
