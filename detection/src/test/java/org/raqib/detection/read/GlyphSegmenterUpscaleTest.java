package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * A small plate's crop is scaled up to the segmenter's {@value GlyphSegmenter#HEIGHT} rows: the gaps between its
 * strokes, a pixel or two wide in the crop, must come through that scaling as light as the plate around them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphSegmenterUpscaleTest {

    @Test
    void aOnePixelGapBetweenStrokesOfASmallCropStaysLight() {
        OpenCvLoader.load();
        // given crops 37 rows tall (a 71 x 37 standard plate, its Latin characters about 16 pixels tall) with two dark
        // strokes 3 pixels wide and a gap of one plate-coloured pixel between them, at every position of the strokes
        // against the scaling's grid (96 / 37 rows per pixel)
        for (int x0 = 20; x0 < 24; x0++) {
            Mat crop = new Mat(37, 71, CvType.CV_8UC1, new Scalar(PLATE));
            stroke(crop, x0);
            stroke(crop, x0 + 4);
            // when
            GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(crop);
            // then the gap's lightest scaled column keeps nine tenths of the contrast: bilinear scaling, which draws
            // a straight ramp between the crop's pixels, kept 84% (174 of 200 against print at 40) where the gap fell
            // between two of the scaled grid's columns
            Mat s = g.gray();
            int row = (int) Math.round(22.0 * s.rows() / crop.rows());
            int from = (int) Math.floor((x0 + 3) * (double) s.cols() / crop.cols());
            int to = (int) Math.ceil((x0 + 4) * (double) s.cols() / crop.cols());
            double lightest = 0;
            for (int x = from; x <= to; x++) {
                lightest = Math.max(lightest, s.get(row, x)[0]);
            }
            assertTrue(lightest >= INK + 0.9 * (PLATE - INK), "strokes at " + x0 + ": the gap's lightest column is "
                    + lightest);
            g.release();
            crop.release();
        }
    }

    @Test
    void wideCropsAndCropsNearlyTheSegmentersHeightAreScaledAsBefore() {
        int h = GlyphSegmenter.HEIGHT;
        // a standard plate's crop of 37 rows (scaled 2.6 times): bicubic
        assertEquals(Imgproc.INTER_CUBIC, GlyphSegmenter.upscaling(37, 184, h));
        // a wide plate's crop (shape over 3.3:1), or a crop scaled up by less than a third: bilinear, as before
        assertEquals(Imgproc.INTER_LINEAR, GlyphSegmenter.upscaling(25, 450, h));
        assertEquals(Imgproc.INTER_LINEAR, GlyphSegmenter.upscaling(93, 254, h));
        // a crop taller than the segmenter's height: area averaging
        assertEquals(Imgproc.INTER_AREA, GlyphSegmenter.upscaling(120, 246, h));
    }

    private static final int PLATE = 200;
    private static final int INK = 40;

    /** Draws a stroke of print 3 columns wide from column {@code x}, rows 14-30. */
    private static void stroke(Mat crop, int x) {
        Imgproc.rectangle(crop, new Point(x, 14), new Point(x + 2, 30), new Scalar(INK), -1);
    }
}
