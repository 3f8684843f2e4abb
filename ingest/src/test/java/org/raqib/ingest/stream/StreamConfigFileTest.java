package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamConfigFileTest {

    @TempDir
    Path dir;

    private static String message(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> StreamConfigFile.parse(yaml, "s.yaml")).getMessage();
    }

    @Test
    void readsEveryKindWithDefaults() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("frames"));
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[] {1});
        List<StreamSpec> specs = StreamConfigFile.parse("""
                streams:
                  - camera: A
                    url: http://10.0.0.1/video.mjpg
                  - camera: B
                    url: rtsp://user:pw@10.0.0.2:554/stream1
                    sampleFps: 1.5
                  - camera: C
                    url: %s
                    loop: false
                  - camera: D
                    url: %s
                    replayFps: 25
                """.formatted(clip, folder), "s.yaml");
        assertEquals(4, specs.size());
        assertEquals(SourceKind.MJPEG_HTTP, specs.get(0).kind());
        assertEquals(StreamSpec.DEFAULT_SAMPLE_FPS, specs.get(0).sampleFps());
        assertEquals(SourceKind.RTSP, specs.get(1).kind());
        assertEquals(1.5, specs.get(1).sampleFps());
        assertEquals(SourceKind.VIDEO_FILE, specs.get(2).kind());
        assertFalse(specs.get(2).loop());
        assertEquals(SourceKind.IMAGE_FOLDER, specs.get(3).kind());
        assertTrue(specs.get(3).loop());
        assertEquals(25, specs.get(3).replayFps());
        assertEquals("replay", specs.get(3).kind().origin());
        assertEquals("stream", specs.get(1).kind().origin());
        assertEquals(List.of(), StreamConfigFile.parse("streams: []", "s.yaml"));
    }

    @Test
    void relativePathsAreResolvedAgainstTheBaseFolder() throws Exception {
        Files.createDirectories(dir.resolve("work/replay"));
        List<StreamSpec> specs = StreamConfigFile.parse("streams:\n  - {camera: A, url: work/replay}\n"
                + "  - {camera: B, url: 'rtsp://cam/x'}\n", "s.yaml", dir);
        assertEquals(dir.resolve("work/replay").toString(), specs.get(0).url());
        assertEquals(SourceKind.IMAGE_FOLDER, specs.get(0).kind());
        assertEquals("rtsp://cam/x", specs.get(1).url());
    }

    @Test
    void badEntriesFailWithTheirPlace() {
        assertTrue(message("streams:\n  - camera: A\n    url: http://x/\n    fps: 2\n").contains("streams[0]: unknown key 'fps'"));
        assertTrue(message("streams:\n  - url: http://x/\n").contains("'camera' is required"));
        assertTrue(message("streams:\n  - camera: A\n    url: http://x/\n    sampleFps: 0\n").contains("sampleFps"));
        assertTrue(message("streams:\n  - camera: A\n    url: http://x/\n    sampleFps: fast\n").contains("must be a number"));
        assertTrue(message("streams:\n  - camera: A\n    url: ftp://x/\n").contains("unsupported stream scheme"));
        assertTrue(message("streams:\n  - camera: A\n    url: /no/such/clip.mp4\n").contains("no readable file"));
        assertTrue(message("streams:\n  - {camera: A, url: 'http://x/'}\n  - {camera: A, url: 'http://y/'}\n")
                .contains("already has a stream"));
        assertTrue(message("cameras: []\n").contains("unknown key 'cameras'"));
    }

    @Test
    void optionsValidateFailsFast() {
        PullOptions.defaults().validate();
        assertThrows(IllegalArgumentException.class,
                () -> PullOptions.defaults().withBackoff(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1)).validate());
        assertThrows(IllegalArgumentException.class, () -> PullOptions.defaults().withJpegQuality(0f).validate());
        assertThrows(IllegalArgumentException.class,
                () -> PullOptions.defaults().withOfflineAfter(java.time.Duration.ZERO).validate());
    }
}
