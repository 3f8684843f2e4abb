package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.read.GlyphSegmenter;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/** The glyph trainer labels a tilted plate's glyphs from its crop rotated level where the crop's own cut misses. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphTrainerLevelTest {

    /** {@code plate} on a dark surround, turned by {@code degrees} and cut by the axis-aligned box around it. */
    private static Mat tiltedCrop(Mat plate, double degrees) {
        int pw = plate.cols();
        int ph = plate.rows();
        double rise = pw * Math.abs(Math.sin(Math.toRadians(degrees)));
        int mx = pw / 10;
        int my = ph / 2 + (int) Math.ceil(rise);
        Mat padded = new Mat();
        Core.copyMakeBorder(plate, padded, my, my, mx, mx, Core.BORDER_CONSTANT, new Scalar(70, 70, 70));
        Mat rot = Imgproc.getRotationMatrix2D(new Point(padded.cols() / 2.0, padded.rows() / 2.0), -degrees, 1);
        Mat turned = new Mat();
        Imgproc.warpAffine(padded, turned, rot, padded.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        int half = (int) Math.round((ph + rise) / 2);
        Mat crop = turned.submat(new Rect(mx - 2, turned.rows() / 2 - half, pw + 4, 2 * half)).clone();
        rot.release();
        padded.release();
        turned.release();
        return crop;
    }

    @Test
    void aTiltedPlatesGlyphsAreLabelledFromItsLevelledCrop() {
        int checked = 0;
        for (String text : new String[] {"7RUZ", "45KHD", "60LNV"}) {
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans",
                    "DejaVu Sans", false, true, false)));
            for (double degrees : new double[] {-4.5, -3.5, 4.5}) {
                // given a wide plate turned by 3.5-4.5 degrees and cut by the box around it
                Mat crop = tiltedCrop(plate, degrees);
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
