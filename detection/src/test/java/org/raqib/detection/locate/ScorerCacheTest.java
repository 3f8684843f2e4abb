package org.raqib.detection.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** The fold-scorer cache's stamp names the synthetic scenes the scorers learn from. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScorerCacheTest {

    @TempDir
    Path dir;

    @Test
    void theScenesDigestIsStableAndFollowsTheScenes() {
        // given the digest of seed 7's scenes
        String digest = ScorerCache.scenesDigest(300, 7);
        // then it is the same when drawn again, and differs for other scenes (another seed, or fewer of them)
        assertEquals(digest, ScorerCache.scenesDigest(300, 7));
        assertNotEquals(digest, ScorerCache.scenesDigest(300, 8));
        assertNotEquals(digest, ScorerCache.scenesDigest(3, 7));
        // and the digested scenes include both layouts (a wide-plate renderer change shows in it)
        SceneGenerator generator = new SceneGenerator();
        long wide = IntStream.range(0, ScorerCache.DIGEST_SCENES)
                .filter(i -> LocatorTrainCommand.scene(generator, 7, i).layout() == PlateLayout.WIDE)
                .count();
        assertTrue(wide > 0 && wide < ScorerCache.DIGEST_SCENES, "wide scenes among the digested: " + wide);
    }

    @Test
    void aFolderTrainedOnOtherScenesIsRefusedNamingTheDigest() throws Exception {
        // given a manifest and a folder stamped as this run would stamp it, except for the scenes' digest
        Path manifest = dir.resolve("manifest.tsv");
        Files.writeString(manifest, "relative_image_path\tplate_text\tbbox_xywh\n");
        Path cache = dir.resolve("scorers");
        Files.createDirectories(cache);
        Map<String, String> stamp = ScorerCache.stamp(manifest, 1, 300, 20, 7, 0.45, LocatorTrainCommand.Tilts.NONE);
        stamp.put("scenes-sha256", "0".repeat(64));
        CacheStamp.write(cache.resolve(ScorerCache.STAMP), stamp);
        String before = Files.readString(cache.resolve(ScorerCache.STAMP));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        // when the scorers are asked for with the same settings
        ScorerCache.StaleException e = assertThrows(ScorerCache.StaleException.class,
                () -> ScorerCache.scorers(cache, manifest, List.of(), 1, 300, 20, 7, 0.45, LocatorTrainCommand.Tilts.NONE, sink, sink));
        // then the folder is refused for its scenes alone, and left as it was
        assertTrue(e.getMessage().contains("scenes-sha256 " + "0".repeat(64) + " there, " + ScorerCache.scenesDigest(300, 7)
                + " here"), e.getMessage());
        assertTrue(!e.getMessage().contains("fold-seed") && !e.getMessage().contains("epochs"), e.getMessage());
        assertEquals(before, Files.readString(cache.resolve(ScorerCache.STAMP)));
    }
}
