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
 * A wide plate tilted in the photo and cut by an axis-aligned box: its divider and frame cross several rows of the crop
 * and the level cuts lose the row band. The reader also cuts such a crop along the slant of its lines
 * ({@link GlyphSegmenter#slopedCuts}), and reads it from the crop as it is (before that cut, only the crop rotated level
 * read it: {@link GlyphReaderLevelTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphReaderSlopedTest {

    @Test
    void aTiltedShortWidePlateIsReadAsItIs() {
        GlyphReader reader = GlyphReader.loadDefault();
        for (Object[] c : new Object[][] {{"7UZD", 4.0}, {"45KHD", 4.5}}) {
            // given a wide plate of one or two digits, turned by 4-4.5 degrees and cut by the box around it
            String text = (String) c[0];
            double degrees = (double) c[1];
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans",
                    "DejaVu Sans", false, true, false)));
            Mat crop = TiltedCrops.tilted(plate, degrees, 0);
            // when the crop is read as it is, without the re-reads
            String alone = reader.read(crop).map(GlyphReader.Reading::text).orElse("");
            // then it reads right
            assertEquals(text, alone, text + " read alone");
            crop.release();
            plate.release();
        }
    }
}
