package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

    @Test
    void theSlopeSearchErasesTheSameLinesAsFollowingEveryRowAtEverySlope() {
        // given binarised wide crops of many sizes with slanted lines (some broken, some off the crop's edges), blobs of
        // ink and noise, at slants inside and outside the search's reach
        Random rnd = new Random(11);
        int found = 0;
        for (int n = 0; n < 400; n++) {
            int w = 40 + rnd.nextInt(260);
            int h = 12 + rnd.nextInt(70);
            double angle = (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextDouble() * 7);
            byte[] px = new byte[w * h];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (rnd.nextDouble() < 0.04 ? 255 : 0);
            }
            for (int line = rnd.nextInt(4); line > 0; line--) {
                double y0 = rnd.nextDouble() * (h + 4) - 2;
                double t = Math.tan(Math.toRadians(angle + rnd.nextGaussian()));
                int gap = rnd.nextInt(w + 1);
                for (int x = 0; x < w; x++) {
                    int y = (int) Math.round(y0 + (x - w / 2.0) * t);
                    if (y >= 0 && y < h && Math.abs(x - gap) > 3) {
                        px[y * w + x] = (byte) 255;
                    }
                }
            }
            for (int blob = rnd.nextInt(8); blob > 0; blob--) {
                int bx = rnd.nextInt(w);
                int by = rnd.nextInt(h);
                for (int y = by; y < Math.min(h, by + 2 + rnd.nextInt(h / 2 + 1)); y++) {
                    Arrays.fill(px, y * w + bx, y * w + Math.min(w, bx + 1 + rnd.nextInt(6)), (byte) 255);
                }
            }
            byte[] expected = px.clone();
            double[] expectedBand = {-1, -1};
            double expectedSlope = everyRowEverySlope(expected, w, h, angle, expectedBand);
            double[] band = {-1, -1};
            // when the segmenter's search runs on it
            double slope = GlyphSegmenter.removeSlantedLines(px, w, h, angle, band);
            // then it finds the same slope and band and erases the same pixels as the search that follows every row
            assertEquals(expectedSlope, slope, 0.0, "crop " + n);
            assertArrayEquals(expectedBand, band, 0.0, "crop " + n);
            assertArrayEquals(expected, px, "crop " + n);
            found += slope != 0 ? 1 : 0;
        }
        // and most crops had a divider to find (the comparison is not only of crops left unchanged)
        assertTrue(found > 150, "crops with a divider: " + found);
    }

    /**
     * The slope search as it was before session 73, the test's reference: every row's line measured at every slope, the
     * ink near a line found by looking at the rows either side of it; the erasure given the slope and its rows' scores
     * is the segmenter's own ({@link GlyphSegmenter#eraseLines}).
     */
    private static double everyRowEverySlope(byte[] px, int w, int h, double angle, double[] band) {
        if (Math.abs(angle) < GlyphSegmenter.LEVEL_FROM) {
            return 0;
        }
        int stretch = (int) Math.ceil(GlyphSegmenter.SLOPED_STRETCH * h);
        double need = 0.25 * w;
        double bestT = 0;
        int bestScore = -1;
        int[] bestScores = null;
        int steps = (int) Math.round(GlyphSegmenter.SLOPE_SEARCH / 0.25);
        for (int j = 0; j <= 2 * steps; j++) {
            int k = (j + 1) / 2 * (j % 2 == 1 ? -1 : 1);
            double t = Math.tan(Math.toRadians(angle + 0.25 * k));
            int[] scores = new int[h];
            int top = -1;
            for (int y0 = 0; y0 < h; y0++) {
                scores[y0] = stretches(px, w, h, y0, t, stretch);
                if (y0 >= (int) (0.25 * h) && y0 < 0.72 * h && scores[y0] >= need && (top < 0 || scores[y0] > scores[top])) {
                    top = y0;
                }
            }
            if (top >= 0 && scores[top] > bestScore) {
                bestScore = scores[top];
                bestT = t;
                bestScores = scores;
            }
        }
        if (bestScores == null) {
            return 0;
        }
        return GlyphSegmenter.eraseLines(px, GlyphSegmenter.inkNear(px, w, h), w, h, bestT, bestScores, band);
    }

    /** The line pixels of the line through row {@code y0} at slope {@code t}, in stretches of {@code stretch} or more. */
    private static int stretches(byte[] px, int w, int h, int y0, double t, int stretch) {
        int total = 0;
        int run = 0;
        for (int x = 0; x <= w; x++) {
            boolean hit = false;
            if (x < w) {
                int y = y0 + (int) Math.round((x - w / 2.0) * t);
                for (int dy = -1; dy <= 1 && !hit; dy++) {
                    hit = y + dy >= 0 && y + dy < h && px[(y + dy) * w + x] != 0;
                }
            }
            if (hit) {
                run++;
                continue;
            }
            if (run >= stretch) {
                total += run;
            }
            run = 0;
        }
        return total;
    }
}
