package org.raqib.detection.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.ComponentStats;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * Cuts the Latin (bottom) row of a plate crop into its characters. Saudi plates print the row in one
 * clean, evenly sized face: after the frame and divider lines are removed, every digit and letter is
 * one dark connected blob in the lower half, digits taller than letters, while the KSA strip's small
 * print and dot are much smaller. The right-most three blobs are the letters, the ones before them
 * the digits: so the number of digits comes from the image, not from a guess.
 */
public final class GlyphSegmenter {

    /** Height in pixels the crop is scaled to before segmentation. */
    public static final int HEIGHT = 96;

    /**
     * The scaled gray crop and the character boxes in it, left to right. {@code framed} is false when
     * the crop is wide but its emblem panel is off-centre: a piece of a plate (a localiser's partial
     * find) whose row would read as a shorter, still well-formed plate text.
     */
    public record Glyphs(Mat gray, List<Rect> boxes, boolean framed) {
        /** Digits then letters: true when there are 1-4 digit boxes and 3 letter boxes. */
        public boolean plausible() {
            return boxes.size() >= 4 && boxes.size() <= 7;
        }

        /** Frees the image. */
        public void release() {
            gray.release();
        }
    }

    /**
     * Several ways of cutting the same row, each a left-to-right list of 4-7 boxes, the segmenter's
     * own choice ({@link #segment}) first. Rules alone cannot tell a row whose first digit touches the
     * frame, whose letters are broken or whose end holds a piece of the frame from a clean one; the
     * reader lets the glyph classifier (which knows a whole character from junk) choose among them.
     */
    public record Hypotheses(Mat gray, List<List<Rect>> cuts, boolean framed) {
        /** Frees the image. */
        public void release() {
            gray.release();
        }
    }

    private GlyphSegmenter() {
    }

    /** Segments a plate crop several ways (see {@link Hypotheses}). The caller releases the result. */
    public static Hypotheses hypotheses(Mat crop) {
        Analysis a = new Analysis(scaled(crop));
        Hypotheses hs = hypotheses(a);
        a.releaseMaps();
        return hs;
    }

    /**
     * One crop, scaled, with its threshold passes computed at most once each: the reader asks for the
     * segmenter's own cut first and for the other cuts only when that one is not sure, and the two share
     * the passes already made. The caller releases it.
     */
    static final class Analysis {
        /**
         * Threshold offsets of the binarisations: the usual one, a more sensitive one (faint print), a less
         * sensitive one, and a still less sensitive one that only {@link #searchedFurther} cuts.
         */
        private static final int[] OFFSETS = {7, 3, 12, 19};
        private final Mat small;
        private final Cut[] cuts = new Cut[OFFSETS.length];
        private final Cut[] toSides = new Cut[SIDE_CUTS];
        private final Cut[] shortLines = new Cut[SHORT_LINE_CUTS];
        /** {@link #local()}'s cut, null until asked for. */
        private Cut local;
        /** {@link #inkBanded()}'s cut, null until asked for; {@link #NO_CUT} when the ink gives no other band. */
        private Cut inkBanded;
        /** {@link #sloped(int)}'s cuts, null until asked for; {@link #NO_CUT} where the crop's lines run level. */
        private final Cut[] sloped = new Cut[SLOPED_CUTS];
        /** The print's slant in degrees ({@link GlyphSegmenter#slant(Mat)}), NaN until {@link #slant()} is asked. */
        private double angle = Double.NaN;
        /**
         * How far each pixel lies below its threshold window's mean ({@link Mats#belowMean}), for the crop and for
         * the crop padded at its sides ({@code w + 2 * SIDE_PAD} per row), as copied out of OpenCV's maps: every
         * offset's binarisation thresholds the same map, so the box filter runs once per crop and padding, not once
         * per binarisation, and each binarisation is made here on the copy. Null until a cut needs it.
         */
        private byte[] below;
        private byte[] paddedBelow;
        /** Each offset's binarisation of {@link #below}, made once: {@link #binarised} hands out copies. */
        private final byte[][] binarisations = new byte[OFFSETS.length][];

        Analysis(Mat small) {
            this.small = small;
        }

        /** Scales {@code crop} for segmentation. */
        static Analysis of(Mat crop) {
            return new Analysis(scaled(crop));
        }

        Mat gray() {
            return small;
        }

        Cut cut(int i) {
            if (cuts[i] == null) {
                cuts[i] = binarisedCut(i, false);
            }
            return cuts[i];
        }

        /**
         * Binarisation {@code i} (of the first {@link #SHORT_LINE_CUTS}) cut with the shorter horizontal line filter
         * ({@link GlyphSegmenter#cut}'s {@code shortLines}).
         */
        Cut shortLines(int i) {
            if (shortLines[i] == null) {
                shortLines[i] = binarisedCut(i, true);
            }
            return shortLines[i];
        }

        private Cut binarisedCut(int i, boolean shorterLines) {
            return GlyphSegmenter.cut(binarised(i), small.cols(), small.rows(), false, shorterLines);
        }

        /** The usual binarisation (offset 7) before any line is erased: a fresh copy, {@code w} per row. */
        byte[] usualBinarisation() {
            return binarised(0);
        }

        /**
         * Binarisation {@code i}: ink (255) where a pixel lies at least {@code OFFSETS[i]} below its window's mean
         * ({@link Mats#darkerBy}'s mask), {@code w} per row.
         */
        private byte[] binarised(int i) {
            if (binarisations[i] == null) {
                binarisations[i] = darkerBy(below(), small.cols(), 0, small.cols(), small.rows(), OFFSETS[i]);
            }
            // A copy: the cuts erase lines in theirs.
            return binarisations[i].clone();
        }

        /** {@link #below}, measured when first asked for. */
        private byte[] below() {
            if (below == null) {
                below = pixels(Mats.belowMean(small, window(small.cols(), small.rows())));
            }
            return below;
        }

