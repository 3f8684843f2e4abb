package org.raqib.detection;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;
import org.raqib.detection.locate.Boxes;
import org.raqib.detection.locate.CandidateScorer;
import org.raqib.detection.locate.LocatorOptions;
import org.raqib.detection.locate.PlateCandidate;
import org.raqib.detection.locate.PlateLocator;
import org.raqib.detection.opencv.Affine;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.read.Calibration;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.read.ReadResult;
import org.raqib.detection.read.RowBoxes;

/**
 * Raqib's front door for plate recognition: image in, plates out. Finds candidate regions
 * ({@link PlateLocator}), reads each with the learned {@link PlateReader}, keeps those the reader
 * judges to be plates, and merges overlapping finds. When the reader accepts none, the localiser's surest
 * candidate is read again in looser framings, and a small image is then searched once more enlarged, a large one
 * shrunk; a small image whose large finds all read unsure is searched at half size too (a plate close to the camera),
 * and its finds are framed again by their plate's own border where none reads surer than an inconsistent reading;
 * last, a small image none of whose finds reads at 0.5 or more is searched turned a few degrees each way (a tilted
 * plate), the candidates found there read as tilted quadrilaterals in the image itself. A reported reading whose last
 * character alone is unsure is read again lengthened to the right (a plate found short of its right end).
 * Coordinates are in the image's stored pixel orientation (EXIF orientation is deliberately ignored, as
 * camera frames carry none and the development photos' boxes are given that way).
 *
 * <p>Not thread-safe: create one per task or thread.
 */
