package org.raqib.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.ingest.gateway.JpegHeader;
import org.raqib.models.cli.UsageException;

@Timeout(30)
class IngestCommandTest {

    @TempDir
    Path dir;

    @Test
    void optionsReachTheGatewayOptions() throws Exception {
        Path cameras = Files.writeString(dir.resolve("cameras.yaml"), "cameras: []\n");
        IngestCommand.Settings s = IngestCommand.parse(new String[] {"--bootstrap", "k1:9092,k2:9092", "--port", "0",
                "--cameras", cameras.toString(), "--max-body", "512KiB", "--max-width", "4000", "--clock-skew", "2m",
                "--max-in-flight", "10", "--max-in-flight-bytes", "8MiB", "--kafka-timeout", "3s", "--no-publish",
                "--duration", "10s"}, "token-from-env-123");
        assertEquals("k1:9092,k2:9092", s.options().bootstrapServers());
        assertEquals(0, s.options().port());
        assertEquals(512 * 1024, s.options().maxBodyBytes());
        assertEquals(4000, s.options().maxImageWidth());
        assertEquals(Duration.ofMinutes(2), s.options().clockSkew());
        assertEquals(10, s.options().maxInFlightRequests());
        assertEquals(8L * 1024 * 1024, s.options().maxInFlightBytes());
        assertEquals(Duration.ofSeconds(3), s.options().kafkaTimeout());
        assertEquals("token-from-env-123", s.options().adminToken());
        assertEquals(false, s.options().publishRegistry());
        assertEquals(Duration.ofSeconds(10), s.duration());
    }

    @Test
    void theOptionBeatsTheEnvironmentAndNoTokenMeansNoAdminApi() throws Exception {
        Path cameras = Files.writeString(dir.resolve("cameras.yaml"), "cameras: []\n");
        assertEquals("from-the-option-1", IngestCommand.parse(new String[] {"--cameras", cameras.toString(),
                "--admin-token", "from-the-option-1"}, "token-from-env-123").options().adminToken());
        assertNull(IngestCommand.parse(new String[] {"--cameras", cameras.toString()}, null).options().adminToken());
    }

    @Test
    void badOptionsExitWith2AndAClearMessage() {
        for (String[] args : new String[][] {{"--port", "http"}, {"--bogus"}, {"--max-body", "lots"},
                {"--max-body", "1"}, {"--kafka-timeout", "soon"}, {"--cameras", "/nonexistent/cameras.yaml"},
                {"--admin-token", "short"}, {"extra"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = IngestCommand.run(args, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, code, String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("raqib ingest: "), err.toString());
        }
    }

    @Test
    void sendNeedsACameraAndAFile() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream());
        assertEquals(2, IngestCommand.run(new String[] {"send", "frame.jpg"}, o, e));
        assertEquals(2, IngestCommand.run(new String[] {"send", "--camera", "X-1"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--camera is required"));
    }

    @Test
    void helpExitsWith0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, IngestCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--max-in-flight"));
    }

    @Test
    void sizesInBytesKibAndMib() {
        assertEquals(2 * 1024 * 1024, IngestCommand.bytes(parser("2MiB"), "max-body", 0));
        assertEquals(300 * 1024, IngestCommand.bytes(parser("300k"), "max-body", 0));
        assertEquals(12345, IngestCommand.bytes(parser("12345"), "max-body", 0));
        assertThrows(UsageException.class, () -> IngestCommand.bytes(parser("-1"), "max-body", 0));
    }

    @Test
    void benchBodiesAreValidAndDistinctJpegs() throws Exception {
        byte[] jpeg = GatewayBench.jpegOfAbout(20_000);
        byte[] a = GatewayBench.withComment(jpeg, 1);
        byte[] b = GatewayBench.withComment(jpeg, 2);
        assertEquals(1280, JpegHeader.read(a, a.length).width());
        assertEquals(720, JpegHeader.read(b, b.length).height());
        assertTrue(!java.util.Arrays.equals(a, b));
    }

    private static org.raqib.models.cli.CommandLine parser(String size) {
        return IngestCommand.SPEC.parse("--max-body", size);
    }
}
