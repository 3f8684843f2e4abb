package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.models.PlateLayout;
import org.raqib.models.cli.UsageException;

/** {@code train-glyphs --top-synthetic}: which synthetic plates' top-row cells train the top row's classifiers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GlyphTrainerTopSyntheticTest {

    @TempDir
    Path dir;

    @Test
    void standardPlatesGiveTheirTopRowCellsWideOnesDoNotAndTheLatinGlyphsStay() {
        // given the same 40 synthetic plates (seed 3, about a third of them wide)
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        // when their glyphs are drawn with every plate's top-row cells, the standard plates' and none
        GlyphTrainer.Sets all = GlyphTrainer.synthetic(3, 40, GlyphTrainer.TopSynthetic.ALL, GlyphAugmenter.Settings.NONE, quiet);
        GlyphTrainer.Sets standard = GlyphTrainer.synthetic(3, 40, GlyphTrainer.TopSynthetic.STANDARD, GlyphAugmenter.Settings.NONE,
                quiet);
        GlyphTrainer.Sets none = GlyphTrainer.synthetic(3, 40, GlyphTrainer.TopSynthetic.NONE, GlyphAugmenter.Settings.NONE, quiet);
        // then the standard plates' cells are some but not all of every plate's (the first of them one of those), and none are none
        assertTrue(standard.arabic().size() > 0 && standard.arabic().size() < all.arabic().size(),
                standard.arabic().size() + " of " + all.arabic().size());
        assertTrue(none.arabic().isEmpty());
        assertTrue(all.arabic().stream().anyMatch(e -> java.util.Arrays.equals(e.x(), standard.arabic().get(0).x())));
        // and the Latin glyphs are the same whichever cells are kept
        assertEquals(all.latin().size(), standard.latin().size());
        assertEquals(all.latin().size(), none.latin().size());
        for (int i = 0; i < all.latin().size(); i++) {
            assertTrue(java.util.Arrays.equals(all.latin().get(i).x(), none.latin().get(i).x()), "glyph " + i);
        }
        // and only standard plates give cells under "standard"
        assertTrue(GlyphTrainer.TopSynthetic.STANDARD.gives(PlateLayout.STANDARD));
        assertFalse(GlyphTrainer.TopSynthetic.STANDARD.gives(PlateLayout.WIDE));
        assertTrue(GlyphTrainer.TopSynthetic.ALL.gives(PlateLayout.WIDE));
        assertFalse(GlyphTrainer.TopSynthetic.NONE.gives(PlateLayout.STANDARD));
    }

    @Test
    void theOptionNamesALayoutChoice() {
        assertEquals(GlyphTrainer.TopSynthetic.STANDARD, GlyphTrainCommand.topSynthetic("standard"));
        assertEquals(GlyphTrainer.TopSynthetic.ALL, GlyphTrainCommand.topSynthetic(" ALL "));
        assertEquals(GlyphTrainer.TopSynthetic.NONE, GlyphTrainCommand.topSynthetic("none"));
        UsageException e = assertThrows(UsageException.class, () -> GlyphTrainCommand.topSynthetic("0.5"));
        assertTrue(e.getMessage().contains("standard, all or none"), e.getMessage());
    }

    @Test
    void foldCacheStampNamesTheChoiceUnlessEveryPlate() throws IOException {
        // given a manifest file and the default nets
        Path manifest = dir.resolve("manifest.tsv");
        Files.writeString(manifest, "relative_image_path\tplate_text\tbbox_xywh\n");
        GlyphTrainCommand.NetSettings net = new GlyphTrainCommand.NetSettings(1, 0.002, 0.5, GlyphNetBlock.CHANNELS, 1);
        // when stamped with every plate's cells and with the standard plates'
        var every = FoldCache.stamp(manifest, 1, 1, 1, 1, 1, 1, 1, 1, GlyphTrainer.TopSynthetic.ALL, 0.1, GlyphAugmenter.Settings.NONE,
                net, net);
        var standard = FoldCache.stamp(manifest, 1, 1, 1, 1, 1, 1, 1, 1, GlyphTrainer.TopSynthetic.STANDARD, 0.1,
                GlyphAugmenter.Settings.NONE, net, net);
        // then caches trained before the option (on every plate's) keep their stamp, and one trained otherwise differs
        assertFalse(every.containsKey("top-synthetic"), every.toString());
        assertEquals("standard", standard.get("top-synthetic"));
    }
}
