package org.raqib.ingest.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Uploads a frame the way a roadside unit does: signs it with the camera's secret and POSTs it to
 * {@code /v1/cameras/{id}/frames}. Used by {@code ./raqib ingest send}, the benchmark and the tests.
 */
public final class SignedUploadClient {

    private final URI base;
    private final HttpClient http;

    /**
     * @param gatewayUrl e.g. {@code http://127.0.0.1:8080}
     * @param http the client to send with
     */
    public SignedUploadClient(String gatewayUrl, HttpClient http) {
        this.base = URI.create(gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl);
        this.http = http;
    }

    /** A client with its own HTTP/1.1 client. */
    public static SignedUploadClient to(String gatewayUrl) {
        return new SignedUploadClient(gatewayUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build());
    }

    /**
     * The gateway's answer.
     *
     * @param status HTTP status
     * @param body the JSON body
     * @param retryAfter the Retry-After header, or null
     */
    public record Answer(int status, String body, String retryAfter) {
    }

    /**
     * A signed upload request, ready to send (or to tamper with, in tests).
     *
     * @param cameraId the camera
     * @param secret its secret
     * @param jpeg the body
     * @param timestamp signing time, epoch ms
     * @param speedKmh radar speed, or null
     * @param lane lane, or null
     */
    public HttpRequest.Builder request(String cameraId, String secret, byte[] jpeg, long timestamp, Double speedKmh,
                                       Integer lane) {
        String signature = FrameSignature.sign(secret, cameraId, timestamp,
                FrameSignature.sha256Hex(jpeg, jpeg.length));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/cameras/" + cameraId + "/frames"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "image/jpeg")
                .header("X-Raqib-Timestamp", Long.toString(timestamp))
                .header("X-Raqib-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg));
        if (speedKmh != null) {
            b.header("X-Raqib-Speed-Kmh", speedKmh.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.1f", speedKmh));
        }
        if (lane != null) {
            b.header("X-Raqib-Lane", lane.toString());
        }
        return b;
    }

    /** Signs and sends one frame now. */
    public Answer send(String cameraId, String secret, byte[] jpeg, Double speedKmh, Integer lane)
            throws IOException, InterruptedException {
        return send(request(cameraId, secret, jpeg, System.currentTimeMillis(), speedKmh, lane).build());
    }

    /** Sends a prepared request. */
    public Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
    }
}
