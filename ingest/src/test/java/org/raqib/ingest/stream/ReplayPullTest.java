package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.models.CameraFrame;
import org.raqib.models.CameraHealth;
import org.raqib.models.CameraState;

/** Replays: an image folder (JPEG and PNG files) and a video file made by Debian's ffmpeg. */
class ReplayPullTest {

    private static final PullOptions OPTIONS = PullOptions.defaults().withHealthInterval(Duration.ofMillis(300))
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anImageFolderIsReplayedInNameOrderSampledAndBadFilesAreCounted() throws Exception {
        // given 20 images at 10 fps (2 s), one of them not an image, sampled at 5 fps without looping
        Path folder = Files.createDirectory(dir.resolve("frames"));
        for (int i = 0; i < 20; i++) {
            String name = String.format("f%03d.%s", i, i % 2 == 0 ? "jpg" : "png");
            byte[] bytes = i == 4 ? new byte[] {1, 2, 3} : TestImages.encode(TestImages.numbered(i, 64 + i, 48),
                    i % 2 == 0 ? "jpeg" : "png");
            Files.write(folder.resolve(name), bytes);
        }
        Files.writeString(folder.resolve("notes.txt"), "not a frame");
        CollectingSink sink = new CollectingSink();
        StreamSpec spec = StreamSpec.of("CAM-F", folder.toString()).withReplayFps(10).withSampleFps(5).withLoop(false);
        try (StreamPuller puller = StreamPuller.start(List.of(spec), OPTIONS, sink)) {
            CameraHealth done = sink.awaitHealth(h -> h.getMessage().equals("replay finished"), Duration.ofSeconds(10),
                    "the end of the replay");
            assertEquals(CameraState.OFFLINE, done.getState());
            assertEquals(1, done.getErrors(), "the unreadable f004.jpg");
        }
        // every second image (0, 2, 4, ... 18) was due; f004 was unreadable
        List<CameraFrame> frames = sink.frames();
        assertEquals(9, frames.size(), "frames " + frames.size());
        assertEquals(64, frames.get(0).getWidth());
        assertEquals(66, frames.get(1).getWidth());
        assertEquals(70, frames.get(2).getWidth(), "f004 skipped");
        assertEquals("replay", frames.get(0).getOrigin());
        long spanMs = frames.get(8).getCaptureTime().toEpochMilli() - frames.get(0).getCaptureTime().toEpochMilli();
        assertTrue(spanMs > 1200 && spanMs < 2600, "played at the replay rate, not as fast as possible: " + spanMs + " ms");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aVideoFileIsDecodedAtItsOwnSpeedSampledAndLooped() throws Exception {
        assumeTrue(MediaTools.hasFfmpeg(), "skipped: Debian's ffmpeg is not installed (apt-get install ffmpeg; .ci/run does)");
        // given a 2 s, 25 fps H.264 clip, sampled at 4 fps and looped
        Path clip = MediaTools.h264Clip(dir, 176, 144, 25, 2);
        CollectingSink sink = new CollectingSink();
        try (StreamPuller puller = StreamPuller.start(List.of(StreamSpec.of("CAM-V", clip.toString()).withSampleFps(4)),
                OPTIONS, sink)) {
            sink.awaitFrames(f -> !f.isEmpty(), Duration.ofSeconds(20), "the first frame");
            long t0 = System.nanoTime();
            // when it plays for 5 s (two and a half loops)
            Thread.sleep(5000);
            int n = sink.frames().size();
            double rate = (n - 1) / ((System.nanoTime() - t0) / 1e9);
            // then about 4 frames per second came out (the loop restarts sampling at its first frame)
            assertTrue(rate > 3 && rate < 6, "sampled rate " + rate + " frames/s");
            assertEquals(0, sink.health().stream().mapToLong(CameraHealth::getErrors).max().orElse(0),
                    "looping is not an error");
        }
        CameraFrame f = sink.frames().get(0);
        assertEquals(176, f.getWidth());
        assertEquals(144, f.getHeight());
        assertEquals("replay", f.getOrigin());
        Path cache = Path.of(System.getProperty(FfmpegRuntime.CACHE_DIR_PROPERTY));
        assertTrue(Files.isDirectory(cache), "FFmpeg natives extracted into " + cache);
    }
}
