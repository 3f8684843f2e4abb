package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
        for (Object[] c : new Object[][] {{"7UZD", 4.0}, {"45KHD", 4.5}}) {
            // given a wide plate of one or two digits, turned by 4-4.5 degrees and cut by the box around it (the
            // one-digit plate turned by 4 degrees: the glyph models trained with shrunk crops read it at -3.5 as it is)
            String text = (String) c[0];
            double degrees = (double) c[1];
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans",
                    "DejaVu Sans", false, true, false)));
            Mat crop = TiltedCrops.tilted(plate, degrees, 0);
            Mat taller = TiltedCrops.tilted(plate, degrees, GlyphReader.TALLER);
            // when the crop, and the crop cut taller, are read as they are, and the crop is read with its re-reads
            String alone = reader.read(crop).map(GlyphReader.Reading::text).orElse("");
            String tallerAlone = reader.read(taller).map(GlyphReader.Reading::text).orElse("");
            String read = reader.read(crop, extra -> TiltedCrops.tilted(plate, degrees, extra)).map(GlyphReader.Reading::text)
                    .orElse("");
            // then neither reads it as it is, and the crop rotated level reads it right
            assertNotEquals(text, alone, text + " read alone");
            assertNotEquals(text, tallerAlone, text + " cut taller");
            assertEquals(text, read, text + " with the levelled reading");
            crop.release();
            taller.release();
            plate.release();
        }
    }
}
