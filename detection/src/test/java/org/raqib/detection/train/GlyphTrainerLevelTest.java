package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.read.GlyphSegmenter;
import org.raqib.detection.read.TiltedCrops;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/** The glyph trainer labels a tilted plate's glyphs from its crop rotated level where the crop's own cut misses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphTrainerLevelTest {

    @Test
    void aTiltedPlatesGlyphsAreLabelledFromItsLevelledCrop() {
        int checked = 0;
        for (String text : new String[] {"7UZD", "45KHD", "60LNV"}) {
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans",
                    "DejaVu Sans", false, true, false)));
            for (double degrees : new double[] {-4.5, -3.5, 4.5}) {
                // given a wide plate turned by 3.5-4.5 degrees and cut by the box around it
                Mat crop = TiltedCrops.tilted(plate, degrees, 0);
                GlyphSegmenter.Glyphs own = GlyphSegmenter.segment(crop);
                int ownCount = own.boxes().size();
                own.release();
                if (ownCount == text.length()) {
                    crop.release();
                    continue;
                }
                // when its glyphs are labelled, its own cut not having the text's count
                List<GlyphTrainer.Example> latin = new ArrayList<>();
                List<GlyphTrainer.Example> top = new ArrayList<>();
                boolean matched = GlyphTrainer.addGlyphs(crop, text, new Random(1), latin, top, GlyphAugmenter.Settings.NONE);
                // then the levelled crop's cut gives one glyph per character
                assertNotEquals(text.length(), ownCount);
                assertTrue(matched, text + " at " + degrees + " degrees");
                assertTrue(!latin.isEmpty() && latin.size() % text.length() == 0, text + " at " + degrees + " degrees: "
                        + latin.size() + " examples");
                checked++;
                crop.release();
            }
            plate.release();
        }
        assertTrue(checked >= 3, "the test needs tilted crops whose own cut misses: " + checked);
    }
}
