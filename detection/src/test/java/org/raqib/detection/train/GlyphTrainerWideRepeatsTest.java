package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** {@code train-glyphs --wide-repeats}: more jittered real crops of wide plates' photos, standard ones' unchanged. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphTrainerWideRepeatsTest {

    @TempDir
    Path dir;

    @Test
    void wideRepeatsMultiplyOnlyWidePlatesCrops() throws IOException {
        // given one generated scene of each layout, loaded as real labelled photos
        RealCrops.Loaded wide = scene(PlateLayout.WIDE);
        RealCrops.Loaded standard = scene(PlateLayout.STANDARD);
        assertEquals(PlateLayout.WIDE, wide.layout());
        assertEquals(PlateLayout.STANDARD, standard.layout());
        // when their glyph examples are drawn with 2 jittered crops each, then with wide photos' crops 3 times as many
        int wideOnce = GlyphTrainer.real(List.of(wide), 2, 1, 5, GlyphAugmenter.Settings.NONE).latin().size();
        int wideThrice = GlyphTrainer.real(List.of(wide), 2, 3, 5, GlyphAugmenter.Settings.NONE).latin().size();
        int standardOnce = GlyphTrainer.real(List.of(standard), 2, 1, 5, GlyphAugmenter.Settings.NONE).latin().size();
        int standardThrice = GlyphTrainer.real(List.of(standard), 2, 3, 5, GlyphAugmenter.Settings.NONE).latin().size();
        // then the wide photo gives more examples (its box crop plus 6 jittered crops instead of 2), the standard the same
        assertTrue(wideOnce > 0 && wideThrice > wideOnce + wideOnce / 2, wideOnce + " then " + wideThrice);
        assertEquals(standardOnce, standardThrice);
        // and the plain form is the factor 1
        assertEquals(wideOnce, GlyphTrainer.real(List.of(wide), 2, 5, GlyphAugmenter.Settings.NONE).latin().size());
    }

    @Test
    void foldCacheStampNamesWideRepeatsOnlyWhenOn() throws IOException {
        // given a manifest file and the default nets
        Path manifest = dir.resolve("manifest.tsv");
        java.nio.file.Files.writeString(manifest, "relative_image_path\tplate_text\tbbox_xywh\n");
        GlyphTrainCommand.NetSettings net = new GlyphTrainCommand.NetSettings(1, 0.002, 0.5, GlyphNetBlock.CHANNELS, 1);
        // when stamped with the factor 1 and 2
        var plain = FoldCache.stamp(manifest, 1, 1, 1, 1, 1, 1, 1, 1, GlyphTrainer.TopSynthetic.ALL, 0.1, GlyphAugmenter.Settings.NONE, net, net);
        var doubled = FoldCache.stamp(manifest, 1, 1, 1, 2, 1, 1, 1, 1, GlyphTrainer.TopSynthetic.ALL, 0.1, GlyphAugmenter.Settings.NONE, net, net);
        // then caches trained before the option keep their stamp, and one trained with it differs
        assertTrue(!plain.containsKey("wide-repeats"), plain.toString());
        assertEquals("2", doubled.get("wide-repeats"));
    }

    /** The first generated scene (seeds from 300) of {@code layout}, written to a file and loaded. */
    private RealCrops.Loaded scene(PlateLayout layout) throws IOException {
        SceneGenerator scenes = new SceneGenerator();
        for (long seed = 300; seed < 400; seed++) {
            SceneGenerator.Scene s = scenes.render(seed);
            if (s.layout() != layout) {
                continue;
            }
            Path file = dir.resolve("s" + seed + ".png");
            ImageIO.write(s.image(), "png", file.toFile());
            LabelledPhotos.Photo p = new LabelledPhotos.Photo(file, s.text(), s.box().x, s.box().y, s.box().width, s.box().height);
            return RealCrops.load(List.of(p)).get(0);
        }
        throw new IllegalStateException("no " + layout + " scene among 100 seeds");
    }
}
