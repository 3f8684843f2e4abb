package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    /**
     * {@code plate} on a dark surround, turned by {@code degrees} (positive: falling to the right), and cut by the
     * axis-aligned box around it, its bottom edge moved down by {@code extra} of the box's height.
     */
    private static Mat tiltedCrop(Mat plate, double degrees, double extra) {
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
        int top = turned.rows() / 2 - half;
        int height = Math.min(turned.rows() - top, (int) Math.round(2 * half * (1 + extra)));
        Mat crop = turned.submat(new Rect(mx - 2, top, pw + 4, height)).clone();
        rot.release();
        padded.release();
        turned.release();
        return crop;
    }

    @Test
    void aTiltedShortWidePlateIsReadLevelled() {
        GlyphReader reader = GlyphReader.loadDefault();
        for (Object[] c : new Object[][] {{"7RUZ", -3.5}, {"45KHD", 4.5}}) {
            // given a wide plate of one or two digits, turned by 3.5-4.5 degrees and cut by the box around it
            String text = (String) c[0];
            double degrees = (double) c[1];
            Mat plate = Mats.toBgr(PlateRenderer.render(new PlateSpec(text, text, PlateLayout.WIDE, false, "DejaVu Sans",
                    "DejaVu Sans", false, true, false)));
            Mat crop = tiltedCrop(plate, degrees, 0);
            Mat taller = tiltedCrop(plate, degrees, GlyphReader.TALLER);
            // when the crop, and the crop cut taller, are read as they are, and the crop is read with its re-reads
            String alone = reader.read(crop).map(GlyphReader.Reading::text).orElse("");
            String tallerAlone = reader.read(taller).map(GlyphReader.Reading::text).orElse("");
            String read = reader.read(crop, extra -> tiltedCrop(plate, degrees, extra)).map(GlyphReader.Reading::text)
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
