package org.raqib.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.ingest.gateway.FrameSignature;

@Timeout(30)
class GatewayBenchTest {

    @Test
    void badOptionsExitTwoWithAMessage() {
        for (String[] args : new String[][] {{"--concurrency", "1,x"}, {"--concurrency", "0"}, {"--broker", "remote"},
                {"--client", "curl"}, {"--frames", "0"}, {"extra"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = GatewayBench.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertEquals(2, code, String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: raqib bench-gateway"), err::toString);
        }
    }

    /**
     * The load generator's requests are signed uploads a server can verify, several go over one kept-alive
     * connection, and an answer with {@code Connection: close} makes it open a new one.
     */
    @Test
    void keepAliveUploaderSendsSignedRequestsAndReadsTheAnswers() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        List<String> problems = new CopyOnWriteArrayList<>();
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        AtomicInteger n = new AtomicInteger();
        server.createContext("/v1/cameras/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            long ts = Long.parseLong(h.getFirst("X-Raqib-Timestamp"));
            String expected = FrameSignature.sign("s3cret-0123456789", "CAM-1", ts,
                    FrameSignature.sha256Hex(body, body.length));
            if (!exchange.getRequestURI().getPath().equals("/v1/cameras/CAM-1/frames")
                    || !expected.equals(h.getFirst("X-Raqib-Signature")) || !"80.0".equals(h.getFirst("X-Raqib-Speed-Kmh"))
                    || !"2".equals(h.getFirst("X-Raqib-Lane"))) {
                problems.add("bad request " + exchange.getRequestURI() + " " + h.entrySet());
            }
            clientPorts.add(exchange.getRemoteAddress().getPort());
            int i = n.incrementAndGet();
            if (i == 3) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            byte[] answer = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(i == 2 ? 400 : 202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        try (KeepAliveUploader uploader = new KeepAliveUploader(server.getAddress())) {
            byte[] body = GatewayBench.withComment(GatewayBench.jpegOfAbout(5_000), 1);
            long now = System.currentTimeMillis();
            assertEquals(202, uploader.upload("CAM-1", "s3cret-0123456789", body, body.length, now, 80.0, 2));
            // Only body[0..length) goes out: bytes past it would corrupt the next request on this connection.
            byte[] padded = java.util.Arrays.copyOf(body, body.length + 100);
            java.util.Arrays.fill(padded, body.length, padded.length, (byte) 'x');
            assertEquals(400, uploader.upload("CAM-1", "s3cret-0123456789", padded, body.length, now + 1, 80.0, 2));
            assertEquals(202, uploader.upload("CAM-1", "s3cret-0123456789", body, body.length, now + 2, 80.0, 2));
            assertEquals(202, uploader.upload("CAM-1", "s3cret-0123456789", body, body.length, now + 3, 80.0, 2));
        } finally {
            server.stop(0);
        }
        assertEquals(List.of(), problems);
        assertEquals(4, clientPorts.size());
        assertEquals(clientPorts.get(0), clientPorts.get(2), "kept alive: " + clientPorts);
        assertTrue(!clientPorts.get(3).equals(clientPorts.get(2)), "reconnected after Connection: close: " + clientPorts);
    }
}
