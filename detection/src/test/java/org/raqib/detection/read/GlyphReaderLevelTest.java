package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/**
 * A wide plate tilted in the photo and cut by an axis-aligned box: its divider and frame cross several rows of the crop,
 * the segmenter's row band is lost, and short plates lose or misname their digits. The reader reads such a crop rotated
 * level too ({@link GlyphReader#read(Mat, GlyphReader.Recrop)}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphReaderLevelTest {

    @Test
    void aTiltedShortWidePlateIsReadLevelled() {
        GlyphReader reader = GlyphReader.loadDefault();
        for (Object[] c : new Object[][] {{"7UZD", -3.5}, {"45KHD", 4.5}}) {
            // given a wide plate of one or two digits, turned by 3.5-4.5 degrees and cut by the box around it
            String text = (String) c[0];
            double degrees = (double) c[1];
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans",
                    "DejaVu Sans", false, true, false)));
            Mat crop = TiltedCrops.tilted(plate, degrees, 0);
            // when the crop rotated level is read, and the crop with its re-reads
            Mat level = GlyphSegmenter.levelled(crop);
            String levelled = reader.read(level).map(GlyphReader.Reading::text).orElse("");
            String read = reader.read(crop, extra -> TiltedCrops.tilted(plate, degrees, extra)).map(GlyphReader.Reading::text)
                    .orElse("");
            // then both read it right (the crop as it is, cut along its slant, reads it too: GlyphReaderSlopedTest; before
            // that cut, neither the crop nor the crop cut taller read it as they were, and the levelled reading did)
            assertEquals(text, levelled, text + " levelled");
            assertEquals(text, read, text + " with the re-reads");
            level.release();
            crop.release();
            plate.release();
        }
    }
}
