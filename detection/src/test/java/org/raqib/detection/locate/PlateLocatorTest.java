package org.raqib.detection.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.ComponentStatsTest;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** The localiser on scenes these tests generate (no ../shared needed). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlateLocatorTest {

    private static PlateLocator locator;

    @BeforeAll
    static void load() {
        OpenCvLoader.load();
        locator = PlateLocator.loadDefault(LocatorOptions.defaults());
    }

    @Test
    void aCandidateFoundInATurnedImageIsMappedBackOntoTheTurnedPlateInTheImage() {
        // given a level box found in an image turned 5 degrees about its centre, and the map back
        Size size = new Size(598, 598);
        Mat turn = org.raqib.detection.opencv.Affine.rotation(size, 5, 1);
        Mat back = new Mat();
        Imgproc.invertAffineTransform(turn, back);
        double[] b = new double[6];
        back.get(0, 0, b);
        Point[] level = {new Point(200, 300), new Point(360, 300), new Point(360, 340), new Point(200, 340)};
        PlateCandidate found = new PlateCandidate(level, new Rect(200, 300, 160, 40), 0.8, 4.0);
        // when mapped back
        PlateCandidate mapped = PlateLocator.mapped(found, b, size);
        // then turning its corners again gives the box found, corner for corner, and its score and aspect are kept
        double[] t = new double[6];
        turn.get(0, 0, t);
        for (int i = 0; i < 4; i++) {
            Point p = mapped.corners()[i];
            assertEquals(level[i].x, t[0] * p.x + t[1] * p.y + t[2], 1e-9);
            assertEquals(level[i].y, t[3] * p.x + t[4] * p.y + t[5], 1e-9);
        }
        assertEquals(0.8, mapped.score());
        assertEquals(4.0, mapped.aspect());
        // and in the image the box is tilted the other way (OpenCV turns counter-clockwise; y grows down): its top edge
        // falls to the right by tan(5 degrees), and its bounds hold its corners
        Point[] q = mapped.corners();
        assertEquals(Math.tan(Math.toRadians(5)), (q[1].y - q[0].y) / (q[1].x - q[0].x), 1e-9);
        for (Point p : q) {
            assertTrue(mapped.bounds().contains(new Point(Math.floor(p.x), Math.floor(p.y))), mapped.bounds() + " " + p);
        }
        turn.release();
        back.release();
    }

    @Test
    void searchedFromHalfSizeA1080pFrameStillYieldsItsPlate() {
        // given generated 1080p scenes (plates 60-400 px wide) and a locator that leaves their full-size level out
        PlateLocator halfSize = PlateLocator.loadDefault(LocatorOptions.defaults().withHalfSizeFrom(1080));
        SceneGenerator scenes = new SceneGenerator(1920, 1080);
        int n = 8;
        // when / then the true plate is among the candidates at IoU >= 0.5
        int found = plateFound(halfSize, scenes, 95_000L, n, s -> { });
        assertTrue(found >= n - 1, "plate found in " + found + " of " + n + " scenes");
    }

    @Test
    void aFocusedSearchOfA1080pFrameStillYieldsItsPlate() {
        // given generated 1080p scenes and a locator that searches their full-size level only around the text
        // found at half size
        PlateLocator focusing = PlateLocator.loadDefault(LocatorOptions.defaults().withFocusFrom(1080));
        SceneGenerator scenes = new SceneGenerator(1920, 1080);
        int n = 8;
        int focused = 0;
        for (int i = 0; i < n; i++) {
            Mat gray = PlateLocator.toGray(Mats.toBgr(scenes.render(96_000L + i).image()));
            List<Mat> pyramid = PlateLocator.pyramid(gray, 3);
            focused += PlateLocator.focusRegions(pyramid.get(1), gray.size()) != null ? 1 : 0;
            pyramid.forEach(Mat::release);
        }
        // when / then the focus is used (the regions cover less than most of the frame) and the true
        // plate is among the candidates at IoU >= 0.5
        assertTrue(focused >= n - 1, "focused search used in " + focused + " of " + n + " scenes");
        int found = plateFound(focusing, scenes, 96_000L, n, s -> { });
        assertTrue(found >= n - 1, "plate found in " + found + " of " + n + " scenes");
    }

    @Test
    void focusRegionsSurroundTheTextAndGiveUpOnATexturedImage() {
        // given a flat 1080p frame with one block of vertical strokes (text) in it
        Mat flat = new Mat(1080, 1920, CvType.CV_8UC1, new Scalar(120));
        for (int x = 900; x < 1000; x += 12) {
            Imgproc.rectangle(flat, new Point(x, 500), new Point(x + 5, 530), new Scalar(20), -1);
        }
        Mat half = new Mat();
        Imgproc.pyrDown(flat, half);
        // when
        List<Rect> regions = PlateLocator.focusRegions(half, flat.size());
        // then one region holds the block with a margin, a small part of the frame
        assertEquals(1, regions.size(), "regions " + regions);
        Rect r = regions.get(0);
        assertTrue(r.x <= 900 - 32 && r.y <= 500 - 32 && r.x + r.width >= 1000 + 32 && r.y + r.height >= 530 + 32,
                "region " + r);
        assertTrue(r.area() < 0.05 * flat.size().area(), "region " + r);
        // given noise all over the frame, when / then no focus: the level is searched whole
        Mat noise = new Mat(1080, 1920, CvType.CV_8UC1);
        Core.randu(noise, 0, 256);
        Mat noiseHalf = new Mat();
        Imgproc.pyrDown(noise, noiseHalf);
        assertEquals(null, PlateLocator.focusRegions(noiseHalf, noise.size()));
    }

    @Test
    void theHalfSizeTextMaskSharedByTheFocusRegionsAndTheTextBlocksIsLeftAsItWas() {
        // given a generated 1080p frame's half-size text mask (computed once when the focus is on, then used by
        // the focus regions and by the text-block generator at half size)
        Mat gray = PlateLocator.toGray(Mats.toBgr(new SceneGenerator(1920, 1080).render(96_100L).image()));
        List<Mat> pyramid = PlateLocator.pyramid(gray, 3);
        Mat mask = PlateLocator.textMask(pyramid.get(1));
        Mat before = mask.clone();
        // when both read it
        PlateLocator.focusRegionsOfMask(mask, gray.size());
        List<PlateCandidate> shared = new ArrayList<>();
        PlateLocator.textBlockShapes(mask, 2, gray.size(), shared);
        // then it is unchanged, and the text blocks are those of a freshly computed mask
        assertEquals(0, Core.countNonZero(diff(before, mask)));
        List<PlateCandidate> fresh = new ArrayList<>();
        Mat again = PlateLocator.textMask(pyramid.get(1));
        PlateLocator.textBlockShapes(again, 2, gray.size(), fresh);
        assertTrue(!fresh.isEmpty());
        assertEquals(fresh.size(), shared.size());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(Arrays.toString(fresh.get(i).corners()), Arrays.toString(shared.get(i).corners()));
        }
        pyramid.forEach(Mat::release);
    }

    private static Mat diff(Mat a, Mat b) {
        Mat d = new Mat();
        Core.absdiff(a, b, d);
        return d;
    }

    @Test
    void overlappingRegionsAreMergedUntilNoneOverlaps() {
        List<Rect> merged = PlateLocator.mergeOverlapping(List.of(new Rect(0, 0, 10, 10), new Rect(50, 50, 10, 10),
                new Rect(8, 8, 10, 10), new Rect(17, 0, 5, 5)));
        // the first, third and fourth chain together; the second stands alone
        assertEquals(2, merged.size(), "merged " + merged);
        assertTrue(merged.contains(new Rect(0, 0, 22, 18)), "merged " + merged);
        assertTrue(merged.contains(new Rect(50, 50, 10, 10)), "merged " + merged);
    }

    @Test
    void aSmallPlateWhoseCharactersTouchItsFrameIsProposedFromTheFrame() {
        // given a light car with a small plate (120x36 px, as at 598x598) whose lower row's characters touch its
        // dark frame and middle line, so that they are one hollow speck with the frame, and whose upper row's
        // three free characters differ too much in height and level to make a character row
        // when the character-row generator runs at full size
        double[] best = bestFrameIou(new int[][] {{10, 4, 8}, {40, 4, 12}, {70, 8, 8}});
        // then one candidate is the frame's box
        assertTrue(best[0] >= 0.9, "best IoU with the plate " + best[0] + " of " + best[1] + " candidates");
    }

    @Test
    void aFaintFramedPlateWithOnlyTwoFreeCharactersIsProposedFromTheFrame() {
        // given the light plate of the test above, with only two free characters left in its upper row (the
        // others joined to the frame, as on a faint plate)
        // when the character-row generator runs at full size
        double[] best = bestFrameIou(new int[][] {{10, 4, 8}, {70, 8, 8}});
        // then one candidate is the frame's box
        assertTrue(best[0] >= 0.9, "best IoU with the plate " + best[0] + " of " + best[1] + " candidates");
    }

    @Test
    void aHollowPlateShapedSpeckWithOneFreeSpeckInsideIsNotProposed() {
        // given the same frame with a single free speck inside it: a dark outline (a window, a panel), not text
        // when the character-row generator runs at full size
        double[] best = bestFrameIou(new int[][] {{40, 4, 8}});
        // then nothing frames it
        assertTrue(best[0] < 0.5, "best IoU with the outline " + best[0] + " of " + best[1] + " candidates");
    }

    @Test
    void aLargeWidePlateSeenInPerspectiveIsFramedByItsBorder() {
        // given a 440-px wide plate seen in perspective (its left side shorter), white on a dark car, with a dark
        // border, the two dividers of its middle panel, a middle line in its side panels and a single digit, and a
        // candidate that frames only its text, from the digit to the letters (as the text generators do)
        Point[] plate = {new Point(60, 250), new Point(500, 240), new Point(502, 342), new Point(62, 330)};
        Mat image = widePlate(plate, false);
        PlateCandidate partial = candidate(new Rect(140, 262, 320, 70), 0.7);
        // when it is framed by the plate's border
        PlateCandidate framed = framing(image, partial);
        image.release();
        // then the framing is the plate: each corner within 6 px (the outer edge of its 3-px border)
        assertTrue(framed != null, "no framing");
        for (int i = 0; i < 4; i++) {
            assertTrue(dist(framed.corners()[i], plate[i]) <= 6, "corner " + i + " " + framed.corners()[i] + " for " + plate[i]);
        }
        // and it keeps the score of the find it was sought about (the recogniser reads it as that find framed anew)
        assertEquals(0.7, framed.score());
    }

    @Test
    void aLineOfTheBackgroundThatContinuesTheBorderDoesNotStretchTheFraming() {
        // given the same plate with a long dark line of the car continuing its top border to the image's sides
        Point[] plate = {new Point(60, 240), new Point(500, 240), new Point(500, 340), new Point(60, 340)};
        Mat image = widePlate(plate, true);
        // when a candidate wider than the plate is framed by its border
        PlateCandidate framed = framing(image, candidate(new Rect(20, 250, 560, 80)));
        image.release();
        // then the framing ends at the plate's sides
        assertTrue(framed != null, "no framing");
        assertTrue(framed.iou(new Rect(60, 240, 441, 101)) >= 0.9, "framed " + framed.bounds());
    }

    @Test
    void textWithoutABorderIsNotFramed() {
        // given dark strokes in rows on a flat light background: text, no border around it
        Mat image = new Mat(598, 598, CvType.CV_8UC1, new Scalar(200));
        for (int x = 120; x < 460; x += 30) {
            Imgproc.rectangle(image, new Point(x, 260), new Point(x + 8, 300), new Scalar(30), -1);
            Imgproc.rectangle(image, new Point(x, 310), new Point(x + 8, 340), new Scalar(30), -1);
        }
        // when a candidate about it is framed by a border
        PlateCandidate framed = framing(image, candidate(new Rect(110, 250, 360, 100)));
        image.release();
        // then there is no framing
        assertTrue(framed == null, "framed " + (framed == null ? "" : framed.bounds()));
    }

    /**
     * A 598x598 dark car with a wide plate whose corners are {@code q} (top-left clockwise): white, a dark border, the
     * middle panel's dividers, a middle line in the side panels and one digit; {@code rail}: a dark line continuing
     * the top border to both sides of the image.
     */
    private static Mat widePlate(Point[] q, boolean rail) {
        Mat image = new Mat(598, 598, CvType.CV_8UC1, new Scalar(70));
        MatOfPoint outline = new MatOfPoint(q);
        Imgproc.fillPoly(image, List.of(outline), new Scalar(235));
        Imgproc.polylines(image, List.of(outline), true, new Scalar(25), 3);
        if (rail) {
            Imgproc.line(image, new Point(0, q[0].y), new Point(597, q[1].y), new Scalar(25), 3);
        }
        for (double f : new double[] {0.45, 0.58}) {
            Imgproc.line(image, lerp(q[0], q[1], f), lerp(q[3], q[2], f), new Scalar(25), 3);
        }
        Point midLeft = lerp(q[0], q[3], 0.5);
        Point midRight = lerp(q[1], q[2], 0.5);
        Imgproc.line(image, midLeft, lerp(midLeft, midRight, 0.45), new Scalar(25), 2);
        Imgproc.line(image, lerp(midLeft, midRight, 0.58), midRight, new Scalar(25), 2);
        Point digit = lerp(lerp(q[0], q[3], 0.62), lerp(q[1], q[2], 0.62), 0.2);
        Imgproc.rectangle(image, digit, new Point(digit.x + 8, digit.y + 28), new Scalar(25), -1);
        outline.release();
        return image;
    }

    /** The first (largest) of {@code c}'s border framings in {@code image}, null where there is none. */
    private static PlateCandidate framing(Mat image, PlateCandidate c) {
        List<PlateCandidate> framings = PlateLocator.borderFramings(image, c);
        return framings.isEmpty() ? null : framings.get(0);
    }

    private static Point lerp(Point a, Point b, double f) {
        return new Point(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
    }

    private static double dist(Point a, Point b) {
        return Math.hypot(a.x - b.x, a.y - b.y);
    }

    private static PlateCandidate candidate(Rect r) {
        return candidate(r, 0);
    }

    private static PlateCandidate candidate(Rect r, double score) {
        Point[] corners = {new Point(r.x, r.y), new Point(r.x + r.width, r.y), new Point(r.x + r.width, r.y + r.height),
            new Point(r.x, r.y + r.height)};
        return new PlateCandidate(corners, r, score, r.width / (double) r.height);
    }

    /**
     * The best IoU with a framed light plate ({@link #framedPlate}, 120x36 px on a light car) of the character-row
     * generator's candidates at full size, and the number of candidates.
     */
    private static double[] bestFrameIou(int[][] free) {
        Mat image = new Mat(598, 598, CvType.CV_8UC1, new Scalar(200));
        Rect plate = new Rect(240, 300, 120, 36);
        framedPlate(image, plate, free);
        List<PlateCandidate> out = new ArrayList<>();
        PlateLocator.characterRows(image, 1, image.size(), out);
        image.release();
        return new double[] {out.stream().mapToDouble(c -> c.iou(plate)).max().orElse(0), out.size()};
    }

    /**
     * A light plate on a light car drawn into {@code image}: a dark frame and middle line, lower-row characters
     * joined to them, and the upper row's free characters {x, y, height} (relative to the plate, 5 px wide).
     */
    private static void framedPlate(Mat image, Rect plate, int[][] free) {
        Imgproc.rectangle(image, plate.tl(), plate.br(), new Scalar(235), -1);
        Imgproc.rectangle(image, plate.tl(), new Point(plate.x + plate.width - 1, plate.y + plate.height - 1),
                new Scalar(40), 2);
        Imgproc.line(image, new Point(plate.x, plate.y + 18), new Point(plate.x + plate.width - 1, plate.y + 18),
                new Scalar(40), 1);
        for (int[] f : free) {
            Imgproc.rectangle(image, new Point(plate.x + f[0], plate.y + f[1]),
                    new Point(plate.x + f[0] + 4, plate.y + f[1] + f[2] - 1), new Scalar(40), -1);
        }
        for (int x = plate.x + 8; x < plate.x + 110; x += 14) {
            Imgproc.rectangle(image, new Point(x, plate.y + 18), new Point(x + 4, plate.y + 35), new Scalar(40), -1);
        }
    }

    @Test
    void aSmallPlateInABrightHolderIsProposedByTheFinerBrightRegions() {
        // given a dark car with a small light plate (36x18 px, as at 598x598 from afar) in a bright chrome holder
        // 3 px above and below it, 6 px beside it: the 9x7 closing of the bright-region generator bridges that
        // dark surround and joins plate and holder; its characters are too small for the character rows
        Rect plate = new Rect(280, 300, 36, 18);
        // when all generators run on its pyramid
        double best = bestIouOfSmallPlateInHolder(new Size(598, 598), plate);
        // then one candidate frames the plate alone
        assertTrue(best >= 0.8, "best IoU with the plate " + best);
    }

    @Test
    void framesOf1080pAreNotSearchedForPlatesTooSmallToRead() {
        // given the same small plate in its holder, in a 1080p frame (where a 36 px plate is far under the 60 px
        // that roadside cameras are set up for, and the finer pass costs 8-9 ms a frame)
        Rect plate = new Rect(900, 600, 36, 18);
        // when all generators run on its pyramid
        double best = bestIouOfSmallPlateInHolder(new Size(1920, 1080), plate);
        // then the finer pass has not run: nothing frames it alone
        assertTrue(best < 0.8, "best IoU with the plate " + best);
    }

    /** The best IoU with {@code plate} (36x18) of the generators' candidates on a dark image with it in a chrome holder. */
    private static double bestIouOfSmallPlateInHolder(Size size, Rect plate) {
        Mat image = new Mat(size, CvType.CV_8UC1, new Scalar(45));
        int gap = 3;
        Rect ring = new Rect(plate.x - 2 * gap - 4, plate.y - gap - 4, plate.width + 4 * gap + 8, plate.height + 2 * gap + 8);
        Imgproc.rectangle(image, ring.tl(), new Point(ring.x + ring.width - 1, ring.y + ring.height - 1), new Scalar(225), -1);
        Imgproc.rectangle(image, new Point(ring.x + 4, ring.y + 4), new Point(ring.x + ring.width - 5, ring.y + ring.height - 5),
                new Scalar(60), -1);
        Imgproc.rectangle(image, plate.tl(), new Point(plate.x + plate.width - 1, plate.y + plate.height - 1), new Scalar(215), -1);
        for (int row = 0; row < 2; row++) {
            for (int k = 0; k < 6; k++) {
                int x = plate.x + 3 + k * 5;
                int y = plate.y + 2 + row * 8;
                Imgproc.rectangle(image, new Point(x, y), new Point(x + 2, y + 3), new Scalar(60), -1);
            }
        }
        Imgproc.GaussianBlur(image, image, new Size(3, 3), 0.8);
        List<Mat> pyramid = PlateLocator.pyramid(image, 3);
        List<PlateCandidate> raw = PlateLocator.generate(pyramid);
        pyramid.forEach(Mat::release);
        image.release();
        return raw.stream().mapToDouble(c -> c.iou(plate)).max().orElse(0);
    }

    @Test
    void aFourthLevelIsBuiltOnlyForImagesWiderThanThreeLevelsMeasureAndAddsOnlyLargeCandidates() {
        // given a photo-sized image and an image twice as large, each with a large bright plate of dark characters
        for (int side : new int[] {598, 1400}) {
            Mat image = new Mat(side * 3 / 4, side, CvType.CV_8UC1, new Scalar(90));
            Rect plate = new Rect(side / 10, side * 3 / 8, side * 6 / 10, side / 9);
            Imgproc.rectangle(image, plate.tl(), plate.br(), new Scalar(225), -1);
            for (int k = 0; k < 7; k++) {
                int x = plate.x + plate.width / 14 + k * plate.width / 8 + (k >= 4 ? plate.width / 16 : 0);
                Imgproc.rectangle(image, new Point(x, plate.y + plate.height / 5),
                        new Point(x + plate.width / 16, plate.y + plate.height * 4 / 5), new Scalar(30), -1);
            }
            Imgproc.GaussianBlur(image, image, new Size(5, 5), 1.2);
            // when the pyramid is asked for four levels
            List<Mat> four = PlateLocator.pyramid(image, 4);
            List<Mat> three = PlateLocator.pyramid(image, 3);
            List<PlateCandidate> withFourth = PlateLocator.generate(four);
            List<PlateCandidate> without = PlateLocator.generate(three);
            // then a photo no wider than the limit keeps three levels; the larger image gets the fourth, whose
            // candidates are all at least the limit wide: every narrower candidate is one the three levels give
            assertEquals(side > PlateLocator.COARSE_MIN_WIDTH ? 4 : 3, four.size(), "levels of a " + side + "-px image");
            List<Rect> narrowFour = withFourth.stream().map(PlateCandidate::bounds)
                    .filter(b -> b.width < PlateLocator.COARSE_MIN_WIDTH).toList();
            List<Rect> narrowThree = without.stream().map(PlateCandidate::bounds)
                    .filter(b -> b.width < PlateLocator.COARSE_MIN_WIDTH).toList();
            assertEquals(narrowThree, narrowFour, "candidates narrower than the limit, " + side + " px");
            four.stream().skip(1).forEach(Mat::release);
            three.stream().skip(1).forEach(Mat::release);
            image.release();
        }
    }

    @Test
    void findsThePlateInGeneratedScenes() {
        // given 24 synthetic scenes (seeds never used to train the candidate scorer), both layouts
        SceneGenerator scenes = new SceneGenerator();
        int[] wide = {0};
        int n = 24;
        // when / then the true plate is among the candidates at IoU >= 0.5
        int found = plateFound(locator, scenes, 90_000L, n, s -> wide[0] += s.layout() == PlateLayout.WIDE ? 1 : 0);
        assertTrue(wide[0] > 0 && wide[0] < n, "both layouts were generated");
        assertTrue(found >= n - 2, "plate found in " + found + " of " + n + " scenes");
    }

    @Test
    void characterRowSpecksAreOpenCvsLabellingsStatistics() {
        // given the character-row generator's binary images of generated scenes at every pyramid level,
        // and random specks (a dense salt-and-pepper image has every shape and adjacency of 2x2 blocks)
        SceneGenerator scenes = new SceneGenerator();
        List<Mat> binaries = new ArrayList<>();
        for (long seed = 91_000L; seed < 91_004L; seed++) {
            Mat bgr = Mats.toBgr(scenes.render(seed).image());
            Mat gray = PlateLocator.toGray(bgr);
            bgr.release();
            for (Mat level : PlateLocator.pyramid(gray, 3)) {
                Mat bin = new Mat();
                Imgproc.adaptiveThreshold(level, bin, 255,
                        Imgproc.ADAPTIVE_THRESH_MEAN_C, Imgproc.THRESH_BINARY_INV, 21, 10);
                binaries.add(bin);
                level.release();
            }
        }
        Mat noise = new Mat(301, 257, CvType.CV_8UC1);
        Core.setRNGSeed(7);
        Core.randu(noise, 0, 256);
        Imgproc.threshold(noise, noise, 150, 255, Imgproc.THRESH_BINARY);
        binaries.add(noise);
        // on one thread (as the benches run) and on OpenCV's default threads (labelled in stripes, in parallel)
        int threads = Core.getNumThreads();
        int specks = 0;
        try {
            for (int t : new int[] {1, threads}) {
                Core.setNumThreads(t);
                for (Mat bin : binaries) {
                    // when the specks are counted in Java (the generators' way) and labelled by OpenCV with Grana's
                    // algorithm and with its default
                    int[] java = PlateLocator.speckStats(bin);
                    int[] grana = ComponentStatsTest.openCv(bin, Imgproc.CCL_GRANA);
                    int[] standard = ComponentStatsTest.openCv(bin, Imgproc.CCL_DEFAULT);
                    // then all give the same statistics in the same order (the rows grouped from them depend on it)
                    specks += grana.length / 5 - 1;
                    assertTrue(Arrays.equals(grana, standard), "same speck statistics in the same order, threads " + t);
                    assertTrue(Arrays.equals(grana, java), "Java's statistics are OpenCV's, threads " + t);
                }
            }
        } finally {
            Core.setNumThreads(threads);
            binaries.forEach(Mat::release);
        }
        assertTrue(specks > 1000, "specks compared: " + specks);
    }

    @Test
    void contourPointsConvertedInOpenCvEqualThoseCopiedThroughJava() {
        // given a contour with large and negative coordinates
        MatOfPoint contour = new MatOfPoint(new Point(0, 0), new Point(1919, 3),
                new Point(1918, 1079), new Point(-5, 1077), new Point(8_000_000, -7));
        // when converted to floats in OpenCV and by copying the points out and back
        MatOfPoint2f native2f = PlateLocator.toFloat(contour);
        MatOfPoint2f copied = new MatOfPoint2f(contour.toArray());
        // then the points are the same, in the same order
        assertEquals(Arrays.asList(copied.toArray()), Arrays.asList(native2f.toArray()));
        assertEquals(copied.type(), native2f.type());
        contour.release();
        native2f.release();
        copied.release();
    }

    @Test
    void contoursConvertedIntoOneReusedMatrixEachGetOnlyTheirOwnPoints() {
        // given a long, a short and again a long contour, and one matrix the generators reuse for all
        MatOfPoint longer = new MatOfPoint(new Point(3, 4), new Point(40, 4), new Point(40, 19), new Point(3, 19),
                new Point(2, 11));
        MatOfPoint shorter = new MatOfPoint(new Point(7, 1), new Point(9, 30), new Point(0, 2));
        MatOfPoint2f into = new MatOfPoint2f();
        for (MatOfPoint c : List.of(longer, shorter, longer)) {
            // when each is converted into it
            MatOfPoint2f got = PlateLocator.toFloat(c, into);
            // then it holds exactly that contour's points (none left over from a longer one), as a new matrix would
            MatOfPoint2f fresh = PlateLocator.toFloat(c);
            assertTrue(got == into, "the matrix given is the one filled");
            assertEquals(Arrays.asList(fresh.toArray()), Arrays.asList(got.toArray()));
            assertEquals(fresh.type(), got.type());
            assertEquals(Imgproc.minAreaRect(fresh).toString(), Imgproc.minAreaRect(got).toString());
            fresh.release();
        }
        longer.release();
        shorter.release();
        into.release();
    }

    /**
     * In how many of {@code n} scenes (seeds from {@code seed}) {@code locator} returns a candidate at IoU >= 0.5
     * with the true plate; each scene is also given to {@code seen}, and the candidate count checked.
     */
    private static int plateFound(PlateLocator locator, SceneGenerator scenes, long seed, int n,
            java.util.function.Consumer<SceneGenerator.Scene> seen) {
        int found = 0;
        for (int i = 0; i < n; i++) {
            SceneGenerator.Scene s = scenes.render(seed + i);
            seen.accept(s);
            Mat image = Mats.toBgr(s.image());
            List<PlateCandidate> candidates = locator.locate(image);
            image.release();
            Rect truth = new Rect(s.box().x, s.box().y, s.box().width, s.box().height);
            if (candidates.stream().anyMatch(c -> c.iou(truth) >= 0.5)) {
                found++;
            }
            assertTrue(candidates.size() <= LocatorOptions.defaults().maxCandidates(), "candidate count is bounded");
        }
        return found;
    }

    @Test
    void aWidePlatesTextBlockWiderThanTheOtherShapesIsProposed() {
        // given the text mask of a full-size level holding one block 234x32 px: a wide plate's whole text (two halves
        // and the emblem, closed into one), as in a 897x897 frame, where at half size the closing no longer bridges
        // the emblem and the block was proposed only as halves
        Rect block = new Rect(300, 500, 234, 32);
        // when the text-block generator measures it
        double best = bestTextBlockIou(897, block, 1);
        // then one candidate frames it (grown to the plate's border)
        assertTrue(best >= 0.7, "best IoU with the block " + best);
    }

    @Test
    void aTextBlockLongerThanAPlateButGrownToOneIsProposed() {
        // given the text mask of a half-size level holding one block 112x14 px (aspect 8.6, beyond a plate's 8): a
        // wide plate's text, thinned by the mask's opening at the coarser level; grown to the plate's border (1.08 x
        // 1.2) it is a plate's shape (aspect 7.4)
        Rect block = new Rect(150, 250, 112, 14);
        // when the text-block generator measures it
        double best = bestTextBlockIou(449, block, 2);
        // then one candidate frames it, not only the plates above and below it proposed for a single text row
        assertTrue(best >= 0.7, "best IoU with the block " + best);
    }

    /** The best IoU (in full-size pixels) of the text-block candidates of a {@code size}-square level of scale {@code scale}
     *  whose mask holds only {@code block}, with the block grown as text blocks are. */
    private static double bestTextBlockIou(int size, Rect block, int scale) {
        Mat bin = Mat.zeros(size, size, CvType.CV_8UC1);
        Imgproc.rectangle(bin, block.tl(), new Point(block.x + block.width - 1, block.y + block.height - 1), new Scalar(255), -1);
        List<PlateCandidate> out = new ArrayList<>();
        Size full = new Size(size * scale, size * scale);
        PlateLocator.textBlockShapes(bin, scale, full, out);
        bin.release();
        double gw = block.width * 1.08 * scale;
        double gh = block.height * 1.2 * scale;
        double cx = (block.x + block.width / 2.0) * scale;
        double cy = (block.y + block.height / 2.0) * scale;
        Rect grown = new Rect((int) Math.round(cx - gw / 2), (int) Math.round(cy - gh / 2), (int) Math.round(gw), (int) Math.round(gh));
        double best = 0;
        for (PlateCandidate c : out) {
            best = Math.max(best, Boxes.iou(c.bounds(), grown));
        }
        return best;
    }

    @Test
    void flatImageHasNoCandidates() {
        Mat flat = new Mat(598, 598, CvType.CV_8UC3, new Scalar(120, 130, 140));
        assertEquals(List.of(), locator.locate(flat));
    }

    @Test
    void rectifiedCropIsAxisAlignedAroundTheQuad() {
        Mat image = new Mat(200, 300, CvType.CV_8UC3, new Scalar(0, 0, 0));
        PlateCandidate c = tiltedQuad(image.size());
        Mat crop = locator.rectify(image, c);
        Size margin = new Size(LocatorOptions.defaults().cropMargin(), LocatorOptions.defaults().cropMargin());
        // about 100 x 50 plus the margin on each side
        assertEquals(Math.round(100.5 * (1 + 2 * margin.width)), crop.cols(), 2);
        assertEquals(Math.round(50 * (1 + 2 * margin.height)), crop.rows(), 2);
    }

    @Test
    void pointsOfARectifiedCropMapBackToTheImage() {
        Mat image = new Mat(200, 300, CvType.CV_8UC3, new Scalar(0, 0, 0));
        PlateCandidate c = tiltedQuad(image.size());
        Point[] corners = c.corners();
        Mat crop = locator.rectify(image, c);
        Size size = locator.cropSize(c);
        assertEquals(crop.cols(), size.width, 1);
        assertEquals(crop.rows(), size.height, 1);
        // the quad's corners stand in the crop a margin in from its edges; mapped back, they are the quad's
        double mx = (size.width - Math.round(size.width / (1 + 2 * LocatorOptions.defaults().cropMargin()))) / 2;
        double my = (size.height - Math.round(size.height / (1 + 2 * LocatorOptions.defaults().cropMargin()))) / 2;
        Point[] back = locator.fromCrop(c, new Point[] {new Point(mx, my), new Point(size.width - mx, my),
            new Point(size.width - mx, size.height - my), new Point(mx, size.height - my)});
        for (int i = 0; i < 4; i++) {
            assertEquals(corners[i].x, back[i].x, 1.0, "corner " + i);
            assertEquals(corners[i].y, back[i].y, 1.0, "corner " + i);
        }
    }

    /** A candidate about 100 x 50 px, a little tilted and skewed, in an image of {@code size}. */
    private static PlateCandidate tiltedQuad(Size size) {
        Point[] corners = {new Point(100, 50), new Point(200, 60), new Point(198, 110), new Point(98, 100)};
        return new PlateCandidate(corners, QuadGeometry.bounds(corners, size), 1, 2);
    }

    @Test
    void cornersAreOrderedClockwiseFromTopLeft() {
        Point[] shuffled = {new Point(10, 20), new Point(2, 1), new Point(11, 2), new Point(1, 19)};
        Point[] ordered = QuadGeometry.orderClockwise(shuffled);
        assertEquals(new Point(2, 1), ordered[0]);
        assertEquals(new Point(11, 2), ordered[1]);
        assertEquals(new Point(10, 20), ordered[2]);
        assertEquals(new Point(1, 19), ordered[3]);
    }

    @Test
    void suppressionKeepsTheBestOfOverlappingCandidates() {
        PlateCandidate a = candidate(10, 10, 100, 40, 0.9);
        PlateCandidate b = candidate(12, 11, 100, 40, 0.5);
        PlateCandidate far = candidate(300, 300, 100, 40, 0.4);
        List<PlateCandidate> kept = PlateLocator.suppress(List.of(b, far, a), 10);
        assertEquals(List.of(a, far), kept);
        assertEquals(1, PlateLocator.suppress(List.of(b, far, a), 1).size());
    }

    @Test
    void aLooseFramingOfACloseUpPlateIsAlsoTriedTighter() {
        // given a block 43% wider and 25% taller than the plate inside it (a plate merged with its frame)
        Rect plate = new Rect(100, 200, 400, 80);
        PlateCandidate loose = candidate(14, 190, 572, 100, 0.9);
        // when it is reframed
        List<PlateCandidate> variants = PlateLocator.variants(loose, new Size(598, 598));
        // then one of the framings fits the plate far better than the block did
        double best = variants.stream().mapToDouble(v -> v.iou(plate)).max().orElse(0);
        assertTrue(loose.iou(plate) < 0.65, "block " + loose.iou(plate));
        assertTrue(best > 0.92, "best reframing " + best);
    }

    @Test
    void aTallerFramingMovesOnlyTheBottomEdgeDownAlongTheSides() {
        // given a tilted candidate 100 x 20 px about (300, 200), 10 degrees
        PlateCandidate c = rotated(300, 200, 100, 20, 10);
        // when framed a quarter taller
        PlateCandidate t = PlateLocator.taller(c, 0.25, new Size(598, 598));
        // then the top corners stay, the sides are 25 px long in the same direction, and the score is kept
        Point[] q = c.corners();
        Point[] r = t.corners();
        assertEquals(q[0], r[0]);
        assertEquals(q[1], r[1]);
        for (int[] side : new int[][] {{0, 3}, {1, 2}}) {
            Point top = q[side[0]];
            assertEquals(25, Math.hypot(r[side[1]].x - top.x, r[side[1]].y - top.y), 1e-6);
            assertEquals(Math.atan2(q[side[1]].y - top.y, q[side[1]].x - top.x), Math.atan2(r[side[1]].y - top.y, r[side[1]].x - top.x), 1e-9);
        }
        assertEquals(c.score(), t.score());
        assertEquals(c.bounds().y, t.bounds().y);
        assertTrue(t.bounds().height > c.bounds().height, "the bounds grow downwards");
    }

    @Test
    void looserFramingsKeepTheCentreAndAngleAndAddMarginAcrossMostly() {
        // given a tilted candidate 100 x 20 px about (300, 200), 10 degrees
        PlateCandidate c = rotated(300, 200, 100, 20, 10);
        // when
        List<PlateCandidate> looser = PlateLocator.looser(c, new Size(598, 598));
        // then: 1.05 x 1.3 and 1.1 x 1.6 times its size, same centre and angle, in that order
        double[][] factors = {{1.05, 1.3}, {1.1, 1.6}};
        assertEquals(factors.length, looser.size());
        for (int i = 0; i < factors.length; i++) {
            Point[] q = looser.get(i).corners();
            assertEquals(300, (q[0].x + q[1].x + q[2].x + q[3].x) / 4, 1e-6);
            assertEquals(200, (q[0].y + q[1].y + q[2].y + q[3].y) / 4, 1e-6);
            assertEquals(100 * factors[i][0], Math.hypot(q[1].x - q[0].x, q[1].y - q[0].y), 1e-6);
            assertEquals(20 * factors[i][1], Math.hypot(q[3].x - q[0].x, q[3].y - q[0].y), 1e-6);
            assertEquals(10, Math.toDegrees(Math.atan2(q[1].y - q[0].y, q[1].x - q[0].x)), 1e-6);
            assertTrue(looser.get(i).bounds().contains(c.corners()[0]), "holds the candidate");
        }
    }

    @Test
    void aScaledCandidateHasItsCornersAndBoundsScaledAndItsScoreKept() {
        PlateCandidate c = rotated(300, 200, 100, 20, 10);
        PlateCandidate half = PlateLocator.scaled(c, 0.5, new Size(299, 299));
        for (int i = 0; i < 4; i++) {
            assertEquals(c.corners()[i].x / 2, half.corners()[i].x, 1e-9);
            assertEquals(c.corners()[i].y / 2, half.corners()[i].y, 1e-9);
        }
        assertEquals(c.bounds().width / 2.0, half.bounds().width, 1);
        assertEquals(c.bounds().x / 2.0, half.bounds().x, 1);
        assertEquals(c.score(), half.score());
        assertEquals(c.aspect(), half.aspect());
    }

    private static PlateCandidate rotated(double cx, double cy, double w, double h, double degrees) {
        Point[] pts = new Point[4];
        new org.opencv.core.RotatedRect(new Point(cx, cy), new Size(w, h), degrees).points(pts);
        Point[] q = QuadGeometry.orderClockwise(pts);
        return new PlateCandidate(q, QuadGeometry.bounds(q, new Size(598, 598)), 0.9, w / h);
    }

    @Test
    void iouOfRectangles() {
        assertEquals(1.0, Boxes.iou(new Rect(0, 0, 10, 10), new Rect(0, 0, 10, 10)), 1e-9);
        assertEquals(0.0, Boxes.iou(new Rect(0, 0, 10, 10), new Rect(20, 0, 10, 10)), 1e-9);
        assertEquals(50.0 / 150.0, Boxes.iou(new Rect(0, 0, 10, 10), new Rect(5, 0, 10, 10)), 1e-9);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new LocatorOptions(0, 8, 0.06, Integer.MAX_VALUE, 1080).validate());
        assertThrows(IllegalArgumentException.class, () -> LocatorOptions.defaults().withMaxCandidates(0).validate());
        assertThrows(IllegalArgumentException.class, () -> new LocatorOptions(3, 8, 0.9, Integer.MAX_VALUE, 1080).validate());
        assertThrows(IllegalArgumentException.class, () -> LocatorOptions.defaults().withHalfSizeFrom(0).validate());
        assertThrows(IllegalArgumentException.class, () -> LocatorOptions.defaults().withFocusFrom(0).validate());
    }

    private static PlateCandidate candidate(int x, int y, int w, int h, double score) {
        Point[] p = {new Point(x, y), new Point(x + w, y), new Point(x + w, y + h), new Point(x, y + h)};
        return new PlateCandidate(p, new Rect(x, y, w, h), score, (double) w / h);
    }

    @Test
    void lengthenedKeepsTheFarEndAndTheHeight() {
        // given a level 100x40 candidate at x 200-300
        Point[] q = {new Point(200, 100), new Point(300, 100), new Point(300, 140), new Point(200, 140)};
        PlateCandidate c = new PlateCandidate(q, new Rect(200, 100, 100, 40), 0.9, 2.5);
        Size full = new Size(1000, 600);
        // when lengthened twice as long towards its left and towards its right
        Rect left = PlateLocator.lengthened(c, 2.0, -1, full).bounds();
        Rect right = PlateLocator.lengthened(c, 2.0, 1, full).bounds();
        // then the other end stays put and the height is kept
        assertTrue(Math.abs(left.x - 100) <= 1 && Math.abs(left.x + left.width - 300) <= 1, "left: " + left);
        assertTrue(Math.abs(right.x - 200) <= 1 && Math.abs(right.x + right.width - 400) <= 1, "right: " + right);
        assertTrue(Math.abs(left.height - 40) <= 1 && Math.abs(right.height - 40) <= 1, left + " " + right);
    }

    @Test
    void theTextMasksKeptDerivativeGivesTheSameMaskAndCannysEdges() {
        // given generated scenes of two sizes at each pyramid level, and noise (every border pixel's derivative differs)
        List<Mat> images = new ArrayList<>();
        for (SceneGenerator scenes : new SceneGenerator[] {new SceneGenerator(), new SceneGenerator(1920, 1080)}) {
            Mat bgr = Mats.toBgr(scenes.render(96_010L).image());
            Mat gray = new Mat();
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            bgr.release();
            images.addAll(PlateLocator.pyramid(gray, 4));
        }
        Core.setRNGSeed(5);
        Mat noise = new Mat(67, 131, CvType.CV_8UC1);
        Core.randu(noise, 0, 256);
        images.add(noise);
        for (Mat g : images) {
            // when the mask is made keeping Canny's horizontal derivative, and Canny is given it
            Mat dx = new Mat();
            Mat kept = PlateLocator.textMask(g, dx);
            Mat expected = PlateLocator.textMask(g);
            Mat dy = new Mat();
            Imgproc.Sobel(g, dy, CvType.CV_16S, 0, 1, 3, 1, 0, Core.BORDER_REPLICATE);
            Mat edges = new Mat();
            Imgproc.Canny(dx, dy, edges, 50, 150);
            Mat expectedEdges = new Mat();
            Imgproc.Canny(g, expectedEdges, 50, 150);
            Mat keptGrad = PlateLocator.absGradientX(g, new Mat());
            Mat grad = new Mat();
            Imgproc.Sobel(g, grad, CvType.CV_16S, 1, 0, 3);
            Mat expectedGrad = new Mat();
            Core.convertScaleAbs(grad, expectedGrad);
            // then all three are the same as computed from the image alone (the derivative to the border pixel)
            assertEquals(0, Core.countNonZero(diff(expectedGrad, keptGrad)), "derivative of " + g.size());
            assertEquals(0, Core.countNonZero(diff(expected, kept)), "text mask of " + g.size());
            assertEquals(0, Core.countNonZero(diff(expectedEdges, edges)), "edges of " + g.size());
            expected.release();
            kept.release();
            keptGrad.release();
            grad.release();
            expectedGrad.release();
            dx.release();
            dy.release();
            edges.release();
            expectedEdges.release();
        }
    }

}
