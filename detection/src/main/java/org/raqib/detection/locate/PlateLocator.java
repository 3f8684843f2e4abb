package org.raqib.detection.locate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.RecognitionProfile;
import org.raqib.detection.opencv.ComponentStats;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * Finds regions of a photo that may be licence plates, generously: the reader's learned plate score
 * decides which of them are plates. Four classical generators run on an image pyramid (each level
 * halves the image, so fixed kernels cover plates from about 40 to 560 pixels wide):
 * <ul>
 *   <li>text blocks: dense vertical edges closed into a block (characters side by side), and for a
 *       long thin block, the plate above and below it (it may be one of the two text rows);</li>
 *   <li>bright regions: the plate's white background, characters filled by a closing;</li>
 *   <li>character rows: dark character-sized blobs aligned in a row, which also finds wide plates
 *       whose emblem splits the text into two far-apart groups;</li>
 *   <li>plate outlines: closed four-cornered edge contours (not at full size, where they add nothing).</li>
 * </ul>
 * Every candidate is scored by the learned {@link CandidateScorer}; near-duplicates are suppressed; the
 * best are refined to the bright plate background around them (local Otsu threshold) and reframed
 * (wider, taller, shifted), and these too are scored, so that a candidate covering part of a plate
 * still yields one framing the whole plate. A large find can also be framed by its plate's own border
 * ({@link #borderFramings}), which {@code PlateRecognizer} asks for where no find reads surely.
 *
 * <p>Holds no per-image state, but is not meant to be shared between threads (the scorer is cheap to
 * load; give each task its own).
 */
public final class PlateLocator {

    /** How many of the best candidates are also reframed (see {@link #variants}). */
    private static final int REFRAMED = 4;
    private static final int MIN_BLOCK_HEIGHT = 5;

    // Structuring elements made once: each generator call built its own (a native allocation and a
    // finalizer each time, about 13 per photo). Read-only, so sharing them between threads is safe.
    private static final Mat RECT_3X3 = rect(3, 3);
    private static final Mat RECT_5X3 = rect(5, 3);
    private static final Mat RECT_9X7 = rect(9, 7);
    private static final Mat RECT_17X3 = rect(17, 3);

    private static Mat rect(int w, int h) {
        OpenCvLoader.load();
        return Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(w, h));
    }

    /** Closed outlines with four corners: the plate's border, where its background merges with the car's. */
    private static void edgeQuads(Mat g, double scale, Size full, List<PlateCandidate> out, Mat dx) {
        Mat edges = new Mat();
        if (dx != null) {
            // Canny's own derivatives (3x3 Sobel, replicated border), the horizontal one kept from the text mask:
            // the same edges as Canny of the image (PlateLocatorTest; read's output unchanged), one derivative fewer.
            Mat dy = new Mat();
            Imgproc.Sobel(g, dy, CvType.CV_16S, 0, 1, 3, 1, 0, Core.BORDER_REPLICATE);
            Imgproc.Canny(dx, dy, edges, 50, 150);
            dy.release();
        } else {
            Imgproc.Canny(g, edges, 50, 150);
        }
        Imgproc.dilate(edges, edges, RECT_3X3);
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(edges, contours, hierarchy, Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
        hierarchy.release();
        edges.release();
        // One float copy of the points, reused: a new one per contour was a native allocation, a finalizer and a release.
        MatOfPoint2f floats = new MatOfPoint2f();
        for (MatOfPoint c : contours) {
            Rect br = Imgproc.boundingRect(c);
            if (br.width >= 25 && br.height >= 8 && br.width <= 200) {
                RotatedRect rr = Imgproc.minAreaRect(toFloat(c, floats));
                double w = Math.max(rr.size.width, rr.size.height);
                double h = Math.min(rr.size.width, rr.size.height);
                double aspect = w / Math.max(1, h);
                double fill = Imgproc.contourArea(c) / Math.max(1, w * h);
                if (aspect >= MIN_ASPECT && aspect <= MAX_ASPECT && fill > 0.75) {
                    out.add(toCandidate(rr, scale, full, 1.0, 1.0));
                }
            }
            c.release();
        }
        floats.release();
    }
    private static final double MIN_ASPECT = 1.4;
    private static final double MAX_ASPECT = 8.0;

    private final LocatorOptions options;
    private final CandidateScorer scorer;

    /** A locator with {@code options} (validated here) that ranks candidates with {@code scorer}. */
    public PlateLocator(LocatorOptions options, CandidateScorer scorer) {
        this.options = options.validate();
        this.scorer = java.util.Objects.requireNonNull(scorer, "scorer");
        OpenCvLoader.load();
    }

    /** A locator with the committed candidate scorer; fails loudly if it is missing. */
    public static PlateLocator loadDefault(LocatorOptions options) {
        return new PlateLocator(options, CandidateScorer.loadDefault());
    }

    /**
     * Candidate plate regions of {@code image} (8-bit BGR, BGRA or gray), most plate-like first, at
     * most {@link LocatorOptions#maxCandidates()}.
     */
    public List<PlateCandidate> locate(Mat image) {
        return locate(image, null);
    }

    /**
     * As {@link #locate(Mat)}, charging the time of each stage to {@code profile} (null: not profiled);
     * the caller has started the profile's clocks.
     */
    public List<PlateCandidate> locate(Mat image, RecognitionProfile profile) {
        // A gray image (what the recogniser decodes) is used as it is: no copy.
        boolean gray1 = image.channels() == 1 && !image.empty();
        List<Mat> pyramid = pyramid(gray1 ? image : toGray(image), options.levels());
        try {
            Mat gray = pyramid.get(0);
            List<PlateCandidate> raw = dedupe(generate(pyramid, options.halfSizeFrom(), options.focusFrom()));
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.GENERATE);
            // As many are refined and reframed as will be returned: refining twice as many (as before)
            // read no more plates on the training photos and cost a tenth of the localiser's time.
            List<PlateCandidate> kept = suppress(score(pyramid, raw), options.maxCandidates());
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.SCORE);
            List<PlateCandidate> more = new ArrayList<>();
            for (PlateCandidate c : kept) {
                PlateCandidate r = refine(gray, c);
                if (r != null) {
                    more.add(r);
                }
            }
            for (int i = 0; i < Math.min(REFRAMED, kept.size()); i++) {
                more.addAll(variants(kept.get(i), gray.size()));
            }
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.REFINE);
            List<PlateCandidate> all = new ArrayList<>(kept);
            all.addAll(score(pyramid, more));
            List<PlateCandidate> best = suppress(all, options.maxCandidates());
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.SCORE);
            return best;
        } finally {
            for (int i = gray1 ? 1 : 0; i < pyramid.size(); i++) {
                pyramid.get(i).release();
            }
        }
    }

    /**
     * The gray image and {@code levels - 1} successive halvings of it (stopping when too small to hold a plate, and
     * after {@link #SCORED_LEVELS} levels where the image is no wider than {@link #COARSE_MIN_WIDTH}).
     */
    static List<Mat> pyramid(Mat gray, int levels) {
        List<Mat> p = new ArrayList<>(levels);
        p.add(gray);
        for (int l = 1; l < levels; l++) {
            Mat prev = p.get(l - 1);
            if (prev.cols() < 120 || prev.rows() < 60 || l >= SCORED_LEVELS && gray.cols() <= COARSE_MIN_WIDTH) {
                break;
            }
            Mat down = new Mat();
            Imgproc.pyrDown(prev, down);
            p.add(down);
        }
        return p;
    }

    /**
     * Levels of the pyramid the candidate scorer's features are measured on: the three it was trained with. A fourth
     * level ({@link #COARSE_MIN_WIDTH}) adds candidates, not another scale for the features: measured there, the
     * scorer's choice among a large plate's framings changed at --scale 2-2.7 and lost plates it had found.
     */
    static final int SCORED_LEVELS = 3;

    /**
     * Full-size width below which a candidate of a level past the {@link #SCORED_LEVELS}th is dropped, and below which
     * an image gets no such level: the three levels measure plates up to about 560 px wide, and a larger plate (a
     * 598-px photo's widest plates seen 1.5 times larger or more, 780-1400 px) was found only as a piece, cut at a side
     * (photos read short of a digit; see {@code GlyphReader.digitsCutOff}). Kept to candidates this wide, the fourth
     * level leaves every plate of a photo no wider than this as it was (eval --training-only at --scale 1.0
     * unchanged) and adds only the large ones.
     */
    static final int COARSE_MIN_WIDTH = 600;

    /** Unscored candidates from all generators on all pyramid levels. */
    static List<PlateCandidate> generate(List<Mat> pyramid) {
        return generate(pyramid, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * As {@link #generate(List)}, leaving the full-size level out for images at least {@code halfSizeFrom}
     * pixels tall (see {@link LocatorOptions#halfSizeFrom()}), and searching it only around text found at
     * half size for images at least {@code focusFrom} pixels tall (see {@link LocatorOptions#focusFrom()}).
     */
    static List<PlateCandidate> generate(List<Mat> pyramid, int halfSizeFrom, int focusFrom) {
        List<PlateCandidate> raw = new ArrayList<>();
        Size full = pyramid.get(0).size();
        int finest = 0;
        if (full.height >= halfSizeFrom && pyramid.size() > 1) {
            finest = 1;
            // The full-size level's bright regions, sought at half size: half the closing and half the
            // neighbourhood: without them one more of 60 generated 1080p plates was missed (51 against 52
            // found; all levels: 52). Text blocks or bright regions at full size instead found as many
            // but cost three times as much.
            brightRegions(pyramid.get(1), 2, full, raw, RECT_5X3, 21);
        }
        // The half-size text mask, when the focus regions need it: the text-block generator at half size uses
        // the same one instead of computing it again.
        Mat halfMask = null;
        // Its horizontal derivative, kept for the outline generator at half size as where the mask is made there.
        Mat halfDx = null;
        if (finest == 0 && full.height >= focusFrom && pyramid.size() > 1) {
            halfDx = new Mat();
            halfMask = textMask(pyramid.get(1), halfDx);
            List<Rect> focus = focusRegionsOfMask(halfMask, full);
            if (focus != null) {
                // The full-size level searched only around what looks like text at half size: the other
                // generators' full-size work over a whole 1080p frame (road, sky, car bodies) was about
                // half the recogniser's time there. The rest of the pyramid is searched whole, as before.
                Mat level = pyramid.get(0);
                for (Rect roi : focus) {
                    Mat sub = level.submat(roi);
                    Size roiSize = roi.size();
                    List<PlateCandidate> part = new ArrayList<>();
                    textBlocks(sub, 1, roiSize, part);
                    brightRegions(sub, 1, roiSize, part);
                    characterRows(sub, 1, roiSize, part);
                    sub.release();
                    for (PlateCandidate c : part) {
                        raw.add(shifted(c, roi.x, roi.y, full));
                    }
                }
                finest = 1;
            }
        }
        for (int l = finest; l < pyramid.size(); l++) {
            Mat level = pyramid.get(l);
            double scale = 1 << l;
            int before = raw.size();
            // Where the outline generator runs, the text mask's horizontal derivative is taken as Canny takes it and
            // kept for it (see textMask).
            Mat dx = null;
            if (l == 1 && halfMask != null) {
                textBlockShapes(halfMask, scale, full, raw);
                halfMask.release();
                halfMask = null;
                dx = halfDx;
                halfDx = null;
            } else {
                dx = l > 0 ? new Mat() : null;
                Mat bin = textMask(level, dx);
                textBlockShapes(bin, scale, full, raw);
                bin.release();
            }
            // Bright regions at every level. Keeping them only at the coarsest level saved about a quarter
            // of the generation time and cost nothing on the training photos, but on the held-out photos it
            // lost a plate (recall 45 -> 44 of 46) and two exact reads (33 -> 31): the training photos,
            // which the readers were trained on, did not show what the finer framings are worth on photos
            // the readers have not seen (BENCHMARKS.md, recognition accuracy: how this was decided).
            brightRegions(level, scale, full, raw);
            if (l == 0 && full.height < SMALL_PLATES_BELOW) {
                smallBrightRegions(level, full, raw);
            }
            characterRows(level, scale, full, raw);
            // At full size the outline generator adds nothing the others miss, at a high cost.
            if (l > 0) {
                edgeQuads(level, scale, full, raw, dx);
            }
            if (dx != null) {
                dx.release();
            }
            if (l >= SCORED_LEVELS) {
                raw.subList(before, raw.size()).removeIf(c -> c.bounds().width < COARSE_MIN_WIDTH);
            }
        }
        return raw;
    }

    /** Margin around each text block found at half size, in full-size pixels: a plate's border and the
     *  neighbourhood of the bright-region threshold (41 px) lie around its text. */
    static final int FOCUS_MARGIN = 64;
    /** Above this share of the image, the focus regions are the whole image in effect: searched whole. */
    static final double FOCUS_MAX_SHARE = 0.7;
    /**
     * A plate's dark frame with at least this many character specks inside it is a candidate itself. Two, not
     * three: on a faint plate most characters join the frame or the middle line in the threshold, and a
     * 129x29 px wide plate on a white car kept only two free ones (no generator framed it). On the 182
     * training photos two instead of three added about 0.2 raw candidates per photo, none scored as a plate
     * away from the labelled one (BENCHMARKS.md, session 8, rrecall).
     */
    static final int FRAME_MIN_CHARS = 2;

    /**
     * Regions of the full-size image worth searching at full size: around the blocks of dense vertical
     * edges (text, found as the text-block generator finds them) at half size, merged where they overlap;
     * null when they would cover most of the image anyway.
     */
    static List<Rect> focusRegions(Mat half, Size full) {
        Mat bin = textMask(half);
        try {
            return focusRegionsOfMask(bin, full);
        } finally {
            bin.release();
        }
    }

    /** {@link #focusRegions} from the half-size image's text mask {@code bin} (only read). */
    static List<Rect> focusRegionsOfMask(Mat bin, Size full) {
        int[] st = speckStats(bin);
        List<Rect> rects = new ArrayList<>();
        int m = FOCUS_MARGIN;
        for (int i = 1; i < st.length / 5; i++) {
            int w = st[i * 5 + 2];
            int h = st[i * 5 + 3];
            // Every block but the tiniest: a small plate's text may be part of a larger block at half size.
            if (w * 2 < 8 || h * 2 < 6) {
                continue;
            }
            rects.add(QuadGeometry.clip(new Rect(st[i * 5] * 2 - m, st[i * 5 + 1] * 2 - m, w * 2 + 2 * m, h * 2 + 2 * m), full));
        }
        List<Rect> merged = mergeOverlapping(rects);
        double area = 0;
        for (Rect r : merged) {
            area += r.area();
        }
        return area > FOCUS_MAX_SHARE * full.area() ? null : merged;
    }

    /** Rectangles merged until none overlaps another. */
    static List<Rect> mergeOverlapping(List<Rect> in) {
        List<Rect> out = new ArrayList<>(in);
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    Rect a = out.get(i);
                    Rect b = out.get(j);
                    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
                        int x0 = Math.min(a.x, b.x);
                        int y0 = Math.min(a.y, b.y);
                        int x1 = Math.max(a.x + a.width, b.x + b.width);
                        int y1 = Math.max(a.y + a.height, b.y + b.height);
                        out.set(i, new Rect(x0, y0, x1 - x0, y1 - y0));
                        out.remove(j);
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return out;
    }

    /** {@code c}, found in a region whose top-left corner is at ({@code dx}, {@code dy}), in image coordinates. */
    private static PlateCandidate shifted(PlateCandidate c, int dx, int dy, Size full) {
        Point[] q = c.corners();
        Point[] s = new Point[q.length];
        for (int i = 0; i < q.length; i++) {
            s[i] = new Point(q[i].x + dx, q[i].y + dy);
        }
        return new PlateCandidate(s, QuadGeometry.bounds(s, full), c.score(), c.aspect());
    }

    private List<PlateCandidate> score(List<Mat> pyramid, List<PlateCandidate> in) {
        List<PlateCandidate> out = new ArrayList<>(in.size());
        List<Mat> scored = pyramid.subList(0, Math.min(pyramid.size(), SCORED_LEVELS));
        for (PlateCandidate c : in) {
            double s = scorer.score(scored, c.bounds());
            out.add(new PlateCandidate(c.corners(), c.bounds(), s, c.aspect()));
        }
        return out;
    }

    /**
     * The candidate's quadrilateral warped to an axis-aligned crop of about its own size, with a
     * small margin so that a slightly too tight quadrilateral does not cut the plate's characters.
     */
    public Mat rectify(Mat image, PlateCandidate c) {
        Mat m = cropWarp(c, false);
        Mat out = new Mat();
        Imgproc.warpPerspective(image, out, m, cropSize(c), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        m.release();
        return out;
    }

    /** The size of {@link #rectify}'s crop of {@code c}. */
    public Size cropSize(PlateCandidate c) {
        double[] f = cropFrame(c);
        return new Size(f[0] + 2 * f[2], f[1] + 2 * f[3]);
    }

    /** Points of {@link #rectify}'s crop of {@code c}, in the image's coordinates (the crop's warp undone). */
    public Point[] fromCrop(PlateCandidate c, Point[] cropPoints) {
        Mat back = cropWarp(c, true);
        MatOfPoint2f in = new MatOfPoint2f(cropPoints);
        MatOfPoint2f out = new MatOfPoint2f();
        Core.perspectiveTransform(in, out, back);
        Point[] p = out.toArray();
        for (Mat m : new Mat[] {back, in, out}) {
            m.release();
        }
        return p;
    }

    /**
     * The perspective map from {@code c}'s quadrilateral to {@link #rectify}'s crop of it, or back from the crop where
     * {@code back}; the caller releases it.
     */
    private Mat cropWarp(PlateCandidate c, boolean back) {
        double[] f = cropFrame(c);
        double w = f[0];
        double h = f[1];
        double mx = f[2];
        double my = f[3];
        MatOfPoint2f quad = new MatOfPoint2f(c.corners());
        MatOfPoint2f crop = new MatOfPoint2f(new Point(mx, my), new Point(w + mx, my), new Point(w + mx, h + my),
                new Point(mx, h + my));
        Mat m = back ? Imgproc.getPerspectiveTransform(crop, quad) : Imgproc.getPerspectiveTransform(quad, crop);
        quad.release();
        crop.release();
        return m;
    }

    /** {@link #rectify}'s quad size and margins for {@code c}: width, height, x margin, y margin. */
    private double[] cropFrame(PlateCandidate c) {
        Point[] q = c.corners();
        int w = (int) Math.max(16, Math.round(Math.max(dist(q[0], q[1]), dist(q[3], q[2]))));
        int h = (int) Math.max(8, Math.round(Math.max(dist(q[0], q[3]), dist(q[1], q[2]))));
        return new double[] {w, h, w * options.cropMargin(), h * options.cropMargin()};
    }

    private static double dist(Point a, Point b) {
        return Math.hypot(a.x - b.x, a.y - b.y);
    }

    /** A gray copy of {@code image} (1, 3 or 4 channels, BGR order); the caller releases it. */
    public static Mat toGray(Mat image) {
        if (image.empty()) {
            throw new IllegalArgumentException("empty image");
        }
        Mat gray = new Mat();
        switch (image.channels()) {
            case 1 -> image.copyTo(gray);
            case 3 -> Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGR2GRAY);
            case 4 -> Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGRA2GRAY);
            default -> throw new IllegalArgumentException("image must have 1, 3 or 4 channels, has " + image.channels());
        }
        return gray;
    }

    /** Candidates at least this wide (full-size pixels) are also framed by their plate's own border lines. */
    public static final int OUTLINE_MIN_WIDTH = 100;
    /** Steepest line (degrees from level) taken for a plate's top or bottom border. */
    static final double OUTLINE_MAX_TILT = 12;
    /** Most a plate's side (its border's upright line) may lean from upright, in degrees: perspective and shear. */
    static final double OUTLINE_MAX_LEAN = 20;

    /**
     * The plate framed by its own border: in a window about {@code c}, the straight edges (Canny, probabilistic Hough)
     * near level and longer than a quarter of its width are its top and bottom borders' candidates, those near upright
     * reaching from one to the other its sides'; the largest quadrilateral of a plate's shape whose sides meet top and
     * bottom within their ends frames the plate (corners where the lines cross, so a plate seen in perspective is
     * framed as it is). Null where none is found. For large plates the text-based generators frame only the text (a
     * wide plate with one or two digits: its digit panel is mostly empty) and the bright regions split at a wide
     * plate's dark dividers, while the border is the plate's plainest feature.
     */
    static Outline outline(Mat gray, PlateCandidate c) {
        Rect b = c.bounds();
        if (b.width < OUTLINE_MIN_WIDTH || b.height < 8) {
            return null;
        }
        double w = b.width;
        double h = b.height;
        int x0 = (int) Math.max(0, b.x - 0.5 * w);
        int y0 = (int) Math.max(0, b.y - 0.7 * h);
        int x1 = (int) Math.min(gray.cols(), b.x + 1.5 * w);
        int y1 = (int) Math.min(gray.rows(), b.y + 1.7 * h);
        Mat win = gray.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat edges = new Mat();
        Imgproc.GaussianBlur(win, edges, new Size(3, 3), 0);
        win.release();
        Imgproc.Canny(edges, edges, 30, 90);
        int lh = Math.max(12, (int) (w / 4));
        int lv = Math.max(6, (int) (h / 5));
        Mat found = new Mat();
        // Gaps of a few pixels only: a row of characters' tops is not a line.
        Imgproc.HoughLinesP(edges, found, 1, Math.PI / 720, lv / 2, lv, 4);
        edges.release();
        List<double[]> level = new ArrayList<>();
        List<double[]> upright = new ArrayList<>();
        double maxSlope = Math.tan(Math.toRadians(OUTLINE_MAX_TILT));
        double maxLean = Math.tan(Math.toRadians(OUTLINE_MAX_LEAN));
        for (int i = 0; i < found.rows(); i++) {
            double[] l = found.get(i, 0);
            double dx = Math.abs(l[2] - l[0]);
            double dy = Math.abs(l[3] - l[1]);
            if (dy <= maxSlope * dx) {
                boolean rightward = l[0] <= l[2];
                join(level, rightward ? new double[] {l[0] + x0, l[1] + y0, l[2] + x0, l[3] + y0}
                        : new double[] {l[2] + x0, l[3] + y0, l[0] + x0, l[1] + y0});
            } else if (dx <= maxLean * dy) {
                // Kept as {y0, x0, y1, x1}: along y, as level lines are along x.
                boolean downward = l[1] <= l[3];
                join(upright, downward ? new double[] {l[1] + y0, l[0] + x0, l[3] + y0, l[2] + x0}
                        : new double[] {l[3] + y0, l[2] + x0, l[1] + y0, l[0] + x0});
            }
        }
        found.release();
        level.removeIf(l -> l[2] - l[0] < lh);
        double largestArea = 0;
        Point[] largest = null;
        double enclosingArea = Double.MAX_VALUE;
        Point[] enclosing = null;
        for (double[] t : level) {
            for (double[] u : level) {
                double mid = (Math.max(t[0], u[0]) + Math.min(t[2], u[2])) / 2;
                double across = yAt(u, mid) - yAt(t, mid);
                if (across < 0.35 * h || across > 2.2 * h) {
                    continue;
                }
                List<Point[]> sides = sides(t, u, upright, across, w);
                for (Point[] left : sides) {
                    for (Point[] right : sides) {
                        double along = (right[0].x - left[0].x + right[1].x - left[1].x) / 2;
                        double aspect = along / across;
                        if (along < 0.5 * w || along > 2.0 * w || aspect < MIN_ASPECT || aspect > 7) {
                            continue;
                        }
                        Point[] quad = {left[0], right[0], right[1], left[1]};
                        double area = along * across;
                        if (area > largestArea) {
                            largestArea = area;
                            largest = quad;
                        }
                        if (area < enclosingArea
                                && Boxes.coverage(b, QuadGeometry.bounds(quad, gray.size())) >= ENCLOSED) {
                            enclosingArea = area;
                            enclosing = quad;
                        }
                    }
                }
            }
        }
        return largest == null ? null : new Outline(largest, enclosing);
    }

    /**
     * The framings of the plate about {@code c} by its own border ({@link #outline}) in {@code gray}: the largest
     * quadrilateral of a plate's shape, and the smallest that holds most of {@code c} ({@link #ENCLOSED}) where that
     * is another; each with {@code c}'s score. Empty where the border shows no such quadrilateral.
     */
    public static List<PlateCandidate> borderFramings(Mat gray, PlateCandidate c) {
        Outline o = outline(gray, c);
        List<PlateCandidate> out = new ArrayList<>(2);
        if (o == null) {
            return out;
        }
        for (Point[] q : new Point[][] {o.largest(), o.enclosing()}) {
            if (q != null && (out.isEmpty() || out.get(0).corners() != q)) {
                out.add(new PlateCandidate(q, QuadGeometry.bounds(q, gray.size()), c.score(),
                        dist(q[0], q[1]) / Math.max(1, dist(q[0], q[3]))));
            }
        }
        return out;
    }

    /**
     * A plate framed by its border ({@link #outline}): the largest quadrilateral of a plate's shape, and the smallest
     * whose bounds hold most of the candidate it was sought about (null where none does).
     */
    record Outline(Point[] largest, Point[] enclosing) {
    }

    /** Share of a candidate's box inside a framing that encloses it. */
    static final double ENCLOSED = 0.9;

    /**
     * The plate's possible sides between level lines {@code t} (top) and {@code u} (bottom), as their crossings
     * {top, bottom}: the upright lines that cross both within their ends, grouped where they cross the middle within
     * {@link #SIDE_APART} px of each other (a border's two edges, a side broken where a middle line meets it), each
     * group that covers at least {@link #SIDE_COVER} of the height between them giving the crossings of its longest
     * line.
     */
    private static List<Point[]> sides(double[] t, double[] u, List<double[]> upright, double across, double w) {
        List<double[]> crossing = new ArrayList<>();
        for (double[] v : upright) {
            Point top = cross(t, v);
            Point bottom = cross(u, v);
            if (top == null || bottom == null || !within(t, top.x, w) || !within(u, bottom.x, w)) {
                continue;
            }
            double from = Math.max(v[0], top.y);
            double to = Math.min(v[2], bottom.y);
            if (to > from) {
                crossing.add(new double[] {(top.x + bottom.x) / 2, from, to, top.x, top.y, bottom.x, bottom.y});
            }
        }
        crossing.sort(Comparator.comparingDouble(c -> c[0]));
        List<Point[]> out = new ArrayList<>();
        for (int i = 0; i < crossing.size();) {
            int j = i + 1;
            while (j < crossing.size() && crossing.get(j)[0] - crossing.get(j - 1)[0] <= SIDE_APART) {
                j++;
            }
            List<double[]> group = new ArrayList<>(crossing.subList(i, j));
            group.sort(Comparator.comparingDouble(c -> c[1]));
            double covered = 0;
            double reached = Double.NEGATIVE_INFINITY;
            double[] longest = group.get(0);
            for (double[] c : group) {
                covered += Math.max(0, c[2] - Math.max(c[1], reached));
                reached = Math.max(reached, c[2]);
                if (c[2] - c[1] > longest[2] - longest[1]) {
                    longest = c;
                }
            }
            if (covered >= SIDE_COVER * across) {
                out.add(new Point[] {new Point(longest[3], longest[4]), new Point(longest[5], longest[6])});
            }
            i = j;
        }
        return out;
    }

    /** Lines this close (px, at the middle of their overlap or gap) and within 3 degrees are one line. */
    static final double JOIN_APART = 5;
    /** Upright lines this close (px, where they cross the middle) are one side of a plate. */
    static final double SIDE_APART = 6;
    /** Share of a plate's height its side's lines must cover. */
    static final double SIDE_COVER = 0.6;

    /** Whether {@code x} lies along level line {@code l} (ends included), give or take 5% of {@code w} and 3 px. */
    private static boolean within(double[] l, double x, double w) {
        double slack = 0.05 * w + 3;
        return x >= l[0] - slack && x <= l[2] + slack;
    }

    /**
     * Where level line {@code l} ({x0, y0, x1, y1}) crosses upright line {@code v} ({y0, x0, y1, x1}), both extended;
     * null if they do not cross.
     */
    private static Point cross(double[] l, double[] v) {
        // Level: y = a + b x. Upright: x = p + q y.
        double b = (l[3] - l[1]) / (l[2] - l[0]);
        double a = l[1] - b * l[0];
        double q = (v[3] - v[1]) / (v[2] - v[0]);
        double p = v[1] - q * v[0];
        double d = 1 - b * q;
        if (Math.abs(d) < 1e-6) {
            return null;
        }
        double y = (a + b * p) / d;
        return new Point(p + q * y, y);
    }

    /** The height of line {@code l} ({x0, y0, x1, y1}, x0 < x1) at {@code x}, extended straight. */
    private static double yAt(double[] l, double x) {
        return l[1] + (l[3] - l[1]) * (x - l[0]) / (l[2] - l[0]);
    }

    /** Adds {@code l} to {@code lines}, joined with a line it continues (within {@link #JOIN_APART} px and 3 degrees); joined lines join on. */
    private static void join(List<double[]> lines, double[] l) {
        double angle = Math.atan2(l[3] - l[1], l[2] - l[0]);
        for (int i = 0; i < lines.size(); i++) {
            double[] m = lines.get(i);
            double ma = Math.atan2(m[3] - m[1], m[2] - m[0]);
            double probe = (Math.max(l[0], m[0]) + Math.min(l[2], m[2])) / 2;
            if (Math.abs(angle - ma) < Math.toRadians(3) && Math.abs(yAt(l, probe) - yAt(m, probe)) < JOIN_APART) {
                double[] e = l[0] < m[0] ? new double[] {l[0], l[1]} : new double[] {m[0], m[1]};
                double[] f = l[2] > m[2] ? new double[] {l[2], l[3]} : new double[] {m[2], m[3]};
                lines.remove(i);
                join(lines, new double[] {e[0], e[1], f[0], f[1]});
                return;
            }
        }
        lines.add(l);
    }

    /**
     * Reframings of a candidate that covers only part of a plate (one text row, one half of a wide
     * plate) or too much of it; the scorer picks whichever frames the plate best.
     */
    static List<PlateCandidate> variants(PlateCandidate c, Size full) {
        return reframed(c, full, VARIANTS);
    }

    /** {@code c} moved and resized by each row of {@code v}, along and across its own axis. */
    private static List<PlateCandidate> reframed(PlateCandidate c, Size full, double[][] v) {
        Point[] q = c.corners();
        double cx = (q[0].x + q[1].x + q[2].x + q[3].x) / 4;
        double cy = (q[0].y + q[1].y + q[2].y + q[3].y) / 4;
        double w = (dist(q[0], q[1]) + dist(q[3], q[2])) / 2;
        double h = (dist(q[0], q[3]) + dist(q[1], q[2])) / 2;
        double angle = Math.toDegrees(Math.atan2(q[1].y - q[0].y, q[1].x - q[0].x));
        double ux = Math.cos(Math.toRadians(angle));
        double uy = Math.sin(Math.toRadians(angle));
        List<PlateCandidate> out = new ArrayList<>(v.length);
        for (double[] t : v) {
            // t = {shift along (in widths), shift across (in heights), width factor, height factor}
            double nx = cx + ux * t[0] * w - uy * t[1] * h;
            double ny = cy + uy * t[0] * w + ux * t[1] * h;
            out.add(toCandidate(new RotatedRect(new Point(nx, ny), new Size(w * t[2], h * t[3]), angle), 1.0, full, 1.0, 1.0));
        }
        return out;
    }

    /**
     * Looser framings of {@code c} about its centre (slightly longer, and taller), most like {@code c} first,
     * for a candidate the localiser is sure of but whose crop the reader rejects: the reader's plate score
     * is sensitive to a framing that cuts a small plate's top or bottom by a pixel or two (a 21-px-tall
     * plate framed 13 px tall), while a framing with a little margin reads as a plate. Unscored (score 0).
     */
    public static List<PlateCandidate> looser(PlateCandidate c, Size full) {
        return reframed(c, full, LOOSER);
    }

    /**
     * {@code c} with its bottom edge moved down by {@code extra} of its height along its sides (into an image of size
     * {@code full}), score kept: the same plate framed taller, as the reader asks for a hard crop
     * ({@link org.raqib.detection.read.GlyphReader#read(Mat, org.raqib.detection.read.GlyphReader.Recrop)}).
     */
    public static PlateCandidate taller(PlateCandidate c, double extra, Size full) {
        Point[] q = c.corners();
        Point[] t = {q[0], q[1], new Point(q[2].x + extra * (q[2].x - q[1].x), q[2].y + extra * (q[2].y - q[1].y)),
            new Point(q[3].x + extra * (q[3].x - q[0].x), q[3].y + extra * (q[3].y - q[0].y))};
        return new PlateCandidate(t, QuadGeometry.bounds(t, full), c.score(), c.aspect());
    }

    /** {@code c} with its corners multiplied by {@code factor} (into an image of size {@code full}), score kept. */
    public static PlateCandidate scaled(PlateCandidate c, double factor, Size full) {
        return mapped(c, scaling(factor), full);
    }

    /** The 2x3 affine map (as {@link #mapped} takes it) that multiplies coordinates by {@code factor}. */
    public static double[] scaling(double factor) {
        return new double[] {factor, 0, 0, 0, factor, 0};
    }

    /**
     * {@code c}, found in an image made from another by an affine map, in that other image's coordinates:
     * {@code back} is the 2x3 map from the found image to the other (row-major: x' = back[0] x + back[1] y + back[2],
     * y' = back[3] x + back[4] y + back[5]), {@code full} the other image's size. A turn keeps the corners' order
     * (clockwise from top-left) for angles under 45 degrees; the bounds are clipped to {@code full}.
     */
    public static PlateCandidate mapped(PlateCandidate c, double[] back, Size full) {
        Point[] q = c.corners();
        Point[] s = new Point[q.length];
        for (int i = 0; i < q.length; i++) {
            s[i] = new Point(back[0] * q[i].x + back[1] * q[i].y + back[2], back[3] * q[i].x + back[4] * q[i].y + back[5]);
        }
        return new PlateCandidate(s, QuadGeometry.bounds(s, full), c.score(), c.aspect());
    }

    /**
     * {@code c} lengthened {@code factor} times along its own axis towards its left ({@code towards} -1) or its right
     * (+1) end, the other end kept (into an image of size {@code full}); unscored (score 0).
     */
    public static PlateCandidate lengthened(PlateCandidate c, double factor, int towards, Size full) {
        return reframed(c, full, new double[][] {{towards * (factor - 1) / 2, 0, factor, 1.0}}).get(0);
    }

    /** {shift along, shift across, width factor, height factor} of {@link #looser}, as {@link #VARIANTS}. */
    private static final double[][] LOOSER = {{0, 0, 1.05, 1.3}, {0, 0, 1.1, 1.6}};

    private static final double[][] VARIANTS = {
        {0, 0, 1.5, 1.0}, {0.25, 0, 1.5, 1.0}, {-0.25, 0, 1.5, 1.0}, {0, 0, 2.2, 1.0}, {0.6, 0, 2.2, 1.0}, {-0.6, 0, 2.2, 1.0},
        {0, -0.5, 1.1, 2.0}, {0, 0.5, 1.1, 2.0}, {0, 0, 0.8, 0.8}, {0, 0, 1.2, 1.3},
        // Tighter framings: a close-up plate in a bright frame (chrome surround, bumper) merges with it
        // into one block wider than the plate, and no generator frames the plate alone. On the training
        // photos' close-up plates (436-527 px wide) the best framing of one went from IoU 0.55 to 0.86,
        // and tighter crops read better everywhere: exact 132 -> 138 of 166.
        {0, 0, 0.7, 0.8}, {0, 0, 0.85, 0.9},
    };

    /** Drops candidates nearly identical to an earlier one (generators and levels often agree). */
    static List<PlateCandidate> dedupe(List<PlateCandidate> in) {
        List<PlateCandidate> out = new ArrayList<>(in.size());
        for (PlateCandidate c : in) {
            boolean dup = false;
            for (PlateCandidate k : out) {
                if (Boxes.iou(c.bounds(), k.bounds()) > 0.85) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                out.add(c);
            }
        }
        return out;
    }

    /** Greedy non-max suppression: best first, drop anything overlapping a kept one too much. */
    static List<PlateCandidate> suppress(List<PlateCandidate> in, int max) {
        List<PlateCandidate> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingDouble(PlateCandidate::score).reversed());
        List<PlateCandidate> kept = new ArrayList<>();
        for (PlateCandidate c : sorted) {
            if (kept.size() >= max) {
                break;
            }
            boolean dup = false;
            for (PlateCandidate k : kept) {
                if (Boxes.iou(c.bounds(), k.bounds()) > 0.6) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static void textBlocks(Mat g, double scale, Size full, List<PlateCandidate> out) {
        Mat bin = textMask(g);
        textBlockShapes(bin, scale, full, out);
        bin.release();
    }

    /** The text-block candidates of a level's text mask {@code bin} (only read: OpenCV 4's contours leave it as it is). */
    static void textBlockShapes(Mat bin, double scale, Size full, List<PlateCandidate> out) {
        // Text blocks sit inside the plate border: widen them to reach it.
        shapes(bin, Imgproc.RETR_EXTERNAL, 0.45, MAX_TEXT_BLOCK_WIDTH, scale, full, 1.08, 1.2, out);
    }

    /**
     * Widest text block (pixels at its level) measured: twice {@link #MAX_SHAPE_WIDTH}. A large wide plate's text
     * (230-290 px wide: a 150-190 px plate of a 598x598 photo seen 1.5 times larger) is one block at full size,
     * wider than 200 px, while at half size its block may be split by the emblem, joined to the surround, or thinned
     * beyond a plate's shape by the mask's opening: then only a half of the plate was proposed (and read, as a half
     * often reads as a plate). The bright regions keep the narrower limit: their 41-pixel neighbourhood does not find
     * a region that wide whole.
     */
    static final int MAX_TEXT_BLOCK_WIDTH = 400;

    /**
     * Blocks of dense vertical edges (text): the horizontal gradient's magnitude, closed along the row so
     * neighbouring strokes join, Otsu-thresholded, and opened to drop thin edges. Used by the text-block
     * generator and for the focus regions.
     */
    static Mat textMask(Mat g) {
        return textMask(g, null);
    }

    /**
     * As {@link #textMask(Mat)}; with {@code keptDx} not null, its horizontal derivative is left there as Canny computes
     * it, with a replicated border: the mask's own (OpenCV's default border, reflected about the edge pixel) differs
     * from it only on the image's outermost rows and columns, which are computed again so and written over.
     */
    static Mat textMask(Mat g, Mat keptDx) {
        Mat absGrad = absGradientX(g, keptDx);
        Mat bin = new Mat();
        Imgproc.morphologyEx(absGrad, bin, Imgproc.MORPH_CLOSE, RECT_17X3);
        absGrad.release();
        Imgproc.threshold(bin, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        Imgproc.morphologyEx(bin, bin, Imgproc.MORPH_OPEN, RECT_5X3);
        return bin;
    }

    /**
     * The absolute horizontal derivative of {@code g} (3x3 Sobel, OpenCV's default border, saturated to 8 bits) that
     * the text mask closes, leaving the signed derivative with a replicated border in {@code keptDx} when it is not
     * null (see {@link #textMask(Mat, Mat)}). The caller releases the result.
     */
    static Mat absGradientX(Mat g, Mat keptDx) {
        Mat absGrad = new Mat();
        if (keptDx != null) {
            Imgproc.Sobel(g, keptDx, CvType.CV_16S, 1, 0, 3, 1, 0, Core.BORDER_REPLICATE);
            Core.convertScaleAbs(keptDx, absGrad);
            int w = g.cols();
            int h = g.rows();
            for (Rect edge : new Rect[] {new Rect(0, 0, w, 1), new Rect(0, h - 1, w, 1), new Rect(0, 0, 1, h),
                new Rect(w - 1, 0, 1, h)}) {
                // A region of the image is filtered with its true neighbours around it (OpenCV reads them from the
                // whole image), and with the default border only where the image itself ends.
                Mat line = g.submat(edge);
                Mat d = new Mat();
                Imgproc.Sobel(line, d, CvType.CV_16S, 1, 0, 3);
                Mat into = absGrad.submat(edge);
                Core.convertScaleAbs(d, into);
                into.release();
                d.release();
                line.release();
            }
        } else {
            Mat grad = new Mat();
            Imgproc.Sobel(g, grad, CvType.CV_16S, 1, 0, 3);
            Core.convertScaleAbs(grad, absGrad);
            grad.release();
        }
        return absGrad;
    }

    private static void brightRegions(Mat g, double scale, Size full, List<PlateCandidate> out) {
        brightRegions(g, scale, full, out, RECT_9X7, 41);
    }

    /**
     * Images at least this many pixels tall are not searched for {@link #smallBrightRegions}: at 1080p the pass
     * cost 8-9 ms per frame (BENCHMARKS.md, recognition bench, session 8) for plates at most 44 px wide, under
     * the 60 px and too small to read (the one such training plate it found read as junk), and a
     * roadside camera's frame is set up for plates several times that size. Photos like the 598x598 ones keep it.
     */
    static final int SMALL_PLATES_BELOW = 1000;

    /** Widest region (full-size pixels) that {@link #smallBrightRegions} proposes: about the 41-pixel neighbourhood. */
    static final int SMALL_PLATE_MAX_WIDTH = 44;
    /** Lowest region that {@link #smallBrightRegions} proposes: below it a plate's two rows are ~4 px, unreadable. */
    static final int SMALL_PLATE_MIN_HEIGHT = 12;

    /**
     * Bright regions of the full-size level sought with half the closing (5x3) and half the neighbourhood (21
     * px), kept only when small (at most {@link #SMALL_PLATE_MAX_WIDTH} wide, at least
     * {@link #SMALL_PLATE_MIN_HEIGHT} tall). A plate no wider than the 41-pixel neighbourhood of the full-size
     * bright regions (a plate seen from afar, ~40x18 px at 598x598) sits in a surround (a dark holder, a gap)
     * narrower than the 9x7 closing: the closing bridges it and joins the plate to bright trim around it (a
     * chrome holder or bar), and the region is no longer plate-shaped. The pyramid cannot help, as its
     * coarser levels halve the plate below the generators' 20-pixel minimum width. At half the scale the
     * surround separates them again, as it does for larger plates at the coarser levels. Larger regions found
     * so are plates the other generators already frame: on the training photos keeping them (up to 64 px
     * wide) displaced better framings of two plates 57-60 px wide (two exact reads lost), and keeping lower
     * ones proposed a 35x11 px false plate.
     */
    private static void smallBrightRegions(Mat g, Size full, List<PlateCandidate> out) {
        List<PlateCandidate> found = new ArrayList<>();
        // Contours more than one pixel wider than the widest region kept are not measured: a candidate's bounds hold
        // its rectangle's corners, which enclose the contour's points (up to float rounding, far below a pixel), so
        // its width is at least the points' extent, the bounding box's width less one.
        brightRegions(g, 1, full, found, RECT_5X3, 21, SMALL_PLATE_MAX_WIDTH + 1);
        for (PlateCandidate c : found) {
            if (c.bounds().width <= SMALL_PLATE_MAX_WIDTH && c.bounds().height >= SMALL_PLATE_MIN_HEIGHT) {
                out.add(c);
            }
        }
    }

    private static void brightRegions(Mat g, double scale, Size full, List<PlateCandidate> out, Mat closing, int block) {
        brightRegions(g, scale, full, out, closing, block, MAX_SHAPE_WIDTH);
    }

    /** As above, measuring only contours at most {@code maxWidth} pixels wide (at this level). */
    private static void brightRegions(Mat g, double scale, Size full, List<PlateCandidate> out, Mat closing, int block,
            int maxWidth) {
        Mat closed = new Mat();
        Imgproc.morphologyEx(g, closed, Imgproc.MORPH_CLOSE, closing);
        Mat bin = new Mat();
        // Brighter than the mean of a 41-pixel neighbourhood, about a plate's size at the level that
        // suits it. (A second, larger neighbourhood found no more plates on the development photos.)
        Mats.meanThreshold(closed, bin, block, 8, true);
        Imgproc.morphologyEx(bin, bin, Imgproc.MORPH_OPEN, RECT_3X3);
        shapes(bin, Imgproc.RETR_LIST, 0.7, maxWidth, scale, full, 1.0, 1.0, out);
        closed.release();
        bin.release();
    }

    /** Widest contour (pixels at its level) that {@link #shapes} measures. */
    private static final int MAX_SHAPE_WIDTH = 200;

    /**
     * Plate-shaped contours of {@code bin} (retrieval {@code mode}): at least 20 and at most {@code maxWidth} pixels
     * wide, with a minimum-area rectangle of plate-like aspect that they fill at least {@code minFill} of.
     */
    private static void shapes(Mat bin, int mode, double minFill, int maxWidth, double scale, Size full, double growX,
            double growY, List<PlateCandidate> out) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(bin, contours, hierarchy, mode, Imgproc.CHAIN_APPROX_SIMPLE);
        hierarchy.release();
        boolean rows = growY > 1;
        MatOfPoint2f floats = new MatOfPoint2f();
        for (MatOfPoint c : contours) {
            Rect br = Imgproc.boundingRect(c);
            if (br.width >= 20 && br.height >= MIN_BLOCK_HEIGHT && br.width <= maxWidth) {
                RotatedRect rr = Imgproc.minAreaRect(toFloat(c, floats));
                double w = Math.max(rr.size.width, rr.size.height);
                double h = Math.min(rr.size.width, rr.size.height);
                double aspect = w / Math.max(1, h);
                double fill = Imgproc.contourArea(c) / Math.max(1, w * h);
                if (aspect >= MIN_ASPECT && aspect <= (rows ? 14 : MAX_ASPECT) && fill >= minFill && h >= MIN_BLOCK_HEIGHT) {
                    // The candidate's shape is the plate's, the block grown to its border: a wide plate's text
                    // block, thinned by the text mask's opening at a coarser level, is longer than a plate (up to
                    // 8.9 times as long as tall) and was proposed only as the plates above and below it.
                    if (aspect * growX / growY <= MAX_ASPECT) {
                        out.add(toCandidate(rr, scale, full, growX, growY));
                    }
                    if (rows && aspect >= 3) {
                        // A long thin block may be one of the two text rows: propose the plate above and below it.
                        addRowPlates(rr, scale, full, out);
                    }
                }
            }
            c.release();
        }
        floats.release();
    }

    private static void addRowPlates(RotatedRect row, double scale, Size full, List<PlateCandidate> out) {
        double w = Math.max(row.size.width, row.size.height);
        double h = Math.min(row.size.width, row.size.height);
        double angle = row.size.width >= row.size.height ? row.angle : row.angle - 90;
        double rad = Math.toRadians(angle);
        // Unit vector across the row (towards image "down" for a level row).
        double nx = -Math.sin(rad);
        double ny = Math.cos(rad);
        for (int side = -1; side <= 1; side += 2) {
            Point c = new Point(row.center.x + side * nx * 0.8 * h, row.center.y + side * ny * 0.8 * h);
            out.add(toCandidate(new RotatedRect(c, new Size(w * 1.08 + h, h * 2.8), angle), scale, full, 1.0, 1.0));
        }
    }

    /**
     * Groups dark, character-sized blobs that sit side by side at the same height into text rows; a
     * row of three or more is the Latin or Arabic row of a plate, which is then grown to the plate.
     */
    static void characterRows(Mat g, double scale, Size full, List<PlateCandidate> out) {
        Mat bin = new Mat();
        Mats.meanThreshold(g, bin, 21, 10, false);
        int[] st = speckStats(bin);
        bin.release();
        int n = st.length / 5;
        List<int[]> chars = new ArrayList<>();
        List<int[]> frames = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int w = st[i * 5 + 2];
            int h = st[i * 5 + 3];
            int area = st[i * 5 + 4];
            if (h >= 5 && h <= 40 && w <= 1.2 * h && area >= 0.15 * w * h) {
                chars.add(new int[] {st[i * 5], st[i * 5 + 1], w, h});
            } else if (scale == 1 && h >= 8 && w >= 20 && w <= 200 && w >= MIN_ASPECT * h && w <= MAX_ASPECT * h
                    && area >= 0.1 * w * h && area <= 0.5 * w * h) {
                // Hollow and plate-shaped: perhaps a small plate's dark frame, its characters joined to it.
                frames.add(new int[] {st[i * 5], st[i * 5 + 1], w, h});
            }
        }
        chars.sort(Comparator.comparingInt(c -> c[0]));
        plateFrames(frames, chars, scale, full, out);
        boolean[] used = new boolean[chars.size()];
        for (int i = 0; i < chars.size(); i++) {
            if (used[i]) {
                continue;
            }
            int[] first = chars.get(i);
            int count = 1;
            int minX = first[0];
            int minY = first[1];
            int maxX = first[0] + first[2];
            int maxY = first[1] + first[3];
            int[] last = first;
            for (int j = i + 1; j < chars.size(); j++) {
                int[] c = chars.get(j);
                // The gap allowance spans the wide plate's emblem.
                if (c[0] - (last[0] + last[2]) > 4.5 * first[3]) {
                    break;
                }
                double dy = Math.abs((c[1] + c[3] / 2.0) - (last[1] + last[3] / 2.0));
                double ratio = (double) c[3] / first[3];
                if (dy < 0.35 * first[3] && ratio > 0.7 && ratio < 1.4 && c[0] >= last[0] + last[2] - 1) {
                    used[j] = true;
                    count++;
                    minX = Math.min(minX, c[0]);
                    minY = Math.min(minY, c[1]);
                    maxX = Math.max(maxX, c[0] + c[2]);
                    maxY = Math.max(maxY, c[1] + c[3]);
                    last = c;
                }
            }
            int rowH = maxY - minY;
            int rowW = maxX - minX;
            if (count < 3 || count > 12 || rowW < 2 * rowH) {
                continue;
            }
            // A plate is about three character heights tall (two rows and the border); the row found
            // may be the upper or the lower one, so propose both.
            for (int side = -1; side <= 1; side += 2) {
                Point centre = new Point((minX + maxX) / 2.0, (minY + maxY) / 2.0 + side * 0.75 * rowH);
                RotatedRect rr = new RotatedRect(centre, new Size(rowW * 1.15 + rowH, rowH * 3.0), 0);
                out.add(toCandidate(rr, scale, full, 1.0, 1.0));
            }
        }
    }

    /**
     * A small plate whose characters touch its dark frame in the threshold (a light plate on a light car,
     * the rows only ~9 px tall at 598x598) is one hollow speck: its characters are not character-sized
     * specks, and no other generator framed it (a training photo's wide plate, 120x27 px, had no candidate
     * at IoU 0.3). The frame's box is proposed when at least {@link #FRAME_MIN_CHARS} character specks
     * (those not joined to it) lie inside it. Only at full size: at the smaller levels such frames are
     * large plates that the other generators find, and proposing them there displaced a better framing
     * of a close-up plate on the training photos.
     */
    private static void plateFrames(List<int[]> frames, List<int[]> chars, double scale, Size full,
            List<PlateCandidate> out) {
        // chars is sorted by x: only those starting within the frame's columns are looked at (a 1080p frame
        // has thousands of each, and comparing every pair cost milliseconds).
        for (int[] f : frames) {
            int lo = 0;
            int hi = chars.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (chars.get(mid)[0] < f[0]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int inside = 0;
            for (int k = lo; k < chars.size() && chars.get(k)[0] < f[0] + f[2] && inside < FRAME_MIN_CHARS; k++) {
                int[] c = chars.get(k);
                if (c[1] >= f[1] && c[0] + c[2] <= f[0] + f[2] && c[1] + c[3] <= f[1] + f[3]
                        && c[3] <= 0.6 * f[3] && c[3] >= 0.2 * f[3]) {
                    inside++;
                }
            }
            if (inside >= FRAME_MIN_CHARS) {
                out.add(toCandidate(new RotatedRect(new Point(f[0] + f[2] / 2.0, f[1] + f[3] / 2.0), new Size(f[2], f[3]), 0),
                        scale, full, 1.0, 1.0));
            }
        }
    }

    /**
     * The statistics of the 8-connected specks of {@code bin} (background first), five ints each: x, y, width,
     * height, area; OpenCV's {@code connectedComponentsWithStats} to the int and in its order, computed in Java from
     * the mask's runs ({@link ComponentStats}): OpenCV labels and accounts for every pixel, and on the ~3,200 specks
     * of a 598x598 training photo its labelling (Grana's, which numbers the specks as the default does) was the
     * largest native cost of the localiser. The order matters: the character rows are grouped from specks sorted
     * by x, ties kept in label order ({@code PlateLocatorTest} checks all three give the same).
     */
    static int[] speckStats(Mat bin) {
        return ComponentStats.of(bin);
    }

    /**
     * Fits a rough candidate to the bright plate background around it: after a closing that fills
     * the characters, a threshold chosen by Otsu in a window around the candidate adapts to glare and
     * tinted plates; the bright component under the candidate's centre is the plate.
     */
    static PlateCandidate refine(Mat gray, PlateCandidate c) {
        Rect b = c.bounds();
        if (b.width < 8 || b.height < 4) {
            return null;
        }
        int x0 = Math.max(0, b.x - b.width / 2);
        int y0 = Math.max(0, b.y - b.height);
        int x1 = Math.min(gray.cols(), b.x + b.width + b.width / 2);
        int y1 = Math.min(gray.rows(), b.y + b.height + b.height);
        int k = Math.max(3, (b.height / 4) | 1);
        // OpenCV's closing of gray.submat(...) with a k x k rectangle, to the pixel, in a time that grows with log k
        // rather than k: a large candidate of a 1080p frame (k up to ~50) cost milliseconds.
        Mat bin = Mats.closeRect(gray, new Rect(x0, y0, x1 - x0, y1 - y0), k, k);
        Imgproc.threshold(bin, bin, 0, 255, Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(bin, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        hierarchy.release();
        bin.release();
        Point centre = new Point(b.x + b.width / 2.0 - x0, b.y + b.height / 2.0 - y0);
        PlateCandidate best = null;
        // One float copy of the points, reused, and made only while no contour has been chosen (each contour had a
        // copy of its own, a native allocation and release, even after the choice).
        MatOfPoint2f c2 = new MatOfPoint2f();
        for (MatOfPoint ct : contours) {
            if (best == null && Imgproc.pointPolygonTest(toFloat(ct, c2), centre, false) >= 0) {
                RotatedRect rr = Imgproc.minAreaRect(c2);
                double w = Math.max(rr.size.width, rr.size.height);
                double h = Math.min(rr.size.width, rr.size.height);
                double aspect = w / Math.max(1, h);
                double fill = Imgproc.contourArea(ct) / Math.max(1, w * h);
                double areaRatio = w * h / Math.max(1.0, (double) b.width * b.height);
                if (aspect >= MIN_ASPECT && aspect <= MAX_ASPECT && fill > 0.6 && areaRatio > 0.3 && areaRatio < 3) {
                    rr.center = new Point(rr.center.x + x0, rr.center.y + y0);
                    best = toCandidate(rr, 1.0, gray.size(), 1.0, 1.0);
                }
            }
            ct.release();
        }
        c2.release();
        return best;
    }

    /**
     * The contour's points as floats, converted in OpenCV: the same values as copying them out as
     * {@code Point}s and back (integers well under 2^24 are exact in float), without the two copies
     * across JNI and a {@code Point} object per corner, for each contour that passes the size test
     * (and each contour around a refined candidate).
     */
    static MatOfPoint2f toFloat(MatOfPoint contour) {
        return toFloat(contour, new MatOfPoint2f());
    }

    /**
     * As {@link #toFloat(MatOfPoint)}, into {@code into} (overwritten, its memory reused when large enough), which
     * is returned: the generators convert each measured contour into one matrix, instead of allocating, finalising
     * and releasing one per contour.
     */
    static MatOfPoint2f toFloat(MatOfPoint contour, MatOfPoint2f into) {
        contour.convertTo(into, CvType.CV_32F);
        return into;
    }

    private static PlateCandidate toCandidate(RotatedRect rr, double scale, Size full, double growX, double growY) {
        double w = rr.size.width;
        double h = rr.size.height;
        double angle = rr.angle;
        // Make width the long side so that the growth factors apply along and across the text.
        if (h > w) {
            double t = w;
            w = h;
            h = t;
            angle -= 90;
        }
        RotatedRect grown = new RotatedRect(new Point(rr.center.x * scale, rr.center.y * scale),
                new Size(w * growX * scale, h * growY * scale), angle);
        Point[] pts = new Point[4];
        grown.points(pts);
        Point[] corners = QuadGeometry.orderClockwise(pts);
        return new PlateCandidate(corners, QuadGeometry.bounds(corners, full), 0, w / Math.max(1, h));
    }
}
