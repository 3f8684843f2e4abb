package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/** The segmenter on crops that a localiser cut tight: characters that reach the crop's edges. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphSegmenterEdgeTest {

    private static Mat standardPlate(String text) {
        return Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.STANDARD, false, "DejaVu Sans",
                "DejaVu Sans", false, true, false)));
    }

    @Test
    void aCharacterWhoseStrokesReachTheCropsBottomEdgeIsNotErasedAsALine() {
        for (String text : List.of("7871BRH", "2162VAH", "4171KSD", "2631XDN", "1111ABD")) {
            // given a standard plate cropped from a tenth of its height down to 0.88 of it, through the Latin row's
            // characters: their vertical strokes (every 1, the stems of 4 and 7) end at the crop's bottom edge
            Mat plate = standardPlate(text);
            int h = plate.rows();
            Mat crop = plate.submat(new Rect(0, h / 10, plate.cols(), (int) (0.88 * h) - h / 10));
            // when
            GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(crop);
            // then every character is a box of the segmenter's own cut (the default border of the line
            // detector's opening counted outside the crop as ink: it found 2-6 boxes on these crops)
            assertEquals(7, g.boxes().size(), text + ": " + g.boxes());
            g.release();
            plate.release();
        }
    }

    @Test
    void aFirstDigitCutByTheCropsLeftSideIsStillOfferedAsABox() {
        for (String text : List.of("4171KSD", "7181HRA", "2345LNB", "9876GDB")) {
            // given a standard plate whose crop begins 6% of its width in, inside its first digit
            Mat plate = standardPlate(text);
            int x0 = (int) (0.06 * plate.cols());
            Mat crop = plate.submat(new Rect(x0, 0, plate.cols() - x0, plate.rows()));
            // when
            GlyphSegmenter.Hypotheses hs = GlyphSegmenter.hypotheses(crop);
            // then one of the cuts the reader chooses among has seven boxes, the first at the crop's left side
            // (a blob touching a side was dropped as a piece of something outside the plate: no cut had seven)
            assertTrue(hs.cuts().stream().anyMatch(c -> c.size() == 7 && c.get(0).x == 0), text + ": " + hs.cuts());
            hs.release();
            plate.release();
        }
    }
}