public final class PlateRecognizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlateRecognizer.class);

    /** Generated scenes {@link #warmUp} recognises after the drawn image. */
    static final int WARM_UP_SCENES = 16;

    /**
     * Recognitions of those scenes in a batch's warm-up ({@link #warmUp(boolean)}: {@code read}, {@code eval},
     * {@code bench}, which report each image's time). On one core the JVM compiles the reader in the time it would
     * read with it: after 40 (8 scenes, until session 68) the 46 held-out photos were read at first-pass medians of
     * 78-90.5 ms under {@code taskset -c 0}, after 120 at 49.5-53.5 (four alternating pairs; on two cores 43.5 and 59
     * against 39.5 and 54.5): BENCHMARKS.md, "Session 68". After 120 the JVM still recompiled the reader's largest
     * methods during that first pass (JFR: 0.7-1.2 s of compilation, nearly all C2, in a 2.4-2.9-s pass on one core,
     * the core the photos were read on), so some passes read their last photos twice as slowly; after 240, about 0.3 s
     * ({@code read --warm-up 120} against the default, BENCHMARKS.md's command). In 16 alternating pairs under {@code
     * taskset -c 0} (session 71's machine) the pass's median was 21.5-24 ms after 240 against 22.5-30 after 120 (4 of
     * 16 above 25 ms), its mean 15-20% lower; start-up 27.5-31.3 s against 17.4-21.3 s (two cores: 20-21 s against 12,
     * the medians alike): BENCHMARKS.md, "Session 71". {@code read --warm-up N} asks for another count ({@link
     * #warmUp(int)}).
     */
    public static final int WARM_UP_RECOGNITIONS = 240;

    /**
     * Every this many of a batch's warm-up recognitions (the first, the fourth ...) runs every stage of the cascade
     * whatever its readings ({@link #recognize(Mat, long, RecognitionProfile, boolean)}). The generated scenes read
     * surely, so their recognitions stop where a held-out photo's often goes on (the enlarged, half-size, border and
     * turned searches, the merge's re-reads: about half of the held-out photos end at the inconsistency cap), and the JVM
     * compiled those stages only while it read the first real photos. Under {@code taskset -c 0} {@code read --json}'s
     * median of the 46 held-out photos (one pass, as the check reads) was 47.5-55 ms without and 36.5-38 with, in three
     * alternating pairs of builds of {@code 1c39be5} and {@code 1135379}; on two cores, where the JVM compiles on the
     * other core, 34.5-56.5 against 32.5-46.5 in six pairs. Start-up about 5 s longer (BENCHMARKS.md, "Session 69").
     */
    static final int WARM_UP_EVERY_STAGE = 3;

    /**
     * Recognitions of the scenes in a stream's warm-up ({@link #warmUp()}: the jobs' recognition tasks), as before
     * session 68: a job reads on for days and its first frames wait for the warm-up after every start or restart, so it
     * warms up less and lets its first frames finish the compiling (120, in a 150-s demo, left about a tenth fewer
     * frames read by its end).
     */
    static final int STREAM_WARM_UP_RECOGNITIONS = 40;

    /** First seed of the warm-up scenes: a range no test or measurement of the project uses. */
    private static final long WARM_UP_SEED = 7_000_000L;

    /** Scene recognitions the warm-ups of this JVM have made so far (a later warm-up makes only the rest of its own). */
    private static final AtomicInteger SCENES_RECOGNISED = new AtomicInteger();

    /** Of those, the ones that ran every stage ({@link #WARM_UP_EVERY_STAGE}). */
    private static final AtomicInteger EVERY_STAGE_RECOGNISED = new AtomicInteger();

    private final PlateReader reader;
    private final PlateLocator locator;
    private final RecognizerOptions options;

    /** A recogniser around an already loaded reader; it is closed with this recogniser. */
    public PlateRecognizer(PlateReader reader, RecognizerOptions options) {
        this(reader, options, null);
    }

    /**
     * A recogniser whose localiser ranks candidates with {@code scorer} (null: the committed one), e.g. a scorer
     * trained on part of the photos, to measure the whole recogniser on the others; the reader is closed with this
     * recogniser.
     */
    public PlateRecognizer(PlateReader reader, RecognizerOptions options, CandidateScorer scorer) {
        this.options = Objects.requireNonNull(options, "options").validate();
        this.reader = Objects.requireNonNull(reader, "reader");
        OpenCvLoader.load();
        LocatorOptions locatorOptions = LocatorOptions.defaults().withLevels(options.pyramidLevels())
                .withMaxCandidates(options.maxCandidates()).withHalfSizeFrom(options.halfSizeFrom())
                .withFocusFrom(options.focusFrom());
        this.locator = scorer == null ? PlateLocator.loadDefault(locatorOptions) : new PlateLocator(locatorOptions, scorer);
    }

    /**
     * Tells {@code observer} of each reading that the plate network's Arabic row vetoes while this recogniser reads
     * (null: no more): {@link PlateReader#observeVetoes}, for {@code eval}'s tally of those vetoes against labels.
     */
    public void observeVetoes(Consumer<PlateReader.Veto> observer) {
        reader.observeVetoes(observer);
    }

    /** Loads the committed models from the classpath with default options; fails loudly if one is missing. */
    public static PlateRecognizer loadDefault() {
        return loadDefault(RecognizerOptions.defaults());
    }

    /** Loads the committed models from the classpath with {@code options}. */
    public static PlateRecognizer loadDefault(RecognizerOptions options) {
        options.validate();
        return new PlateRecognizer(PlateReader.loadDefault(), options);
    }

    /**
     * Loads the models that Raqib's training tools wrote into {@code dir} (e.g. retrained on a site's own labelled
     * photos), the committed ones for those it lacks: the character reader ({@value GlyphClassifier#MODEL_FILE} and
     * the nets it names, {@code ./raqib train-glyphs --out DIR}), the plate network ({@value PlateReader#MODEL_FILE}
     * with {@value PlateReader#META_FILE}, {@code ./raqib train --out DIR}) and the localiser's candidate scorer
     * ({@value CandidateScorer#MODEL_FILE}, {@code ./raqib train-locator --out DIR}). The folders of several runs may
     * be merged into one. {@link #modelFilesIn} says which were found.
     *
     * @throws IllegalArgumentException where {@code dir} is not a folder, holds none of these files, or holds one of
     *         the plate network's two files without the other
     * @throws java.io.UncheckedIOException where a model file cannot be read
     */
    public static PlateRecognizer load(Path dir, RecognizerOptions options) {
        options.validate();
        if (modelFilesIn(dir).isEmpty()) {
            throw new IllegalArgumentException("no model files in " + dir + " (expected one or more of "
                    + String.join(", ", MODEL_FILES) + ", as ./raqib train-glyphs, train or train-locator --out DIR write them)");
        }
        // The scorer holds no native session: read first, nothing is left open if it fails.
        Path scorerFile = dir.resolve(CandidateScorer.MODEL_FILE);
        CandidateScorer scorer = Files.isRegularFile(scorerFile) ? CandidateScorer.load(scorerFile) : null;
        PlateReader reader = PlateReader.load(dir, PlateReader.Options.DEFAULT);
        try {
            return new PlateRecognizer(reader, options, scorer);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The files {@link #load(Path, RecognizerOptions)} takes from a folder. */
    public static final List<String> MODEL_FILES = List.of(GlyphClassifier.MODEL_FILE, PlateReader.MODEL_FILE,
            PlateReader.META_FILE, CandidateScorer.MODEL_FILE);

    /**
     * Which of {@link #MODEL_FILES} {@code dir} holds, in that order.
     *
     * @throws IllegalArgumentException where {@code dir} is not a folder
     */
    public static List<String> modelFilesIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a folder of models: " + dir);
        }
        return MODEL_FILES.stream().filter(f -> Files.isRegularFile(dir.resolve(f))).toList();
    }

    /**
     * Recognises plates in an encoded image (JPEG, PNG, BMP ... anything OpenCV decodes).
     *
     * @throws UnreadableImageException if the bytes are not a decodable image
     */
    public Recognition recognize(byte[] encodedImage) {
        return recognize(encodedImage, null);
    }

    /**
     * As {@link #recognize(byte[])}, adding the time of each stage and the number of candidates read to
     * {@code profile} (null: not profiled).
     */
    public Recognition recognize(byte[] encodedImage, RecognitionProfile profile) {
        long start = System.nanoTime();
        if (profile != null) {
            profile.start();
        }
        Mat image = decode(encodedImage);
        RecognitionProfile.lap(profile, RecognitionProfile.Stage.DECODE);
        try {
            return recognize(image, start, profile, false);
        } finally {
            image.release();
        }
    }

    /** Recognises plates in a decoded image. */
    public Recognition recognize(BufferedImage image) {
        long start = System.nanoTime();
        Objects.requireNonNull(image, "image");
        Mat bgr = Mats.toBgr(image);
        try {
            return recognize(bgr, start, null, false);
        } finally {
            bgr.release();
        }
    }

    /**
     * Pays one-time costs before the first real image, so that they are not charged to it: native code paths,
     * the inference sessions' first runs and JIT compilation of the recogniser's Java loops. First a drawn image
     * (no fonts needed); then, where this machine has the fonts the scene generator draws with, {@value
     * #STREAM_WARM_UP_RECOGNITIONS} recognitions of {@value #WARM_UP_SCENES} generated 598x598 scenes with plates,
     * so that the reading paths (both readers, the cross-check, the merge) are compiled too. The JVM compiles its
     * hottest code in the background after some hundreds of calls: without the scenes, the first 20-40 real photos
     * were read 1.5-3 times slower than later ones (BENCHMARKS.md, "Session 52"). Compiled code serves every
     * recogniser of the process, so the scene recognitions count per JVM: a later warm-up makes only those its own
     * count still lacks (a later recogniser's warm-up is then the drawn image, which starts its own inference
     * sessions). This is a stream's warm-up, the jobs' (none of its recognitions runs every stage); a batch's ({@link
     * #warmUp(boolean)}) makes {@value #WARM_UP_RECOGNITIONS}. Results do not depend on either.
     */
    public void warmUp() {
        warmUp(STREAM_WARM_UP_RECOGNITIONS, false);
    }

    /**
     * A batch's warm-up: as {@link #warmUp()} with {@value #WARM_UP_RECOGNITIONS} recognitions of the scenes, where
     * {@code withScenes}; without, only the drawn image (a fraction of a second: for reading one or a few images,
     * where the scenes would cost more than they save). With 120 recognitions {@code read}'s start-up took 16.4-21.2 s in
     * all (JVM, models, warm-up) on two cores and 23.5-26.6 s under {@code taskset -c 0} on sessions 62-69's machine
     * (session 69); with 240, 20-21 s and 27.5-31.3 s on session 71's, a faster one (17.4-21.3 s there with 120 on one
     * core). Returns the images recognised: 5 for the drawn image, plus the scene recognitions made.
     */
    public int warmUp(boolean withScenes) {
        return warmUp(withScenes ? WARM_UP_RECOGNITIONS : 0);
    }

    /**
     * A batch's warm-up ({@link #warmUp(boolean)}) with {@code sceneRecognitions} recognitions of the scenes in this
     * JVM instead of {@value #WARM_UP_RECOGNITIONS} (0: the drawn image only). Returns the images recognised.
     *
     * @throws IllegalArgumentException if {@code sceneRecognitions} is negative
     */
    public int warmUp(int sceneRecognitions) {
        if (sceneRecognitions < 0) {
            throw new IllegalArgumentException("scene recognitions must be 0 or more: " + sceneRecognitions);
        }
        return warmUp(sceneRecognitions, true);
    }

    /**
     * The drawn image, then the generated scenes (on a machine with the generator's fonts) until this JVM's warm-ups
     * have recognised them {@code sceneRecognitions} times in all, every {@link #WARM_UP_EVERY_STAGE}th running every
     * stage where {@code everyStage} (a batch's). Returns the images recognised.
     */
    private int warmUp(int sceneRecognitions, boolean everyStage) {
        int recognised = 0;
        Mat image = new Mat(598, 598, org.opencv.core.CvType.CV_8UC3, new org.opencv.core.Scalar(90, 90, 90));
        try {
            org.opencv.imgproc.Imgproc.rectangle(image, new Point(200, 280), new Point(400, 330),
                    new org.opencv.core.Scalar(235, 235, 235), -1);
            for (int x = 215; x < 390; x += 22) {
                org.opencv.imgproc.Imgproc.rectangle(image, new Point(x, 290), new Point(x + 10, 320),
                        new org.opencv.core.Scalar(20, 20, 20), -1);
            }
            // A few rounds, so that the hottest Java loops (features, scorer) are compiled too.
            for (int i = 0; i < 5; i++) {
                recognize(image, System.nanoTime(), null, false);
                recognised++;
            }
            Mat crop = image.submat(new Rect(200, 280, 200, 50));
            reader.readAll(List.of(crop));
            crop.release();
        } finally {
            image.release();
        }
        int done = SCENES_RECOGNISED.get();
        if (done >= sceneRecognitions) {
            return recognised;
        }
        List<Mat> scenes = warmUpScenes();
        int made = 0;
        try {
            for (int i = done; i < sceneRecognitions && !scenes.isEmpty(); i++) {
                boolean every = everyStage && i % WARM_UP_EVERY_STAGE == 0;
                recognize(scenes.get(i % scenes.size()), System.nanoTime(), null, every);
                made++;
                if (every) {
                    EVERY_STAGE_RECOGNISED.incrementAndGet();
                }
            }
        } finally {
            scenes.forEach(Mat::release);
        }
        SCENES_RECOGNISED.addAndGet(made);
        return recognised + made;
    }

    /** Scene recognitions the warm-ups of this JVM have made so far (later ones make only the rest of theirs). */
    public static int sceneRecognitionsInThisJvm() {
        return SCENES_RECOGNISED.get();
    }

    /** Of {@link #sceneRecognitionsInThisJvm()}, those that ran every stage (a batch's every {@link #WARM_UP_EVERY_STAGE}th). */
    static int everyStageRecognitionsInThisJvm() {
        return EVERY_STAGE_RECOGNISED.get();
    }

    /**
     * {@link #WARM_UP_SCENES} generated scenes (fixed seeds) as BGR images; none where the generator's fonts are
     * missing (a recogniser deployed without them still warms up on the drawn image).
     */
    static List<Mat> warmUpScenes() {
        List<Mat> mats = new ArrayList<>();
        try {
            org.raqib.detection.synth.SceneGenerator generator = new org.raqib.detection.synth.SceneGenerator();
            for (int i = 0; i < WARM_UP_SCENES; i++) {
                mats.add(Mats.toBgr(generator.render(WARM_UP_SEED + i).image()));
            }
        } catch (RuntimeException e) {
            LOG.debug("warm-up without generated scenes: {}", e.getMessage());
            mats.forEach(Mat::release);
            mats.clear();
        }
        return mats;
    }

    static Mat decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new UnreadableImageException("no image data (0 bytes)");
        }
        OpenCvLoader.load();
        MatOfByte buf = new MatOfByte(encoded);
        Mat image;
        try {
            // Gray: the localiser and both readers work on gray, and a JPEG decoded to gray skips the
            // colour planes and the colour conversion (at 1080p about a third of the colour decode time).
            image = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_GRAYSCALE | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) {
            throw new UnreadableImageException("cannot decode image (" + encoded.length + " bytes): " + e.getMessage());
        } finally {
            buf.release();
        }
        if (image == null || image.empty()) {
            throw new UnreadableImageException("not a decodable image (" + encoded.length
                    + " bytes; expected JPEG, PNG, BMP, TIFF or WebP)");
        }
        return image;
    }

    /** As {@link #recognize(Mat, long, RecognitionProfile, boolean)}, timed from now: for tests. */
    Recognition recognize(Mat bgr, RecognitionProfile profile, boolean everyStage) {
        return recognize(bgr, System.nanoTime(), profile, everyStage);
    }

    /**
     * Recognises {@code bgr}; {@code everyStage} (the warm-up's, {@link #WARM_UP_EVERY_STAGE}) runs each stage of the
     * cascade that a photo's reading may ask for, whatever its readings (the rescue, the searches enlarged, at half size,
     * by borders and turned, the merge's re-reads), so that the JVM compiles them before real photos need them.
     */
    private Recognition recognize(Mat bgr, long start, RecognitionProfile profile, boolean everyStage) {
        // The crops (and an enlarged image) whose whole reading may still be asked for while the finds are merged.
        List<Mat> held = new ArrayList<>();
        try {
            List<Scored> plates = readCandidates(bgr, profile, held, everyStage);
            Function<Scored, List<PlateResult>> rereads = s -> List.of();
            if (Math.max(bgr.rows(), bgr.cols()) < options.enlargeBelow()) {
                Mat[] sharp = new Mat[SHARPENINGS.length];
                Map<Scored, List<PlateResult>> made = new IdentityHashMap<>();
                rereads = s -> made.computeIfAbsent(s, f -> Arrays.asList(readSharpened(bgr, f, sharp, held),
                        readContrasted(bgr, f, held)));
            }
            List<PlateResult> kept = new ArrayList<>(suppressOverlaps(plates, rereads,
                    (r, framings) -> lastLetterWhole(bgr, framedAsPlate(bgr, r, framings), framings, held), everyStage));
            kept.replaceAll(PlateRecognizer::ownRowsRaised);
            kept.sort(Comparator.comparingDouble(PlateResult::confidence).reversed());
            // The readings the merge asked for are charged to the read stage, the rest of it to the merge.
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.MERGE);
            return new Recognition(kept, bgr.cols(), bgr.rows(), System.nanoTime() - start);
        } finally {
            held.forEach(Mat::release);
        }
    }

    private List<Scored> readCandidates(Mat bgr, RecognitionProfile profile, List<Mat> held, boolean everyStage) {
        List<Scored> plates = new ArrayList<>();
        int[] counts = new int[2];
        List<PlateCandidate> candidates = locateAndRead(bgr, 1, profile, plates, counts, held);
        if (everyStage || plates.isEmpty()) {
            counts[1] += rescue(candidates, c -> PlateLocator.looser(c, bgr.size()), c -> read(bgr, c, held).full(),
                    options.minPlateScore(), plates);
        }
        counts[1] += wholeOfHalf(bgr, plates, held);
        // A photo-sized image: its plates may be smaller than the generators' kernels suit (ENLARGE).
        boolean small = Math.max(bgr.rows(), bgr.cols()) < options.enlargeBelow();
        if (small) {
            counts[1] += wholeOfParts(bgr, plates, held, 0);
        }
        RecognitionProfile.lap(profile, RecognitionProfile.Stage.READ);
        if (small && (everyStage || plates.isEmpty() || allUnsure(plates))) {
            Mat big = new Mat();
            held.add(big);
            Imgproc.resize(bgr, big, new Size(), ENLARGE, ENLARGE, Imgproc.INTER_LINEAR);
            int from = plates.size();
            locateAndRead(big, ENLARGE, profile, plates, counts, held);
            counts[1] += wholeOfParts(bgr, plates, held, from);
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.READ);
        }
        int longSide = Math.max(bgr.rows(), bgr.cols());
        if (small && (everyStage || mayBeClose(plates, longSide))) {
            searchClose(bgr, profile, plates, counts, held);
        }
        if (small && (everyStage || mayBeBordered(plates))) {
            searchBorders(bgr, profile, plates, counts, held);
        }
        if (small && (everyStage || noneReadsAtLeast(plates, TURN_BELOW))) {
            searchTurned(bgr, profile, plates, counts, held);
        }
        if (plates.isEmpty() && longSide >= options.shrinkFrom()) {
            locateShrunkAndRead(bgr, (double) SHRINK_TO / longSide, profile, plates, counts, held);
            RecognitionProfile.lap(profile, RecognitionProfile.Stage.READ);
        }
        if (profile != null) {
            profile.countImage(counts[0], counts[1], plates.size());
        }
        return plates;
    }

    /**
     * A large wide plate is sometimes found only as one half, its digits or its letters (the emblem panel splits its text
     * block, and a half reads as a plate on its own): when the surest find ({@link #mayBeHalf}) may be such a half, it is
     * read again lengthened across the panel ({@link #HALF_GROWTHS}, towards either side, the far end kept), and the
     * lengthened framing whose reading {@link #wholer} prefers replaces it, keeping its score. Costs nothing on images
     * whose surest find is not half-shaped. Returns the number of crops read.
     */
    private int wholeOfHalf(Mat image, List<Scored> plates, List<Mat> held) {
        Scored lead = null;
        for (Scored s : plates) {
            if (lead == null || s.score > lead.score) {
                lead = s;
            }
        }
        int[] reads = new int[1];
        if (lead != null && lead.candidate != null && mayBeHalf(lead.box, lead.layout)) {
            readLengthened(image, plates, lead, HALF_GROWTHS, held, reads);
        }
        return reads[0];
    }

    /**
     * Reads {@code s}, a find of {@code plates}, again lengthened {@code growths} times ({@link #wholeOf}) and replaces
     * it with the lengthened framing's reading where {@link #wholer} prefers that, keeping its score; only where no other
     * find frames it fuller (that one replaces it when the finds are merged) and its reading is no surer than an
     * inconsistent one ({@link Calibration#INCONSISTENT_CAP}). Adds the crops read to {@code reads[0]}.
     */
    private void readLengthened(Mat image, List<Scored> plates, Scored s, double[] growths, List<Mat> held, int[] reads) {
        if (fullerFraming(s, plates, false) != s || s.result().confidence() > Calibration.INCONSISTENT_CAP) {
            return;
        }
        Scored whole = wholeFind(image, s.candidate, s.result(), held, reads, growths, s.score);
        if (whole != null) {
            plates.set(plates.indexOf(s), whole);
        }
    }

    /**
     * Confidence below which every accepted reading of a small image ({@link RecognizerOptions#enlargeBelow()}) leaves
     * it searched enlarged as well, as where nothing was accepted: on the training photos out of fold, a wide plate on a
     * dark car under a lit panel was framed at photo size only with the light around it, while a stray region read as
     * a plate at 0.005, and at 1.5 times the size it was framed and read. Over the three fold seeds 2 more plates were
     * found and 3 more read exactly (of 546 photo-seeds), none wrong at 0.9 or more; of the training photos shrunk x0.6,
     * 2 more found.
     */
    static final double UNSURE_READ = 0.05;

    private static boolean allUnsure(List<Scored> plates) {
        for (Scored s : plates) {
            if (s.result().confidence() >= UNSURE_READ) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a photo-sized image's finds {@code plates} (its longer side {@code longSide} px) may be of a plate close
     * to the camera, framed only in part or loosely ({@link #searchClose}): one of them at least {@link #CLOSE_FIND}
     * times the longer side wide, and none read surer than an inconsistent reading
     * ({@link Calibration#INCONSISTENT_CAP}).
     */
    private static boolean mayBeClose(List<Scored> plates, int longSide) {
        // The boxes first: a find's reading may not be made yet, and most photos have no large find.
        if (plates.stream().noneMatch(s -> s.box.width() >= CLOSE_FIND * longSide)) {
            return false;
        }
        return plates.stream().allMatch(s -> s.result().confidence() <= Calibration.INCONSISTENT_CAP);
    }

    /**
     * Width, as a share of a photo-sized image's longer side, from which a find may be of a plate close to the camera:
     * the development photos' labelled plates are 37-527 px wide in 598 px, nine in ten under 170 px, and the plates
     * nearly as wide as the photo in the training photos' windows in which they are 440 px wide ({@code eval --close-up
     * 440}) and left unfound were framed by parts of 265-355 px or by boxes as wide as the photo.
     */
    static final double CLOSE_FIND = 0.3;

    /** Size factor of {@link #searchClose}'s search: a 440-px plate in 598 px becomes 220 px, as the photos' large. */
    static final double CLOSE_SHRINK = 0.5;

    /**
     * A plate close to the camera, nearly as wide as a photo-sized image, is framed by the generators only in part (a
     * wide plate's emblem and letters) or loosely: their kernels (text-block closing, character sizes) suit the
     * development photos' plates. Where {@link #mayBeClose}, the image is searched once more at half size
     * ({@link #CLOSE_SHRINK}, the candidates read in the image itself) and the finds of that search are kept where one
     * of them reads surer than every find before it, or as sure while none of them reaches both sides of the image (a
     * box from edge to edge frames the photo rather than a plate: on the training photos out of fold, a 502-px plate in
     * a 598-px photo read alike in two such boxes, the second taller, and lost its IoU 0.5 to it); the merge then
     * ranks them with the rest. On the training photos in 440-px close-ups ({@code eval --close-up 440}) 5 more plates
     * found and 6 more read exactly (179 and 158 of 182 and 166); in 300-px ones 4 more read exactly; as they are, 1
     * more read exactly, and out of fold (fold seeds 1-3) 1 more and 2 more automatic reads, all right; none wrong at
     * 0.9 or more anywhere.
     */
    private void searchClose(Mat image, RecognitionProfile profile, List<Scored> plates, int[] counts, List<Mat> held) {
        double before = surest(plates, 0);
        int from = plates.size();
        locateShrunkAndRead(image, CLOSE_SHRINK, profile, plates, counts, held);
        double after = surest(plates, from);
        if (after < before || after == before && spansWidth(plates, from, image.cols())) {
            plates.subList(from, plates.size()).clear();
        }
        RecognitionProfile.lap(profile, RecognitionProfile.Stage.READ);
    }

    /**
     * Whether {@code plates}, a photo-sized image's finds, ask for {@link #searchBorders}: one of them large, none read
     * surer than an inconsistent reading.
     */
    private static boolean mayBeBordered(List<Scored> plates) {
        // The boxes first, as in mayBeClose: a find's reading may not be made yet, and most photos have no large find.
        if (plates.stream().noneMatch(s -> s.candidate != null
                && s.candidate.bounds().width >= PlateLocator.OUTLINE_MIN_WIDTH)) {
            return false;
        }
        return plates.stream().allMatch(s -> s.result().confidence() <= Calibration.INCONSISTENT_CAP);
    }

    /**
     * A large plate framed by the generators only loosely or in part (a wide plate whose digits panel is nearly empty,
     * framed with the car around it or without its digit) is framed again by its own border: where every find of a
     * photo-sized image reads no surer than an inconsistent reading ({@link Calibration#INCONSISTENT_CAP}), each find
     * {@link PlateLocator#OUTLINE_MIN_WIDTH} px wide or more ({@link #mayBeBordered}) is framed by the border lines
     * about it ({@link PlateLocator#borderFramings}: the largest quadrilateral of a plate's shape and the smallest
     * holding the find), those framings are read as finds with the find's localiser score, and they are kept only
     * where one of them reads surer than every find before; the merge then ranks them with the rest. Kept also where
     * one reads as surely with another text (session 31's first form), the generated scenes read no better (2670 exact
     * of 3100 against 2671 here): two readings capped alike say nothing of which is right, and on real cars the border
     * found is sometimes the plate's inner frame. Either form cost one of the 46 held-out development photos (a short
     * plate, read below 0.9), and the held-out plate it was aimed at (436 px, one digit) is still not found. Over
     * session 29's generated sets 3032 found and 2671 read exactly of 3100 (3030 and 2654 without), 483 automatically
     * (397), none more wrong at 0.9 or more; the development photos, their scaled copies and close-ups read as without
     * it (1780 found, 1567 exact of 1820), out of fold (localiser fold seeds 1-3) 1 more exact and 3 more automatic
     * (BENCHMARKS, "Session 31").
     */
    private void searchBorders(Mat image, RecognitionProfile profile, List<Scored> plates, int[] counts, List<Mat> held) {
        List<PlateCandidate> framings = new ArrayList<>();
        Mat gray = PlateLocator.toGray(image);
        try {
            for (Scored s : plates) {
                if (s.candidate == null) {
                    continue;
                }
                for (PlateCandidate o : PlateLocator.borderFramings(gray, s.candidate)) {
                    if (framings.stream().noneMatch(f -> Boxes.iou(f.bounds(), o.bounds()) > 0.9)
                            && Boxes.iou(o.bounds(), s.candidate.bounds()) <= 0.9) {
                        framings.add(o);
                    }
                }
            }
        } finally {
            gray.release();
        }
        if (framings.isEmpty()) {
            return;
        }
        double before = surest(plates, 0);
        int from = plates.size();
        readLocated(image, 1, framings, plates, counts, held);
        keepIfSurer(plates, from, before);
        RecognitionProfile.lap(profile, RecognitionProfile.Stage.READ);
    }

    /** Confidence below which every find of a photo-sized image leaves it searched turned ({@link #searchTurned}). */
    static final double TURN_BELOW = 0.5;

    /** Degrees each way a photo is first turned by {@link #searchTurned} (then twice as many where that reads nothing surely). */
    static final double TURN = 5;

    /**
     * Whether none of {@code plates} reads at {@code confidence} or more. The best-scored first: the likeliest to read
     * surely, and a sure one ends the check before the other finds' whole readings are made.
     */
    private static boolean noneReadsAtLeast(List<Scored> plates, double confidence) {
        return plates.stream().sorted(Comparator.comparingDouble((Scored s) -> s.score).reversed())
                .noneMatch(s -> s.result().confidence() >= confidence);
    }

    /**
     * A plate tilted in the photo (a camera not level, a car on a slope) is framed by the generators in part or
     * loosely, and the localiser's scorer, which learnt from near-level plates, scores a tilted framing low: the
     * training photos turned 6 degrees lost 11-18 of 182 plates (BENCHMARKS.md, session 37). Where no find of a
     * photo-sized image reads at {@link #TURN_BELOW} or more (or none was found), the image is searched turned by
     * {@link #TURN} degrees each way, and where still none does, by twice that: the candidates found there are mapped
     * back to tilted quadrilaterals in the photo and read there (the crop levels them), and a turn's finds are kept only
     * where one of them reads surer than every find before it; the merge then ranks them with the rest. Out of fold for
     * the localiser (fold seeds 1 and 2, both directions), the training photos turned 6 degrees: 664 -> 694 of 728
     * found, 579 -> 601 of 664 exact; turned 10 degrees: 583 -> 655 found, 503 -> 567 exact; as they are 360 -> 361
     * found, 325 exact as before; the 20 generated sets 2669 -> 2677 of 3100 exact; none wrong at 0.9 or more
     * anywhere; the held-out photos 43 -> 42 of 46 exact (BENCHMARKS.md, session 37). Not made where a find reads at
     * 0.5 or more; a photo with no readable plate is searched four more times: the training photos with their plates
     * painted out take about 2.1 times as long (BENCHMARKS.md, session 38).
     */
    private void searchTurned(Mat image, RecognitionProfile profile, List<Scored> plates, int[] counts, List<Mat> held) {
        searchTurned(image, TURN, profile, plates, counts, held);
        if (noneReadsAtLeast(plates, TURN_BELOW)) {
            searchTurned(image, 2 * TURN, profile, plates, counts, held);
        }
        RecognitionProfile.lap(profile, RecognitionProfile.Stage.READ);
    }

    /** {@link #searchTurned} at {@code turn} degrees each way. */
    private void searchTurned(Mat image, double angle, RecognitionProfile profile, List<Scored> plates, int[] counts,
            List<Mat> held) {
        for (double degrees : new double[] {angle, -angle}) {
            double before = surest(plates, 0);
            int from = plates.size();
            Mat turn = Affine.rotation(image.size(), degrees, 1);
            Mat back = new Mat();
            Mat turned = null;
            double[] b = new double[6];
            try {
                Imgproc.invertAffineTransform(turn, back);
                back.get(0, 0, b);
                turned = Affine.rotate(image, turn);
                locateMappedAndRead(image, turned, b, profile, plates, counts, held);
            } finally {
                turn.release();
                back.release();
                if (turned != null) {
                    turned.release();
                }
            }
            keepIfSurer(plates, from, before);
        }
    }

    /** Confidence below which a reported plate of a photo-sized image is read again sharpened ({@link #readSharpened}). */
    static final double SHARPEN_BELOW = 0.9;

    /** Standard deviation (px) of the Gaussian blur that {@link #readSharpened}'s unsharp masks take away. */
    static final double SHARPEN_SIGMA = 1.5;

    /**
     * The ways {@link #readSharpened} may sharpen an image: the standard deviations along x and along y of the blur its
     * unsharp mask takes away (0: that axis left as it is). Along the rows, along the columns, both.
     */
    private static final double[][] SHARPENINGS = {{SHARPEN_SIGMA, 0}, {0, SHARPEN_SIGMA}, {SHARPEN_SIGMA, SHARPEN_SIGMA}};

    /** {@link #SHARPENINGS}' indices: along the rows, along the columns, both. */
    private static final int ALONG_ROWS = 0;
    private static final int ALONG_COLUMNS = 1;
    private static final int BOTH_AXES = 2;

    /**
     * How much more of its brightness steps one axis of a framing keeps under a further blur than the other
     * ({@link #reblurRatios}) from which the framing is taken for blurred along that axis (a vehicle moving) and
     * sharpened along it only. On the training photos' unsure framings the two ratios averaged 0.50 / 0.53 sharp,
     * 0.73 / 0.51 with 5 px of motion along the rows, 0.47 / 0.75 along the columns and 0.71 / 0.76 under a Gaussian
     * of 1.5 px (BENCHMARKS.md, session 39).
     */
    static final double DIRECTED_BLUR = 0.1;

    /**
     * A blurred plate (a camera out of focus, a vehicle moving during the exposure) loses its strokes to the reader's
     * thresholds and its characters to the classifiers: the training photos blurred by a Gaussian of 1.5 px read 100 of
     * 166 exactly, 162 sharp (BENCHMARKS.md, session 38). A reported plate of a photo-sized image read below
     * {@link #SHARPEN_BELOW} is read again in its own framing (its find's candidate) in the image sharpened by an
     * unsharp mask (twice the image less its Gaussian blur of {@link #SHARPEN_SIGMA} px), made the way the framing's own
     * blur asks ({@link #reblurRatios}): along the rows or the columns where one axis is the more blurred by
     * {@link #DIRECTED_BLUR} (a sharpening across a motion's direction only roughens the plate: 5 px of motion along the
     * rows read 97 of 166 photos exactly sharpened along them, 83 as they came, 53 sharpened along the columns), else
     * along both. {@link #surer} takes the reading where it is surer and reads no fewer characters. Which framing is
     * reported, and its box, are decided before and do not change: a sharpened reading of another framing never
     * displaces it (sessions 38 and 39 measured that losing plates). Out of fold for the
     * localiser at fold seeds 6 and 7 (not looked at while it was designed), a Gaussian blur of 1.2 px read 266 -> 278
     * of 332 exactly, 6 px of motion at 20 degrees 154 -> 165, at 80 degrees 204 -> 216, the photos as they are and
     * turned -6 degrees as before or one more, every plate found as before, 169 -> 182 automatic reads of them as they
     * are; the 20 generated sets 2677 -> 2680 of 3100 exact, 0 wrong of 531 confident reads; the held-out photos 42 of
     * 46 exact as before, 95.29 -> 95.60% of their characters, 0 wrong of 9 confident reads (6); the 598x598 median
     * within the bench's noise (BENCHMARKS.md, session 39). Costs a re-blur measure and one read for each reported plate
     * read below {@link #SHARPEN_BELOW} (and for its fuller framing where that frames it), and one sharpened image per
     * way used; not made for larger images (a 1080p frame's plates are not read again). Returns null where {@code s} has no
     * candidate or its sharpened crop does not read as a plate; the sharpened images ({@code sharp}, made on first use)
     * go to {@code held}.
     */
    private PlateResult readSharpened(Mat image, Scored s, Mat[] sharp, List<Mat> held) {
        if (s.candidate == null) {
            return null;
        }
        double[] ratios = reblurRatios(image, s.candidate.bounds());
        double along = ratios[0] - ratios[1];
        int way = along > DIRECTED_BLUR ? ALONG_ROWS : along < -DIRECTED_BLUR ? ALONG_COLUMNS : BOTH_AXES;
        if (sharp[way] == null) {
            sharp[way] = sharpened(image, SHARPENINGS[way][0], SHARPENINGS[way][1]);
            held.add(sharp[way]);
        }
        return readFraming(sharp[way], s, held);
    }

    /** The reading of {@code s}'s framing (its candidate) in {@code image}, or null where the crop does not read as a plate. */
    private PlateResult readFraming(Mat image, Scored s, List<Mat> held) {
        PlateReader.Deferred d = read(image, s.candidate, held);
        return d.plateScore() >= options.minPlateScore() ? toResult(s.candidate, d.full()) : null;
    }

    /** CLAHE's clip limit for {@link #readContrasted}: OpenCV's usual 2 (a tile's histogram clipped at twice its mean). */
    static final double CONTRAST_CLIP = 2.0;

    /**
     * The tiles (across, down) of {@link #readContrasted}'s equalisation over the framing grown by half its size each
     * side: for a framing of the plate, a tile is about a quarter of its width and half its height, each row its own.
     */
    static final Size CONTRAST_TILES = new Size(8, 4);

    /**
     * A plate whose rows differ in contrast (a washed-out Latin row under a clear Arabic row, a dirty or faded half)
     * is read with the faint row's characters unsure, its reading held below the automatic line. A reported plate of a
     * photo-sized image read below {@link #SHARPEN_BELOW} is also read again in its own framing (its find's candidate)
     * in a copy of the image whose region around the framing (its bounds grown by half their width and height each
     * side) is equalised by CLAHE ({@link #CONTRAST_CLIP}, {@link #CONTRAST_TILES}): each tile's histogram spread on
     * its own, so a faint row is stretched about as far as a clear one. {@link #surer} weighs it after the sharpened
     * re-read, as it weighs that. Out of fold (six photo conditions, two fold pairs) it read 6 more plates exactly (7
     * gained, 1 lost) and 13 more automatically, none wrong; the 20 generated sets 1 more, the nine in-sample sets 2
     * more (BENCHMARKS.md, "Session 65", which says how its settings were chosen). Costs one read per such plate, as
     * the sharpened re-read does. Returns null where {@code s} has no candidate or the region is too small; else the
     * reading where its equalised crop reads as a plate (null where not). The copy goes to {@code held}.
     */
    private PlateResult readContrasted(Mat image, Scored s, List<Mat> held) {
        if (s.candidate == null) {
            return null;
        }
        Mat copy = contrasted(image, s.candidate.bounds());
        if (copy == null) {
            return null;
        }
        held.add(copy);
        return readFraming(copy, s, held);
    }

    /**
     * A gray copy of {@code image} (gray, BGR or BGRA: an encoded image is decoded to gray, a decoded one comes as BGR;
     * the readers work on gray either way) whose region around {@code bounds} (grown by half their width and height
     * each side, clipped to the image) is equalised by CLAHE ({@link #CONTRAST_CLIP}, {@link #CONTRAST_TILES}), the
     * rest as it was; null where that region is under 8 px either way.
     */
    static Mat contrasted(Mat image, Rect bounds) {
        int x0 = Math.max(0, bounds.x - bounds.width / 2);
        int y0 = Math.max(0, bounds.y - bounds.height / 2);
        int x1 = Math.min(image.cols(), bounds.x + bounds.width + bounds.width / 2);
        int y1 = Math.min(image.rows(), bounds.y + bounds.height + bounds.height / 2);
        if (x1 - x0 < 8 || y1 - y0 < 8) {
            return null;
        }
        Mat copy = PlateLocator.toGray(image);
        Mat region = copy.submat(new Rect(x0, y0, x1 - x0, y1 - y0));
        Mat source = region.clone();
        Mat equalised = new Mat();
        try {
            Imgproc.createCLAHE(CONTRAST_CLIP, CONTRAST_TILES).apply(source, equalised);
            equalised.copyTo(region);
        } finally {
            source.release();
            equalised.release();
            region.release();
        }
        return copy;
    }

    /**
     * How much of the brightness steps of {@code image} within {@code bounds} a further Gaussian blur of
     * {@link #SHARPEN_SIGMA} px along x (first) and along y (second) leaves: near 1 where the region is already blurred
     * along that axis (the blur takes little more away), lower where it is sharp.
     */
    static double[] reblurRatios(Mat image, Rect bounds) {
        Rect r = new Rect(Math.max(0, bounds.x), Math.max(0, bounds.y), 0, 0);
        r.width = Math.min(image.cols(), bounds.x + bounds.width) - r.x;
        r.height = Math.min(image.rows(), bounds.y + bounds.height) - r.y;
        if (r.width < 3 || r.height < 3) {
            return new double[] {0, 0};
        }
        Mat gray = new Mat();
        Mat soft = new Mat();
        Mat d = new Mat();
        try {
            Mat roi = image.submat(r);
            if (roi.channels() == 3) {
                Imgproc.cvtColor(roi, gray, Imgproc.COLOR_BGR2GRAY);
            } else {
                roi.copyTo(gray);
            }
            roi.release();
            double[] out = new double[2];
            for (int axis = 0; axis < 2; axis++) {
                int dx = axis == 0 ? 1 : 0;
                Imgproc.Sobel(gray, d, CvType.CV_32F, dx, 1 - dx);
                double sharp = Core.norm(d, Core.NORM_L1);
                Imgproc.GaussianBlur(gray, soft, alongOnly(axis == 0 ? SHARPEN_SIGMA : 0, axis == 0 ? 0 : SHARPEN_SIGMA),
                        axis == 0 ? SHARPEN_SIGMA : 0, axis == 0 ? 0 : SHARPEN_SIGMA, Core.BORDER_REPLICATE);
                Imgproc.Sobel(soft, d, CvType.CV_32F, dx, 1 - dx);
                out[axis] = sharp > 0 ? Core.norm(d, Core.NORM_L1) / sharp : 0;
            }
            return out;
        } finally {
            gray.release();
            soft.release();
            d.release();
        }
    }

    /** {@code image} sharpened by an unsharp mask: twice itself less its Gaussian blur of {@code sx} across x, {@code sy} across y. */
    static Mat sharpened(Mat image, double sx, double sy) {
        Mat soft = new Mat();
        Mat sharp = new Mat();
        try {
            Imgproc.GaussianBlur(image, soft, alongOnly(sx, sy), sx, sy, Core.BORDER_REPLICATE);
            Core.addWeighted(image, 2, soft, -1, 0, sharp);
        } finally {
            soft.release();
        }
        return sharp;
    }

    /**
     * The kernel size for OpenCV's Gaussian blur of {@code sx} along x and {@code sy} along y: sized by OpenCV from the
     * sigma (0) on a blurred axis, one pixel (no blur) on an axis left as it is.
     */
    private static Size alongOnly(double sx, double sy) {
        return new Size(sx > 0 ? 0 : 1, sy > 0 ? 0 : 1);
    }

    /**
     * Drops the finds of {@code plates} from index {@code from} on (one search's) unless one of them reads surer than
     * {@code before}, the surest reading of the finds before them.
     */
    private static void keepIfSurer(List<Scored> plates, int from, double before) {
        if (surest(plates, from) <= before) {
            plates.subList(from, plates.size()).clear();
        }
    }

    /** Whether one of {@code plates} from index {@code from} on reaches both sides of an image {@code cols} wide. */
    private static boolean spansWidth(List<Scored> plates, int from, int cols) {
        for (Scored s : plates.subList(from, plates.size())) {
            if (s.box.x() <= 1 && s.box.x() + s.box.width() >= cols - 1) {
                return true;
            }
        }
        return false;
    }

    /** The highest confidence read by {@code plates} from index {@code from} on (0 where none). */
    private static double surest(List<Scored> plates, int from) {
        double best = 0;
        for (Scored s : plates.subList(from, plates.size())) {
            best = Math.max(best, s.result().confidence());
        }
        return best;
    }

    /**
     * A wide plate about photo size is sometimes found only in part, about two thirds of it (its digits panel and the
     * emblem, or the emblem and its letters: a one-digit plate's digits panel is nearly empty, and one faded row reads
     * as nothing), and that framing reads as a wide plate no surer than an inconsistent reading. Each such find
     * ({@link #mayBePart}) of {@code plates} from index {@code from} on that no other find frames fuller is read again
     * lengthened ({@link #PART_GROWTHS}, towards either side, the far end kept), and the lengthened framing whose
     * reading {@link #wholer} prefers replaces it, keeping its score. Returns the number of crops read. Asked of
     * photo-sized images only ({@link RecognizerOptions#enlargeBelow()}), where it was measured: on the bench's
     * generated 1080p frames it read half as many crops again (4.05 to 6.09 per frame) for one more exact plate of 100,
     * and on the training photos enlarged x2.7 it found one plate fewer (177 of 182 against 178).
     */
    private int wholeOfParts(Mat image, List<Scored> plates, List<Mat> held, int from) {
        int[] reads = new int[1];
        for (Scored s : new ArrayList<>(plates.subList(from, plates.size()))) {
            if (s.candidate != null && mayBePart(s.box, s.layout)) {
                readLengthened(image, plates, s, PART_GROWTHS, held, reads);
            }
        }
        return reads[0];
    }

    /**
     * Whether a find of box {@code box} read as {@code layout} may be part of a wide plate ({@link #wholeOfParts}): read
     * as wide, at least {@link #PART_MIN_WIDTH} wide, and shorter than {@link #PART_MAX_ASPECT} heights. Many whole
     * wide plates are so framed too (their boxes are 3.7-7 times as long as tall); they keep their framing unless a
     * lengthened one reads surer.
     */
    static boolean mayBePart(Box box, PlateLayout layout) {
        return layout == PlateLayout.WIDE && box.width() >= PART_MIN_WIDTH && box.width() < PART_MAX_ASPECT * box.height();
    }

    /**
     * Width (pixels) from which a find may be part of a wide plate: the parts found on the training photos out of fold
     * were 98-110 px wide, of plates 150-190 px wide.
     */
    static final int PART_MIN_WIDTH = 80;
    /** Box aspect below which a wide find may be part of one: those parts were 4.3-4.6 times as long as tall. */
    static final double PART_MAX_ASPECT = 4.8;
    /** Lengths, times the part's, of the framings tried: two thirds of a plate lengthened to all of it is 1.5 times. */
    static final double[] PART_GROWTHS = {1.35, 1.5, 1.7};

    /**
     * The reading of a framing of {@code halfCandidate} (read as {@code half}) lengthened {@code growths} times across
     * the emblem panel that is to replace it ({@link #wholer}), or null; adds the crops read to {@code reads[0]}.
     */
    PlateResult wholeOf(Mat image, PlateCandidate halfCandidate, PlateResult half, List<Mat> held, int[] reads,
            double[] growths) {
        Scored whole = wholeFind(image, halfCandidate, half, held, reads, growths, 0);
        return whole == null ? null : whole.result();
    }

    /** As {@link #wholeOf}, the lengthened framing's reading as a find scored {@code score}. */
    private Scored wholeFind(Mat image, PlateCandidate halfCandidate, PlateResult half, List<Mat> held, int[] reads,
            double[] growths, double score) {
        PlateResult best = null;
        PlateCandidate bestFraming = null;
        PlateReader.Deferred bestRead = null;
        double bestPlate = 0;
        for (double g : growths) {
            for (int side = -1; side <= 1; side += 2) {
                PlateCandidate c = PlateLocator.lengthened(halfCandidate, g, side, image.size());
                PlateReader.Deferred r = read(image, c, held);
                reads[0]++;
                if (r.plateScore() < options.minPlateScore() || r.layout() != PlateLayout.WIDE) {
                    continue;
                }
                PlateResult f = toResult(c, r.full());
                // The surer reading, of equally sure ones the more plate-like crop (a framing grown away from the
                // plate's other half reads the same half with a lower plate score).
                if (best == null || f.confidence() > best.confidence()
                        || f.confidence() == best.confidence() && r.plateScore() > bestPlate) {
                    best = f;
                    bestPlate = r.plateScore();
                    bestFraming = c;
                    bestRead = r;
                }
            }
        }
        if (!wholer(half, best)) {
            return null;
        }
        Scored whole = new Scored(best, score);
        whole.read = bestRead;
        whole.readFraming = bestFraming;
        return whole;
    }

    /**
     * Whether a find of box {@code box} read as {@code layout} may be one half of a large wide plate: read as wide, at
     * least {@link #HALF_MIN_WIDTH} wide, and shorter than {@link #HALF_MAX_ASPECT} heights (a whole wide plate's box is
     * longer). The caller also asks that its reading be no surer than an inconsistent one
     * ({@link Calibration#INCONSISTENT_CAP}): the halves found on the training photos scaled x1.3-2.7 read so.
     */
    static boolean mayBeHalf(Box box, PlateLayout layout) {
        return layout == PlateLayout.WIDE && box.width() >= HALF_MIN_WIDTH && box.width() < HALF_MAX_ASPECT * box.height();
    }

    /**
     * Whether the lengthened framing's reading {@code grown} (null: none read as a wide plate) is to replace the
     * half's reading {@code half}: when surer, or as sure with another text no shorter where the half's box is
     * shorter than {@link #HALF_SURE_ASPECT} heights (then the half's text lacks what the other half holds: a one-digit
     * plate's letters half reads the emblem as a digit, and both readings are capped alike). As sure with the same text,
     * the half was the whole plate, tightly framed: it is kept; so it is as sure with a shorter text, or in a box as
     * long as a whole plate's tall framing (a whole plate framed 3.7-3.8 times as long as tall and read right, on a
     * training photo scaled x1.4 and a generated 1080p frame, was lengthened into a misreading as sure).
     */
    static boolean wholer(PlateResult half, PlateResult grown) {
        if (grown == null) {
            return false;
        }
        if (grown.confidence() != half.confidence()) {
            return grown.confidence() > half.confidence();
        }
        return !grown.text().equals(half.text()) && grown.text().length() >= half.text().length()
                && half.box().width() < HALF_SURE_ASPECT * half.box().height();
    }

    /**
     * Box aspect below which a wide find is surely a half: the whole plates' tall framings seen were 3.56-3.88 times
     * as long as tall, the halves 2.7-3.8 (the one of these above 3.3 was replaced by a surer reading).
     */
    static final double HALF_SURE_ASPECT = 3.3;

    /**
     * Box aspect (width / height) below which a find read as a wide plate is shaped like one half of one: on the
     * training photos scaled x1.3-2.7 the halves found were 2.7-3.8 times as long as tall, the development boxes of whole
     * wide plates 3.7-7 (a found box is often taller than the labelled one).
     */
    static final double HALF_MAX_ASPECT = 3.9;
    /**
     * Width (pixels) from which a half-shaped find may be a half: the halves found were 103-223 px wide (plates of 210
     * px and more); at 598x598 a wide plate is 110-190 px wide, and its tight framings are left alone.
     */
    static final int HALF_MIN_WIDTH = 100;
    /** Lengths, times the half's, of the framings grown across the emblem panel (each was the best on some photo). */
    static final double[] HALF_GROWTHS = {1.6, 2.0, 2.4};

    /**
     * Size factor of the second search: the generators' kernels (text-block closing, bright-region neighbourhood,
     * character sizes) suit the plates of the training photos, and the same photos shrunk to 70% lost 25 of 182
     * plates (`eval --scale 0.7`), most of them plates no generator framed at that size.
     */
    static final double ENLARGE = 1.5;

    /**
     * Longer side (pixels) of the search made once more, shrunk, in an image at least
     * {@link RecognizerOptions#shrinkFrom()} long where nothing was accepted ({@link #locateShrunkAndRead}): about the
     * development photos' size (598 px), which the generators' kernels (text-block closing, bright-region
     * neighbourhood, character sizes, the plate-outline limits) were tuned on. The training photos enlarged x1.5-2.7
     * lost plates that no generator framed at that size, though every one of them is found at x1.0 (at x2.7 a standard
     * plate 275 px wide: best raw framing IoU 0.45, none among the candidates read). Shrunk to this size rather than
     * to half size, one more plate was found at x1.5 and at x2.7.
     */
    static final int SHRINK_TO = 600;

    /**
     * Whether {@code image} shrunk {@code factor} times keeps at least one row and one column (OpenCV rounds each side
     * to the nearest integer, halves to even): an image thousands of pixels long and a few high (a strip, a banner)
     * would shrink to nothing, and holds no plate to search for.
     */
    static boolean shrinksToRows(Mat image, double factor) {
        return Math.rint(Math.min(image.rows(), image.cols()) * factor) >= 1;
    }

    /**
     * The localiser run on {@code image} shrunk {@code factor} times, its candidates scaled back and read in
     * {@code image} itself, at its full resolution, as
     * {@link #locateAndRead} reads them. Nothing where the shrunk image would have no rows ({@link #shrinksToRows}).
     */
    private void locateShrunkAndRead(Mat image, double factor, RecognitionProfile profile, List<Scored> plates,
            int[] counts, List<Mat> held) {
        if (!shrinksToRows(image, factor)) {
            return;
        }
        Mat small = new Mat();
        try {
            Imgproc.resize(image, small, new Size(), factor, factor, Imgproc.INTER_AREA);
            locateMappedAndRead(image, small, PlateLocator.scaling(1 / factor), profile, plates, counts, held);
        } finally {
            small.release();
        }
    }

    /**
     * The localiser run on {@code derived}, an image made from {@code image} by an affine map (shrunk, turned), its
     * candidates mapped back by {@code back} ({@link PlateLocator#mapped}) and read in {@code image} itself, at its
     * full resolution, as {@link #locateAndRead} reads them.
     */
    private void locateMappedAndRead(Mat image, Mat derived, double[] back, RecognitionProfile profile,
            List<Scored> plates, int[] counts, List<Mat> held) {
        List<PlateCandidate> located = locator.locate(derived, profile);
        List<PlateCandidate> mapped = new ArrayList<>(located.size());
        for (PlateCandidate c : located) {
            mapped.add(PlateLocator.mapped(c, back, image.size()));
        }
        readLocated(image, 1, mapped, plates, counts, held);
    }

    /**
     * Locates candidates in {@code image} (the recognised image enlarged {@code factor} times), reads them in turn and
     * adds those the reader accepts to {@code plates} in the recognised image's coordinates, their whole readings
     * made only when asked for (the crops they need go to {@code held}). Adds the candidates returned and the crops read
     * to {@code counts}; returns the candidates read.
     */
    private List<PlateCandidate> locateAndRead(Mat image, double factor, RecognitionProfile profile, List<Scored> plates,
            int[] counts, List<Mat> held) {
        return readLocated(image, factor, locator.locate(image, profile), plates, counts, held);
    }

    /** As {@link #locateAndRead}, with the localiser's candidates {@code located} in {@code image} given. */
    private List<PlateCandidate> readLocated(Mat image, double factor, List<PlateCandidate> located, List<Scored> plates,
            int[] counts, List<Mat> held) {
        List<PlateCandidate> worth = worthReading(located, options.minCandidateScore());
        List<PlateReader.Deferred> reads = new ArrayList<>(worth.size());
        List<PlateCandidate> candidates = readInTurn(worth, c -> read(image, c, held),
                r -> settles(r.plateScore(), r::full, options), reads);
        Size original = new Size(Math.round(image.cols() / factor), Math.round(image.rows() / factor));
        // The candidates a read overlapping them settled, each read at most once and only if longerAmong asks.
        Map<PlateCandidate, Supplier<PlateResult>> unread = new HashMap<>();
        if (candidates.size() < worth.size()) {
            for (PlateCandidate k : worth) {
                if (!candidates.contains(k)) {
                    unread.put(k, once(() -> toResult(factor == 1 ? k : PlateLocator.scaled(k, 1 / factor, original),
                            read(image, k, held).full())));
                }
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            PlateReader.Deferred r = reads.get(i);
            if (r.plateScore() >= options.minPlateScore()) {
                PlateCandidate c = candidates.get(i);
                PlateCandidate found = factor == 1 ? c : PlateLocator.scaled(c, 1 / factor, original);
                // The localiser's score says how well the candidate frames a plate, the reader's how
                // plate-like the crop is: together they prefer the best-framed of overlapping finds.
                Scored added = new Scored(bounds(found), r.layout(), c.score() * r.plateScore(),
                        () -> toResult(found, r.full()), found);
                added.read = r;
                added.readFraming = found;
                added.leftwards = once(() -> read(image, PlateLocator.lengthened(c, LEFTWARDS, -1, image.size()), held)
                        .full().text());
                unread.forEach((k, later) -> {
                    if (Boxes.iou(c.bounds(), k.bounds()) > 0) {
                        added.unread.add(later);
                    }
                });
                plates.add(added);
            }
        }
        counts[0] += located.size();
        counts[1] += candidates.size();
        return candidates;
    }

    /**
     * Whether a read (its plate score, and its whole reading, made only if the score passes) settles the candidates that
     * overlap it ({@link #readInTurn}): it reads as a plate ({@link RecognizerOptions#minPlateScore()}) at
     * {@link RecognizerOptions#stopConfidence()} or more by {@link #settling}.
     */
    static boolean settles(double plateScore, Supplier<ReadResult> full, RecognizerOptions options) {
        return plateScore >= options.minPlateScore() && settling(full.get()) >= options.stopConfidence();
    }

    /**
     * The confidence by which a reading settles the candidates overlapping it: its own, or, where it is held at the
     * inconsistency cap only by the plate network's Arabic row and the reader's own rows would report it automatically
     * ({@link ReadResult#ownRowsConfidence()} at least {@link #AUTOMATIC}: they outvote that row and the reader's own top
     * row confirms every character, {@code PlateReader.ownRowsOutvote}), that figure, as {@link #ownRowsRaised} reports
     * it. Such a reading settled nothing, so every other framing of its plate was read as well, on many unseen photos
     * whose plate was then reported automatically. Only the settling goes by it; the searches and the merge still go by
     * the cap. A reading its own rows raise only to the unconfirmed cap (0.85) settles nothing: settling those too (the
     * stop confidence is 0.85) read as many plates exactly but fewer automatically on the generated scenes and the
     * training photos in sample (BENCHMARKS.md, "Session 70": S1, not landed; this rule is S1b).
     */
    static double settling(ReadResult r) {
        return automaticFigure(r.confidence(), r.ownRowsConfidence());
    }

    /**
     * A reading's {@code confidence}, or its reader's own rows' figure {@code ownRows} where that makes it automatic
     * ({@link #AUTOMATIC} or more): what {@link #settling} and {@link #surer} go by.
     */
    static double automaticFigure(double confidence, double ownRows) {
        return ownRows >= AUTOMATIC ? Math.max(confidence, ownRows) : confidence;
    }

    /** {@code make}, made on the first call and kept. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        Object[] made = new Object[1];
        return () -> {
            if (made[0] == null) {
                made[0] = make.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) made[0];
            return t;
        };
    }

    /** A candidate the localiser scores at least this high is a plate to it more likely than not. */
    static final double RESCUE_MIN_SCORE = 0.5;

    /**
     * When the reader accepted none of the candidates read, the first of them that the localiser is sure of
     * ({@link #RESCUE_MIN_SCORE}) is read again in looser framings ({@link PlateLocator#looser}), and the first
     * that reads as a plate is added to {@code plates}, scored as its candidate. The reader's plate score drops
     * sharply when a small plate's crop is cut by a pixel or two, and then a plate the localiser found is lost.
     * Only for images where nothing else was accepted, so that it costs no read where a plate was found and
     * cannot displace a framing that the reader accepted. Returns the number of crops read.
     */
    static int rescue(List<PlateCandidate> candidates, Function<PlateCandidate, List<PlateCandidate>> looser,
            Function<PlateCandidate, ReadResult> read, double minPlateScore, List<Scored> plates) {
        for (PlateCandidate c : candidates) {
            if (c.score() < RESCUE_MIN_SCORE) {
                continue;
            }
            int reads = 0;
            for (PlateCandidate f : looser.apply(c)) {
                ReadResult r = read.apply(f);
                reads++;
                if (r.plateScore() >= minPlateScore) {
                    plates.add(new Scored(toResult(f, r), c.score() * r.plateScore()));
                    break;
                }
            }
            return reads;
        }
        return 0;
    }

    /**
     * The read of one candidate's crop, its whole reading made when first asked for; the crop goes to {@code held}, to be
     * released once the image's finds are merged ({@code image} must stay unreleased as long).
     */
    private PlateReader.Deferred read(Mat image, PlateCandidate candidate, List<Mat> held) {
        Mat crop = locator.rectify(image, candidate);
        held.add(crop);
        return reader.readDeferred(crop, extra -> locator.rectify(image, PlateLocator.taller(candidate, extra, image.size())));
    }

    /**
     * Reads {@code candidates} one at a time, best first, adding each read to {@code reads}, and returns the
     * candidates read. Once a candidate reads as a plate that {@code settles} (a confident read), the later
     * candidates that overlap it are other framings of that plate and are not read; those elsewhere in the
     * image still are. The reader costs about the same per crop alone as in a batch, so reading in turn
     * costs nothing, and a plate settled by the second or third candidate (the best one often frames it too
     * loosely or too tightly) saves the reads of its remaining framings. Whether a read settles is asked only
     * where the answer can leave a later candidate unread (one that overlaps it and no plate settled before), as the
     * answer may need the read's dearest part, which the merge may never need.
     */
    static <R> List<PlateCandidate> readInTurn(List<PlateCandidate> candidates, Function<PlateCandidate, R> read,
            Predicate<R> settles, List<R> reads) {
        List<PlateCandidate> done = new ArrayList<>(candidates.size());
        List<PlateCandidate> settled = new ArrayList<>(2);
        for (int i = 0; i < candidates.size(); i++) {
            PlateCandidate c = candidates.get(i);
            if (overlapsAny(c, settled)) {
                continue;
            }
            R r = read.apply(c);
            done.add(c);
            reads.add(r);
            if (mayLeaveUnread(c, candidates.subList(i + 1, candidates.size()), settled) && settles.test(r)) {
                settled.add(c);
            }
        }
        return done;
    }

    /** Whether {@code c}, settled, would leave one of {@code later} unread that {@code settled} does not already. */
    private static boolean mayLeaveUnread(PlateCandidate c, List<PlateCandidate> later, List<PlateCandidate> settled) {
        for (PlateCandidate l : later) {
            if (Boxes.iou(c.bounds(), l.bounds()) > 0 && !overlapsAny(l, settled)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapsAny(PlateCandidate c, List<PlateCandidate> others) {
        for (PlateCandidate o : others) {
            if (Boxes.iou(o.bounds(), c.bounds()) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The localiser's best candidate, and after it those scoring at least {@code minScore}: the rest
     * are not read. The best is always read, as the scorer is not the judge of what is a plate.
     */
    static List<PlateCandidate> worthReading(List<PlateCandidate> located, double minScore) {
        List<PlateCandidate> out = new ArrayList<>(located.size());
        for (PlateCandidate c : located) {
            if (out.isEmpty() || c.score() >= minScore) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The plates reported: of overlapping finds the best-framed one. A find's whole reading is asked for only where
     * it decides something: where the find is reported (itself or as a fuller framing), or where it ranks alike with
     * another ({@link #framingRank}: the more confident reading goes first; of well-framed readings as confident, the
     * text read the most surely, {@link #surelyRead}; a well-framed reading at the unconfirmed cap or below gives way to one
     * read two characters' worth surer, {@link #surerRowsFirst}); a find's box, layout and score are known without it.
     */
    List<PlateResult> suppressOverlaps(List<Scored> plates) {
        return suppressOverlaps(plates, s -> List.of());
    }

    /**
     * As {@link #suppressOverlaps(List)}, the reading of a reported find (and of its fuller framing) read below
     * {@link #SHARPEN_BELOW} replaced by one of {@code rereads}' readings of the same framing (in order; null where a
     * re-read has none) where {@link #surer} prefers it ({@link #readSharpened}, {@link #readContrasted}).
     */
    List<PlateResult> suppressOverlaps(List<Scored> plates, Function<Scored, List<PlateResult>> rereads) {
        return suppressOverlaps(plates, rereads, (r, s) -> r, false);
    }

    /**
     * As {@link #suppressOverlaps(List, Function)}, each reported result then replaced by {@code framed}'s, given the
     * reported find and its fuller framing, the one whose box the result has first ({@link #framedAsPlate});
     * {@code everyStage} (the warm-up's) asks for the re-reads of every reported reading, not only of those below
     * {@link #SHARPEN_BELOW}.
     */
    private List<PlateResult> suppressOverlaps(List<Scored> plates, Function<Scored, List<PlateResult>> rereads,
            BiFunction<PlateResult, List<Scored>, PlateResult> framed, boolean everyStage) {
        // The same plate is often found by several candidates: keep the best-framed one; both scores
        // saturate near 1 for good framings (their differences there say nothing of the crop), and then the more
        // confident reading is the better crop.
        // Well-framed readings capped alike (an inconsistent or unconfirmed reading's confidence is its cap's) say
        // nothing by it of which is right: of those, the text that one of them reads the most surely goes first, in
        // the best-scored of its framings.
        Map<Reading, Double> surely = surelyReadOfCapped(plates);
        plates.sort(Comparator.comparingDouble((Scored s) -> framingRank(s.score))
                .thenComparingDouble(s -> s.result().confidence())
                .thenComparingDouble(s -> s.score >= WELL_FRAMED ? surely.get(cappedKey(s.result())) : 0)
                .thenComparingDouble(s -> s.score).reversed());
        surerRowsFirst(plates);
        List<PlateResult> kept = new ArrayList<>();
        // The kept finds' own framings' boxes: the other framings of a plate overlap those, not the box it is reported in.
        List<Box> keptFramings = new ArrayList<>();
        for (Scored s : plates) {
            if (kept.size() >= options.maxPlates()) {
                break;
            }
            Scored fuller = fullerFraming(s, plates, true);
            // frameFully's result has the fuller framing's box.
            boolean overlaps = keptFramings.stream().anyMatch(k -> k.iou(s.box) > options.overlapIou()
                    || k.iou(fuller.box) > options.overlapIou());
            if (!overlaps) {
                PlateResult own = surer(s, rereads, everyStage);
                PlateResult r = frameFully(own, fuller == s ? own : surer(fuller, rereads, everyStage));
                List<Alternative> framings = otherFramings(r, s, fuller, plates);
                if (longerAmong(r, plates, s, fuller)) {
                    r = capped(r, Calibration.INCONSISTENT_CAP);
                }
                r = withAlternativesScaled(r, framings, options.alternativeScale(), options.framingAlternativeScale());
                keptFramings.add(r.box());
                kept.add(framed.apply(r, r.box().equals(fuller.box) ? List.of(fuller, s) : List.of(s, fuller)));
            }
        }
        return kept;
    }

    /**
     * Reorders {@code ranked} (the merge's order, best first) so that a well-framed find ({@link #WELL_FRAMED}) read at
     * {@link PlateReader#UNCONFIRMED_CAP} or less gives way to the well-framed find overlapping it (IoU above
     * {@link #SURER_ROWS_OVERLAP}) read at {@link Calibration#INCONSISTENT_CAP} or more, another text, whose characters
     * are read surely by at least {@link #SURER_ROWS_BY} more ({@link #surelyRead}; of several, the surest), taken in turn
     * from the front: the first of what is left, or the find that so outreads it, goes next. A cap says why a reading is
     * not automatic, not which of two framings holds the plate: a framing read at the unconfirmed cap (or a calibrated
     * confidence below it) while its characters are unsure or fewer is the worse crop of a plate that another framing
     * reads two characters' worth surer, held at the inconsistency cap. Out of fold (six photo conditions, two fold
     * pairs) 4 more plates read exactly, none fewer (BENCHMARKS.md, "Session 63"). Well-framed finds are all read
     * anyway ({@link #surelyReadOfCapped}): nothing more is read.
     */
    static void surerRowsFirst(List<Scored> ranked) {
        List<Scored> rest = new ArrayList<>(ranked);
        ranked.clear();
        while (!rest.isEmpty()) {
            Scored head = rest.get(0);
            Scored pick = head;
            if (head.score >= WELL_FRAMED && head.result().confidence() <= PlateReader.UNCONFIRMED_CAP) {
                double need = surelyRead(head.result()) + SURER_ROWS_BY;
                for (Scored o : rest) {
                    if (o == head || o.score < WELL_FRAMED || o.box.iou(head.box) <= SURER_ROWS_OVERLAP
                            || o.result().confidence() < Calibration.INCONSISTENT_CAP
                            || o.result().text().equals(head.result().text())) {
                        continue;
                    }
                    double sure = surelyRead(o.result());
                    if (sure >= need) {
                        pick = o;
                        need = sure;
                    }
                }
            }
            rest.remove(pick);
            ranked.add(pick);
        }
    }

    /**
     * How many more characters' worth ({@link #surelyRead}) another framing's reading must hold for
     * {@link #surerRowsFirst} to put it first, and a sharpened or contrasted re-read at the same confidence for
     * {@link #sharpenedSurer} to replace a reading: two (BENCHMARKS.md, "Session 63", says how it was chosen; "Session
     * 64" and "Session 65" took it as it was).
     */
    static final double SURER_ROWS_BY = 2.0;
    /** How much (IoU) another framing must overlap a find to outread it ({@link #surerRowsFirst}). */
    static final double SURER_ROWS_OVERLAP = 0.3;

    /**
     * {@code s}'s reading, or where it is below {@link #SHARPEN_BELOW} one of {@code rereads}' readings of its framing:
     * taken in order (the sharpened, then the contrast-equalised), each replaces the reading so far where it reads no
     * fewer characters and is surer ({@link #sharpenedSurer}). A reading held at the inconsistency cap that its reader's
     * own rows report at {@link #SHARPEN_BELOW} or more ({@link #ownRowsRaised}) is not read again either: a re-read
     * surer than the cap but not automatic could replace it, and the plate was then reported below its own rows'
     * figure (out of fold 15 more automatic reads, as many exact: BENCHMARKS.md, "Session 70", S2). A re-read of the
     * same text that its own rows report automatically replaces a reading they do not ({@link #sameTextSettled}).
     * {@code everyStage} (the warm-up's) re-reads it whatever its confidence.
     */
    static PlateResult surer(Scored s, Function<Scored, List<PlateResult>> rereads, boolean everyStage) {
        PlateResult r = s.result();
        if (!everyStage && automaticFigure(r.confidence(), r.ownRowsConfidence()) >= SHARPEN_BELOW) {
            return r;
        }
        for (PlateResult t : rereads.apply(s)) {
            if (t != null && (sharpenedSurer(r, t) || sameTextSettled(r, t))) {
                r = t;
            }
        }
        return r;
    }

    /**
     * Whether a re-read {@code t} (sharpened or contrasted) of a reading {@code r} replaces it because it reads the same
     * text and its reader's own rows report it automatically ({@link #automaticFigure} at {@link #SHARPEN_BELOW} or
     * more) while {@code r}'s do not. Both are mostly held at the inconsistency cap, where {@link #sharpenedSurer}'s tie
     * asks for two characters' worth more: the text is the same, so only the figure the plate is reported at changes
     * ({@link #ownRowsRaised} raises the re-read, as it would have raised {@code r} had its own rows been as sure). Out
     * of fold (six photo conditions, two fold pairs) 109 more automatic reads (667 -> 776), none wrong, every cell's
     * exact reads as before; nothing more is read (BENCHMARKS.md, "Session 72", AR).
     */
    static boolean sameTextSettled(PlateResult r, PlateResult t) {
        return t.text().equals(r.text()) && automaticFigure(t.confidence(), t.ownRowsConfidence()) >= SHARPEN_BELOW
                && automaticFigure(r.confidence(), r.ownRowsConfidence()) < SHARPEN_BELOW;
    }

    /**
     * Whether the sharpened (or contrasted) re-read {@code t} of a reading {@code r} replaces it: it reads no fewer
     * characters (a sharpening's ringing can also wipe out a faint stroke: a sharpened reading with fewer characters lost
     * one), and it is read at a higher confidence or, at the same confidence (both held at one cap, mostly the
     * inconsistency cap), its characters are read surely by at least {@link #SURER_ROWS_BY} more
     * ({@link #surelyRead}), as {@link #surerRowsFirst} weighs two framings: the cap says why neither is automatic, not
     * which reads the plate. Out of fold (six photo conditions, two fold pairs) the tie's rule read 4 more plates
     * exactly and none fewer; the generated sets 2 more (5 gained, 3 lost; BENCHMARKS.md, "Session 64"). The sharpened
     * re-read is made anyway: the tie's rule reads nothing more.
     */
    static boolean sharpenedSurer(PlateResult r, PlateResult t) {
        if (t.text().length() < r.text().length()) {
            return false;
        }
        return t.confidence() > r.confidence()
                || t.confidence() == r.confidence() && surelyRead(t) >= surelyRead(r) + SURER_ROWS_BY;
    }

    /**
     * Whether an automatic reading {@code r} of 1-3 digits may have lost a digit that another framing of the same plate
     * read: one of {@code plates} overlapping it (at least half of the smaller box), or one of the candidates such a find
     * left unread ({@link Scored#unread}: a confident read settles the candidates overlapping it, read now), reads the
     * same letters after more digits, {@code r}'s among them in order. Two framings of one plate cannot both be right,
     * and the shorter reading is the one a crop that starts inside the plate makes: the reported reading is then capped
     * as inconsistent. Of the 4 reads wrong at 0.9 or more of 400 generated wide 4-digit plates ({@code generate-scenes
     * --layout wide --digits 4 --plate-width 100-500}, seeds 9000 and 10000; a leading digit lost each time) the finds
     * alone took 2 below 0.9 and the unread framings one more; they capped 1 right automatic read of 13 on 60 generated
     * wide plates of 1-2 digits (seed 7000), 3 of 50 on 400 of 1-3 digits (seeds 8000 and 9000), and of the training
     * photos enlarged x1.5 and x1.8 one each (95 and 96 automatic); the photos as they are, out of fold, their other
     * variants and the simulator's frames read as before.
     * <p>
     * Last, the framing of {@code reported} (the reported find and its fuller framing) lengthened {@link #LEFTWARDS}
     * times to the left, its right end kept ({@link Scored#leftwards}), is read too: a wide plate of four digits framed
     * from its second digit reads as the three others and its letters, the rows agreeing, and no find frames the digit
     * the crop cut (the reader looks for a digit beside a short reading only inside the crop). Generated wide 4-digit
     * plates blurred by 1.5 px ({@code eval --blur 1.5}, seeds 9000-12000) were so read wrong at 0.9963 three times
     * of 54 automatic reads, and the sharp generated scene 10054 (session 29) once; with the lengthened framing none of
     * them, and no right automatic read lost there, on the training photos (in sample and out of fold for the
     * localiser) or over the 20 generated sets; the held-out photos read as before (BENCHMARKS.md, session 38).
     * <p>
     * Asks for readings only where {@code r} is automatic and short, the lengthened framings only where no other
     * framing settled it.
     */
    static boolean longerAmong(PlateResult r, List<Scored> plates, Scored... reported) {
        String digits = shortAutomaticDigits(r);
        if (digits == null) {
            return false;
        }
        String letters = r.text().substring(digits.length());
        for (Scored s : plates) {
            double smaller = Math.min(r.box().width() * (double) r.box().height(), s.box.width() * (double) s.box.height());
            if (smaller <= 0 || intersection(r.box(), s.box) < 0.5 * smaller) {
                continue;
            }
            if (longer(s.result().text(), digits, letters)) {
                return true;
            }
            for (Supplier<PlateResult> u : s.unread) {
                if (longer(u.get().text(), digits, letters)) {
                    return true;
                }
            }
        }
        for (Scored f : reported) {
            String t = f.leftwards == null ? null : f.leftwards.get();
            if (t != null && longer(t, digits, letters)) {
                return true;
            }
        }
        return false;
    }

    /** The digits of {@code r} where it is an automatic reading of a plate text with 1-3 digits; null otherwise. */
    private static String shortAutomaticDigits(PlateResult r) {
        if (r.confidence() < AUTOMATIC || !SaudiPlate.isValid(r.text())) {
            return null;
        }
        String digits = SaudiPlate.digits(r.text());
        return digits.length() < 4 ? digits : null;
    }

    /** How many times its width a short automatic reading's framing is lengthened to the left ({@link #longerAmong}). */
    static final double LEFTWARDS = 1.3;

    private static boolean longer(String text, String digits, String letters) {
        if (!SaudiPlate.isValid(text)) {
            return false;
        }
        String d = SaudiPlate.digits(text);
        return d.length() > digits.length() && text.substring(d.length()).equals(letters) && subsequence(digits, d);
    }

    /** A confidence from which a reading is automatic (a ticket). */
    static final double AUTOMATIC = 0.9;

    private static boolean subsequence(String part, String whole) {
        int j = 0;
        for (int i = 0; i < whole.length() && j < part.length(); i++) {
            if (whole.charAt(i) == part.charAt(j)) {
                j++;
            }
        }
        return j == part.length();
    }

    /**
     * The texts that the finds of the same plate as {@code r} (the reading reported for the find {@code s}, framed as
     * {@code fuller}) among {@code plates} read (their boxes overlapping either framing more than
     * {@link RecognizerOptions#overlapIou()}), at those finds' confidences: another framing sometimes holds a character
     * this one cut off, and where {@link #frameFully} reports one framing's text the other's is among them. Only finds
     * already read are asked (no reading is made for this); texts that are not plate texts and {@code r}'s own are left
     * out, each other text once at its most confident find's figure.
     */
    private List<Alternative> otherFramings(PlateResult r, Scored s, Scored fuller, List<Scored> plates) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (Scored o : plates) {
            if (o.result == null
                    || !(o.box.iou(s.box) > options.overlapIou() || o.box.iou(fuller.box) > options.overlapIou())) {
                continue;
            }
            String text = o.result.text();
            if (SaudiPlate.isValid(text) && !text.equals(r.text())) {
                best.merge(text, o.result.confidence(), Math::max);
            }
        }
        List<Alternative> out = new ArrayList<>();
        best.forEach((text, conf) -> out.add(new Alternative(text, conf)));
        return out;
    }

    /**
     * Most alternatives reported with a plate. With the other framings' texts a plate had up to 10 on the 20 generated
     * sets of BENCHMARKS.md "Session 35"; the five most likely held the plate's text wherever any did (154 plates read
     * wrong; the four most likely: 150; counted from {@code read --json} before the cap by a throwaway script: {@code eval}
     * gives the 154 with the cap). With the reported find's and its fuller framing's texts too, each kind at its own
     * scale (session 36), {@code eval} gives 160 with the cap.
     */
    static final int MAX_ALTERNATIVES = 5;

    /**
     * {@code r} with its alternatives and {@code framings} (other framings' texts, {@link #otherFramings}) as reported:
     * each confidence held to the reading's and then scaled, the reader's alternatives by {@code readerScale}
     * ({@link RecognizerOptions#alternativeScale()}), the framings' by {@code framingScale}
     * ({@link RecognizerOptions#framingAlternativeScale()}); each other text once (at its likeliest), the
     * {@link #MAX_ALTERNATIVES} most likely, most likely first. The confidence the reader gives an alternative (the
     * runner-up of the weakest character, the other reader's text, another cut's) and a framing's own confidence are
     * each several times how often such alternatives turn out to be right (BENCHMARKS.md, "Session 35" and "Session 36").
     */
    static PlateResult withAlternativesScaled(PlateResult r, List<Alternative> framings, double readerScale,
            double framingScale) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (Alternative a : r.alternatives()) {
            if (!a.text().equals(r.text())) {
                best.merge(a.text(), readerScale * Math.min(a.confidence(), r.confidence()), Math::max);
            }
        }
        for (Alternative a : framings) {
            if (!a.text().equals(r.text())) {
                best.merge(a.text(), framingScale * Math.min(a.confidence(), r.confidence()), Math::max);
            }
        }
        List<Alternative> alts = new ArrayList<>();
        best.forEach((text, conf) -> alts.add(new Alternative(text, conf)));
        alts.sort(Comparator.comparingDouble(Alternative::confidence).reversed());
        List<Alternative> reported = alts.subList(0, Math.min(alts.size(), MAX_ALTERNATIVES));
        return reported.equals(r.alternatives()) ? r : new PlateResult(r.text(), r.arabic(), r.confidence(),
                r.characterConfidences(), List.copyOf(reported), r.quad(), r.box(), r.layout(), r.ownRowsConfidence());
    }

    /**
     * {@code r} as reported: where its reading is held at the inconsistency cap only because the plate network's Arabic
     * row disagrees with it, the reader's own classifiers reading both rows alike ({@link PlateResult#ownRowsConfidence}),
     * at the confidence it has without that cap (at most the unconfirmed cap, 0.85, unless the reader's own rows outvote
     * the network's Arabic row, {@code PlateReader.ownRowsOutvote}: then as the top-row rule gives it, automatic where
     * its own top row confirms every character), each alternative held to what that leaves. The searches and the merge
     * still go by the cap (a raised cap steered fewer searches and lost automatic reads: BENCHMARKS.md, session 44's
     * NA1; lifting the cap where the own rows outvote moved boxes and lost found plates: session 50's OV and OV4). Only
     * where the raise makes a reading automatic does it steer anything: the other framings of its plate are not read
     * ({@link #settling}) and it is not read again sharpened ({@link #surer}). Of the readings so raised to 0.85, 471 of
     * 471 on the 20 generated sets were right, and 92 of 93 on the training photos changed nine ways (in sample;
     * session 44): the cap's 0.5 under-stated them.
     */
    static PlateResult ownRowsRaised(PlateResult r) {
        double own = r.ownRowsConfidence();
        if (own <= r.confidence() || r.confidence() > Calibration.INCONSISTENT_CAP) {
            return r;
        }
        List<Alternative> alts = r.alternatives().stream()
                .map(a -> new Alternative(a.text(), Math.min(a.confidence(), 1 - own))).toList();
        return new PlateResult(r.text(), r.arabic(), own, r.characterConfidences(), alts, r.quad(), r.box(), r.layout(),
                own);
    }

    private static PlateResult capped(PlateResult r, double cap) {
        // Capped for a reason of the recogniser's own: not to be raised on the reader's own rows (ownRowsRaised).
        return new PlateResult(r.text(), r.arabic(), Math.min(r.confidence(), cap), r.characterConfidences(),
                r.alternatives(), r.quad(), r.box(), r.layout(), 0);
    }

    /**
     * For each text and confidence read by well-framed finds ({@link #WELL_FRAMED}; all of them read anyway, as
     * {@link #framingRank} ranks them alike): the highest {@link #surelyRead} of those readings. Confidences tie where
     * readings are capped alike (0.5 inconsistent, 0.85 unconfirmed): on the training photos enlarged x1.8 and x2.2,
     * five plates (one at both scales) had well-framed finds all read capped at 0.5, the best-scored misread (a
     * character cut, blurred or lost, or a wide plate's half) and another right, with surer characters.
     */
    private static Map<Reading, Double> surelyReadOfCapped(List<Scored> plates) {
        Map<Reading, Double> best = new HashMap<>();
        for (Scored s : plates) {
            if (s.score >= WELL_FRAMED) {
                best.merge(cappedKey(s.result()), surelyRead(s.result()), Math::max);
            }
        }
        return best;
    }

    private static Reading cappedKey(PlateResult r) {
        return new Reading(r.text(), r.confidence());
    }

    /** A text read at a confidence. */
    private record Reading(String text, double confidence) {
    }

    /**
     * How many characters {@code r} holds, weighed by how sure the reader is of its characters as a whole: their number
     * times the geometric mean of their confidences. A framing that cuts or blurs a character reads it less surely, or
     * not at all (a shorter text), and a loose one may read a stray mark as an unsure character: one unsure character
     * weighs on the geometric mean as on the whole text's probability, where a sum of confidences would let a
     * character read at 0.1 outweigh an even surer reading's missing one. Where two readings are capped alike, the one
     * that holds more characters surely is the better crop.
     */
    static double surelyRead(PlateResult r) {
        double[] c = r.characterConfidences();
        if (c.length == 0) {
            return 0;
        }
        double logs = 0;
        for (double p : c) {
            logs += Math.log(Math.max(MIN_CHARACTER_CONFIDENCE, p));
        }
        return c.length * Math.exp(logs / c.length);
    }

    /** Character confidences below this count as this in {@link #surelyRead} (a zero would void a whole reading). */
    private static final double MIN_CHARACTER_CONFIDENCE = 1e-6;

    /**
     * Combined localiser x plate score from which a find frames its plate well: the finds of the training photos enlarged
     * x1.5-2.7 whose reading was right where the reported framing of the same plate read wrong scored 0.91-1.00 beside
     * it, differences in the second decimal that say nothing of which crop reads better.
     */
    static final double WELL_FRAMED = 0.9;

    /**
     * The key by which overlapping finds are ranked before their readings' confidence: scores of at least
     * {@link #WELL_FRAMED} all rank alike (then the surer reading is kept, of equally sure ones the better scored),
     * lower ones by their score rounded to 0.01.
     */
    static double framingRank(double score) {
        return score >= WELL_FRAMED ? 1.0 : Math.round(score * 100) / 100.0;
    }

    /**
     * The plate as {@code fuller} frames it, read as whichever of the two crops reads it more
     * confidently: the partial crop sometimes holds every character and reads better.
     */
    private static PlateResult frameFully(PlateResult partial, PlateResult fuller) {
        if (fuller == partial || fuller.confidence() >= partial.confidence()) {
            return fuller;
        }
        return new PlateResult(partial.text(), partial.arabic(), partial.confidence(), partial.characterConfidences(),
                partial.alternatives(), fuller.quad(), fuller.box(), fuller.layout(), partial.ownRowsConfidence());
    }

    /**
     * {@code r}, or where its framing may cut its last character ({@link #lastMayBeCut}), the reading of that framing
     * lengthened to the right ({@link #RIGHTWARDS_GROWTHS}, its left end kept) that {@link #rightwardsReplaces} prefers:
     * a plate found a little short of its right end (the last letter's far stroke outside the framing: a D then reads
     * as E or L) is read whole. The framing lengthened is the one that read {@code r}'s text, the first of
     * {@code framings} (the reported find and its fuller framing) to have; none, and {@code r} stays. Costs two reads a
     * reported plate so read and nothing elsewhere. Out of fold (session 59) this read 5 more of 1,992 photo readings
     * exactly, none fewer, none wrong at 0.9 or more.
     */
    private PlateResult lastLetterWhole(Mat image, PlateResult r, List<Scored> framings, List<Mat> held) {
        if (!lastMayBeCut(r)) {
            return r;
        }
        PlateCandidate framing = null;
        for (Scored f : framings) {
            if (f.readFraming != null && f.result().text().equals(r.text())) {
                framing = f.readFraming;
                break;
            }
        }
        return framing == null ? r : rightwardsOf(image, framing, r, held);
    }

    /** The reading of {@code framing} of {@code image} as a find's (its crop goes to {@code held}). */
    PlateResult readAt(Mat image, PlateCandidate framing, List<Mat> held) {
        return toResult(framing, read(image, framing, held).full());
    }

    /**
     * The reading of {@code framing} (which read {@code r}) lengthened to the right {@link #RIGHTWARDS_GROWTHS} times,
     * its left end kept, that {@link #rightwardsReplaces} prefers to {@code r}, in turn (a later one to the one taken
     * only if surer); {@code r} where none is. The crops read go to {@code held}.
     */
    PlateResult rightwardsOf(Mat image, PlateCandidate framing, PlateResult r, List<Mat> held) {
        PlateResult best = r;
        for (double g : RIGHTWARDS_GROWTHS) {
            PlateCandidate longer = PlateLocator.lengthened(framing, g, 1, image.size());
            PlateReader.Deferred d = read(image, longer, held);
            if (d.plateScore() < options.minPlateScore()) {
                continue;
            }
            PlateResult f = toResult(longer, d.full());
            if (rightwardsReplaces(best, f, best == r)) {
                best = f;
            }
        }
        return best;
    }

    /**
     * Whether the reading {@code r} may come from a framing that cuts its last character: held at the inconsistency cap
     * or below, at least four characters, its last character read unsure ({@link #CUT_LAST_BELOW}) and every other one
     * at least {@link #OTHERS_SURE_FROM}. Out of fold, a training photo's standard plate found short of its right end
     * read so (its last letter's confidence near zero behind six sure characters).
     */
    static boolean lastMayBeCut(PlateResult r) {
        String t = r.text();
        double[] c = r.characterConfidences();
        if (r.confidence() > Calibration.INCONSISTENT_CAP || t.length() < 4 || c == null || c.length != t.length()
                || c[c.length - 1] >= CUT_LAST_BELOW) {
            return false;
        }
        for (int i = 0; i < c.length - 1; i++) {
            if (c[i] < OTHERS_SURE_FROM) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code longer}, a reading of the framing lengthened to the right, replaces {@code r}
     * ({@link #lastLetterWhole}): the same characters but perhaps the last, and either surer, or (for {@code first}, the
     * reading in place being the framing's own) as sure with its last character read at least
     * {@link #OTHERS_SURE_FROM}: both are often held at the cap alike, by a top row that disagrees with the cut letter
     * and by the plate network.
     */
    static boolean rightwardsReplaces(PlateResult r, PlateResult longer, boolean first) {
        String t = r.text();
        String u = longer.text();
        if (u.length() != t.length() || !u.regionMatches(0, t, 0, t.length() - 1)) {
            return false;
        }
        if (longer.confidence() > r.confidence()) {
            return true;
        }
        double[] c = longer.characterConfidences();
        return first && longer.confidence() >= r.confidence() && c != null && c.length == u.length()
                && c[c.length - 1] >= OTHERS_SURE_FROM;
    }

    /** A reading's last character read below this may be cut by its framing ({@link #lastMayBeCut}). */
    static final double CUT_LAST_BELOW = 0.1;
    /**
     * Every other character of a reading that may be cut is read at least this surely ({@link #lastMayBeCut}); a
     * lengthened reading whose last character is read so surely may replace it ({@link #rightwardsReplaces}).
     */
    static final double OTHERS_SURE_FROM = 0.5;
    /** Lengths, times the framing's, of the framings lengthened to the right ({@link #rightwardsOf}). */
    static final double[] RIGHTWARDS_GROWTHS = {1.15, 1.3};

    /**
     * {@code r} with the box and quadrilateral of its plate as its Latin row's layout places it ({@link PlateExtent}: a
     * wide plate's, told by its row's spacing) where the reported framing is a loose one of it ({@link #looseAbout}): a
     * wide plate read in a framing far larger than it, such as a bumper's bright band about a large one-digit plate;
     * its layout is then wide (the network's layout of such a framing is often standard). Where the reported framing
     * is a tight one of it instead ({@link #tightIn}: about the print, the plate's ends outside), {@code r} is reported
     * lengthened along its row to the plate's ends ({@link #lengthened}); such a plate may also be placed by its
     * letters alone ({@link PlateExtent#wideByLetters}), its digits being outside the framing or misread there. The row
     * is the character reader's boxes of the reading, from the first of {@code framings} whose own reading is
     * {@code r}'s text. A reading at least as sure as an inconsistent one whose row is a standard plate's instead
     * ({@link PlateExtent#standard}) is reported in that plate's box where its framing is loose about it (layout
     * standard; {@link #placement}). Only the reported box changes: the merge compares the finds' own framings.
     */
    private PlateResult framedAsPlate(Mat image, PlateResult r, List<Scored> framings) {
        boolean valid = SaudiPlate.isValid(r.text());
        if (!valid && !endsInLetters(r.text())) {
            return r;
        }
        for (Scored f : framings) {
            if (f.read == null || !f.result().text().equals(r.text())) {
                continue;
            }
            RowBoxes row = f.read.row();
            if (row == null) {
                continue;
            }
            PlateCandidate c = row.taller() > 0 ? PlateLocator.taller(f.readFraming, row.taller(), image.size())
                    : f.readFraming;
            Size crop = locator.cropSize(c);
            List<double[]> boxes = new ArrayList<>(row.boxes().size());
            for (double[] b : row.boxes()) {
                boxes.add(new double[] {b[0] * crop.width, b[1] * crop.height, b[2] * crop.width, b[3] * crop.height});
            }
            Placement placed = placement(r.text(), r.confidence(), boxes);
            if (placed == null) {
                continue;
            }
            double[] e = placed.extent();
            PlateLayout layout = placed.layout();
            // Placed by its letters alone, a plate is only taken as framed too tightly (its digits outside the framing).
            boolean byLetters = placed.byLetters();
            Point[] q = locator.fromCrop(c, new Point[] {new Point(e[0], e[1]), new Point(e[2], e[1]),
                new Point(e[2], e[3]), new Point(e[0], e[3])});
            double[] xs = new double[4];
            double[] ys = new double[4];
            for (int i = 0; i < 4; i++) {
                xs[i] = Math.max(0, Math.min(image.cols(), q[i].x));
                ys[i] = Math.max(0, Math.min(image.rows(), q[i].y));
            }
            int x0 = (int) Math.round(Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3])));
            int y0 = (int) Math.round(Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3])));
            int x1 = (int) Math.round(Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3])));
            int y1 = (int) Math.round(Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3])));
            Box box = new Box(x0, y0, x1 - x0, y1 - y0);
            if (box.width() < 1 || box.height() < 1) {
                return r;
            }
            if (!byLetters && looseAbout(r.box(), box)) {
                return new PlateResult(r.text(), r.arabic(), r.confidence(), r.characterConfidences(), r.alternatives(),
                        new Quad(xs, ys), box, layout, r.ownRowsConfidence());
            }
            return layout == PlateLayout.WIDE && tightIn(r.box(), box) ? lengthened(r, box) : r;
        }
        return r;
    }

    /**
     * Where the plate read as {@code text} at {@code confidence} lies, from the character reader's boxes of its Latin row
     * ({@code boxes}: x0, y0, x1, y1 each, left to right, in its crop's coordinates): a wide plate's extent where the row
     * is a wide plate's ({@link PlateExtent#wide}); else, for a reading at least as sure as an inconsistent one
     * ({@link Calibration#INCONSISTENT_CAP}), a standard plate's where the row is a standard plate's
     * ({@link PlateExtent#standard}); else a wide plate placed by its last three boxes, its letters, alone
     * ({@link PlateExtent#wideByLetters}, a text ending in three letters whose every character has a box). Null for
     * none. A text that is no valid plate is placed by its letters only. Readings held at the inconsistency cap count
     * since session 62 (rule RB; before, only surer ones): with plate networks that had not seen the photo, right
     * readings are often held there by the network's Arabic row, and were reported in a loose framing's box (the
     * lights or the body beside the plate) under IoU 0.5 with their labels. Out of fold (six conditions, both fold
     * pairs) 62 reported boxes changed, 60 closer to the label, and 9 right texts more were found (BENCHMARKS.md).
     */
    static Placement placement(String text, double confidence, List<double[]> boxes) {
        boolean valid = SaudiPlate.isValid(text);
        int digits = text.length() - 3;
        double[] e = valid ? PlateExtent.wide(boxes, digits) : null;
        if (e != null) {
            return new Placement(e, PlateLayout.WIDE, false);
        }
        if (valid && confidence >= Calibration.INCONSISTENT_CAP) {
            e = PlateExtent.standard(boxes, digits);
            if (e != null) {
                return new Placement(e, PlateLayout.STANDARD, false);
            }
        }
        if (boxes.size() == text.length() && boxes.size() >= 3) {
            e = PlateExtent.wideByLetters(boxes.subList(boxes.size() - 3, boxes.size()));
        }
        return e == null ? null : new Placement(e, PlateLayout.WIDE, true);
    }

    /**
     * A plate placed by its Latin row ({@link #placement}): its extent {x0, y0, x1, y1} in the row's coordinates, its
     * layout, and whether it was placed by its letters alone.
     */
    record Placement(double[] extent, PlateLayout layout, boolean byLetters) {
    }

    /**
     * Whether {@code framing} is a loose framing of the plate {@code plate}: at least {@link #LOOSE_INSIDE} of the plate's
     * box inside it, the plate's box at most {@link #LOOSE_AREA} of its area.
     */
    static boolean looseAbout(Box framing, Box plate) {
        double area = (double) plate.width() * plate.height();
        return area <= LOOSE_AREA * framing.width() * framing.height() && intersection(framing, plate) >= LOOSE_INSIDE * area;
    }

    /**
     * {@code r} reported along its row to the ends of the plate {@code plate} its row places, a framing too tight about
     * it ({@link #tightIn}): its box widened to the plate's horizontal extent, its height kept (the plate placed by its
     * row is the renderer's measure, taller for its width than the photos' wide plates), its quadrilateral stretched
     * the same way; layout wide.
     */
    private static PlateResult lengthened(PlateResult r, Box plate) {
        Box b = r.box();
        int x0 = Math.min(b.x(), plate.x());
        int x1 = Math.max(b.x() + b.width(), plate.x() + plate.width());
        double scale = (double) (x1 - x0) / b.width();
        double[] xs = r.quad().xs().clone();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x0 + (xs[i] - b.x()) * scale;
        }
        return new PlateResult(r.text(), r.arabic(), r.confidence(), r.characterConfidences(), r.alternatives(),
                new Quad(xs, r.quad().ys()), new Box(x0, b.y(), x1 - x0, b.height()), PlateLayout.WIDE,
                r.ownRowsConfidence());
    }

    /**
     * Whether {@code framing} is a tight framing of the plate {@code plate}: at least {@link #LOOSE_INSIDE} of its box
     * inside the plate's, and at most {@link #TIGHT_WIDTH} as wide (the letters' half of a wide plate and its emblem
     * panel, say). By width, not area: the plate placed by its row is the renderer's measure, taller for its width than
     * the photos' wide plates' labelled boxes, so a good box of a real plate covers little of its area.
     */
    static boolean tightIn(Box framing, Box plate) {
        double area = (double) framing.width() * framing.height();
        return area > 0 && framing.width() <= TIGHT_WIDTH * plate.width()
                && intersection(framing, plate) >= LOOSE_INSIDE * area;
    }

    /** The most of its plate's width that a tight framing spans ({@link #tightIn}). */
    static final double TIGHT_WIDTH = 0.75;

    /**
     * Whether {@code text}'s last three characters are plate letters ({@link SaudiPlate#isPlateLetter}): a plate's
     * letter group read, whatever precedes it.
     */
    private static boolean endsInLetters(String text) {
        int n = text.length();
        return n >= 3 && SaudiPlate.isPlateLetter(text.charAt(n - 3)) && SaudiPlate.isPlateLetter(text.charAt(n - 2))
                && SaudiPlate.isPlateLetter(text.charAt(n - 1));
    }

    /** The most of a loose framing's area that its plate's box covers ({@link #looseAbout}). */
    static final double LOOSE_AREA = 0.6;
    /** The least share of a plate's box inside a loose framing of it ({@link #looseAbout}). */
    static final double LOOSE_INSIDE = 0.9;

    /** Box aspect ratio (width / height) of wide plates in the development photos' boxes (median). */
    private static final double WIDE_ASPECT = 5.0;

    /**
     * A half of a wide plate (its digits or its letters) reads as a plate on its own, often with a
     * better score than the whole plate, and then hides it. When {@code s} lies inside a larger
     * accepted candidate that scores nearly as well, the larger one is the plate (read as wide, or shaped like nothing but
     * a wide plate, {@link #FULLER_WIDE_SHAPED}, where {@code wideShaped}; {@link #wholeOfHalf} asks without, as its
     * lengthened framings may read the whole plate better than such a box): of those, the one
     * whose shape best fits a wide plate (a loose box around the plate fits worse).
     */
    private static Scored fullerFraming(Scored s, List<Scored> plates, boolean wideShaped) {
        Box b = s.box;
        double area = (double) b.width() * b.height();
        Scored best = null;
        double bestFit = Double.MAX_VALUE;
        for (Scored c : plates) {
            Box cb = c.box;
            double cArea = (double) cb.width() * cb.height();
            // Only a wide plate read as such (or shaped like nothing else, beside a half), longer but not much taller:
            // a box grown on all sides is a loose framing of the same plate, not a fuller one.
            if (c == s || c.layout != PlateLayout.WIDE && !(wideShaped && wideShapedFuller(s, cb))
                    || cb.width() < FULLER_MIN_ASPECT * cb.height()
                    || cArea > FULLER_MAX_AREA * area
                    || cb.width() < FULLER_MIN_WIDTH * b.width() || cb.height() > FULLER_MAX_HEIGHT * b.height()
                    || c.score < FULLER_MIN_SCORE * s.score || intersection(b, cb) < FULLER_INSIDE * area) {
                continue;
            }
            double fit = Math.abs(Math.log((double) cb.width() / Math.max(1, cb.height()) / WIDE_ASPECT));
            if (fit < bestFit) {
                bestFit = fit;
                best = c;
            }
        }
        return best == null ? s : best;
    }

    /** A wide candidate replaces a contained one only if it is at least 1.4 times as long, at most 1.35 times
     * as tall and 3 times the area ... */
    private static final double FULLER_MIN_WIDTH = 1.4;
    private static final double FULLER_MAX_HEIGHT = 1.35;
    private static final double FULLER_MAX_AREA = 3.0;
    /** ... and is itself shaped like a wide plate (the development boxes: standard 1.8-2.4, wide 3.7-7) ... */
    private static final double FULLER_MIN_ASPECT = 3.5;
    /**
     * ... read as a wide plate, or shaped like nothing else (the development boxes of standard plates are at most 2.4
     * times as long as tall: a large wide plate framed whole is sometimes read with a standard layout, misread, and then
     * lost to its letters half read more surely) ...
     */
    static final double FULLER_WIDE_SHAPED = 4.2;

    /**
     * Whether {@code cb}, a box read with a standard layout, may still be the fuller framing of {@code s}: only when it
     * is shaped like nothing but a wide plate ({@link #FULLER_WIDE_SHAPED}) and {@code s} may be a half of one
     * ({@link #mayBeHalf}: read as wide, half-shaped) read no surer than an inconsistent reading and with fewer than four
     * digits (a letters half of a short plate reads its emblem panel as a digit; a half read with four digits already
     * holds the whole text, and a box longer still is then a loose framing; a sure reading is left in its own box). On
     * its helper's throwaway probe's generated 598x598 scenes of wide plates 350-500 px wide with 1-2 digits (40, with
     * 40 each at 1280x720 and 1920x1080) this reframed one letters half, and nothing else; the training photos (also
     * scaled x0.6-2.7) and the simulator's frames are reported as before.
     */
    private static boolean wideShapedFuller(Scored s, Box cb) {
        return cb.width() >= FULLER_WIDE_SHAPED * cb.height() && mayBeHalf(s.box, s.layout)
                && s.result().confidence() <= Calibration.INCONSISTENT_CAP
                && SaudiPlate.digits(s.result().text()).length() < 4;
    }
    /** ... holds at least 85% of it ... */
    private static final double FULLER_INSIDE = 0.85;
    /** ... and scores at least 75% of its combined localiser x plate score. */
    private static final double FULLER_MIN_SCORE = 0.75;

    private static double intersection(Box a, Box b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        return ix * iy;
    }

    private static PlateResult toResult(PlateCandidate c, ReadResult r) {
        Point[] p = c.corners();
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = p[i].x;
            ys[i] = p[i].y;
        }
        return new PlateResult(r.text(), r.arabic(), r.confidence(), r.characterConfidences(), r.alternatives(),
                new Quad(xs, ys), bounds(c), r.layout(), r.ownRowsConfidence());
    }

    private static Box bounds(PlateCandidate c) {
        Rect b = c.bounds();
        return new Box(b.x, b.y, b.width, b.height);
    }

    /**
     * A find: its box, layout and combined score, and its result, made from the whole reading when first asked for.
     */
    static final class Scored {
        private final Box box;
        private final PlateLayout layout;
        private final double score;
        private Supplier<PlateResult> later;
        private PlateResult result;
        /** The candidate found (in the recognised image's coordinates); null where not known. */
        private final PlateCandidate candidate;
        /** Framings of the same plate left unread because this find's reading settled them, read only when asked. */
        final List<Supplier<PlateResult>> unread = new ArrayList<>(0);
        /** The text read in this find's framing lengthened to the left ({@link #longerAmong}); null where not known. */
        Supplier<String> leftwards;
        /** The read that made this find's result, of {@link #readFraming}'s crop; null where not known. */
        PlateReader.Deferred read;
        /**
         * The framing {@link #read} read: {@link #candidate}, or for a lengthened find (which has none, so that the merge
         * treats it as a find of known result) the lengthened framing; null where not known.
         */
        PlateCandidate readFraming;

        /** A find whose result is known. */
        Scored(PlateResult result, double score) {
            this.box = result.box();
            this.layout = result.layout();
            this.score = score;
            this.result = result;
            this.candidate = null;
        }

        /** A find whose result {@code later} makes (its box and layout must be {@code box} and {@code layout}). */
        Scored(Box box, PlateLayout layout, double score, Supplier<PlateResult> later) {
            this(box, layout, score, later, null);
        }

        /** As {@link #Scored(Box, PlateLayout, double, Supplier)}, found as {@code candidate}. */
        Scored(Box box, PlateLayout layout, double score, Supplier<PlateResult> later, PlateCandidate candidate) {
            this.box = box;
            this.layout = layout;
            this.score = score;
            this.later = later;
            this.candidate = candidate;
        }

        PlateResult result() {
            if (result == null) {
                result = later.get();
                later = null;
            }
            return result;
        }

        double score() {
            return score;
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
