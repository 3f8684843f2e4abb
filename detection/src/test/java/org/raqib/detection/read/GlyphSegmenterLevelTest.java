package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/** A plate tilted in the photo: its crop's slant is measured and the crop is rotated level for the reader's further reading. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphSegmenterLevelTest {

    private static Mat widePlate(String text) {
        return Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans", "DejaVu Sans",
                false, true, false)));
    }

    /** {@code plate} turned by {@code degrees} (positive: falling to the right) in a crop of its own size. */
    private static Mat tilted(Mat plate, double degrees) {
        Mat rot = Imgproc.getRotationMatrix2D(new Point(plate.cols() / 2.0, plate.rows() / 2.0), -degrees, 1);
        Mat out = new Mat();
        Imgproc.warpAffine(plate, out, rot, plate.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        rot.release();
        return out;
    }

    private static double slantOf(Mat crop) {
        GlyphSegmenter.Analysis a = GlyphSegmenter.Analysis.of(crop);
        try {
            return GlyphSegmenter.slant(a.gray());
        } finally {
            a.release();
        }
    }

    @Test
    void aTiltedWidePlateIsMeasuredAndLevelled() {
        // given a wide plate of three digits turned by 4 degrees, falling to the right
        Mat plate = widePlate("123JVD");
        Mat crop = tilted(plate, 4);
        // when its slant is measured and it is levelled
        double slant = slantOf(crop);
        Mat level = GlyphSegmenter.levelled(crop);
        // then the slant is found, and the levelled crop's print runs level
        assertEquals(4, slant, 0.5, "slant");
        assertNotNull(level, "a crop slanting by 4 degrees is levelled");
        assertEquals(0, slantOf(level), 0.5, "slant after levelling");
        level.release();
        crop.release();
        plate.release();
    }

    @Test
    void aTiltRisingToTheRightIsMeasuredWithItsSign() {
        Mat plate = widePlate("7UZD");
        Mat crop = tilted(plate, -3);
        assertEquals(-3, slantOf(crop), 0.5, "slant");
        Mat level = GlyphSegmenter.levelled(crop);
        assertNotNull(level);
        assertEquals(0, slantOf(level), 0.5, "slant after levelling");
        level.release();
        crop.release();
        plate.release();
    }

    @Test
    void aLevelPlateIsLeftAlone() {
        Mat plate = widePlate("123JVD");
        assertEquals(0, slantOf(plate), 0.5, "slant");
        assertNull(GlyphSegmenter.levelled(plate), "a level crop is not rotated");
        plate.release();
    }
}
