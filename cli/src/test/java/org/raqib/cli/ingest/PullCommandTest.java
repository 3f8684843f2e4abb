package org.raqib.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PullCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PullCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndBadOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--offline-after"));
        assertEquals(2, run("--sample", "3"));
        assertTrue(err().contains("unknown option --sample"), err());
        assertEquals(2, run("--backoff-initial", "10s", "--backoff-max", "1s"));
        assertTrue(err().contains("backoffMax"), err());
        assertEquals(2, run("--jpeg-quality", "1.5"));
    }

    @Test
    void aStreamOfAnUnknownCameraOrAMissingFileStopsBeforeAnythingStarts() throws Exception {
        Path cameras = Path.of(System.getProperty("user.dir")).getParent().resolve("config/cameras.yaml");
        Path streams = Files.writeString(dir.resolve("streams.yaml"),
                "streams:\n  - camera: NO-SUCH-CAM\n    url: http://127.0.0.1:1/video.mjpg\n");
        assertEquals(1, run("--config", streams.toString(), "--cameras", cameras.toString()));
        assertTrue(err().contains("camera NO-SUCH-CAM is not in"), err());

        assertEquals(1, run("--config", dir.resolve("none.yaml").toString(), "--cameras", cameras.toString()));
        assertTrue(err().contains("not found (--config FILE)"), err());

        Path empty = Files.writeString(dir.resolve("empty.yaml"), "streams: []\n");
        assertEquals(1, run("--config", empty.toString(), "--cameras", cameras.toString()));
        assertTrue(err().contains("no stream to pull"), err());
    }

    @Test
    void credentialsInStreamUrlsAreNotPrinted() {
        assertEquals("rtsp://***@10.0.0.2:554/s1", PullCommand.redact("rtsp://admin:secret@10.0.0.2:554/s1"));
        assertEquals("http://cam/video.mjpg", PullCommand.redact("http://cam/video.mjpg"));
    }
}
