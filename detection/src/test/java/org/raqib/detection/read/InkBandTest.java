package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/** The reader's further cut of the Latin row in the band its own ink gives, where the lines give a wrong band. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InkBandTest {

    @Test
    void aLineAcrossTheTopRowTakenForTheDividerStillLeavesACutOfTheLatinRow() {
        String[] texts = {"1234ABD", "905KHR", "4821TNV", "77LRX", "3106GSJ"};
        int found = 0;
        for (String text : texts) {
            // given a standard plate with two dark lines across its top row (a rim or a bumper's edge seen through
            // it), longer than the divider: the segmenter takes them for the divider and cuts the wrong band
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.STANDARD, false,
                    "DejaVu Sans", "DejaVu Sans", false, true, false)));
            int w = plate.cols();
            int h = plate.rows();
            for (double y : new double[] {0.3, 0.36}) {
                Imgproc.line(plate, new Point(0, y * h), new Point(w - 1, y * h), new Scalar(20, 20, 20),
                        Math.max(3, h / 25));
            }
            // when
            GlyphSegmenter.Hypotheses hs = GlyphSegmenter.hypotheses(plate);
            // then one of the reader's cuts holds the Latin row's characters, in the plate's lower half
            double scaledHalf = 0.45 * GlyphSegmenter.HEIGHT;
            boolean latin = false;
            for (List<Rect> cut : hs.cuts()) {
                latin |= cut.size() == text.length() && cut.stream().allMatch(r -> r.y > scaledHalf);
            }
            if (latin) {
                found++;
            }
            hs.release();
            plate.release();
        }
        // Measured 5 of 5 when written; 0 of 5 without the ink's band.
        assertEquals(5, found, "plates with a cut of the Latin row");
    }

    @Test
    void theInkBandIsWhereFourCharactersOfOneHeightSitOnOneBaseline() {
        // given a binary crop (lines erased) with four character-sized blobs on one baseline in its lower half
        // and taller and shorter marks elsewhere
        int w = 200;
        int h = 96;
        byte[] px = new byte[w * h];
        for (int i = 0; i < 4; i++) {
            fill(px, w, 20 + 40 * i, 55, 14, 30);
        }
        fill(px, w, 10, 10, 20, 20);
        fill(px, w, 180, 50, 8, 6);
        // when
        double[] band = GlyphSegmenter.inkBand(px, w, h);
        // then the band holds the four blobs (rows 55-84) with a tenth of their height to spare
        assertEquals(52.0, band[0], 0.01);
        assertEquals(88.0, band[1], 0.01);
    }

    private static void fill(byte[] px, int w, int x, int y, int bw, int bh) {
        for (int yy = y; yy < y + bh; yy++) {
            for (int xx = x; xx < x + bw; xx++) {
                px[yy * w + xx] = 1;
            }
        }
    }
}
