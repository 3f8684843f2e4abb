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

    @Test
    void theSlantProjectedByColumnIsThePixelByPixelProjections() {
        // random ink maps of scaled-crop sizes, odd and even widths (the centre column a half or whole pixel), sparse
        // and dense: the measured slant is the one a projection of each pixel on its own finds
        java.util.Random random = new java.util.Random(5);
        for (int trial = 0; trial < 300; trial++) {
            int h = 20 + random.nextInt(60);
            int w = 30 + random.nextInt(300);
            byte[] map = new byte[w * h];
            double density = 0.02 + 0.5 * random.nextDouble();
            double tilt = Math.tan(Math.toRadians(-8 + 16 * random.nextDouble()));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // rows of ink along a tilt, and specks
                    int row = (int) Math.round(y - (x - w / 2.0) * tilt);
                    boolean ink = row % 7 < 2 ? random.nextDouble() < 0.8 : random.nextDouble() < density * 0.2;
                    map[y * w + x] = (byte) (ink ? 200 : random.nextInt(100));
                }
            }
            assertEquals(slantPixelByPixel(map, w, h, 100), GlyphSegmenter.slant(map, w, h, 100), 0.0,
                    "trial " + trial + " (" + w + "x" + h + ")");
        }
    }

    /** The slant as measured before projections went by column: every ink pixel rounded to its row on its own. */
    private static double slantPixelByPixel(byte[] map, int w, int h, int from) {
        int pad = (int) Math.ceil(w * Math.tan(Math.toRadians(GlyphSegmenter.SLANT_MAX))) + 1;
        double[] best = {0, -1};
        java.util.function.DoubleConsumer profile = angle -> {
            double t = Math.tan(Math.toRadians(angle));
            int[] count = new int[h + 2 * pad];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if ((map[y * w + x] & 0xFF) >= from) {
                        count[(int) Math.round(y - (x - w / 2.0) * t) + pad]++;
                    }
                }
            }
            double score = 0;
            for (int c : count) {
                score += (double) c * c;
            }
            if (score > best[1] + 1e-9 || (Math.abs(score - best[1]) <= 1e-9 && Math.abs(angle) < Math.abs(best[0]))) {
                best[0] = angle;
                best[1] = score;
            }
        };
        for (int k = -(int) GlyphSegmenter.SLANT_MAX; k <= GlyphSegmenter.SLANT_MAX; k++) {
            profile.accept(k);
        }
        double coarse = best[0];
        for (double a = coarse - 0.75; a <= coarse + 0.75; a += 0.25) {
            if (a != coarse) {
                profile.accept(a);
            }
        }
        return best[0];
    }
}
