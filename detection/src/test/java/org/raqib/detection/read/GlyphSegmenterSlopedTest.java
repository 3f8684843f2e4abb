package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * A wide crop whose divider runs at a slant: its rows' runs are shorter than the line filter, so that the level cuts keep
 * it, joined to the Latin characters, in the segmenter's own cut. The reader's further hypothesis, the cut along the
 * slant ({@link GlyphSegmenter#slopedCuts}), erases it and boxes each character; the segmenter's own cut and its other
 * cuts (what the glyph trainer labels) stay as they were.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphSegmenterSlopedTest {

    /** Row of the slanted divider at column {@code x}: falling {@code tan} per column about the centre. */
    private static double divider(double x, double tan) {
        return 44 + (x - 240) * tan;
    }

    /** Whether {@code cut} has seven boxes, each below the divider. */
    private static boolean sevenBelowTheDivider(List<Rect> cut, double tan) {
        return cut.size() == 7 && cut.stream().allMatch(r -> r.y + 2 >= divider(r.x + r.width / 2.0, tan));
    }

    @Test
    void aSlantedDividerTouchingTheDigitsIsCutAlongItsSlope() {
        // given a wide crop (480 x 96) slanted by 3.5 degrees: a divider 4 rows thick whose rows' runs (about 65
        // columns) are shorter than the line filter (0.18 of the width), each Latin character below it joined to it by
        // a stroke (blur), and marks above it
        OpenCvLoader.load();
        double tan = Math.tan(Math.toRadians(3.5));
        Mat crop = new Mat(96, 480, CvType.CV_8UC3, new Scalar(225, 225, 225));
        Scalar ink = new Scalar(25, 25, 25);
        Imgproc.line(crop, new Point(0, divider(0, tan)), new Point(479, divider(479, tan)), ink, 4);
        String[] latin = {"8", "3", "5", "2", "K", "N", "D"};
        for (int i = 0; i < 7; i++) {
            int x = 30 + i * 40 + (i >= 4 ? 130 : 0);
            double d = divider(x + 10, tan);
            Imgproc.putText(crop, latin[i], new Point(x, d + 33), Imgproc.FONT_HERSHEY_SIMPLEX, 0.9, ink, 2);
            Imgproc.putText(crop, "-", new Point(x, d - 10), Imgproc.FONT_HERSHEY_SIMPLEX, 0.9, ink, 2);
            Imgproc.rectangle(crop, new Point(x + 8, d), new Point(x + 9, d + 16), ink, -1);
        }
        GlyphSegmenter.Analysis a = GlyphSegmenter.Analysis.of(crop);
        // when
        List<Rect> own = GlyphSegmenter.own(a).boxes();
        List<List<Rect>> sloped = GlyphSegmenter.slopedCuts(a);
        // then the segmenter's own cut does not box the row, and a cut along the slope does: each Latin character its
        // own box below the divider
        assertFalse(sevenBelowTheDivider(own, tan), "own cut: " + own);
        assertTrue(sloped.stream().anyMatch(c -> sevenBelowTheDivider(c, tan)), "sloped cuts: " + sloped);
        a.release();
        crop.release();
    }

    @Test
    void aLevelWideCropHasNoSlopedCut() {
        // given the same row printed level
        OpenCvLoader.load();
        Mat crop = new Mat(96, 480, CvType.CV_8UC3, new Scalar(225, 225, 225));
        Scalar ink = new Scalar(25, 25, 25);
        Imgproc.line(crop, new Point(0, 44), new Point(479, 44), ink, 4);
        for (int i = 0; i < 7; i++) {
            int x = 30 + i * 40 + (i >= 4 ? 130 : 0);
            Imgproc.putText(crop, i < 4 ? "8" : "K", new Point(x, 77), Imgproc.FONT_HERSHEY_SIMPLEX, 0.9, ink, 2);
        }
        GlyphSegmenter.Analysis a = GlyphSegmenter.Analysis.of(crop);
        // when, then: the reader's cuts are the level ones alone
        assertTrue(GlyphSegmenter.slopedCuts(a).isEmpty());
        a.release();
        crop.release();
    }
}
