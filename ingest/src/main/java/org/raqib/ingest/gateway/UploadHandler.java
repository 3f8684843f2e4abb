package org.raqib.ingest.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.raqib.models.CameraFrame;
import org.raqib.models.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/cameras/{id}/frames}: reads the body within the in-flight bounds, applies the
 * {@link UploadValidator} rules, and answers 202 with the frame id only once Kafka has acknowledged the
 * frame. A rejection answers its 4xx with a JSON error and writes a dead letter; a full gateway or a
 * broker that does not acknowledge answers 503 with Retry-After (no dead letter: the input was not bad,
 * and the camera sends it again). While Kafka is down, one upload at a time goes through as a probe and
 * the others get their 503 at once.
 */
final class UploadHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);
    /** {@code /v1/cameras/{id}/frames}; the id is checked against the registry, not here. */
    static final Pattern PATH = Pattern.compile("/v1/cameras/([^/]{1,100})/frames/?");
    /** Longest wait for a dead letter's acknowledgement before the rejection is answered anyway. */
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(2);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
    /** Body bytes read and hashed at a time: small enough to stay in the L2 cache between the two. */
    private static final int READ_CHUNK = 64 * 1024;
    /** Body arrays kept for reuse: at most 16 x 512 KiB held beyond the in-flight bytes. */
    private static final int POOLED_BODIES = 16;

    private final GatewayOptions options;
    private final UploadValidator validator;
    private final ReplayGuard replays;
    private final InFlightLimiter limiter;
    private final FramePublisher publisher;
    private final GatewayMetrics metrics;
    private final KafkaState kafka;
    private final Clock clock;
    private final BodyBuffers buffers;
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    UploadHandler(GatewayOptions options, UploadValidator validator, ReplayGuard replays, InFlightLimiter limiter,
                  FramePublisher publisher, GatewayMetrics metrics, KafkaState kafka, Clock clock) {
        this.options = options;
        this.validator = validator;
        this.replays = replays;
        this.limiter = limiter;
        this.publisher = publisher;
        this.metrics = metrics;
        this.kafka = kafka;
        this.clock = clock;
        this.buffers = new BodyBuffers(POOLED_BODIES);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try (exchange) {
            Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches()) {
                JsonReply.send(exchange, 404, JsonReply.error(404, "not-found",
                        "no such resource; uploads go to POST /v1/cameras/{id}/frames"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                JsonReply.send(exchange, 405, JsonReply.error(405, "method-not-allowed", "use POST"));
                return;
            }
            metrics.received();
            upload(exchange, m.group(1), start);
        } catch (IOException e) {
            // The camera hung up: nothing to answer.
            LOG.debug("upload connection failed: {}", e.toString());
        }
    }

    private void upload(HttpExchange exchange, String cameraId, long start) throws IOException {
        long declared = contentLength(exchange.getRequestHeaders());
        boolean tooLarge = declared > options.maxBodyBytes();
        // A body declared too large is refused without reading it, so it reserves nothing.
        long reserve = tooLarge ? 0 : declared >= 0 ? declared : options.maxBodyBytes() + 1L;
        if (!limiter.tryAcquire(reserve)) {
            metrics.overloaded();
            unavailable(exchange, "overloaded", "the gateway is at its limit of uploads in flight; retry later");
            return;
        }
        boolean probe = false;
        byte[] body = null;
        int length;
        try {
            if (kafka.down()) {
                if (!kafka.tryProbe()) {
                    metrics.kafkaFailure();
                    unavailable(exchange, "kafka-unavailable", "Kafka is not acknowledging frames at the moment; "
                            + "send it again later");
                    return;
                }
                probe = true;
            }
            if (tooLarge) {
                reject(exchange, cameraId, Rejection.of(RejectReason.TOO_LARGE, "the body is " + declared
                        + " bytes; at most " + options.maxBodyBytes() + " allowed"), new byte[0], 0, declared);
                return;
            }
            MessageDigest sha256 = FrameSignature.sha256();
            int limit = options.maxBodyBytes() + 1;
            if (declared >= 0) {
                // Straight into one array of the declared size (or a pooled one): no intermediate copies.
                int size = (int) Math.min(declared, limit);
                body = buffers.take(size);
                length = readFully(exchange.getRequestBody(), body, size, sha256);
            } else {
                // Chunked: at most one byte past the maximum, so that an oversized body is noticed.
                body = exchange.getRequestBody().readNBytes(limit);
                sha256.update(body);
                length = body.length;
            }
            metrics.bodyBytes(length);
            if (length > options.maxBodyBytes()) {
                reject(exchange, cameraId, Rejection.of(RejectReason.TOO_LARGE, "the body is more than "
                        + options.maxBodyBytes() + " bytes"), body, length, length);
                return;
            }
            Headers h = exchange.getRequestHeaders();
            UploadValidator.Upload upload = new UploadValidator.Upload(cameraId, h.getFirst("X-Raqib-Timestamp"),
                    h.getFirst("X-Raqib-Signature"), h.getFirst("X-Raqib-Capture-Time"),
                    h.getFirst("X-Raqib-Speed-Kmh"), h.getFirst("X-Raqib-Lane"), body, length,
                    FrameSignature.hex(sha256.digest()));
            UploadValidator.Verdict verdict;
            try {
                verdict = validator.check(upload, clock.instant());
            } catch (UploadValidator.ReplayCacheFullException e) {
                metrics.overloaded();
                unavailable(exchange, "overloaded", "the gateway remembers too many recent signatures; retry later");
                return;
            }
            if (verdict instanceof UploadValidator.Reject r) {
                reject(exchange, r.cameraId(), r.rejection(), body, length, length);
            } else if (verdict instanceof UploadValidator.Accept a) {
                accept(exchange, a, length, start);
            }
        } finally {
            if (probe) {
                kafka.endProbe();
            }
            limiter.release(reserve);
            // Nothing refers to the body any more: the frame and the dead letter were encoded into arrays of
            // their own before they went to the producer.
            buffers.give(body);
        }
    }

    private void accept(HttpExchange exchange, UploadValidator.Accept accept, int length, long start)
            throws IOException {
        CameraFrame frame = accept.frame();
        try {
            publisher.publish(frame).get(options.kafkaTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            kafkaFailed(exchange, accept, cause);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kafkaFailed(exchange, accept, e);
            return;
        }
        kafka.acknowledged();
        JsonReply.sendText(exchange, 202, "application/json", accepted(frame));
        metrics.accepted(length, System.nanoTime() - start);
    }

    private void kafkaFailed(HttpExchange exchange, UploadValidator.Accept accept, Throwable cause) throws IOException {
        // Not accepted: the camera may send exactly this request again, so its signature is free again.
        replays.release(accept.signature());
        kafka.failed();
        metrics.kafkaFailure();
        warnRarely("Kafka did not acknowledge a frame of camera {} within {}: {}", accept.frame().getCameraId(),
                options.kafkaTimeout(), String.valueOf(cause));
        unavailable(exchange, "kafka-unavailable", "the frame could not be stored (Kafka did not acknowledge it); "
                + "send it again later");
    }

    private void reject(HttpExchange exchange, String cameraId, Rejection rejection, byte[] body, int length,
                        long originalSize) throws IOException {
        RejectReason reason = rejection.reason();
        metrics.rejected(reason);
        String id = UUID.randomUUID().toString();
        int kept = Math.min(length, options.deadLetterMaxBytes());
        DeadLetter letter = DeadLetter.newBuilder()
                .setDeadLetterId(id)
                .setSource(FramePublisher.SOURCE)
                .setReason(reason.code())
                .setDetail("HTTP " + reason.status() + ": " + rejection.message())
                .setCameraId(cameraId)
                .setRejectedAt(clock.instant())
                .setOriginal(ByteBuffer.wrap(Arrays.copyOf(body, kept)))
                .setOriginalSize(originalSize)
                .build();
        boolean written;
        try {
            publisher.deadLetter(letter).get(DEAD_LETTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            written = true;
            kafka.acknowledged();
        } catch (ExecutionException | TimeoutException e) {
            written = false;
            kafka.failed();
            metrics.deadLetterFailure();
            warnRarely("dead letter {} ({}) not acknowledged by Kafka: {}", id, reason.code(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            written = false;
        }
        LOG.debug("rejected an upload of camera {}: {} ({} bytes)", cameraId, reason.code(), originalSize);
        ObjectNode answer = JsonReply.error(reason.status(), reason.code(), rejection.message());
        answer.put("deadLetterId", id);
        answer.put("deadLetterWritten", written);
        JsonReply.send(exchange, reason.status(), answer);
    }

    private void unavailable(HttpExchange exchange, String code, String message) throws IOException {
        long seconds = Math.max(1, (options.retryAfter().toMillis() + 999) / 1000);
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        // The body may be unread: close the connection rather than read megabytes only to drop them.
        exchange.getResponseHeaders().set("Connection", "close");
        ObjectNode answer = JsonReply.error(503, code, message);
        answer.put("retryAfterSeconds", seconds);
        JsonReply.send(exchange, 503, answer);
    }

    /**
     * The 202 body, {@code {"frameId":...,"cameraId":...,"width":...,"height":...}}, written without a JSON
     * tree for the common case; a camera id that would need escaping goes through Jackson.
     */
    static String accepted(CameraFrame frame) {
        String cameraId = frame.getCameraId();
        for (int i = 0; i < cameraId.length(); i++) {
            char c = cameraId.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c > 0x7E) {
                ObjectNode body = JsonReply.object();
                body.put("frameId", frame.getFrameId());
                body.put("cameraId", cameraId);
                body.put("width", frame.getWidth());
                body.put("height", frame.getHeight());
                return JsonReply.text(body);
            }
        }
        // frameId is a UUID: nothing to escape.
        return "{\"frameId\":\"" + frame.getFrameId() + "\",\"cameraId\":\"" + cameraId + "\",\"width\":"
                + frame.getWidth() + ",\"height\":" + frame.getHeight() + "}\n";
    }

    /**
     * Reads up to {@code size} bytes into {@code body} and feeds them to {@code sha256} piece by piece while
     * each piece is still in the CPU's cache; fewer when the camera stops sending early.
     */
    private static int readFully(InputStream in, byte[] body, int size, MessageDigest sha256) throws IOException {
        int n = 0;
        while (n < size) {
            int r = in.read(body, n, Math.min(READ_CHUNK, size - n));
            if (r < 0) {
                break;
            }
            sha256.update(body, n, r);
            n += r;
        }
        return n;
    }

    private static long contentLength(Headers headers) {
        String v = headers.getFirst("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void warnRarely(String format, Object... args) {
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            LOG.warn(format, args);
        } else {
            LOG.debug(format, args);
        }
    }
}
