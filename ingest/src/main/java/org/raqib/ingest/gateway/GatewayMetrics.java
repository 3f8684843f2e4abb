package org.raqib.ingest.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gateway's counters, rendered in the Prometheus text exposition format (version 0.0.4) at
 * {@code /metrics}. Kept dependency-free: a handful of counters and one latency histogram.
 */
public final class GatewayMetrics {

    /** Upper bounds of the accept latency histogram, in seconds. */
    static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder received = new LongAdder();
    private final LongAdder receivedBytes = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder acceptedBytes = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final LongAdder overloaded = new LongAdder();
    private final LongAdder kafkaFailures = new LongAdder();
    private final LongAdder deadLetterFailures = new LongAdder();
    private final AtomicLongArray latencyBuckets = new AtomicLongArray(LATENCY_BUCKETS.length);
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private volatile LongSupplier inFlightRequests = () -> 0;
    private volatile LongSupplier inFlightBytes = () -> 0;
    private volatile LongSupplier cameras = () -> 0;

    /** A new set of zeroed counters. */
    public GatewayMetrics() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    /** Gauges read at each scrape. */
    public void gauges(LongSupplier requests, LongSupplier bytes, LongSupplier cameraCount) {
        this.inFlightRequests = requests;
        this.inFlightBytes = bytes;
        this.cameras = cameraCount;
    }

    /** An upload request arrived. */
    public void received() {
        received.increment();
    }

    /** Body bytes read from an upload. */
    public void bodyBytes(long n) {
        receivedBytes.add(n);
    }

    /** A frame was acknowledged by Kafka and answered 202, {@code nanos} after its request was taken up. */
    public void accepted(long bytes, long nanos) {
        accepted.increment();
        acceptedBytes.add(bytes);
        latencyCount.increment();
        latencyNanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
            if (seconds <= LATENCY_BUCKETS[i]) {
                latencyBuckets.incrementAndGet(i);
                break;
            }
        }
    }

    /** An upload was rejected (4xx). */
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    /** An upload got 503 because the gateway was full. */
    public void overloaded() {
        overloaded.increment();
    }

    /** An upload got 503 because Kafka did not acknowledge it in time. */
    public void kafkaFailure() {
        kafkaFailures.increment();
    }

    /** A dead letter could not be written. */
    public void deadLetterFailure() {
        deadLetterFailures.increment();
    }

    /** Frames accepted so far. */
    public long acceptedCount() {
        return accepted.sum();
    }

    /** Rejections so far for {@code reason}. */
    public long rejectedCount(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    /** The Prometheus text format. */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        counter(sb, "raqib_gateway_frames_received_total", "Upload requests received.", received.sum());
        counter(sb, "raqib_gateway_frames_accepted_total", "Frames acknowledged by Kafka and answered 202.",
                accepted.sum());
        sb.append("# HELP raqib_gateway_frames_rejected_total Uploads rejected with 4xx, by reason.\n");
        sb.append("# TYPE raqib_gateway_frames_rejected_total counter\n");
        for (Map.Entry<RejectReason, LongAdder> e : rejected.entrySet()) {
            sb.append("raqib_gateway_frames_rejected_total{reason=\"").append(e.getKey().code()).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
        }
        counter(sb, "raqib_gateway_frames_unavailable_total", "Uploads answered 503 because the gateway was full.",
                overloaded.sum());
        counter(sb, "raqib_gateway_kafka_failures_total", "Uploads answered 503 because Kafka did not acknowledge.",
                kafkaFailures.sum());
        counter(sb, "raqib_gateway_dead_letter_failures_total", "Dead letters that could not be written.",
                deadLetterFailures.sum());
        counter(sb, "raqib_gateway_received_bytes_total", "Upload body bytes read.", receivedBytes.sum());
        counter(sb, "raqib_gateway_accepted_bytes_total", "JPEG bytes of accepted frames.", acceptedBytes.sum());
        sb.append("# HELP raqib_gateway_accept_latency_seconds From taking up an upload to answering 202 "
                + "(after Kafka's acknowledgement).\n");
        sb.append("# TYPE raqib_gateway_accept_latency_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
            cumulative += latencyBuckets.get(i);
            sb.append("raqib_gateway_accept_latency_seconds_bucket{le=\"").append(LATENCY_BUCKETS[i]).append("\"} ")
                    .append(cumulative).append('\n');
        }
        long count = latencyCount.sum();
        sb.append("raqib_gateway_accept_latency_seconds_bucket{le=\"+Inf\"} ").append(count).append('\n');
        sb.append("raqib_gateway_accept_latency_seconds_sum ").append(latencyNanos.sum() / 1e9).append('\n');
        sb.append("raqib_gateway_accept_latency_seconds_count ").append(count).append('\n');
        gauge(sb, "raqib_gateway_in_flight_requests", "Uploads held now.", inFlightRequests.getAsLong());
        gauge(sb, "raqib_gateway_in_flight_bytes", "Upload bytes held now.", inFlightBytes.getAsLong());
        gauge(sb, "raqib_gateway_cameras", "Cameras in the gateway's registry.", cameras.getAsLong());
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