        /**
         * {@link Mats#darkerBy}'s mask in Java: ink (255) where a pixel of the {@code w x h} part from column {@code x0}
         * of the map {@code map} ({@code stride} per row) lies at least {@code by} below its window's mean.
         */
        private static byte[] darkerBy(byte[] map, int stride, int x0, int w, int h, int by) {
            byte[] bin = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    bin[y * w + x] = (map[y * stride + x0 + x] & 0xFF) >= by ? (byte) 255 : 0;
                }
            }
            return bin;
        }

        /**
         * The Latin row binarised by its own local threshold ({@link LocalThreshold}) inside the usual binarisation's
         * row band, the usual binarisation elsewhere (so that the frame, the divider and the emblem panel are found as
         * there), cut like the others: a further hypothesis for rows the offset thresholds do not separate.
         */
        Cut local() {
            if (local == null) {
                Cut usual = cut(0);
                byte[] bin = binarised(0);
                LocalThreshold.apply(small, bin, usual.top(), usual.bottom());
                local = GlyphSegmenter.cut(bin, small.cols(), small.rows(), false, false);
            }
            return local;
        }

        /**
         * The usual binarisation cut in the row band that its own ink gives ({@link #inkBand}) instead of the band
         * the lines give, or null where the two agree or the ink gives none: a row whose divider was not found, or
         * whose band was taken from the wrong line (a rim, the plate's edge, a line through the Latin row).
         */
        Cut inkBanded() {
            if (inkBanded == null) {
                Cut usual = cut(0);
                double[] band = inkBand(usual.ink(), small.cols(), small.rows());
                if (band == null || (Math.abs(band[0] - usual.top()) < BAND_AGREES * small.rows()
                        && Math.abs(band[1] - usual.bottom()) < BAND_AGREES * small.rows())) {
                    inkBanded = NO_CUT;
                } else {
                    inkBanded = GlyphSegmenter.cut(binarised(0), small.cols(), small.rows(), false, false, band);
                }
            }
            return inkBanded == NO_CUT ? null : inkBanded;
        }

        /**
         * Binarisation {@code i} (of the first {@link #SLOPED_CUTS}) of a wide crop cut along the slant of its lines
         * ({@link GlyphSegmenter#slopedCut}); null where the crop is not wide or its lines run level.
         */
        Cut sloped(int i) {
            if (sloped[i] == null) {
                Cut c = GlyphSegmenter.slopedCut(binarised(i), small.cols(), small.rows(), slant());
                sloped[i] = c == null ? NO_CUT : c;
            }
            return sloped[i] == NO_CUT ? null : sloped[i];
        }

        /** The print's slant in degrees ({@link GlyphSegmenter#slant(Mat)} of the scaled crop), measured once. */
        double slant() {
            if (Double.isNaN(angle)) {
                angle = GlyphSegmenter.slant(below(), small.cols(), small.rows(), OFFSETS[0]);
            }
            return angle;
        }

        /** Binarisation {@code i} (of the first {@link #SIDE_CUTS}) as if the plate went on past the crop's sides. */
        Cut toSides(int i) {
            if (toSides[i] == null) {
                int w = small.cols();
                int h = small.rows();
                if (paddedBelow == null) {
                    // Once per crop: both side cuts pad with the same gray.
                    int background = background(small);
                    Mat padded = new Mat();
                    Core.copyMakeBorder(small, padded, 0, 0, SIDE_PAD, SIDE_PAD, Core.BORDER_CONSTANT,
                            new Scalar(background));
                    paddedBelow = pixels(Mats.belowMean(padded, window(w, h)));
                    padded.release();
                }
                // The crop's own columns of the padded image's binarisation.
                byte[] bin = darkerBy(paddedBelow, w + 2 * SIDE_PAD, SIDE_PAD, w, h, OFFSETS[i]);
                toSides[i] = GlyphSegmenter.cut(bin, w, h, true, false);
            }
            return toSides[i];
        }

        void release() {
            small.release();
            releaseMaps();
        }

        /** Drops the threshold maps but not the scaled crop, which a returned cut shares. */
        void releaseMaps() {
            below = null;
            paddedBelow = null;
            Arrays.fill(binarisations, null);
        }

        /** The pixels of a one-channel 8-bit map, which is released. */
        private static byte[] pixels(Mat m) {
            byte[] px = new byte[(int) m.total()];
            m.get(0, 0, px);
            m.release();
            return px;
        }
    }

    /** The segmenter's own cut of an analysed crop (what {@link #segment} returns); shares its image. */
    static Glyphs own(Analysis a) {
        int w = a.gray().cols();
        int h = a.gray().rows();
        Cut first = a.cut(0);
        // Faint print (thin strokes, low contrast on wide plates) drops out at the usual threshold:
        // a second, more sensitive pass is tried only where the first found no plate row.
        Cut second = fits(first, w, h) ? null : a.cut(1);
        return choose(a.gray(), w, h, first, second);
    }

    /** Every cut of an analysed crop (see {@link Hypotheses}); shares its image. */
    static Hypotheses hypotheses(Analysis a) {
        return hypotheses(a, true);
    }

    /**
     * Every cut of an analysed crop (see {@link Hypotheses}), the Latin row's local threshold's
     * ({@link Analysis#local()}) only where {@code withLocal}; shares its image.
     */
    static Hypotheses hypotheses(Analysis a, boolean withLocal) {
        Mat small = a.gray();
        int w = small.cols();
        int h = small.rows();
        Cut first = a.cut(0);
        Cut second = a.cut(1);
        Cut third = a.cut(2);
        Glyphs primary = own(a);
        LinkedHashSet<List<Rect>> found = new LinkedHashSet<>();
        found.add(primary.boxes());
        List<Cut> all = new ArrayList<>(List.of(first, second, third));
        for (int i = 0; i < SIDE_CUTS; i++) {
            // Only where the usual cut dropped a box or run at a side: elsewhere the side cut mostly repeats it, and
            // its passes and the naming of its boxes cost read time (BENCHMARKS, "Session 8 (redge)").
            if (a.cut(i).sideCut()) {
                all.add(a.toSides(i));
            }
        }
        for (int i = 0; i < SHORT_LINE_CUTS && shorterLines(w, h); i++) {
            all.add(a.shortLines(i));
        }
        // The Latin row's own local threshold: neighbours that bold or blurred print runs together at the offsets.
        if (withLocal) {
            all.add(a.local());
        }
        // The row band its own ink gives, where the lines give another one (the divider lost or the wrong line).
        Cut inkBanded = a.inkBanded();
        if (inkBanded != null) {
            all.add(inkBanded);
        }
        for (Cut c : all) {
            for (List<Rect> boxes : List.of(c.boxes(), c.runs())) {
                found.add(boxes);
                if (w > WIDE_ROW * h) {
                    List<Rect> byLayout = wideLayout(boxes, w);
                    if (byLayout != null) {
                        found.add(byLayout);
                    }
                }
            }
        }
        // A piece of the frame or the strip at either end makes a row one or two boxes too long.
        for (List<Rect> boxes : List.copyOf(found)) {
            int n = boxes.size();
            if (n == 8 || n == 9) {
                found.add(boxes.subList(1, n));
                found.add(boxes.subList(0, n - 1));
                found.add(boxes.subList(1, n - 1));
            }
        }
        List<List<Rect>> cuts = new ArrayList<>();
        for (List<Rect> boxes : found) {
            if (boxes.size() >= 4 && boxes.size() <= 7) {
                cuts.add(List.copyOf(boxes));
            }
        }
        return new Hypotheses(small, cuts, primary.framed());
    }

    /**
     * The cuts {@link RowSearch} finds in each binarisation of an analysed crop, scored by {@code scorer}
     * (at most four per binarisation, one per number of characters). The Latin row's local threshold
     * ({@link Analysis#local()}) is not searched: when it was added (569ebd1, before the ink-band cut), its blobs and
     * runs alone (in {@link #hypotheses}) read 1710 crops right out of fold (card command with the fold caches, seeds
     * 42/43/44), 471 of them automatic, with 0 wrong; searched too, 1717 with 469 automatic, but 2 simulator frames
     * fewer exact, at the search's cost (that variant is not in the code: 569ebd1's message).
     */
    static List<List<Rect>> searched(Analysis a, RowSearch.BoxScore scorer) {
        return searched(a, scorer, 0, SEARCHED);
    }

    /**
     * The cuts {@link RowSearch} finds in the binarisations that {@link #searched} leaves out: the less
     * sensitive ones, where heavy print and print that touches its neighbours or the frame stand apart. The
     * fourth (offset 19) is made for this alone; with it, out of fold read two more crops right on each of
     * the two seeds tried than the third alone (BENCHMARKS, "Session 7 (rseg)").
     */
    static List<List<Rect>> searchedFurther(Analysis a, RowSearch.BoxScore scorer) {
        return searched(a, scorer, SEARCHED, Analysis.OFFSETS.length);
    }

    private static List<List<Rect>> searched(Analysis a, RowSearch.BoxScore scorer, int from, int to) {
        int w = a.gray().cols();
        int h = a.gray().rows();
        List<List<Rect>> out = new ArrayList<>();
        List<Cut> passes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            passes.add(a.cut(i));
        }
        for (int i = from; i < Math.min(to, SHORT_LINE_CUTS) && shorterLines(w, h); i++) {
            passes.add(a.shortLines(i));
        }
        for (Cut c : passes) {
            addSearched(c, w, h, scorer, out);
        }
        return out;
    }

    /** Adds to {@code out} the cuts {@link RowSearch} finds in {@code c}, level and levelled, that it lacks. */
    private static void addSearched(Cut c, int w, int h, RowSearch.BoxScore scorer, List<List<Rect>> out) {
        List<Rect> reference = new ArrayList<>(c.boxes());
        reference.addAll(c.runs());
        addNew(out, RowSearch.search(c, w, h, reference, scorer));
        addNew(out, RowSearch.searchLevelled(c, w, h, reference, scorer));
    }

    /** Adds to {@code cuts}, in order, the cuts of {@code found} that it lacks. */
    static void addNew(List<List<Rect>> cuts, List<List<Rect>> found) {
        for (List<Rect> boxes : found) {
            if (!cuts.contains(boxes)) {
                cuts.add(boxes);
            }
        }
    }

    /**
     * How many of the binarisations (in {@link Analysis}'s order) {@link #searched} cuts anew: the usual
     * one and the more sensitive one (faint print). Out of fold on the training photos (dev classifiers):
     * 446, 450 and 452 of 664 crops right with one, two and three, against 439 without the search; the
     * third costs about as much again as the first two for two crops.
     */
    private static final int SEARCHED = 2;

    /**
     * How a crop of {@code rows} rows is resized to the segmenter's {@code w} x {@code h}: area averaging when it
     * shrinks; when a standard plate's crop grows by more than a third (a plate under about 65 pixels tall, which the
     * reader reads worst), bicubic; bilinear otherwise. A small plate's strokes and the gaps between them are a pixel or
     * two wide in its crop: bilinear scaling draws a straight ramp between the crop's pixels and greyed a one-pixel gap
     * by up to a sixth of the print's contrast where it fell between two columns of the scaled grid; bicubic keeps it
     * light ({@code GlyphSegmenterUpscaleTest}), and the glyphs the classifier is given are sharper. Out of fold (card
     * command, seeds 42/43/44, fresh fold caches): 1723 of 1992 crops right (1726 before), 494 automatic (473), 0
     * wrong; standard plates 1325 right (1317) and 431 automatic (391), wide plates 398 (409) and 63 (82), though their
     * cut is unchanged (the classifier is shared). Bicubic for every crop, wide ones too, measured the same (1726, 495
     * automatic; wide plates 399) and cut a thin J of a synthetic plate 93 rows tall below the sliver width. With the
     * committed classifiers, {@code eval --training-only}: at {@code --scale 0.6} 118 of 166 exact (111 before), 18
     * confident (14); at 0.75 141 (139) and 47 (37); at full size and on the simulator's frames unchanged. Session 18
     * (default {@code --top-faint 0.7}, fresh fold caches): this scaling alone 1734 right, 530 automatic (1726, 529
     * before), wide plates 402 (410); with the classifiers trained with {@code train-glyphs --wide-repeats 3} (three
     * times the jittered crops of wide plates' photos, which keeps the shared classifier on wide glyphs) 1752 right,
     * 566 automatic, 0 wrong; wide plates 412 right (410) and 90 automatic (64), plates of 1-3 digits 184 (185) and
     * 36 (20), wide plates under 30 pixels tall 113 (108), standard ones under 40 423 (410).
     *
     * <p>Small wide crops (session 21, tiny21): out of fold (card command, seeds 42/43/44) wide crops under 18 pixels
     * tall read 7 of 25 right, 18-24 pixels 48 of 72, 24-32 pixels 114 of 132 (base fold caches; {@code --small 1.0}
     * caches 9, 51, 115; crop heights and the reasons below from its helper's throwaway probe, not a command here). All but two of those under 24 pixels are jittered crops shrunk to 0.55-0.75 of the plate's
     * size (the box crops of the training photos' wide plates are all 26 pixels tall or more), whose Latin characters
     * are 4-6 pixels tall: most misread ones have a cut of the right count whose misnamed boxes the classifier mostly
     * calls junk (halves or pairs of characters), the rest lose to a cut of fewer, surer boxes. The same crops shrunk by
     * area averaging instead of the warp's bilinear sampling read no better (seed 42: 3, 21, 38 against 2, 21, 40).
     * Read on the cached folds, for wide crops under 32 rows (right of 1992, base / {@code --small 1.0} caches, bands
     * under 18, 18-24 and 24-32 in brackets): bicubic 1809 (6, 48, 115) / 1814 (10, 47, 117), against 1809 (7, 48,
     * 114) / 1815 (9, 51, 115); Lanczos 1811 on the {@code --small} caches (8, 47, 116); an unsharp mask (amount 0.5,
     * sigma 0.7 crop pixels) after the bilinear scaling 1803 / 1814; the classifiers' mean over each box and the box
     * shifted half a crop pixel each way, grown and shrunk by as much 1801 / 1811. Bicubic in the trainer's cut too
     * (fresh {@code --small 1.0} folds): 1824 right, 611 automatic (624), 0 wrong, wide plates 462 (462) and the
     * three bands 8, 50, 117 (175 of 229, as before): the crops it changes read no better. None kept.
     */
    static int upscaling(int rows, int w, int h) {
        if (rows > h) {
            return Imgproc.INTER_AREA;
        }
        return wideShape(w, h) || rows >= BICUBIC_BELOW * h ? Imgproc.INTER_LINEAR : Imgproc.INTER_CUBIC;
    }

    /**
     * Crops at least this fraction of {@link #HEIGHT} tall are scaled up bilinearly whatever their shape: scaled by
     * less than a third, they gain little from bicubic scaling, whose sharper edges binarise a pixel narrower than the
     * bilinear ones the blob rules were set on ({@code GlyphSegmenterEdgeTest}'s J, 93 rows, fell below the sliver width
     * and out of the segmenter's own cut, though the reader, choosing among the other cuts, still read all five of its
     * plates right). Set to 1 (bicubic for every standard crop that grows), out of fold measured 1737 right, 500
     * automatic, 0 wrong (seeds 42/43/44: 577/582/578, 158/172/170), against 1723 and 494 with 0.75: a difference
     * within about the noise of two such totals, and the edge test's own-cut assertion would have to go.
     */
    static final double BICUBIC_BELOW = 0.75;

    /**
     * {@code crop} rotated level (about its centre, its sides' pixels repeated into the corners) when its print and lines
     * run at a slant of at least {@link #LEVEL_FROM} degrees ({@link #slant}, measured on the crop scaled for
     * segmentation), else null; the caller releases it. The reader's further reading of a hard crop uses it
     * ({@link GlyphReader#read(Mat, GlyphReader.Recrop)}), and the glyph trainer where a crop's own cut does not have the
     * text's count. Levelling every crop before its cut (the training photos'
     * box crops slant by -3.75 to 5 degrees, a third of them by 1.5 or more) read 1769 crops right out of fold instead
     * of 1757, but lost crops whose row band the levelled frame's top line then gave.
     */
    public static Mat levelled(Mat crop) {
        Mat small = scaled(crop);
        double angle = slant(small);
        small.release();
        return levelled(crop, angle);
    }

    /**
     * {@link #levelled(Mat)} of a crop whose slant {@code angle} was already measured ({@link Analysis#slant()} of the
     * crop's analysis, the same measure): no second measuring.
     */
    static Mat levelled(Mat crop, double angle) {
        if (Math.abs(angle) < LEVEL_FROM) {
            return null;
        }
        Mat rot = Imgproc.getRotationMatrix2D(new Point(crop.cols() / 2.0, crop.rows() / 2.0), angle, 1);
        Mat out = new Mat();
        Imgproc.warpAffine(crop, out, rot, crop.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        rot.release();
        return out;
    }

    /** Slants below this many degrees are left alone by {@link #levelled}. */
    static final double LEVEL_FROM = 1.5;

    /** The largest slant {@link #slant} looks for, in degrees. */
    static final double SLANT_MAX = 8;

    /**
     * The slant of a scaled crop's print and lines, in degrees (positive: they fall to the right, as seen with rows
     * counted down): the angle, in steps of a quarter degree up to {@link #SLANT_MAX}, along which the ink of the
     * usual binarisation projects onto the sharpest row profile (the largest sum of squared counts).
     */
    static double slant(Mat small) {
        int w = small.cols();
        int h = small.rows();
        byte[] below = new byte[w * h];
        Mat m = Mats.belowMean(small, window(w, h));
        m.get(0, 0, below);
        m.release();
        return slant(below, w, h, Analysis.OFFSETS[0]);
    }

    /** {@link #slant(Mat)} of the pixels of {@code map} ({@code w} per row) at least {@code from} (unsigned). */
    static double slant(byte[] map, int w, int h, int from) {
        int n = 0;
        int[] xs = new int[w * h];
        int[] ys = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((map[y * w + x] & 0xFF) >= from) {
                    xs[n] = x;
                    ys[n] = y;
                    n++;
                }
            }
        }
        int pad = (int) Math.ceil(w * Math.tan(Math.toRadians(SLANT_MAX))) + 1;
        int[] count = new int[h + 2 * pad];
        int[] bin = new int[w];
        // Whole degrees first, then quarter degrees about the best of them.
        double[] best = {0, -1};
        for (int k = -(int) SLANT_MAX; k <= SLANT_MAX; k++) {
            profile(xs, ys, n, w, pad, count, bin, k, best);
        }
        double coarse = best[0];
        for (double a = coarse - 0.75; a <= coarse + 0.75; a += 0.25) {
            if (a != coarse) {
                profile(xs, ys, n, w, pad, count, bin, a, best);
            }
        }
        return best[0];
    }

    /**
     * The sharpness (sum of squared counts) of the row profile of the {@code n} ink pixels {@code xs, ys} projected along
     * {@code angle} degrees; {@code best} ({angle, sharpness}) takes it when sharper, or as sharp and nearer level.
     * A pixel at (x, y) falls in row {@code round(y - (x - w/2) tan(angle))}, which is {@code y} plus its column's
     * {@code round(-(x - w/2) tan(angle))} ({@code bin}, scratch of {@code w}) wherever that column's shift is not a
     * near tie between two rows; only where one column's is, every pixel is projected on its own.
     */
    private static void profile(int[] xs, int[] ys, int n, int w, int pad, int[] count, int[] bin, double angle,
            double[] best) {
        double t = Math.tan(Math.toRadians(angle));
        Arrays.fill(count, 0);
        boolean byColumn = true;
        for (int x = 0; x < w && byColumn; x++) {
            double v = -((x - w / 2.0) * t);
            byColumn = Math.abs(v - Math.floor(v) - 0.5) > 1e-9;
            bin[x] = (int) Math.round(v) + pad;
        }
        if (byColumn) {
            for (int i = 0; i < n; i++) {
                count[ys[i] + bin[xs[i]]]++;
            }
        } else {
            for (int i = 0; i < n; i++) {
                count[(int) Math.round(ys[i] - (xs[i] - w / 2.0) * t) + pad]++;
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
    }

    private static Mat scaled(Mat crop) {
        OpenCvLoader.load();
        Mat gray = new Mat();
        switch (crop.channels()) {
            case 1 -> crop.copyTo(gray);
            case 3 -> Imgproc.cvtColor(crop, gray, Imgproc.COLOR_BGR2GRAY);
            case 4 -> Imgproc.cvtColor(crop, gray, Imgproc.COLOR_BGRA2GRAY);
            default -> throw new IllegalArgumentException("plate crop must have 1, 3 or 4 channels");
        }
        int h = HEIGHT;
        int w = (int) Math.max(16, Math.min(8 * h, Math.round(crop.cols() * (double) h / Math.max(1, crop.rows()))));
        Mat small = new Mat();
        Imgproc.resize(gray, small, new Size(w, h), 0, 0, upscaling(crop.rows(), w, h));
        gray.release();
        return small;
    }

    /**
     * One binarisation's cut: connected components, and column runs (for letters broken into pieces);
     * also the binarised pixels with the lines erased ({@code w} per row, non-zero is ink), the row band
     * and the emblem panel (NaN when none), which {@link RowSearch} cuts anew.
     */
    record Cut(List<Rect> boxes, List<Rect> runs, boolean framed, byte[] ink, double top, double bottom,
            double panelFrom, double panelTo, boolean sideCut) {
        /** A cut that dropped nothing at the crop's sides. */
        Cut(List<Rect> boxes, List<Rect> runs, boolean framed, byte[] ink, double top, double bottom, double panelFrom,
                double panelTo) {
            this(boxes, runs, framed, ink, top, bottom, panelFrom, panelTo, false);
        }

        boolean plausible() {
            return boxes.size() >= 4 && boxes.size() <= 7;
        }
    }

    /** Segments a plate crop (BGR or gray, any size). The caller releases the result. */
    public static Glyphs segment(Mat crop) {
        Analysis a = new Analysis(scaled(crop));
        Glyphs g = own(a);
        a.releaseMaps();
        return g;
    }

    private static boolean fits(Cut c, int w, int h) {
        return c.plausible() && (w <= WIDE_ROW * h || lettersRightOfCentre(c.boxes(), w) == 3);
    }

    private static Glyphs choose(Mat small, int w, int h, Cut first, Cut second) {
        if (fits(first, w, h)) {
            return new Glyphs(small, first.boxes(), first.framed());
        }
        if (fits(second, w, h)) {
            return new Glyphs(small, second.boxes(), second.framed());
        }
        if (w > WIDE_ROW * h) {
            for (Cut g : List.of(first, second)) {
                List<Rect> byLayout = wideLayout(g.boxes(), w);
                if (byLayout != null) {
                    return new Glyphs(small, byLayout, g.framed());
                }
            }
        }
        Cut c = first.plausible() ? first : second.plausible() ? second : first;
        return new Glyphs(small, c.boxes(), c.framed());
    }

    /** Whether a crop of this size is cut as a wide plate. */
    static boolean wideShape(int w, int h) {
        return w > WIDE_ROW * h;
    }

    private static long lettersRightOfCentre(List<Rect> boxes, int w) {
        return boxes.stream().filter(r -> (r.x + r.width / 2.0) / w > PANEL_TO).count();
    }

    /**
     * A wide plate whose emblem panel was not found (its borders faint or broken) keeps the panel's
     * print among the blobs, and a letter may break into two. The layout itself is fixed: the panel
     * sits in the middle of the plate, the digits left of it and exactly three letters right of it.
     * Null when the blobs still do not fit that layout.
     */
    static List<Rect> wideLayout(List<Rect> boxes, int w) {
        List<Rect> left = new ArrayList<>();
        List<Rect> right = new ArrayList<>();
        for (Rect r : boxes) {
            double c = (r.x + r.width / 2.0) / w;
            if (c < PANEL_FROM) {
                left.add(r);
            } else if (c > PANEL_TO) {
                right.add(r);
            }
        }
        if (right.size() == 4) {
            // A letter broken in two: the adjacent pair that together is narrowest is one character.
            int best = -1;
            int bestWidth = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < right.size(); i++) {
                int width = right.get(i + 1).x + right.get(i + 1).width - right.get(i).x;
                if (width < bestWidth) {
                    bestWidth = width;
                    best = i;
                }
            }
            double medianHeight = right.stream().mapToInt(r -> r.height).sorted().toArray()[2];
            if (bestWidth <= 0.9 * medianHeight) {
                Rect a = right.get(best);
                Rect b = right.get(best + 1);
                int top = Math.min(a.y, b.y);
                int bottom = Math.max(a.y + a.height, b.y + b.height);
                right.set(best, new Rect(a.x, top, bestWidth, bottom - top));
                right.remove(best + 1);
            }
        }
        if (right.size() != 3 || left.isEmpty() || left.size() > 4) {
            return null;
        }
        List<Rect> out = new ArrayList<>(left);
        out.addAll(right);
        return out;
    }

    /**
     * Crops at least this many times as wide as tall are taken for wide plates by the layout rules
     * (standard plates' boxes are at most 2.4 times as wide as tall, wide plates' at least 3.7; a loose
     * crop of a standard plate may reach 3).
     */
    private static final double WIDE_ROW = 3.3;

    /** Where a wide plate's emblem panel lies, as fractions of the crop's width (training photos' crops). */
    static final double PANEL_FROM = 0.44;
    static final double PANEL_TO = 0.66;

    /**
     * The adaptive threshold's window in rows. A wide plate's characters are small (about 25 rows tall at
     * {@link #HEIGHT}, often blurred, thin-stroked): a 31-row window averages them with the plain plate
     * around them, their strokes fall short of that mean and whole characters drop out. 21 rows, about
     * four fifths of their height, keeps them. Out of fold (`train-glyphs`, BENCHMARKS session 6) wide
     * plates went from 82 to 89 of 176 crops read right. Standard plates keep 31: a smaller window read
     * more of them right too, but fewer readings were then confirmed by the top row (not landed; BENCHMARKS).
     */
    static int window(int w, int h) {
        return wideShape(w, h) ? 21 : 31;
    }

    /**
     * How many of the binarisations (in {@link Analysis}'s order) are also cut as if the plate went on past the
     * crop's sides ({@link #cut}'s {@code toSides}): the usual one and the more sensitive one.
     */
    static final int SIDE_CUTS = 2;

    /**
     * Columns of the plate's background added at each side before a {@code toSides} binarisation: about a
     * character's width at {@link #HEIGHT}, so that the threshold's window beside the side sees plate, not a copy
     * of the character's own edge.
     */
    private static final int SIDE_PAD = 16;

    /**
     * One binarisation's cut. {@code toSides}: the crop is binarised as if it went on past its left and right sides
     * in the plate's background colour, and a blob or run that touches a side is kept. A crop cut tight by the
     * localiser (or a jittered training crop) ends inside its first digit or last letter: the usual cut drops that
     * character as a piece of something outside the plate, and its replicated edge pixels darken the threshold's
     * mean there so that less of it is ink. This cut gives the character back as its own box, as an additional
     * hypothesis for the reader: the classifier decides whether the box is a character or junk. {@code bin}: the
     * binarisation ({@code w} per row, 0 or 255; the cut keeps it, its lines erased, as {@link Cut#ink}), made by
     * {@link Analysis}.
     */
    private static Cut cut(byte[] bin, int w, int h, boolean toSides, boolean shortLines) {
        return cut(bin, w, h, toSides, shortLines, null);
    }

    /** {@link #cut}, with the row band {top, bottom} given instead of found from the lines when {@code band} is set. */
    private static Cut cut(byte[] px, int w, int h, boolean toSides, boolean shortLines, double[] givenBand) {
        // The lines are erased, the blobs counted and the runs found on px itself, and the row search cuts it anew.
        double[] band = removeLines(px, w, h, shortLines);
        if (givenBand != null) {
            band[0] = givenBand[0];
            band[1] = givenBand[1];
        }
        return cut(px, w, h, toSides, band, 0);
    }

    /**
     * A wide crop's binarisation {@code px} ({@code w} per row, 0 or 255) cut along the slant of its lines: the level
     * lines erased as in {@link #cut}, then the slanted ones ({@link #removeSlantedLines}), and the blobs and runs taken
     * in the row band that the slanted divider gives, followed along its slope. Null where the crop is not wide or no
     * slanted divider is found: then this cut would repeat the usual one. Only the reader uses it, as a further
     * hypothesis ({@link #slopedCuts}); the segmenter's own cut and {@link #hypotheses}, which the glyph trainer labels,
     * do not.
     */
    static Cut slopedCut(byte[] px, int w, int h, double angle) {
        if (!wideShape(w, h) || Math.abs(angle) < LEVEL_FROM) {
            return null;
        }
        double[] band = removeLines(px, w, h, false);
        double slope = removeSlantedLines(px, w, h, angle, band);
        return slope == 0 ? null : cut(px, w, h, false, band, slope);
    }

    /**
     * {@link #cut} of {@code px} whose lines are erased, in the row band {@code band} ({@link #removeLines}'s five
     * values) at the crop's centre column, the band following {@code slope} (rows per column; 0: level).
     */
    private static Cut cut(byte[] px, int w, int h, boolean toSides, double[] band, double slope) {
        if (wideShape(w, h) && !Double.isNaN(band[4])) {
            // The KSA strip at a wide plate's right end: its print is not plate text, and its pieces would
            // be taken for the last letters. Erased like the frame (band[4] is a whole column).
            int from = (int) band[4];
            for (int y = 0; y < h; y++) {
                Arrays.fill(px, y * w + from, y * w + w, (byte) 0);
            }
        }
        List<Rect> boxes = blobs(px, band[0], band[1], w, h, slope);
        List<Rect> runs = runs(px, band[0], band[1], w, h, slope);
        boolean sideCut = false;
        if (!toSides) {
            // A blob cut by the crop's side is a piece of something outside the plate (or a character the crop
            // cuts: the toSides cut keeps it).
            int before = boxes.size() + runs.size();
            boxes.removeIf(r -> r.x <= 0 || r.x + r.width >= w);
            runs.removeIf(r -> r.x <= 0 || r.x + r.width >= w);
            sideCut = boxes.size() + runs.size() < before;
        }
        boolean framed = true;
        boolean panel = w > 2.6 * h && !Double.isNaN(band[2]);
        if (panel) {
            boxes = outsidePanel(boxes, band[2], band[3]);
            runs = outsidePanel(runs, band[2], band[3]);
            double centre = (band[2] + band[3]) / 2 / w;
            framed = centre > 0.42 && centre < 0.62;
        }
        return new Cut(boxes, runs.size() >= 3 ? consistent(runs, slope, w) : runs, framed, px, band[0], band[1],
                panel ? band[2] : Double.NaN, panel ? band[3] : Double.NaN, sideCut);
    }

    /**
     * How many of the binarisations (in {@link Analysis}'s order) are also cut with a shorter horizontal line filter,
     * {@link #SHORT_LINE} crop heights long instead of 0.18 of the width. A blurred divider between the rows, or a
     * rim, binarises as a dashed line whose pieces between the characters are shorter than 0.18 of a wide crop's
     * width: they were kept, joined each Latin character to its Arabic twin above it, and the row band (which the
     * divider gives) was lost with them. Only the reader's further hypotheses use these cuts.
     */
    static final int SHORT_LINE_CUTS = 2;

    /** The shorter horizontal line filter's length in crop heights (see {@link #SHORT_LINE_CUTS}). */
    static final double SHORT_LINE = 0.5;

    /**
     * Whether the shorter line filter is shorter than the usual one on a crop of {@code w} x {@code h}: only on
     * crops wider than about 2.8 heights (wide plates, loose crops); elsewhere its cut would repeat the usual one.
     */
    static boolean shorterLines(int w, int h) {
        return horizontalLine(w, h, true) < horizontalLine(w, h, false);
    }

    /** The horizontal line filter's length in columns, the shorter one or the usual one. */
    static double horizontalLine(int w, int h, boolean shortLines) {
        return Math.max(10, shortLines ? Math.min(w * 0.18, SHORT_LINE * h) : w * 0.18);
    }

    /** The plate's background level of a gray crop: its 75th percentile (the plate is light, its print dark). */
    static int background(Mat gray) {
        byte[] px = new byte[(int) gray.total()];
        gray.get(0, 0, px);
        int[] hist = new int[256];
        for (byte b : px) {
            hist[b & 0xFF]++;
        }
        int level = 0;
        for (int seen = hist[0]; level < 255 && seen < 0.75 * px.length; seen += hist[++level]) {
            // counting up to the percentile
        }
        return level;
    }

    /**
     * The row cut at its empty columns: a character whose strokes broke apart at the threshold (thin
     * print, glare) is still one run of inked columns. Runs of touching characters are split like blobs.
     */
    private static List<Rect> runs(byte[] px, double top, double bottom, int w, int h, double slope) {
        int y0 = (int) Math.max(0, Math.ceil(top)) + 1;
        int y1 = (int) Math.min(h, Math.floor(bottom));
        List<Rect> out = new ArrayList<>();
        if (y1 - y0 < 8) {
            return out;
        }
        int[] ink = new int[w];
        if (slope == 0) {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < w; x++) {
                    if (px[y * w + x] != 0) {
                        ink[x]++;
                    }
                }
            }
        } else {
            // The band follows the slope: at column x it lies shift(x) rows lower than at the centre.
            for (int x = 0; x < w; x++) {
                int s = shift(x, w, slope);
                for (int y = Math.max(0, y0 + s); y < Math.min(h, y1 + s); y++) {
                    if (px[y * w + x] != 0) {
                        ink[x]++;
                    }
                }
            }
        }
        double rh = y1 - y0;
        int start = -1;
        for (int x = 0; x <= w; x++) {
            boolean on = x < w && ink[x] >= 2;
            if (on && start < 0) {
                start = x;
            } else if (!on && start >= 0) {
                // The character is the longest stack of inked rows in these columns (a gap of a row or
                // two allowed): ink above or below it is the top row's print or what is left of a line.
                int s = slope == 0 ? 0 : shift((start + x) / 2.0, w, slope);
                int[] stack = inkedStack(px, w, start, x, Math.max(0, y0 + s), Math.min(h, y1 + s), 3);
                int top1 = stack[0];
                int bottom1 = stack[1];
                int bw = x - start;
                int bh = bottom1 - top1 + 1;
                if (top1 >= 0 && bh >= 0.45 * rh && bw >= 0.12 * bh && bw <= 3.0 * bh) {
                    Rect r = new Rect(start, top1, bw, bh);
                    if (bw > singleWidth(w, h) * bh) {
                        out.addAll(split(px, w, r, pieces(bw, bh, w, h)));
                    } else {
                        out.add(r);
                    }
                }
                start = -1;
            }
        }
        return out;
    }

    /**
     * The longest stack of inked rows of {@code px} (a {@code w}-wide binary image) in columns [x0, x1) and
     * rows [y0, y1), where rows up to {@code maxGap} apart still stack: {top, bottom} (inclusive), or
     * {-1, -2} when no row is inked.
     */
    static int[] inkedStack(byte[] px, int w, int x0, int x1, int y0, int y1, int maxGap) {
        boolean[] inked = new boolean[Math.max(0, y1 - y0)];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1 && !inked[y - y0]; x++) {
                inked[y - y0] = px[y * w + x] != 0;
            }
        }
        return longestStack(inked, y0, maxGap);
    }

    /**
     * The longest stack of inked rows, {@code inked[y - y0]} telling whether row y is inked, where rows up to
     * {@code maxGap} apart still stack: {top, bottom} (inclusive), or {-1, -2} when no row is inked.
     */
    static int[] longestStack(boolean[] inked, int y0, int maxGap) {
        int top = -1;
        int bottom = -2;
        int runTop = -1;
        int last = -10;
        for (int y = y0; y < y0 + inked.length; y++) {
            if (!inked[y - y0]) {
                continue;
            }
            if (y - last > maxGap) {
                runTop = y;
            }
            last = y;
            if (y - runTop > bottom - top) {
                top = runTop;
                bottom = y;
            }
        }
        return new int[] {top, bottom};
    }

    /**
     * Erases the plate frame and the dividers from {@code px} (a binarisation, {@code w} per row, 0 or 255): a digit 1
     * that touches a divider would otherwise merge with it into one blob. Long straight runs are lines; characters are
     * never that long. Returns the row band ({@link #rowBand}) and the emblem panel ({@link #panel}): {top, bottom,
     * panel's left border, its right border, the strip's border}.
     *
     * <p>The lines are the binarisation's openings by a horizontal line {@link #horizontalLine} columns long and by a
     * vertical one 0.6 of the height, each grown by a pixel all round (lines are thicker at their edges after blur)
     * before they are erased. These were OpenCV's {@code morphologyEx} (MORPH_OPEN, rectangular kernels anchored at
     * their centre) and a 3x3 dilation; they are computed here from the rows' and columns' runs of ink instead, to the
     * pixel ({@code LineEraserTest} holds them to OpenCV's): a binary opening by a line keeps, of each run of ink,
     * what the line's placements inside it cover, so that it is a matter of the runs' ends, not of every pixel's
     * neighbourhood. Up to ten cuts per crop each ran the two openings, the dilation and the mask arithmetic on
     * native images, the largest part of the cuts' cost in the profile.
     */
    static double[] removeLines(byte[] px, int w, int h, boolean shortLines) {
        // OpenCV's kernel sizes are ints: the Size's doubles truncated.
        Stretches horizontal = horizontalLines(px, w, h, (int) horizontalLine(w, h, shortLines));
        // Outside the crop is not ink for the vertical opening. OpenCV's default border for an opening counts it as ink
        // (the erosion's neutral value), so that a character's stroke that reaches the crop's top or bottom edge (a crop
        // cut tight by the localiser, or tilted) passed for a line half as long as the kernel, and was erased with most
        // of its character: a 1 or a 4's stem was lost. (The horizontal opening keeps the default.)
        Stretches vertical = verticalLines(px, w, h, (int) (h * 0.6));
        int[] count = new int[h];
        for (int i = 0; i < horizontal.size(); i++) {
            count[horizontal.line(i)] += horizontal.last(i) - horizontal.first(i) + 1;
        }
        double[] band = rowBand(count, w, h);
        boolean[] columns = new boolean[w];
        for (int i = 0; i < vertical.size(); i++) {
            columns[vertical.line(i)] = true;
        }
        double[] panel = panel(columns, w);
        // Each line's pixels grown by one all round (a 3x3 dilation) are erased: a horizontal stretch's rows and the
        // rows above and below it, a vertical stretch's columns and those beside it, each a pixel longer at both ends.
        for (int i = 0; i < horizontal.size(); i++) {
            int y = horizontal.line(i);
            int from = Math.max(0, horizontal.first(i) - 1);
            int to = Math.min(w - 1, horizontal.last(i) + 1);
            for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                Arrays.fill(px, yy * w + from, yy * w + to + 1, (byte) 0);
            }
        }
        for (int i = 0; i < vertical.size(); i++) {
            int x = vertical.line(i);
            int x0 = Math.max(0, x - 1);
            int x1 = Math.min(w - 1, x + 1);
            for (int yy = Math.max(0, vertical.first(i) - 1); yy <= Math.min(h - 1, vertical.last(i) + 1); yy++) {
                Arrays.fill(px, yy * w + x0, yy * w + x1 + 1, (byte) 0);
            }
        }
        return new double[] {band[0], band[1], panel[0], panel[1], panel[2]};
    }

    /**
     * Erases from a wide crop's binarisation {@code px} (its level lines already erased by {@link #removeLines}) the
     * horizontal lines that run at a slant near {@code angle} degrees (the print's, {@link #slant(Mat)}): such a line
     * binarises as a staircase whose steps are shorter than the line filter, so that the divider between the rows and
     * the frame stay, join the digits to the Arabic print above them and give the row band from the wrong line. Each
     * straight line within {@link #SLOPE_SEARCH} degrees of {@code angle} through each row is followed across the crop:
     * the columns where it meets ink within a row of it, in stretches of at least {@link #SLOPED_STRETCH} crop heights
     * (longer than a character is wide), are its line pixels. At the slope whose lines in the middle rows hold most such
     * pixels (at least a quarter of the width: the divider), every line that holds that many is erased, two rows either
     * side, along its stretches. {@code band}'s top and bottom become the divider at the crop's centre column and the
     * next such line at least 0.15 heights below it (else the crop's bottom), and the slope (rows per column) is
     * returned; 0 when no divider is found ({@code px} and {@code band} then unchanged).
     */
    static double removeSlantedLines(byte[] px, int w, int h, double angle, double[] band) {
        if (Math.abs(angle) < LEVEL_FROM) {
            return 0;
        }
        byte[] near = inkNear(px, w, h);
        double slope = dividerSlope(near, w, h, angle);
        if (Double.isNaN(slope)) {
            return 0;
        }
        return eraseLines(px, near, w, h, slope, lineScores(near, w, h, slope), band);
    }

    /**
     * The slope (rows per column) within {@link #SLOPE_SEARCH} degrees of {@code angle}, in quarter degrees, whose lines
     * through the middle rows hold the most line pixels ({@link #lineStretches}; at least a quarter of the width {@code
     * w}), of the binarisation whose {@link #inkNear} is {@code near}; NaN where no slope's do. A slope is judged by the
     * middle rows' lines only, so only theirs are measured here: about half the lines of every slope, for the same choice.
     */
    static double dividerSlope(byte[] near, int w, int h, double angle) {
        int stretch = (int) Math.ceil(SLOPED_STRETCH * h);
        double need = 0.25 * w;
        double bestT = Double.NaN;
        int bestScore = -1;
        int steps = (int) Math.round(SLOPE_SEARCH / 0.25);
        for (int j = 0; j <= 2 * steps; j++) {
            // 0, -1, 1, -2, 2, ... quarter degrees off the print's slant: nearer it wins a tie.
            int k = (j + 1) / 2 * (j % 2 == 1 ? -1 : 1);
            double t = Math.tan(Math.toRadians(angle + 0.25 * k));
            int[] shifts = shifts(w, t);
            int top = -1;
            for (int y0 = (int) (0.25 * h); y0 < 0.72 * h; y0++) {
                int score = lineStretches(near, w, h, y0, shifts, stretch, false, null);
                if (score >= need && score > top) {
                    top = score;
                }
            }
            if (top >= 0 && top > bestScore) {
                bestScore = top;
                bestT = t;
            }
        }
        return bestT;
    }

    /** The line pixels ({@link #lineStretches}) of the line at {@code slope} through each row, of {@code near}'s binarisation. */
    static int[] lineScores(byte[] near, int w, int h, double slope) {
        int stretch = (int) Math.ceil(SLOPED_STRETCH * h);
        int[] shifts = shifts(w, slope);
        int[] scores = new int[h];
        for (int y0 = 0; y0 < h; y0++) {
            scores[y0] = lineStretches(near, w, h, y0, shifts, stretch, false, null);
        }
        return scores;
    }

    /**
     * {@link #removeSlantedLines}' erasure, given the divider's {@code slope} and each row's line pixels at it
     * ({@code scores}): the band from the divider, every line holding a quarter of the width erased from {@code px}
     * (whose {@link #inkNear} is {@code near}); returns {@code slope}.
     */
    static double eraseLines(byte[] px, byte[] near, int w, int h, double slope, int[] scores, double[] band) {
        int stretch = (int) Math.ceil(SLOPED_STRETCH * h);
        double need = 0.25 * w;
        int divider = -1;
        for (int y = (int) (0.25 * h); y < 0.72 * h; y++) {
            if (scores[y] >= need && (divider < 0 || scores[y] > scores[divider])) {
                divider = y;
            }
        }
        int bottom = h;
        for (int y = divider + (int) (0.15 * h); y < h; y++) {
            if (scores[y] >= need) {
                bottom = y;
                break;
            }
        }
        // Every line is measured on the ink as it was, then erased.
        byte[] erased = px.clone();
        int[] shifts = shifts(w, slope);
        for (int y0 = 0; y0 < h; y0++) {
            if (scores[y0] >= need) {
                lineStretches(near, w, h, y0, shifts, stretch, true, erased);
            }
        }
        System.arraycopy(erased, 0, px, 0, px.length);
        band[0] = divider;
        band[1] = bottom;
        return slope;
    }

    /**
     * Where the binarisation {@code px} ({@code w x h}) has ink within a row: row {@code r} of the {@code h + 2} rows
     * returned (rows -1 to h of the crop) is non-zero at column x where {@code px} is in rows r - 2 to r (those inside
     * the crop). {@link #lineStretches} asks this of every column of every line it follows, for nine slopes.
     */
    static byte[] inkNear(byte[] px, int w, int h) {
        byte[] near = new byte[(h + 2) * w];
        for (int y = 0; y < h; y++) {
            int from = y * w;
            for (int r = y; r <= y + 2; r++) {
                int to = r * w;
                for (int x = 0; x < w; x++) {
                    near[to + x] |= px[from + x] != 0 ? 1 : 0;
                }
            }
        }
        return near;
    }

    /**
     * How many columns the straight line through row {@code y0} at the crop's centre column, falling {@code t} rows per
     * column ({@code shifts}: its {@link #shifts}), meets ink (within a row of it: {@code near}, the binarisation's
     * {@link #inkNear}) in stretches of at least {@code stretch} columns; where {@code erase}, also clears in {@code out}
     * two rows either side of the line along those stretches.
     */
    private static int lineStretches(byte[] near, int w, int h, int y0, int[] shifts, int stretch, boolean erase,
            byte[] out) {
        int total = 0;
        int run = 0;
        for (int x = 0; x <= w; x++) {
            boolean hit = false;
            if (x < w) {
                int y = y0 + shifts[x];
                hit = y >= -1 && y <= h && near[(y + 1) * w + x] != 0;
            }
            if (hit) {
                run++;
                continue;
            }
            if (run >= stretch) {
                total += run;
                if (erase) {
                    for (int xx = x - run; xx < x; xx++) {
                        int y = y0 + shifts[xx];
                        for (int yy = Math.max(0, y - 2); yy <= Math.min(h - 1, y + 2); yy++) {
                            out[yy * w + xx] = 0;
                        }
                    }
                }
            }
            run = 0;
        }
        return total;
    }

    /** How far from the print's slant, in degrees, {@link #removeSlantedLines} looks for the lines' slope. */
    static final double SLOPE_SEARCH = 1;

    /** The shortest stretch of a slanted line, in crop heights, that {@link #removeSlantedLines} takes for a line's. */
    static final double SLOPED_STRETCH = 0.3;

    /**
     * How many of the binarisations (in {@link Analysis}'s order) a slanted wide crop is also cut along its slant
     * ({@link #slopedCut}): the usual one and the more sensitive one.
     */
    static final int SLOPED_CUTS = 2;

    /**
     * The cuts of a wide crop whose lines run at a slant along that slant ({@link Analysis#sloped}), as a further
     * hypothesis for the reader (each a left-to-right list of 4-7 boxes, as in {@link #hypotheses}, which they are not
     * part of: the glyph trainer labels those); empty for a standard crop or one whose lines run level.
     *
     * <p>Out of fold (card command, base fold caches, seeds 42/43/44): 608/613/597 = 1818 crops right (1809 without),
     * automatic (0.90) 205/180/190 = 575 (574), 0 wrong; wide plates 463 (454), plates of 1-3 digits 221 (212), wide
     * crops slanting 1.5 degrees or more 124 of 164 (115; slant per crop by its helper's throwaway probe), level ones unchanged; seed 45 607 (601). With {@code
     * --small 1.0} fold caches: 612/613/599 = 1824 (1815), automatic 626 (624), 0 wrong, wide 471 (462); seed 45 606
     * (602). Every change is on a slanted wide crop (over the eight runs 37 crops gained, 9 lost). Stretches of 0.4 and
     * 0.55 crop heights read 1814 and 1813 (base), 1817 and 1815 (small); the search of the sloped cuts
     * ({@link #searchedSloped}) adds 2 (base) and 4 (small); a divider searched on the binarisation before its level
     * lines were erased took the frame's top line for it and read fewer. The same line erasure in the segmenter's own
     * cuts, so that the trainer labelled by it too (branch divider20), read 1788.
     */
    static List<List<Rect>> slopedCuts(Analysis a) {
        int w = a.gray().cols();
        int h = a.gray().rows();
        if (!wideShape(w, h)) {
            return List.of();
        }
        LinkedHashSet<List<Rect>> found = new LinkedHashSet<>();
        for (int i = 0; i < SLOPED_CUTS; i++) {
            Cut c = a.sloped(i);
            if (c == null) {
                continue;
            }
            for (List<Rect> boxes : List.of(c.boxes(), c.runs())) {
                found.add(boxes);
                List<Rect> byLayout = wideLayout(boxes, w);
                if (byLayout != null) {
                    found.add(byLayout);
                }
            }
        }
        for (List<Rect> boxes : List.copyOf(found)) {
            int n = boxes.size();
            if (n >= TRIM_FROM && n <= 9) {
                found.add(boxes.subList(1, n));
                found.add(boxes.subList(0, n - 1));
                if (n >= TRIM_FROM + 1) {
                    found.add(boxes.subList(1, n - 1));
                }
            }
        }
        List<List<Rect>> cuts = new ArrayList<>();
        for (List<Rect> boxes : found) {
            if (boxes.size() >= 4 && boxes.size() <= 7) {
                cuts.add(List.copyOf(boxes));
            }
        }
        return cuts;
    }

    /**
     * The cuts {@link RowSearch} finds in the sloped cuts ({@link Analysis#sloped}) of a slanted wide crop, scored by
     * {@code scorer}; empty where there are none.
     */
    static List<List<Rect>> searchedSloped(Analysis a, RowSearch.BoxScore scorer) {
        int w = a.gray().cols();
        int h = a.gray().rows();
        List<List<Rect>> out = new ArrayList<>();
        if (!wideShape(w, h)) {
            return out;
        }
        for (int i = 0; i < SLOPED_CUTS; i++) {
            Cut c = a.sloped(i);
            if (c != null) {
                addSearched(c, w, h, scorer, out);
            }
        }
        return out;
    }

    /**
     * A sloped cut of at least this many boxes is also read without its first, its last and (one more box) both: with
     * its lines erased, a piece of the frame or the strip at the row's ends is a box of its own.
     */
    static final int TRIM_FROM = 5;

    /**
     * The opening of {@code px}'s ink by a horizontal line of {@code len} pixels anchored at pixel {@code len / 2}, with
     * OpenCV's default border (outside the image is ink to the erosion, not ink to the dilation): as stretches of the
     * rows (row, first and last column), a row's stretches left to right and disjoint.
     *
     * <p>Of a run of ink from column s to column e (a run that reaches the image's side goes on past it to the erosion),
     * the erosion keeps the anchors whose line lies inside it, s + a to e - (len - 1) + a, a the anchor; the dilation
     * puts the line back at each anchor kept, from anchor - (len - 1 - a) to anchor + a. With an odd length that is the
     * run itself where it is at least {@code len} long; with an even one, OpenCV's anchor is right of the line's centre
     * and the run comes back a column to the right. A run keeps something only if it is at least {@code len} long, or
     * {@code len - a} at the left side, or {@code a + 1} at the right side: so every run that keeps anything holds a
     * column that is a multiple of the least of these, and only those columns are looked at, a run being followed
     * both ways from one that is ink.
     */
    static Stretches horizontalLines(byte[] px, int w, int h, int len) {
        int a = len / 2;
        int step = Math.max(1, Math.min(len - a, a + 1));
        Stretches out = new Stretches();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int last = -1;
            for (int x = 0; x < w; x += step) {
                if (px[row + x] == 0) {
                    continue;
                }
                // The run through x (none of it seen before: the last run ended left of the sample before x).
                int s = x;
                while (s > 0 && px[row + s - 1] != 0) {
                    s--;
                }
                int e = x;
                while (e < w - 1 && px[row + e + 1] != 0) {
                    e++;
                }
                // The next sample right of the run.
                x = e - e % step;
                int erodedFrom = s == 0 ? 0 : s + a;
                int erodedTo = e == w - 1 ? w - 1 : e - (len - 1) + a;
                if (erodedFrom > erodedTo) {
                    continue;
                }
                // Never overlapping the row's stretch before (they cannot, but the count of the row's pixels relies on it).
                int from = Math.max(last + 1, Math.max(0, erodedFrom - (len - 1 - a)));
                int to = Math.min(w - 1, erodedTo + a);
                if (from <= to) {
                    out.add(y, from, to);
                    last = to;
                }
            }
        }
        return out;
    }

    /**
     * The opening of {@code px}'s ink by a vertical line of {@code len} pixels anchored at pixel {@code len / 2}, outside
     * the image not ink: as stretches of the columns (column, first and last row). As {@link #horizontalLines} along the
     * columns, except that a run that reaches the image's top
     * or bottom ends there: a run shorter than {@code len} keeps nothing, and every longer one holds a row that is a
     * multiple of {@code len} (rows 0 and 57 of the segmenter's 96 at 0.6 of the height).
     */
    static Stretches verticalLines(byte[] px, int w, int h, int len) {
        int a = len / 2;
        int step = Math.max(1, len);
        Stretches out = new Stretches();
        for (int y = 0; y < h; y += step) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (px[row + x] == 0) {
                    continue;
                }
                int s = y;
                while (s > 0 && px[(s - 1) * w + x] != 0) {
                    s--;
                }
                if (s <= y - step) {
                    // Reaches the sampled row above: followed from there already.
                    continue;
                }
                int e = y;
                while (e < h - 1 && px[(e + 1) * w + x] != 0) {
                    e++;
                }
                int from = Math.max(0, s + a - (len - 1 - a));
                int to = Math.min(h - 1, e - (len - 1) + a + a);
                if (e - s + 1 >= len && from <= to) {
                    out.add(x, from, to);
                }
            }
        }
        return out;
    }

    /** Stretches of rows or of columns: each a line (a row or a column) and its first and last pixel along it. */
    static final class Stretches {
        private int[] v = new int[48];
        private int n;

        void add(int line, int first, int last) {
            if (n + 3 > v.length) {
                v = Arrays.copyOf(v, v.length * 2);
            }
            v[n++] = line;
            v[n++] = first;
            v[n++] = last;
        }

        int size() {
            return n / 3;
        }

        int line(int i) {
            return v[3 * i];
        }

        int first(int i) {
            return v[3 * i + 1];
        }

        int last(int i) {
            return v[3 * i + 2];
        }
    }

    /**
     * The Latin row's vertical extent: from the divider between the rows (the longest horizontal line
     * in the middle of the crop) down to the plate's bottom edge (the next long line, or the crop's
     * end). Loose crops from a localiser move the row anywhere; the divider says where it is.
     * {@code count}: each row's pixels of horizontal line.
     */
    private static double[] rowBand(int[] count, int w, int h) {
        int divider = -1;
        for (int y = (int) (0.25 * h); y < 0.72 * h; y++) {
            if (count[y] >= 0.25 * w && (divider < 0 || count[y] > count[divider])) {
                divider = y;
            }
        }
        if (divider < 0) {
            return new double[] {0.5 * h, 0.95 * h};
        }
        int bottom = h;
        for (int y = divider + (int) (0.15 * h); y < h; y++) {
            if (count[y] >= 0.25 * w) {
                bottom = y;
                break;
            }
        }
        return new double[] {divider, bottom};
    }

    /** How close (in crop heights) the ink's band and the lines' band lie at both ends to count as the same. */
    static final double BAND_AGREES = 0.06;

    /** A placeholder for a cut not made. */
    private static final Cut NO_CUT = new Cut(List.of(), List.of(), true, new byte[0], 0, 0, Double.NaN, Double.NaN);

    /**
     * The Latin row's band as its own ink gives it, from a binarisation with the lines erased ({@code px}, {@code w}
     * per row, non-zero is ink): the blobs of a character's shape in the crop's lower part are grouped by where they
     * end (their baseline) and by height, and the group of at least four whose baseline lies lowest among the largest
     * groups gives the band, a tenth of its height above and below its blobs. {top, bottom}, or null when no four
     * blobs agree.
     */
    static double[] inkBand(byte[] px, int w, int h) {
        if (px.length != w * h) {
            return null;
        }
        int[] st = ComponentStats.of(px, w, h);
        List<int[]> shapes = new ArrayList<>();
        for (int i = 1; i < st.length / 5; i++) {
            int y = st[i * 5 + Imgproc.CC_STAT_TOP];
            int bw = st[i * 5 + Imgproc.CC_STAT_WIDTH];
            int bh = st[i * 5 + Imgproc.CC_STAT_HEIGHT];
            if (bh >= 0.15 * h && bh <= 0.55 * h && bw >= 0.12 * bh && bw <= 1.1 * bh && y + bh / 2.0 > 0.4 * h) {
                shapes.add(new int[] {y, y + bh, bh});
            }
        }
        int[] best = null;
        int bestCount = 0;
        double bestTop = 0;
        double bestBottom = 0;
        for (int[] s : shapes) {
            int count = 0;
            int top = Integer.MAX_VALUE;
            int bottom = 0;
            int base = s[1];
            for (int[] o : shapes) {
                if (Math.abs(o[1] - base) <= 0.2 * s[2] && o[2] >= 0.75 * s[2] && o[2] <= 1.33 * s[2]) {
                    count++;
                    top = Math.min(top, o[0]);
                    bottom = Math.max(bottom, o[1]);
                }
            }
            if (count >= 4 && (count > bestCount || (count == bestCount && s[1] > best[1]))) {
                best = s;
                bestCount = count;
                bestTop = top;
                bestBottom = bottom;
            }
        }
        if (best == null) {
            return null;
        }
        double margin = 0.1 * (bestBottom - bestTop);
        return new double[] {Math.max(0, bestTop - margin), Math.min(h, bestBottom + margin)};
    }

    /**
     * A wide plate's emblem panel: two long vertical lines (its borders) 7-22% of the crop's width
     * apart, the pair nearest the centre; {NaN, NaN} when there is none. Third, the left-most long
     * vertical line in the right {@value #STRIP_FROM}-{@value #STRIP_TO} of the crop's width (NaN when none):
     * the border of the KSA strip that some wide plates print at their right end, or the plate's own
     * right edge, right of which there is no plate text either way. {@code v}: whether each column holds a
     * long vertical line.
     */
    private static double[] panel(boolean[] v, int w) {
        List<Double> lines = new ArrayList<>();
        int runStart = -1;
        for (int x = (int) (0.12 * w); x <= 0.88 * w; x++) {
            boolean on = x < w && v[x];
            if (on && runStart < 0) {
                runStart = x;
            } else if (!on && runStart >= 0) {
                lines.add((runStart + x - 1) / 2.0);
                runStart = -1;
            }
        }
        double strip = Double.NaN;
        runStart = -1;
        for (int x = (int) (STRIP_FROM * w); x <= STRIP_TO * w + 1 && Double.isNaN(strip); x++) {
            boolean on = x < w && x <= STRIP_TO * w && v[x];
            if (on && runStart < 0) {
                runStart = x;
            } else if (!on && runStart >= 0) {
                // Left of the line's own left edge: its dilated mask is erased anyway.
                strip = runStart;
            }
        }
        double[] best = {Double.NaN, Double.NaN, strip};
        double bestDist = Double.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            for (int j = i + 1; j < lines.size(); j++) {
                double gap = lines.get(j) - lines.get(i);
                double dist = Math.abs((lines.get(i) + lines.get(j)) / 2 - w / 2.0);
                if (gap >= 0.07 * w && gap <= 0.22 * w && dist < bestDist) {
                    bestDist = dist;
                    best = new double[] {lines.get(i), lines.get(j), strip};
                }
            }
        }
        return best;
    }

    /** Where the search for a wide plate's KSA strip border begins and ends, as fractions of the crop's width. */
    private static final double STRIP_FROM = 0.72;
    private static final double STRIP_TO = 0.93;

    /** Drops what lies inside a wide plate's emblem panel (its "KSA" print and dot are not plate text). */
    private static List<Rect> outsidePanel(List<Rect> boxes, double left, double right) {
        if (Double.isNaN(left)) {
            return boxes;
        }
        List<Rect> out = new ArrayList<>();
        for (Rect r : boxes) {
            double cx = r.x + r.width / 2.0;
            if (cx < left || cx > right) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * How many rows below the crop's centre column a band following {@code slope} (rows per column) lies at column
     * {@code x}.
     */
    private static int shift(double x, int w, double slope) {
        return (int) Math.round((x - w / 2.0) * slope);
    }

    /** {@link #shift} of each column of a crop {@code w} wide, for a line through its rows at {@code slope}. */
    private static int[] shifts(int w, double slope) {
        int[] s = new int[w];
        for (int x = 0; x < w; x++) {
            s[x] = shift(x, w, slope);
        }
        return s;
    }

    /**
     * The blobs of the row band from {@code top} to {@code bottom} (at the crop's centre column; following {@code slope},
     * rows per column, elsewhere) that have a character's size, left to right, those of a wide crop split into
     * characters where they are too wide for one.
     */
    private static List<Rect> blobs(byte[] px, double top, double bottom, int w, int h, double slope) {
        double rh = bottom - top;
        // OpenCV's connectedComponentsWithStats' statistics (five ints a blob, in its order), counted in Java.
        int[] st = ComponentStats.of(px, w, h);
        int n = st.length / 5;
        List<Rect> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int x = st[i * 5 + Imgproc.CC_STAT_LEFT];
            int y = st[i * 5 + Imgproc.CC_STAT_TOP];
            int bw = st[i * 5 + Imgproc.CC_STAT_WIDTH];
            int bh = st[i * 5 + Imgproc.CC_STAT_HEIGHT];
            double cy = y + bh / 2.0 - (slope == 0 ? 0 : shift(x + bw / 2.0, w, slope));
            int area = st[i * 5 + Imgproc.CC_STAT_AREA];
            // A filled round blob is the strip's dot: printed characters are thin strokes.
            if (area > 0.72 * bw * bh && bw > 0.8 * bh && bw < 1.5 * bh) {
                continue;
            }
            // Slivers narrower than a digit 1 are what is left of lines after erasing them.
            if (bh < 0.35 * rh || bh > 1.0 * rh || cy < top || cy > bottom || bw > 3.0 * bh || bw < 0.28 * bh) {
                continue;
            }
            if (bw > singleWidth(w, h) * bh) {
                // Neighbours that touch after blur or a small scale come out as one wide blob: cut it
                // into character-wide pieces (printed characters are about half as wide as tall).
                out.addAll(split(px, w, new Rect(x, y, bw, bh), pieces(bw, bh, w, h)));
                continue;
            }
            out.add(new Rect(x, y, bw, bh));
        }
        out.sort(Comparator.comparingInt(r -> r.x));
        if (w <= WIDE_ROW * h) {
            return consistent(out, slope, w);
        }
        // A wide plate seen at an angle has a sloping baseline: its digits and its letters, either side
        // of the emblem, are each checked against their own baseline.
        List<Rect> all = consistent(out, slope, w);
        List<Rect> kept = new ArrayList<>();
        for (boolean leftSide : new boolean[] {true, false}) {
            List<Rect> side = new ArrayList<>();
            for (Rect r : out) {
                if ((r.x + r.width / 2.0 < w / 2.0) == leftSide) {
                    side.add(r);
                }
            }
            kept.addAll(side.size() >= 3 ? consistent(side, slope, w) : side.stream().filter(all::contains).toList());
        }
        kept.sort(Comparator.comparingInt(r -> r.x));
        return kept;
    }

    /**
     * The widest a single character's blob may be, in its heights. Standard plates print characters about
     * half as wide as tall. Wide plates' photos are often stretched sideways (crops up to 6.8 times as wide
     * as tall where the plate is 4.7), so that a digit there may be as wide as tall: split at 1.1 heights,
     * every such digit was cut in two and its crop gave no whole glyph at all.
     */
    static double singleWidth(int w, int h) {
        return wideShape(w, h) ? WIDE_SINGLE : 1.1;
    }

    /** How many characters a blob too wide for one holds (2-4), at the plate shape's character width. */
    private static int pieces(int bw, int bh, int w, int h) {
        double each = wideShape(w, h) ? 0.85 : 0.62;
        return (int) Math.min(4, Math.max(2, Math.round(bw / (each * bh))));
    }

    /** {@link #singleWidth} of a wide plate. */
    static final double WIDE_SINGLE = 1.45;

    /**
     * Cuts a blob of {@code k} touching characters at the thinnest columns near the equal-width cut
     * positions (where neighbours touch, little ink is stacked).
     */
    private static List<Rect> split(byte[] px, int w, Rect r, int k) {
        int[] ink = new int[r.width];
        for (int yy = r.y; yy < r.y + r.height; yy++) {
            for (int xx = 0; xx < r.width; xx++) {
                if (px[yy * w + r.x + xx] != 0) {
                    ink[xx]++;
                }
            }
        }
        List<Rect> out = new ArrayList<>();
        int prev = 0;
        for (int j = 1; j <= k; j++) {
            int cut = r.width;
            if (j < k) {
                int expected = j * r.width / k;
                int reach = Math.max(1, r.width / (4 * k));
                cut = expected;
                for (int xx = Math.max(prev + 2, expected - reach); xx <= Math.min(r.width - 2, expected + reach); xx++) {
                    if (ink[xx] < ink[cut]) {
                        cut = xx;
                    }
                }
            }
            if (cut - prev >= 2) {
                out.add(new Rect(r.x + prev, r.y, cut - prev, r.height));
            }
            prev = cut;
        }
        return out;
    }

    /**
     * {@link #consistent(List)} of boxes along a baseline that falls by {@code slope} rows per column (0: level) in a
     * crop {@code w} wide: each box is measured moved level by its centre's {@link #shift}.
     */
    private static List<Rect> consistent(List<Rect> boxes, double slope, int w) {
        if (slope == 0 || boxes.size() < 3) {
            return consistent(boxes);
        }
        Map<Rect, Rect> back = new IdentityHashMap<>();
        List<Rect> level = new ArrayList<>(boxes.size());
        for (Rect r : boxes) {
            Rect l = new Rect(r.x, r.y - shift(r.x + r.width / 2.0, w, slope), r.width, r.height);
            back.put(l, r);
            level.add(l);
        }
        List<Rect> out = new ArrayList<>();
        for (Rect l : consistent(level)) {
            out.add(back.get(l));
        }
        return out;
    }

    /**
     * Keeps the blobs that sit on the row's common baseline with a character's height: emblem dots,
     * strip print and stains are shorter or float above or below it.
     */
    private static List<Rect> consistent(List<Rect> boxes) {
        if (boxes.size() < 3) {
            return boxes;
        }
        double[] heights = boxes.stream().mapToDouble(r -> r.height).sorted().toArray();
        double[] bottoms = boxes.stream().mapToDouble(r -> r.y + r.height).sorted().toArray();
        double medianH = heights[heights.length / 2];
        double maxH = heights[heights.length - 1];
        double medianBottom = bottoms[bottoms.length / 2];
        List<Rect> out = new ArrayList<>();
        for (Rect r : boxes) {
            // A short near-square blob is the wide plate's emblem dot, not a letter.
            boolean dot = r.width > 0.85 * r.height && r.height < 0.8 * medianH;
            if (!dot && r.height >= 0.55 * Math.max(medianH, 0.8 * maxH) && r.height <= 1.3 * medianH
                    && Math.abs(r.y + r.height - medianBottom) <= 0.3 * medianH) {
                out.add(r);
            }
        }
        return out;
    }
}
