package org.raqib.detection.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.raqib.models.plate.SaudiPlate;

/**
 * Reads the Latin row character by character: {@link GlyphSegmenter} cuts it, {@link GlyphClassifier}
 * names each piece (a digit before the last three, a letter among them). Small-data character
 * classifiers generalise far better than a whole-plate model: every training photo gives seven
 * examples of one clean printed face instead of one example of a seven-character sequence.
 */
public final class GlyphReader {

    /**
     * One reading.
     *
     * @param text             canonical plate text
     * @param characterProbabilities probability of each character of {@code text} (against every other
     *                         class, junk included)
     * @param logScore         sum of the characters' log-probabilities
     * @param weakest          index of the least certain character
     * @param runnerUp         the second most likely character at {@code weakest}
     * @param framed           false when the crop looks like a piece of a plate (see {@link GlyphSegmenter.Glyphs})
     * @param margin           how much better (in summed log-odds) this cut of the row scored than the best
     *                         cut that reads another text; {@link #MARGIN_CAP} when no other cut does, or
     *                         when the segmenter's own cut was sure enough that no other was tried
     * @param shortStandard    true when the crop has a standard plate's shape and the reading fewer than
     *                         four digits: no standard plate among the training photos has fewer, so such a
     *                         reading has almost surely lost a digit
     * @param topRow           what the Arabic row above the reading's boxes says about it, or null when the
     *                         reader has no Arabic classifier
     * @param otherText        the text of the best cut that reads another text ({@code margin} below this one), or
     *                         empty when no other cut was read
     */
    public record Reading(String text, double[] characterProbabilities, double logScore, int weakest, char runnerUp,
            boolean framed, double margin, boolean shortStandard, TopRow.Evidence topRow, String otherText) {

        /** A reading without another cut's text. */
        public Reading(String text, double[] characterProbabilities, double logScore, int weakest, char runnerUp,
                boolean framed, double margin, boolean shortStandard, TopRow.Evidence topRow) {
            this(text, characterProbabilities, logScore, weakest, runnerUp, framed, margin, shortStandard, topRow, "");
        }

        /** This reading with {@code other} as {@link #otherText}. */
        Reading withOtherText(String other) {
            return new Reading(text, characterProbabilities, logScore, weakest, runnerUp, framed, margin, shortStandard,
                    topRow, other);
        }

        /** Log-probability of the least certain character. */
        public double minLog() {
            return Math.log(Math.max(1e-12, characterProbabilities[weakest]));
        }
    }

    /**
     * The weight of the top row's log-probabilities beside the Latin row's when a character the Latin row is unsure
     * of ({@link #FUSE_BELOW}) is named again ({@link #fuse}). Below 1: the top row is read in cells placed by the
     * Latin cut and is the weaker witness (at weight 1 it turned more right characters wrong than wrong ones right,
     * out of fold).
     */
    public static final double TOP_ROW_WEIGHT = 0.3;

    /** Only a Latin character less probable than this is named again from both rows ({@link #fuse}). */
    public static final double FUSE_BELOW = 0.9;

    /**
     * Where the top row does not contradict a reading, a Latin character is named again only as a class the top row
     * itself gives at least this ({@link #withTopRow(Reading, IntFunction, double[][])}): it must name the new
     * character, not merely doubt the old one.
     */
    public static final double FUSE_NAMED = 0.5;

    /** Cap of {@link Reading#margin}: beyond it the other cuts say nothing more. */
    public static final double MARGIN_CAP = 12;

    /**
     * Log-odds against a standard (squarer) plate with fewer than four digits: every standard plate
     * among the training photos has four (the special plates with fewer are the wide ones), so a cut
     * that loses a digit touching the frame must not win on a few surer boxes alone. (Not a ban: such
     * plates may exist, and the calibration gives the reading its low confidence.) Session 21 (count21) tried 7: out of
     * fold (card command, {@code --small 1.0} fold caches) a standard crop's whole row, read exactly, lost to a cut of 4-6
     * surer boxes by 2.5-4 points on about 2 crops a seed, and 7 won 4 crops over seeds 42/43/44 (5: 3), but the
     * simulator's standard plates of 1-3 digits lost 5 of 80 (73 to 68): left at 3.
     */
    private static final double SHORT_STANDARD = 3;

    /**
     * Log-odds against a cut of a wide crop that puts a digit right of the middle or a letter left of it
     * (see {@link #wideLayoutFits}): a blob cut of a wide row whose panel was missed can take the last digit
     * for a letter and drop the last letter, and win on sure boxes alone. A penalty rather than a ban, like
     * {@link #SHORT_STANDARD}: a badly framed crop may still have only such cuts.
     */
    private static final double WIDE_LAYOUT = 4;

    /**
     * Log-odds against each box of a wide crop's cut that is a piece of the emblem panel ({@link #panelPieces}; see
     * {@link #panelBand}): the emblem, the "KSA" print and the dot there, and the panel's frame line, are no plate text,
     * but where the panel's borders were not found they were boxed and read as a character. A penalty, like {@link #WIDE_LAYOUT}: a loose crop's panel
     * may lie off the band assumed.
     */
    private static final double PANEL_BOX = 4;

    /**
     * Where a wide crop's emblem panel is taken to lie, as fractions of its width, when no binarisation found its
     * borders: narrower than the segmenter's panel band (0.44-0.66 of the width), so that a shifted
     * crop's last digit or first letter is not taken for the panel's print.
     */
    private static final double PANEL_BAND_FROM = 0.46;
    private static final double PANEL_BAND_TO = 0.62;

    /** A first cut whose every box is at least this sure of its character is read without the other cuts. */
    private static final double SURE_BOX = 0.9;

    /** Per-box log-odds are clipped to this: one sure box must not outvote a whole row. */
    private static final double BOX_CLIP = 4;

    /**
     * Platt scaling of a reading: the probability that it is exactly right.
     *
     * @param wLog    weight of the summed log-probability
     * @param wMin    weight of the weakest character's log-probability
     * @param wMargin weight of the margin over the best cut of the row that reads another text
     * @param wShort  weight of {@link Reading#shortStandard} (0 or 1)
     * @param bias    intercept
     */
    public record GlyphCalibration(double wLog, double wMin, double wMargin, double wShort, double bias) {
        /** Calibrated probability. */
        public double confidence(Reading r) {
            return confidence(features(r));
        }

        /** Calibrated probability of a reading with features {@code f} (see {@link #features}). */
        public double confidence(double[] f) {
            double z = wLog * f[0] + wMin * f[1] + wMargin * f[2] + wShort * f[3] + bias;
            return 1 / (1 + Math.exp(-z));
        }

        /**
         * The calibrated probability of {@code r} without its {@link Reading#shortStandard} term: how sure the reading is
         * of its characters, given how many it has. What compares it with another reader's reading of as many digits,
         * whose calibration has no such term: the term weighs on both alike (see {@link PlateReader}).
         */
        public double confidenceGivenCount(Reading r) {
            double[] f = features(r);
            f[3] = 0;
            return confidence(f);
        }

        /** Features in the order of the weights. */
        public static double[] features(Reading r) {
            return new double[] {r.logScore(), r.minLog(), r.margin(), r.shortStandard() ? 1 : 0};
        }
    }

    private final GlyphClassifier classifier;
    private final GlyphCalibration calibration;
    /** The top row's classifier, or null: then readings carry no top-row evidence. */
    private final GlyphClassifier arabic;
    /** The convolutional classifier that names the boxes of the cuts chosen among, or null for the perceptron alone. */
    private final GlyphNet net;
    /** Weight of {@link #net}'s log-probabilities against the perceptron's (1: the net alone). */
    private final double netWeight;
    /** The convolutional classifier of the top row's cells, or null for {@link #arabic} alone. */
    private final GlyphNet arabicNet;
    /** Weight of {@link #arabicNet}'s log-probabilities against {@link #arabic}'s. */
    private final double arabicNetWeight;

    /** A reader of the Latin row alone, from a classifier and its calibration. */
    public GlyphReader(GlyphClassifier classifier, GlyphCalibration calibration) {
        this(classifier, calibration, null);
    }

    /** A reader that also reads the Arabic row above each Latin box with {@code arabic} (may be null). */
    public GlyphReader(GlyphClassifier classifier, GlyphCalibration calibration, GlyphClassifier arabic) {
        this(classifier, calibration, arabic, null, 0);
    }

    /**
     * A reader whose cuts are searched with {@code classifier} but whose candidate cuts are compared and
     * named with {@code net} too (may be null): each box's probabilities are the normalised weighted
     * geometric mean of the two classifiers', {@code netWeight} the net's share (1: the net alone).
     */
    public GlyphReader(GlyphClassifier classifier, GlyphCalibration calibration, GlyphClassifier arabic, GlyphNet net,
            double netWeight) {
        this(classifier, calibration, arabic, net, netWeight, null, 0);
    }

    /**
     * A reader as {@link #GlyphReader(GlyphClassifier, GlyphCalibration, GlyphClassifier, GlyphNet, double)} whose
     * top row's cells are also named by {@code arabicNet} (may be null; it needs {@code arabic}), combined with
     * {@code arabic}'s probabilities in the same way, {@code arabicNetWeight} its share.
     */
    public GlyphReader(GlyphClassifier classifier, GlyphCalibration calibration, GlyphClassifier arabic, GlyphNet net,
            double netWeight, GlyphNet arabicNet, double arabicNetWeight) {
        if (net != null && !(netWeight > 0 && netWeight <= 1)) {
            throw new IllegalArgumentException("net weight must be in (0, 1]: " + netWeight);
        }
        if (arabicNet != null && (arabic == null || !(arabicNetWeight > 0 && arabicNetWeight <= 1))) {
            throw new IllegalArgumentException("a top-row net needs the top row's classifier and a weight in (0, 1]: "
                    + arabicNetWeight);
        }
        this.classifier = classifier;
        this.calibration = calibration;
        this.arabic = arabic;
        this.net = net;
        this.netWeight = netWeight;
        this.arabicNet = arabicNet;
        this.arabicNetWeight = arabicNetWeight;
    }

    /** Loads the committed classifier and calibration from the classpath. */
    public static GlyphReader loadDefault() {
        return fromJson(GlyphClassifier.resource());
    }

    /** Reads a model file written by the training tool; a net it names comes from the classpath. */
    public static GlyphReader fromJson(JsonNode node) {
        return fromJson(node, null);
    }

    /**
     * Reads a model file written by the training tool into {@code dir}: a net it names is read from that
     * folder (the training tool writes both there), so a retrained classifier is never paired with the
     * committed net; {@code dir} null means the classpath.
     */
    public static GlyphReader fromJson(JsonNode node, Path dir) {
        JsonNode c = node.path("calibration");
        GlyphCalibration cal = new GlyphCalibration(c.path("wLog").asDouble(1), c.path("wMin").asDouble(0),
                c.path("wMargin").asDouble(0), c.path("wShort").asDouble(0), c.path("bias").asDouble(0));
        double weight = node.path("net").path("weight").asDouble(1);
        double topWeight = node.path("arabicNet").path("weight").asDouble(1);
        GlyphReader first = models(node, dir, cal, weight, topWeight);
        if (!node.path(MEMBERS).isArray() || node.path(MEMBERS).isEmpty()) {
            return first;
        }
        // A seed ensemble: the other members' models sit under "members", with the first's calibration and weights.
        List<GlyphReader> all = new ArrayList<>(List.of(first));
        for (JsonNode m : node.path(MEMBERS)) {
            all.add(models(m, dir, cal, weight, topWeight));
        }
        return first.mean(all);
    }

    /** The key of a model file's further ensemble members (each with its own classifiers and nets' files). */
    public static final String MEMBERS = "members";

    /** The models under {@code node} (classifiers embedded, nets named) with the given calibration and weights. */
    private static GlyphReader models(JsonNode node, Path dir, GlyphCalibration cal, double weight, double topWeight) {
        GlyphClassifier top = node.has("arabic") ? GlyphClassifier.readFrom(node.path("arabic")) : null;
        // The net is named, not embedded: its ONNX file sits beside this one.
        GlyphNet net = null;
        if (node.has("net")) {
            String file = node.path("net").path("file").asText();
            net = dir == null ? GlyphNet.resource(file) : GlyphNet.file(dir.resolve(file));
        }
        GlyphNet topNet = null;
        if (node.has("arabicNet")) {
            String file = node.path("arabicNet").path("file").asText();
            topNet = dir == null ? GlyphNet.resource(file) : GlyphNet.file(dir.resolve(file));
        }
        return new GlyphReader(GlyphClassifier.readFrom(node.path("classifier")), cal, top, net, weight, topNet, topWeight);
    }

    /**
     * A reader of other models ({@code arabicNet} needs {@code arabic}; nets may be null) with this one's calibration
     * and nets' weights: e.g. the committed reader's settings around the models of one training fold.
     */
    public GlyphReader withModels(GlyphClassifier latin, GlyphClassifier arabic, GlyphNet latinNet, GlyphNet arabicNet) {
        return new GlyphReader(latin, calibration, arabic, latinNet, netWeight, arabicNet, arabicNetWeight);
    }

    /**
     * A reader with this one's calibration and weights whose every model is the mean of {@code readers}' (a seed
     * ensemble: each glyph's class probabilities the normalised geometric mean of the members'); the members must have
     * the same kinds of model (a top row, nets), as readers trained alike from different seeds do.
     */
    public GlyphReader mean(List<GlyphReader> readers) {
        GlyphReader f = readers.get(0);
        for (GlyphReader r : readers) {
            if ((r.arabic == null) != (f.arabic == null) || (r.net == null) != (f.net == null)
                    || (r.arabicNet == null) != (f.arabicNet == null)) {
                throw new IllegalArgumentException("an ensemble's members must have the same kinds of model");
            }
        }
        return withModels(GlyphClassifier.mean(readers.stream().map(r -> r.classifier).toList()),
                f.arabic == null ? null : GlyphClassifier.mean(readers.stream().map(r -> r.arabic).toList()),
                f.net == null ? null : GlyphNet.mean(readers.stream().map(r -> r.net).toList()),
                f.arabicNet == null ? null : GlyphNet.mean(readers.stream().map(r -> r.arabicNet).toList()));
    }

    /** The calibration in use. */
    public GlyphCalibration calibration() {
        return calibration;
    }

    /**
     * Reads a plate crop; empty when no cut of the row gives 1-4 digits and 3 letters. Every cut the
     * segmenter proposes, and the best cut for each number of characters that {@link RowSearch} finds
     * with this reader's classifier, is read and scored by the summed log-odds of its boxes' best
     * characters (a whole character in its place scores high, a half, a pair or a stain low); the best
     * one is kept.
     */
    public Optional<Reading> read(Mat crop) {
        Scored only = scored(crop, true, null);
        try {
            return Optional.ofNullable(only.finished());
        } finally {
            only.release();
        }
    }

    /**
     * The same plate cut again from its source with its bottom edge moved down by {@code extra} of its height
     * (see {@link #read(Mat, Recrop)}): the caller releases the crop.
     */
    @FunctionalInterface
    public interface Recrop {
        /** The plate cut {@code extra} of its height taller at the bottom. */
        Mat taller(double extra);
    }

    /**
     * How much taller, in crop heights, {@link #read(Mat, Recrop)} cuts a hard crop again: a little more of the plate
     * below gives a row cut short by the crop's bottom (the labelled box's, or the localiser's quad's) its whole
     * characters and its bottom edge, where the segmenter's row band ends; much more brings the bumper in.
     */
    static final double TALLER = 0.12;

    /**
     * {@link #read(Mat, Recrop)} reads a slanting crop rotated level ({@link GlyphSegmenter#levelled}) only where the
     * better of its first and taller readings' cuts scores below this (summed clipped log-odds with the reader's
     * penalties: up to 4 a box). Out of fold (card command, seeds 42/43/44), with the glyph models trained before the
     * trainer's levelled cut: 1773 crops read right (1757 without the levelled reading), 571 automatic (570), 0 wrong;
     * plates of 1-3 digits 200 (185), wide plates 433 (417); 4 and 12 here measured the same. Every hard crop levelled
     * (no bound) read 1776 right, 571 automatic, at about twice the added read time (bench, CPU of the read stage
     * against generate + score in one run: 0.64-0.65 unbounded, 0.60 with this bound, 0.53-0.54 without levelling);
     * only the segmenter's cuts of the levelled crop, without the search, read 1771. With models trained on the
     * levelled cut too (GlyphTrainer), it adds 4 crops right and loses none (1802 against 1798 with this reading
     * switched off in a scratch build).
     */
    static final double LEVEL_BELOW = 8;

    /**
     * Reads {@code crop} as {@link #read(Mat)}; where that is hard (the segmenter's own cut was not read with every
     * box sure, so the other cuts were compared), also reads the plate cut again {@link #TALLER} taller by
     * {@code recrop} and keeps whichever of the two readings' cuts scores higher (summed clipped log-odds, with the
     * reader's penalties). Many crops that read short of a character are crops whose bottom edge runs through the
     * Latin row or just below it. Of the taller crop the segmenter's own cut is read, and its other cuts too (every
     * binarisation's, as for the first reading) only where {@link #tallerOtherCuts} says the first reading is short
     * and the taller crop's own cut does not give a whole row; never the Latin row's local threshold's cut and never
     * the search: out of fold the segmenter's other cuts read more crops right than its own cut alone, the local
     * threshold's cut there lowered the automatic reads, and the search there read fewer right at a higher cost
     * (BENCHMARKS, "Session 12 (rread)"; the commits that added the other cuts and their gate). Where neither reading's cut
     * scores {@link #LEVEL_BELOW} and the crop's print runs at a slant ({@link GlyphSegmenter#levelled}: a plate tilted in
     * the photo by {@link GlyphSegmenter#LEVEL_FROM} degrees or more, whose divider and frame then cross several rows of the crop and are lost to the
     * line filter, so that the row band is taken from the wrong line), the crop rotated level is read too, with every
     * cut and the search, and competes by the same score. {@code recrop} null: {@link #read(Mat)}.
     */
    public Optional<Reading> read(Mat crop, Recrop recrop) {
        return read(crop, recrop, row -> { });
    }

    /**
     * As {@link #read(Mat, Recrop)}, also giving {@code row} where the kept reading's characters stand: not for a
     * reading of the crop rotated level, nor for one whose text is not its cut's, one character a box (a reading of
     * the top row, {@link #topRowFirst}).
     */
    public Optional<Reading> read(Mat crop, Recrop recrop, Consumer<RowBoxes> row) {
        Scored first = scored(crop, true, null);
        try {
            if (recrop == null || first.sure()) {
                return Optional.ofNullable(first.finished(row, 0));
            }
            Mat taller = recrop.taller(TALLER);
            Scored second = scored(taller, false, first);
            double scoreSoFar = Math.max(first.reading() == null ? Double.NEGATIVE_INFINITY : first.score(),
                    second.reading() == null ? Double.NEGATIVE_INFINITY : second.score());
            Mat level = scoreSoFar < LEVEL_BELOW ? GlyphSegmenter.levelled(crop, first.analysis.slant()) : null;
            Scored third = level == null ? null : scored(level, true, null);
            try {
                // The top row is read for the kept reading alone.
                Scored kept = first;
                for (Scored s : new Scored[] {second, third}) {
                    if (s != null && s.reading() != null && (kept.reading() == null || s.score() > kept.score())) {
                        kept = s;
                    }
                }
                return Optional.ofNullable(kept == third ? kept.finished()
                        : kept.finished(row, kept == second ? TALLER : 0));
            } finally {
                second.release();
                taller.release();
                if (third != null) {
                    third.release();
                    level.release();
                }
            }
        } finally {
            first.release();
        }
    }

    /**
     * A reading (null for none) before its top row is read, the score of its cut, whether it was sure (the
     * segmenter's own cut read with every box sure, so that no other cut was compared), and what
     * {@link #finished} needs: its margin, the scaled crop and the chosen cut's boxes with their class
     * probabilities. The caller releases it.
     */
    private final class Scored {
        private final Reading reading;
        private final double score;
        private final boolean sure;
        private final double margin;
        private final GlyphSegmenter.Analysis analysis;
        private final List<Rect> boxes;
        private final IntFunction<double[]> latin;
        private final String otherText;

        Scored(Reading reading, double score, boolean sure, double margin, GlyphSegmenter.Analysis analysis,
                List<Rect> boxes, IntFunction<double[]> latin) {
            this(reading, score, sure, margin, analysis, boxes, latin, "");
        }

        Scored(Reading reading, double score, boolean sure, double margin, GlyphSegmenter.Analysis analysis,
                List<Rect> boxes, IntFunction<double[]> latin, String otherText) {
            this.otherText = otherText;
            this.reading = reading;
            this.score = score;
            this.sure = sure;
            this.margin = margin;
            this.analysis = analysis;
            this.boxes = boxes;
            this.latin = latin;
        }

        Reading reading() {
            return reading;
        }

        double score() {
            return score;
        }

        boolean sure() {
            return sure;
        }

        /**
         * The reading with its margin, the best other cut's text and the top row's evidence ({@link #withTopRow}), or in
         * its place the top row's own reading where the Latin row reads short and faint ({@link #topRowFirst}); null for
         * none.
         */
        Reading finished() {
            Reading f = topRowFirst(latinFinished(), analysis);
            return f == null || otherText.isEmpty() ? f : f.withOtherText(otherText);
        }

        /** {@link #finished()}, giving {@code row} its boxes where it reads one character per box. */
        Reading finished(Consumer<RowBoxes> row, double taller) {
            Reading f = finished();
            if (f != null && reading != null && f.text().equals(reading.text()) && boxes.size() == f.text().length()) {
                double w = analysis.gray().cols();
                double h = analysis.gray().rows();
                List<double[]> shares = new ArrayList<>(boxes.size());
                for (Rect b : boxes) {
                    shares.add(new double[] {b.x / w, b.y / h, (b.x + b.width) / w, (b.y + b.height) / h});
                }
                row.accept(new RowBoxes(shares, taller));
            }
            return f;
        }

        private Reading latinFinished() {
            if (reading == null) {
                return null;
            }
            Reading r = reading;
            if (r.framed() && (digitsCutOff(boxes, r.text().length() - 3, analysis)
                    || firstDigitAtEdge(boxes, r.text().length() - 3, analysis.gray().cols(), analysis.gray().rows())
                    || digitBeside(analysis.gray(), boxes, r.text().length() - 3))) {
                r = new Reading(r.text(), r.characterProbabilities(), r.logScore(), r.weakest(), r.runnerUp(), false,
                        r.margin(), r.shortStandard(), r.topRow());
            }
            return withTopRow(r, analysis.gray(), boxes, margin, latin);
        }

        void release() {
            analysis.release();
        }
    }

    /**
     * Whether a hard crop's taller re-read ({@link #read(Mat, Recrop)}) reads the segmenter's other cuts of the taller
     * crop as well as its own cut ({@code own}, not read sure): only where the first reading ({@code first}, null for
     * none) is short of a whole plate text (fewer than 7 characters) but not hopeless (its cut's score, summed clipped
     * log-odds with the reader's penalties, {@code firstScore}, at least 0), and the taller crop's own cut does not
     * give 7 boxes. Elsewhere the other cuts mostly re-read what the first reading read, at the cost of a second full
     * reading. Out of fold (card command, fold caches, seeds 42/43/44) the gate read 569/580/576 = 1725 right,
     * automatic 158/156/161 (the other cuts everywhere: 1721, 158/155/161; see the commit that added the gate).
     */
    static boolean tallerOtherCuts(Reading first, double firstScore, List<Rect> own) {
        return (first == null || first.text().length() < 7 && firstScore >= 0) && own.size() != 7;
    }

    /**
     * Reads {@code crop}; {@code allCuts}: every cut of the segmenter and the search's, where the segmenter's own cut
     * is not read sure; else the segmenter's own cut, and its other cuts but the local threshold's (no search) where
     * {@link #tallerOtherCuts} says so of {@code shorter}, the first reading of the crop that {@code crop} is cut
     * taller from (see {@link #read(Mat, Recrop)}).
     */
    private Scored scored(Mat crop, boolean allCuts, Scored shorter) {
        // Most rows cut cleanly at the first try: when every box of the segmenter's own cut is a sure
        // character, the other cuts are not worth their cost (they are what makes a hard crop slow).
        GlyphSegmenter.Analysis analysis = GlyphSegmenter.Analysis.of(crop);
        boolean kept = false;
        try {
            Map<Rect, double[]> seen = new HashMap<>();
            Map<Rect, double[]> named = new HashMap<>();
            GlyphSegmenter.Glyphs own = GlyphSegmenter.own(analysis);
            int w = own.gray().cols();
            int h = own.gray().rows();
            if (own.plausible() && !(own.boxes().size() < 7 && !GlyphSegmenter.wideShape(w, h))) {
                double[] ownScore = new double[1];
                Reading r = read(own.gray(), own.boxes(), own.framed(), false, seen, named, ownScore);
                if (allSure(r) && missingDigits(own.boxes(), analysis) == 0 && digitGaps(own.boxes()) == 0) {
                    kept = true;
                    return new Scored(r, ownScore[0], true, r.margin(), analysis, own.boxes(),
                            i -> named(own.gray(), own.boxes(), i, seen, named));
                }
            }
            GlyphSegmenter.Hypotheses hs = allCuts ? GlyphSegmenter.hypotheses(analysis)
                    : new GlyphSegmenter.Hypotheses(own.gray(), own.plausible() ? List.of(own.boxes()) : List.of(), own.framed());
            Reading best = null;
            List<Rect> bestBoxes = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            List<Reading> readings = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            List<List<Rect>> cuts = new ArrayList<>(hs.cuts());
            if (allCuts) {
                // A slanted wide crop cut along its slant ({@link GlyphSegmenter#slopedCuts}): only the reader reads it.
                GlyphSegmenter.addNew(cuts, GlyphSegmenter.slopedCuts(analysis));
            }
            name(hs.gray(), cuts, seen, named);
            RowSearch.BoxScore scorer = (box, digit) -> boxScore(probabilities(hs.gray(), box, seen), digit);
            double[] panel = panelBand(analysis);
            // With allCuts: the segmenter's cuts, the search's, the least sensitive binarisation's search, the mixed cuts,
            // each phase only where the best so far asks for it. Without allCuts, the first phase reads the segmenter's
            // own cut, the second its other cuts where the gate says so.
            for (int phase = 0; phase < (allCuts ? 4 : 2); phase++) {
                int first = cuts.size();
                if (phase == 1 && !allCuts) {
                    if (!tallerOtherCuts(shorter.reading(), shorter.score(), own.boxes())) {
                        break;
                    }
                    // The segmenter's other cuts, but not the local threshold's (out of fold it lowered the automatic
                    // reads there).
                    GlyphSegmenter.addNew(cuts, GlyphSegmenter.hypotheses(analysis, false).cuts());
                } else if (phase == 1) {
                    // The search classifies many more boxes: it is left out where one of the segmenter's
                    // cuts already reads a full-length row with every box sure, or a whole plate text that
                    // no box reads below SEARCH_UNLESS_BELOW.
                    if (best != null && (!best.shortStandard() && allSure(best) || searchNotNeeded(best))) {
                        break;
                    }
                    GlyphSegmenter.addNew(cuts, GlyphSegmenter.searched(analysis, scorer));
                    GlyphSegmenter.addNew(cuts, GlyphSegmenter.searchedSloped(analysis, scorer));
                } else if (phase == 2) {
                    if (!searchFurther(best)) {
                        continue;
                    }
                    GlyphSegmenter.addNew(cuts, GlyphSegmenter.searchedFurther(analysis, scorer));
                } else if (phase == 3) {
                    // Where the best cut is still unsure, cuts put together from the boxes of every cut read so far
                    // (MixedCuts: one binarisation boxes a faint first digit, another the digits beside it). Out of
                    // fold (session 33, fold caches of seeds 42/43) 623/615 -> 623/618 crops right, 0 wrong automatic.
                    // Not where the top row reads the plate in the Latin row's place (topRowFirst: a washed-out Latin
                    // row), whose boxes a mixed cut would only piece together into a text of the right length.
                    if (best == null || allSure(best) && !best.shortStandard() || topRowFirst(best, analysis) != best) {
                        break;
                    }
                    // Scored by the names the cuts are compared with (every box was named with its cut).
                    RowSearch.BoxScore namedScore = (box, digit) -> boxScore(named(hs.gray(), List.of(box), 0, seen, named),
                            digit);
                    GlyphSegmenter.addNew(cuts, MixedCuts.of(cuts, bestBoxes,
                            GlyphSegmenter.wideShape(hs.gray().cols(), hs.gray().rows()), namedScore));
                }
                if (phase > 0) {
                    name(hs.gray(), cuts, seen, named);
                }
                for (int c = phase == 0 ? 0 : first; c < cuts.size(); c++) {
                    List<Rect> boxes = cuts.get(c);
                    double[] score = new double[1];
                    boolean shortStandard = boxes.size() < 7 && !GlyphSegmenter.wideShape(hs.gray().cols(), hs.gray().rows());
                    Reading r = read(hs.gray(), boxes, hs.framed(), shortStandard, seen, named, score);
                    if (shortStandard) {
                        score[0] -= SHORT_STANDARD;
                    }
                    if (!wideLayoutFits(boxes, hs.gray().cols(), hs.gray().rows())) {
                        score[0] -= WIDE_LAYOUT;
                    }
                    score[0] -= DIGIT_MISSING * missingDigits(boxes, analysis);
                    score[0] -= DIGIT_GAP * digitGaps(boxes);
                    score[0] -= PANEL_BOX * panelPieces(boxes, panel);
                    readings.add(r);
                    scores.add(score[0]);
                    if (score[0] > bestScore) {
                        bestScore = score[0];
                        best = r;
                        bestBoxes = boxes;
                    }
                }
            }
            if (best == null) {
                kept = true;
                return new Scored(null, Double.NEGATIVE_INFINITY, false, 0, analysis, List.of(), null);
            }
            // Now that every cut's boxes are known, each cut pays for the boxes of the others it skipped. Every cut in
            // cuts was read, in order: readings, scores and cuts run in step.
            int b = lessSkipped(cuts, scores, panel);
            best = readings.get(b);
            bestBoxes = cuts.get(b);
            bestScore = scores.get(b);
            double other = Double.NEGATIVE_INFINITY;
            String otherText = "";
            for (int i = 0; i < readings.size(); i++) {
                if (!readings.get(i).text().equals(best.text()) && scores.get(i) > other) {
                    other = scores.get(i);
                    otherText = readings.get(i).text();
                }
            }
            double margin = Math.min(MARGIN_CAP, bestScore - other);
            List<Rect> chosen = bestBoxes;
            kept = true;
            return new Scored(best, bestScore, false, margin, analysis, chosen, i -> named(hs.gray(), chosen, i, seen, named),
                    otherText);
        } finally {
            if (!kept) {
                analysis.release();
            }
        }
    }

    private Reading read(Mat gray, List<Rect> boxes, boolean framed, boolean shortStandard, Map<Rect, double[]> seen,
            Map<Rect, double[]> named, double[] score) {
        int n = boxes.size();
        int digits = n - 3;
        StringBuilder sb = new StringBuilder();
        double[] probs = new double[n];
        double logScore = 0;
        int weakest = 0;
        char runnerUp = '?';
        for (int i = 0; i < n; i++) {
            boolean digit = i < digits;
            double[] p = named(gray, boxes, i, seen, named);
            int from = digit ? 0 : 10;
            int to = digit ? 10 : GlyphClassifier.JUNK;
            int best = from;
            int second = -1;
            for (int k = from + 1; k < to; k++) {
                if (p[k] > p[best]) {
                    second = best;
                    best = k;
                } else if (second < 0 || p[k] > p[second]) {
                    second = k;
                }
            }
            sb.append(symbol(best));
            probs[i] = p[best];
            logScore += Math.log(Math.max(1e-12, p[best]));
            score[0] += clippedLogOdds(p[best]);
            if (i == 0 || p[best] < probs[weakest]) {
                weakest = i;
                runnerUp = symbol(second);
            }
        }
        return new Reading(sb.toString(), probs, logScore, weakest, runnerUp, framed, MARGIN_CAP, shortStandard, null);
    }

    /**
     * Whether the best reading after the search is still one a standard plate cannot have (fewer than
     * four digits): then its first digits are most likely merged with the frame or with each other at
     * the usual thresholds, and the least sensitive binarisation, where they stand apart, is searched too.
     * Only then: it is a third search of the row.
     */
    static boolean searchFurther(Reading best) {
        return best != null && best.shortStandard();
    }

    /**
     * Whether a cut of a crop of {@code w} x {@code h} has a wide plate's layout where the crop has a wide
     * plate's shape: the digits left of the emblem panel in the middle, the letters right of it, so that the
     * last digit's centre lies left of the crop's centre and the first letter's right of it (the panel spans
     * about 0.44-0.66 of a crop's width, which leaves room for a loose crop's shift). Always true for a
     * standard shape.
     */
    static boolean wideLayoutFits(List<Rect> boxes, int w, int h) {
        if (!GlyphSegmenter.wideShape(w, h)) {
            return true;
        }
        int n = boxes.size();
        Rect lastDigit = boxes.get(n - 4);
        Rect firstLetter = boxes.get(n - 3);
        return centre(lastDigit) < w / 2.0 && centre(firstLetter) > w / 2.0;
    }

    /**
     * A wide crop's emblem panel as {from, to} columns: the first that the usual, the more sensitive or the less
     * sensitive binarisation found (they differ in which borders survive the threshold), else the fixed band
     * {@link #PANEL_BAND_FROM}-{@link #PANEL_BAND_TO}; null for a standard crop.
     */
    static double[] panelBand(GlyphSegmenter.Analysis a) {
        int w = a.gray().cols();
        if (!GlyphSegmenter.wideShape(w, a.gray().rows())) {
            return null;
        }
        double[] found = foundPanel(a);
        return found != null ? found : new double[] {PANEL_BAND_FROM * w, PANEL_BAND_TO * w};
    }

    /**
     * The emblem panel's {from, to} columns as the first of the usual, the more sensitive and the less sensitive
     * binarisation that found its borders; null when none did (whatever the crop's shape: callers check it).
     */
    private static double[] foundPanel(GlyphSegmenter.Analysis a) {
        for (int i = 0; i < 3; i++) {
            GlyphSegmenter.Cut c = a.cut(i);
            if (!Double.isNaN(c.panelFrom())) {
                return new double[] {c.panelFrom(), c.panelTo()};
            }
        }
        return null;
    }

    /**
     * Whether a wide crop's reading of {@code digits} digits has lost a digit at the crop's left side: a piece of a
     * plate framed short on the left (a large plate that the localiser found only in part) whose row reads as a
     * well-formed shorter plate text. A wide plate's digits are centred in the part left of its emblem panel, so each
     * digit fewer puts the last digit half a character pitch further from the panel: on the training photos' wide
     * crops the gap from the last digit's right side to the panel's left border, in letter pitches (the three letters'
     * spacing), was 0.76-1.01 with four digits, 1.17-1.35 with three, 1.75-2.0 with two and 2.23-2.6 with one. A
     * reading whose last digit lies closer to the panel than {@link #DIGIT_GAP_FOUR} less a quarter pitch plus half a
     * pitch per missing digit has the digit block of a longer number cut at the left. Only where a binarisation found
     * the panel's borders ({@code analysis}) and the letters sit where a panel so found puts them; never for four
     * digits (no more can be missing).
     */
    static boolean digitsCutOff(List<Rect> boxes, int digits, GlyphSegmenter.Analysis analysis) {
        if (!GlyphSegmenter.wideShape(analysis.gray().cols(), analysis.gray().rows())) {
            return false;
        }
        double[] panel = foundPanel(analysis);
        return panel != null && digitsCutOff(boxes, digits, panel[0], panel[1]);
    }

    /** {@link #digitsCutOff(List, int, GlyphSegmenter.Analysis)} with the panel found at columns {@code panelFrom-panelTo}. */
    static boolean digitsCutOff(List<Rect> boxes, int digits, double panelFrom, double panelTo) {
        if (digits < 1 || digits >= 4 || boxes.size() != digits + 3) {
            return false;
        }
        Rect firstLetter = boxes.get(digits);
        double pitch = letterPitch(boxes);
        double panel = panelTo - panelFrom;
        double afterPanel = (firstLetter.x - panelTo) / pitch;
        if (pitch <= 0 || pitch < PITCH_PER_PANEL[0] * panel || pitch > PITCH_PER_PANEL[1] * panel
                || afterPanel < LETTER_GAP[0] || afterPanel > LETTER_GAP[1]) {
            // The panel's borders or the letters are not where a wide plate has them: nothing to measure against.
            return false;
        }
        Rect lastDigit = boxes.get(digits - 1);
        double gap = (panelFrom - (lastDigit.x + lastDigit.width)) / pitch;
        return gap < DIGIT_GAP_FOUR - 0.25 + 0.5 * (4 - digits);
    }

    /**
     * Whether a wide crop's reading of {@code digits} (1-3) digits starts its digit row at the crop's left edge: its first
     * box's left side less than {@link #EDGE_GAP} letter pitches (half the distance of the first and third letters'
     * centres) from the crop's left side. A plate framed whole keeps its rim and some margin left of its first digit; a
     * row that begins at the edge is most likely the right-hand part of a longer number whose first digit the crop cut
     * off (a large plate that the localiser found only in part), read as a well-formed shorter plate text. Unlike
     * {@link #digitsCutOff} and {@link #missingDigits} this does not rely on where a wide plate's short digit group sits
     * in its half (centred on real plates), so it also holds where the panel is not found. Such a reading is taken as
     * part of a plate (not framed), so never automatic.
     */
    static boolean firstDigitAtEdge(List<Rect> boxes, int digits, int w, int h) {
        if (!GlyphSegmenter.wideShape(w, h) || digits < 1 || digits >= 4 || boxes.size() != digits + 3) {
            return false;
        }
        double pitch = letterPitch(boxes);
        return pitch > 0 && boxes.get(0).x < EDGE_GAP * pitch;
    }

    /**
     * Below this many letter pitches from the crop's left side a wide short reading's first digit is at the edge
     * ({@link #firstDigitAtEdge}). On generated scenes of wide plates with 2-3 digits framed from just after their
     * first digit (frame22's throwaway scan, 200 each, 120-450 px wide) the committed models read 2 wrong at >= 0.9
     * without it and none with it (cut three quarters into the first digit: 2 and 1 of 200; session 21's models on the
     * same centred plates 4 and 0, 2 and 1; {@code PlateReaderTest} reads 60 such plates). Out of fold (card command, {@code --small 1.0} fold caches,
     * seeds 42/43/44) every reading is as before (the out-of-fold count does not see framing); counting a reading not
     * framed as capped, as {@link PlateReader} caps it, automatic reads 625 of 626 before (one jittered crop of a
     * three-digit plate whose box starts at its first digit), 622 with 0.35 and 617 with 0.5.
     */
    static final double EDGE_GAP = 0.25;

    /**
     * Whether a wide crop's cut puts its last digit against the left border of the emblem panel, at column
     * {@code panelFrom} ({@link #panelBand}'s): less than {@link #PANEL_TOUCH_PITCHES} letter pitches from its right side
     * to the border.
     * A wide plate's digits are centred left of the panel, so that even with four digits the last one keeps 0.76-1.01
     * letter pitches from it ({@link #DIGIT_GAP_FOUR}); a box against the border is mostly a piece of the panel's own
     * frame line, which a digit class names "1": a cut that takes it as the last digit either reads a digit too many or
     * drops the plate's first digit for it. Against the panel alone is no sign (a jittered crop shifts the usual band:
     * out of fold right cuts' last digits came as close as 0.1 pitch), but a box that close and narrower than
     * {@link #PANEL_TOUCH_WIDTH} pitches was a frame line in every out-of-fold misread seen (0.2-0.26 pitch wide) and
     * in no right reading of seeds 42 and 44 (their narrowest close last digit: 0.3; widths seen through a debug hook
     * of count21's, not in the code). Such a box is charged as a piece of the panel ({@link #panelPieces}, {@link
     * #PANEL_BOX}): out of fold (card command, {@code --small 1.0} fold caches, seeds 42/43/44) 614/613/601 = 1828 right
     * (1824 without), wide plates 163/160/152 (161/160/150), automatic and wrong as before; a charge of 8 instead of 4,
     * or the bounds 0.45 and 0.3, read the same within a crop. The simulator's 400 photos read as before (385 exact).
     */
    static boolean digitOnPanelBorder(List<Rect> boxes, double panelFrom) {
        int n = boxes.size();
        int digits = n - 3;
        if (digits < 1) {
            return false;
        }
        double pitch = letterPitch(boxes);
        if (pitch <= 0) {
            return false;
        }
        Rect lastDigit = boxes.get(digits - 1);
        return (panelFrom - (lastDigit.x + lastDigit.width)) / pitch < PANEL_TOUCH_PITCHES
                && lastDigit.width < PANEL_TOUCH_WIDTH * pitch;
    }

    /** Below this gap, in letter pitches, a last digit is against the panel's border ({@link #digitOnPanelBorder}). */
    static final double PANEL_TOUCH_PITCHES = 0.35;

    /** A box narrower than this share of a letter pitch against the panel is taken for its frame line. */
    static final double PANEL_TOUCH_WIDTH = 0.28;

    /**
     * How many digits a wide crop's cut has most likely lost at the plate's left by where its last digit lies, whatever
     * the crop's panel (0 for a standard shape, a cut of four digits or of fewer than four boxes): a wide plate's digits
     * are centred left of its emblem panel, so each digit fewer puts the last digit about half a letter pitch further
     * from the first letter. On the training photos' wide crops (each cut of the right count, box crop and three
     * jittered crops), the gap from the last digit's centre to the first letter's, in letter pitches (half the distance
     * of the first and third letters' centres), was mostly 3.6-4.05 with four digits, 4.07-4.35 with three, 4.5-5.3
     * with two and 5.0-6.1 with one. A cut that kept only the right-hand digits of a longer number (the left ones
     * joined to the frame, or cut into something else) keeps the longer number's gap. Gaps below
     * {@link #LAST_DIGIT_GAP_MIN} are no wide layout this measures (a missed letter, a plate of another print): 0.
     * Only {@link #missingDigits} uses it, where the panel lies between the digits and the letters.
     */
    private static int lastDigitPlace(List<Rect> boxes, int w, int h) {
        int n = boxes.size();
        int digits = n - 3;
        if (!GlyphSegmenter.wideShape(w, h) || digits < 1 || digits >= 4) {
            return 0;
        }
        double firstLetter = centre(boxes.get(digits));
        double pitch = letterPitch(boxes);
        if (pitch <= 0) {
            return 0;
        }
        double gap = (firstLetter - centre(boxes.get(digits - 1))) / pitch;
        if (gap < LAST_DIGIT_GAP_MIN) {
            return 0;
        }
        int implied = 1;
        for (int d = 4; d > 1; d--) {
            if (gap < LAST_DIGIT_GAP[4 - d]) {
                implied = d;
                break;
            }
        }
        return Math.max(0, implied - digits);
    }

    /**
     * What {@link #scored} takes off a wide crop's cut for each digit it has lost by {@link #missingDigits} (summed
     * clipped log-odds: a box adds up to {@link #BOX_CLIP}). A first digit that the crop's edge or the frame cuts into,
     * or a narrow "1", is often named unsurely (log-odds below 0), so that the cut without it outscores the whole row by
     * a point or two although its last digit still sits where a longer number's does. Out of fold (card command, base
     * fold caches, seeds 42/43/44) with {@link #DIGIT_GAP}: 1809 crops right (1802 without), 574 automatic (572), 0 wrong;
     * plates of 1-3 digits 212 (208), wide plates 454 (447); without {@link #DIGIT_GAP} 1808; 2 or 4 a digit read the
     * same as 3 (1808-1809); for every wide crop whatever its panel ({@link #lastDigitPlace} alone) 1807, with two
     * one-digit crops of a plate whose panel is at its right end lost. In sample (eval --training-only) 159/166 as
     * without it, the simulator's 400 photos 387 (386), 0 wrong at >= 0.9 in each.
     */
    static final double DIGIT_MISSING = 3;

    /**
     * What {@link #scored} takes off a cut for each pair of neighbouring digits further apart than
     * {@link #DIGIT_GAP_PITCHES} letter pitches ({@link #digitGaps}): a digit left unread between them, mostly a
     * narrow "1" named unsurely. The segmenter's own cut read with every box sure is not taken without the other
     * cuts where it has such a gap.
     */
    static final double DIGIT_GAP = 3;

    /**
     * Neighbouring digits' centres further apart than this, in letter pitches, have lost a digit between them: on the
     * training photos' crops (each cut of the right text), 0.46-1.36 on all but one wide crop (3.2).
     */
    static final double DIGIT_GAP_PITCHES = 1.6;

    /**
     * How many digits a cut of {@code analysis}'s crop has most likely lost at the plate's left ({@link #lastDigitPlace})
     * where its layout is a wide plate's with the digits left of the emblem panel ({@link #panelBand}: the one a
     * binarisation found, else the usual band) and the letters right of it; 0 elsewhere: wide plates with the panel at
     * the right end (the digits and letters side by side) put their last digit elsewhere, and there the measure would
     * penalise whole rows.
     *
     * <p>{@link #scored} uses it twice: every cut of a wide crop loses {@link #DIGIT_MISSING} a digit lost, and the
     * segmenter's own cut read with every box sure is not taken as the reading without the other cuts when it has lost
     * digits. Session 18 added the shortcut's test with the measure wherever the panel lies (left18: 1757 crops right
     * out of fold, 1752 without), session 20 the penalty with this panel gate; session 21 (tiny21) gave the shortcut
     * the gate too, so that both use one measure: out of fold (card command, seeds 42/43/44) every crop read the same
     * on the base fold caches (1809 right, 574 automatic, 0 wrong) and on the {@code --small 1.0} ones (1815, 624, 0
     * wrong). The other way round (the penalty without the gate, like the shortcut before) read 1807 (session 20) and
     * 1813 (two short wide plates lost). The panel is looked for only where the last digit's place says digits are
     * missing: where the own cut is taken at once, the other binarisations that finding it may need are not made.
     */
    static int missingDigits(List<Rect> boxes, GlyphSegmenter.Analysis analysis) {
        int w = analysis.gray().cols();
        int h = analysis.gray().rows();
        return lastDigitPlace(boxes, w, h) == 0 ? 0 : missingDigits(boxes, w, h, panelBand(analysis));
    }

    /** {@link #missingDigits(List, GlyphSegmenter.Analysis)} of a {@code w} x {@code h} crop whose panel band is {@code panel}. */
    static int missingDigits(List<Rect> boxes, int w, int h, double[] panel) {
        int m = lastDigitPlace(boxes, w, h);
        if (m == 0) {
            return 0;
        }
        int digits = boxes.size() - 3;
        return panel == null || centre(boxes.get(digits)) < panel[1] || centre(boxes.get(digits - 1)) > panel[0] ? 0 : m;
    }

    /**
     * How many pairs of neighbouring digit boxes of a cut (its boxes but the last three) lie further apart than
     * {@link #DIGIT_GAP_PITCHES} letter pitches (half the distance of the last and third-last boxes' centres).
     */
    static int digitGaps(List<Rect> boxes) {
        int n = boxes.size();
        int digits = n - 3;
        if (digits < 2) {
            return 0;
        }
        double pitch = letterPitch(boxes);
        if (pitch <= 0) {
            return 0;
        }
        int gaps = 0;
        for (int i = 0; i + 1 < digits; i++) {
            if ((centre(boxes.get(i + 1)) - centre(boxes.get(i))) / pitch > DIGIT_GAP_PITCHES) {
                gaps++;
            }
        }
        return gaps;
    }

    /**
     * What {@link #scored} takes off a cut, once every cut of the crop has been read, for each box another cut read
     * where this cut skips a character ({@link #skippedBoxes}). The row search's own cuts skip no character-sized ink,
     * but the segmenter's and the mixed cuts may, and a skipped digit that the classifier names unsurely (as it names
     * the digits of a blurred or small plate) costs the cut that keeps it more than nothing: a blurred wide plate of
     * three digits was read as its first digit and its letters, that cut outscoring the whole row. Out of fold (session
     * 60, the B0+R' apparatus: both fold pairs, six conditions) 1,768 -> 1,777 exact counting skipped digits, 1,781
     * counting skipped letters too, 0 wrong at >= 0.9.
     */
    static final double SKIPPED_BOX = 3;

    /**
     * A skipped box clears every box of the cut by this many of the cut's median box heights: fragments of a blurred
     * digit boxed by another cut lie beside it, in the gap between two digits of the right cut.
     */
    static final double SKIPPED_CLEAR = 0.2;

    /** A skipped box is at least this many of the cut's median box heights tall (smaller is dirt, a screw, a dot). */
    static final double SKIPPED_HEIGHT = 0.75;

    /**
     * Takes {@link #SKIPPED_BOX} off each cut's score ({@code scores}, in {@code cuts}' order: every cut read for the
     * crop) for each of its {@link #skippedBoxes} among the boxes of all the cuts, and returns the index of the best cut
     * so scored (the first of equals).
     */
    static int lessSkipped(List<List<Rect>> cuts, List<Double> scores, double[] panel) {
        List<Rect> every = new ArrayList<>();
        for (List<Rect> c : cuts) {
            every.addAll(c);
        }
        int best = -1;
        for (int i = 0; i < cuts.size(); i++) {
            double s = scores.get(i) - SKIPPED_BOX * skippedBoxes(cuts.get(i), every, panel);
            scores.set(i, s);
            if (best < 0 || s > scores.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * How many characters {@code cut} skips, as other cuts of the crop boxed them ({@code every}): boxes right of the
     * cut's first box and left of its first letter (and of the emblem {@code panel}'s band, where the crop has one: its
     * print is no character), at least {@link #SKIPPED_HEIGHT} of the cut's median box height tall and clear of every
     * box of the cut by {@link #SKIPPED_CLEAR} of that height; and boxes between its first and its last letter, measured
     * so against its letters' median height (a standard plate prints its letters shorter than its digits); boxes that
     * overlap one another count once.
     */
    static int skippedBoxes(List<Rect> cut, List<Rect> every, double[] panel) {
        int n = cut.size();
        if (n < 4) {
            return 0;
        }
        Rect firstLetter = cut.get(n - 3);
        Rect lastLetter = cut.get(n - 1);
        double to = firstLetter.x;
        if (panel != null) {
            to = Math.min(to, panel[0]);
        }
        double height = medianHeight(cut);
        double letterHeight = medianHeight(cut.subList(n - 3, n));
        List<Rect> skipped = new ArrayList<>();
        for (Rect r : every) {
            if (skippedIn(r, cut.get(0).x + cut.get(0).width, to, height, cut)
                    || skippedIn(r, firstLetter.x + firstLetter.width, lastLetter.x, letterHeight, cut)) {
                skipped.add(r);
            }
        }
        skipped.sort(Comparator.comparingInt(r -> r.x));
        int count = 0;
        int end = Integer.MIN_VALUE;
        for (Rect r : skipped) {
            if (r.x >= end) {
                count++;
                end = r.x + r.width;
            }
        }
        return count;
    }

    /**
     * Whether {@code r} lies between columns {@code from} and {@code to}, is at least {@link #SKIPPED_HEIGHT} of
     * {@code height} tall and clears every box of {@code cut} by {@link #SKIPPED_CLEAR} of it.
     */
    private static boolean skippedIn(Rect r, double from, double to, double height, List<Rect> cut) {
        return r.x >= from && r.x + r.width <= to && r.height >= SKIPPED_HEIGHT * height
                && clearOf(r, cut, SKIPPED_CLEAR * height);
    }

    /** The median height of {@code boxes} (the upper of the two middle ones for an even count). */
    private static double medianHeight(List<Rect> boxes) {
        int[] heights = boxes.stream().mapToInt(r -> r.height).sorted().toArray();
        return heights[heights.length / 2];
    }

    /** Whether {@code r}'s columns lie at least {@code clear} from every box of {@code cut}'s. */
    private static boolean clearOf(Rect r, List<Rect> cut, double clear) {
        for (Rect c : cut) {
            if (r.x < c.x + c.width + clear && c.x < r.x + r.width + clear) {
                return false;
            }
        }
        return true;
    }

    /** A cut's letter pitch: half the distance of its letters' (its last three boxes') first and last centres. */
    private static double letterPitch(List<Rect> boxes) {
        int n = boxes.size();
        return (centre(boxes.get(n - 1)) - centre(boxes.get(n - 3))) / 2.0;
    }

    /**
     * Whether both rows show a digit beside a reading's 1-3 digits that the reading left out: the box one digit pitch
     * left of its first digit or right of its last (short of its letters) named a digit by the Latin row, and the cell
     * above it named the same digit by the top row, each at least {@link #BESIDE_SURE}. A character the cut lost is
     * invisible to the top row's check, which reads only the cells above the boxes read: a generated wide plate of two
     * digits in a loose crop that cut its bottom row ({@code generate-scenes --layout wide --digits 1-2 --plate-width
     * 360-500 --seed 5000}, scene 5007) lost its first digit so and read as the one digit and the letters at 0.996. Such a
     * reading is taken as part of a plate (not framed), so never automatic. On the training photos, in their out-of-fold
     * localiser measure, their close-ups, the simulator's frames and 400 generated short plates it changed no automatic
     * read; shrunk x0.6, 2 more read exactly.
     */
    boolean digitBeside(Mat gray, List<Rect> boxes, int digits) {
        if (arabic == null || digits < 1 || digits >= 4 || boxes.size() != digits + 3) {
            return false;
        }
        double pitch = digits >= 2 ? (centre(boxes.get(digits - 1)) - centre(boxes.get(0))) / (digits - 1)
                : letterPitch(boxes);
        if (!(pitch > 0)) {
            return false;
        }
        int step = (int) Math.round(pitch);
        Rect first = boxes.get(0);
        Rect last = boxes.get(digits - 1);
        Rect left = new Rect(first.x - step, first.y, first.width, first.height);
        if (left.x >= 0) {
            List<Rect> with = new ArrayList<>(boxes.size() + 1);
            with.add(left);
            with.addAll(boxes);
            if (namedBothRows(gray, with, 0)) {
                return true;
            }
        }
        Rect right = new Rect(last.x + step, last.y, last.width, last.height);
        if (right.x + right.width <= boxes.get(digits).x - 0.25 * pitch && right.x + right.width <= gray.cols()) {
            List<Rect> with = new ArrayList<>(boxes.subList(0, digits));
            with.add(right);
            with.addAll(boxes.subList(digits, boxes.size()));
            return namedBothRows(gray, with, digits);
        }
        return false;
    }

    /** Least probability each row gives the digit beside a reading for {@link #digitBeside} to count it. */
    static final double BESIDE_SURE = 0.5;

    /** Whether box {@code i} of {@code boxes} is named one digit by the Latin row and the same by the cell above it. */
    private boolean namedBothRows(Mat gray, List<Rect> boxes, int i) {
        float[] x = GlyphClassifier.input(gray, boxes.get(i));
        double[] latin = classifier.probabilities(x);
        if (net != null) {
            latin = combine(latin, net.probabilities(List.of(x))[0], netWeight);
        }
        int k = 0;
        for (int c = 1; c < 10; c++) {
            if (latin[c] > latin[k]) {
                k = c;
            }
        }
        if (latin[k] < BESIDE_SURE || latin[k] < latin[GlyphClassifier.JUNK]) {
            return false;
        }
        float[] y = TopRow.input(gray, TopRow.cell(boxes, i));
        double[] top = arabic.probabilities(y);
        if (arabicNet != null) {
            top = combine(top, arabicNet.probabilities(List.of(y))[0], arabicNetWeight);
        }
        for (int c = 0; c < 10; c++) {
            if (c != k && top[c] > top[k]) {
                return false;
            }
        }
        return top[k] >= BESIDE_SURE;
    }

    /** The column of {@code r}'s centre. */
    private static double centre(Rect r) {
        return r.x + r.width / 2.0;
    }

    /**
     * {@link #lastDigitPlace}'s bounds, in letter pitches: a last digit closer to the first letter than the first
     * value is the fourth digit, than the second the third, than the third the second; else the first.
     */
    static final double[] LAST_DIGIT_GAP = {4.0, 4.45, 5.0};
    /** Below this gap (letter pitches) {@link #lastDigitPlace} measures nothing. */
    static final double LAST_DIGIT_GAP_MIN = 3.4;

    /** Gap, in letter pitches, from a wide plate's fourth digit to its emblem panel (training photos: 0.76-1.01). */
    static final double DIGIT_GAP_FOUR = 0.85;
    /** Letter pitch as a share of the panel's width on wide crops whose panel was found right (training photos: 0.58-0.64). */
    private static final double[] PITCH_PER_PANEL = {0.5, 0.75};
    /** Gap, in letter pitches, from the panel to the first letter on such crops (training photos: 0.68-0.99). */
    private static final double[] LETTER_GAP = {0.6, 1.1};

    /**
     * How many of {@code boxes} are pieces of the emblem panel, each charged {@link #PANEL_BOX}: those whose centre lies on
     * it ({@link #boxesOnPanel}) and a last digit that is its frame line ({@link #digitOnPanelBorder}); 0 where no panel is
     * known ({@code panel} null).
     */
    static int panelPieces(List<Rect> boxes, double[] panel) {
        if (panel == null) {
            return 0;
        }
        return boxesOnPanel(boxes, panel) + (digitOnPanelBorder(boxes, panel[0]) ? 1 : 0);
    }

    /** How many of {@code boxes} have their centre strictly inside {@code panel} ({from, to}; null: none). */
    static int boxesOnPanel(List<Rect> boxes, double[] panel) {
        if (panel == null) {
            return 0;
        }
        int n = 0;
        for (Rect b : boxes) {
            double cx = centre(b);
            if (cx > panel[0] && cx < panel[1]) {
                n++;
            }
        }
        return n;
    }

    /**
     * The search ({@link GlyphSegmenter#searched}) is left out where the segmenter's cuts already read this: seven
     * characters, a valid plate text, and no character below it. Out of fold (the card command, seeds 42/43/44) that
     * read 553/569/567 crops right instead of 553/568/565, 0 wrong automatic reads at each seed (BENCHMARKS,
     * "Session 12 (rread)"), and the search, the dearest part of a hard crop's read, ran for fewer crops.
     */
    static final double SEARCH_UNLESS_BELOW = 0.5;

    /** Whether the best reading of the segmenter's cuts makes the search not worth its cost (see {@link #SEARCH_UNLESS_BELOW}). */
    static boolean searchNotNeeded(Reading best) {
        if (best.text().length() != 7 || !SaudiPlate.isValid(best.text())) {
            return false;
        }
        for (double p : best.characterProbabilities()) {
            if (p < SEARCH_UNLESS_BELOW) {
                return false;
            }
        }
        return true;
    }

    private static boolean allSure(Reading r) {
        for (double p : r.characterProbabilities()) {
            if (p < SURE_BOX) {
                return false;
            }
        }
        return true;
    }

    /**
     * The probabilities that name box {@code i} of a candidate cut and score the cut against the others:
     * the perceptron's alone without a net, else combined with the net's (see the constructor). The net
     * is run on every box of {@code boxes} not named yet, in one batch.
     */
    private double[] named(Mat gray, List<Rect> boxes, int i, Map<Rect, double[]> seen, Map<Rect, double[]> named) {
        if (net == null) {
            return probabilities(gray, boxes.get(i), seen);
        }
        if (!named.containsKey(boxes.get(i))) {
            name(gray, List.of(boxes), seen, named);
        }
        return named.get(boxes.get(i));
    }

    /** Runs the net once on every box of {@code cuts} not named yet (nothing without a net). */
    private void name(Mat gray, List<List<Rect>> cuts, Map<Rect, double[]> seen, Map<Rect, double[]> named) {
        if (net == null) {
            return;
        }
        // In first-seen order, each box once: the same batch as before, without a scan of the list per box.
        Set<Rect> todo = new LinkedHashSet<>();
        for (List<Rect> cut : cuts) {
            for (Rect b : cut) {
                if (!named.containsKey(b)) {
                    todo.add(b);
                }
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<float[]> inputs = new ArrayList<>(todo.size());
        for (Rect b : todo) {
            float[] x = GlyphClassifier.input(gray, b);
            inputs.add(x);
            // The perceptron reads the same input: resampled once for both.
            seen.computeIfAbsent(b, k -> classifier.probabilities(x));
        }
        double[][] q = net.probabilities(inputs);
        int row = 0;
        for (Rect b : todo) {
            named.put(b, combine(probabilities(gray, b, seen), q[row++], netWeight));
        }
    }

    /** The normalised weighted geometric mean of two class distributions, {@code w} the second's share. */
    static double[] combine(double[] mlp, double[] cnn, double w) {
        if (w >= 1) {
            return cnn;
        }
        double[] p = new double[mlp.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = (1 - w) * Math.log(Math.max(1e-30, mlp[k])) + w * Math.log(Math.max(1e-30, cnn[k]));
        }
        return GlyphNet.normalise(p);
    }

    private double[] probabilities(Mat gray, Rect box, Map<Rect, double[]> seen) {
        return seen.computeIfAbsent(box, b -> classifier.probabilities(GlyphClassifier.input(gray, b)));
    }

    /** What a box adds to its cut's score: the log-odds of its best character of the kind asked, clipped. */
    private static double boxScore(double[] p, boolean digit) {
        int from = digit ? 0 : 10;
        int to = digit ? 10 : GlyphClassifier.JUNK;
        double best = 0;
        for (int k = from; k < to; k++) {
            best = Math.max(best, p[k]);
        }
        return clippedLogOdds(best);
    }

    private static double clippedLogOdds(double p) {
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        return Math.max(-BOX_CLIP, Math.min(BOX_CLIP, Math.log(q / (1 - q))));
    }

    /**
     * A standard plate's reading from its Arabic row ({@link TopRowCut}) where the Latin row gave none or fewer digits
     * and prints much fainter than the top row (washed out, cut into pieces or lost in the plate's white): each
     * character the class of its kind (digit or letter) that the top row's classifier gives the most in the cell above
     * its box. Kept, in place of {@code latin} (null for none), only where the top row shows the layout clearly (1-4
     * digits, the panels' break, 3 letters), gives more digits than {@code latin}, and names every character clearly
     * among its kind's classes ({@link #namesClearly}). Such a
     * reading is never automatic: it has no second row to confirm it (its evidence is null, so
     * {@link PlateReader#topRowRule} caps it), and no other cut to compare it with (margin 0). A standard plate with
     * fewer than four digits read so by its Latin row keeps that reading unless its top row shows more.
     *
     * <p>Out of fold (card command, seeds 42/43/44, the same fold caches): 621/616/601 = 1838 crops right (1837
     * without), automatic 645 either way, 0 wrong; the simulator's frames, the training photos and their scaled copies
     * read as without it. Without the faintness condition (and on the erased ink alone) 1839, but the simulator's frames
     * lost two right reads of 3-digit standard plates to loose crops read so (BENCHMARKS, "Session 27"). Session 31
     * judged the top row's characters by their share of their kind's probability, no longer by the probability itself:
     * out of fold (fold caches of seeds 42/43 made this session) 621/613 -> 623/615 crops right, automatic unchanged
     * (BENCHMARKS, "Session 31").
     */
    Reading topRowFirst(Reading latin, GlyphSegmenter.Analysis analysis) {
        if (arabic == null || latin != null && latin.text().length() >= 7) {
            return latin;
        }
        Mat gray = analysis.gray();
        if (GlyphSegmenter.wideShape(gray.cols(), gray.rows())) {
            return latin;
        }
        List<Rect> boxes = TopRowCut.boxes(analysis);
        if (boxes == null || latin != null && boxes.size() <= latin.text().length()) {
            return latin;
        }
        double[][] top = topRowProbabilities(gray, boxes);
        int n = boxes.size();
        int digits = n - 3;
        if (!namesClearly(top, digits)) {
            return latin;
        }
        StringBuilder sb = new StringBuilder(n);
        double[] probs = new double[n];
        double logScore = 0;
        int weakest = 0;
        int runnerUp = -1;
        for (int i = 0; i < n; i++) {
            int from = i < digits ? 0 : 10;
            int to = i < digits ? 10 : GlyphClassifier.JUNK;
            int best = from;
            int second = -1;
            for (int k = from + 1; k < to; k++) {
                if (top[i][k] > top[i][best]) {
                    second = best;
                    best = k;
                } else if (second < 0 || top[i][k] > top[i][second]) {
                    second = k;
                }
            }
            sb.append(symbol(best));
            probs[i] = top[i][best];
            logScore += Math.log(probs[i]);
            if (i == 0 || probs[i] < probs[weakest]) {
                weakest = i;
                runnerUp = second;
            }
        }
        return new Reading(sb.toString(), probs, logScore, weakest, symbol(runnerUp), latin == null || latin.framed(), 0,
                false, null);
    }

    /**
     * Whether the top row's class probabilities {@code top} (one row per cell, the first {@code digits} cells a digit's,
     * the rest a letter's) name its characters clearly enough for {@link #topRowFirst}: in each cell the best class of
     * its kind takes at least {@link #TOP_FIRST_LEAST} of what the whole kind takes there, and those shares' geometric
     * mean is at least {@link #TOP_FIRST_MEAN}. The share within the kind, not the probability itself: the cell's panel
     * already says which kind it holds, and the top row's classifier gives some Arabic digits mostly to a letter of a
     * like shape (the five's loop to ha: on a development photo whose Latin row is washed out, 0.06 to five and 0.81 to
     * the letters), which says nothing against the five among the digits.
     */
    static boolean namesClearly(double[][] top, int digits) {
        double logShares = 0;
        for (int i = 0; i < top.length; i++) {
            int from = i < digits ? 0 : 10;
            int to = i < digits ? 10 : GlyphClassifier.JUNK;
            double kind = 0;
            double best = 0;
            for (int k = from; k < to; k++) {
                kind += top[i][k];
                best = Math.max(best, top[i][k]);
            }
            double share = kind > 0 ? best / kind : 0;
            if (share < TOP_FIRST_LEAST) {
                return false;
            }
            logShares += Math.log(share);
        }
        return logShares >= top.length * Math.log(TOP_FIRST_MEAN);
    }

    /** The least share of its kind's probability {@link #namesClearly} accepts for any one character the top row names. */
    static final double TOP_FIRST_LEAST = 0.1;
    /** The least geometric mean of those shares {@link #namesClearly} accepts over the characters the top row names. */
    static final double TOP_FIRST_MEAN = 0.5;

    /**
     * {@code r} with {@code margin} and, when this reader has an Arabic classifier, read with the top row as well
     * ({@link #withTopRow(Reading, IntFunction, double[][])}).
     */
    private Reading withTopRow(Reading r, Mat gray, List<Rect> boxes, double margin, IntFunction<double[]> latin) {
        if (arabic == null) {
            return new Reading(r.text(), r.characterProbabilities(), r.logScore(), r.weakest(), r.runnerUp(), r.framed(),
                    margin, r.shortStandard(), null);
        }
        Reading f = withTopRow(r, latin, topRowProbabilities(gray, boxes));
        return new Reading(f.text(), f.characterProbabilities(), f.logScore(), f.weakest(), f.runnerUp(), f.framed(),
                margin, f.shortStandard(), f.topRow());
    }

    /**
     * {@code r} with the top row's evidence ({@code top}: its class probabilities in the cell above each box) and its
     * unsure characters named again from both rows ({@link #fuse}, {@code latin} giving box i's class probabilities):
     * where the top row contradicts the reading, as {@link #fuse} chooses; where it does not, only as a class the top
     * row gives at least {@link #FUSE_NAMED} (a top row that names a character under {@link TopRow#SURE} still
     * outweighs a Latin character read at, say, 0.4 to which it gives almost nothing: rule F1 of session 61 in
     * BENCHMARKS). The evidence stays the one against the Latin row's own text: a reading the top row contradicted is
     * capped ({@link PlateReader#topRowRule}) whichever text it ends with, and a renamed character keeps the meagre
     * support its Latin name had, so a reading renamed without a contradiction is not confirmed (not automatic).
     */
    static Reading withTopRow(Reading r, IntFunction<double[]> latin, double[][] top) {
        TopRow.Evidence evidence = TopRow.compare(top, r.text());
        Reading f = fuse(r, latin, top, evidence.contradictions() > 0 ? 0 : FUSE_NAMED);
        return new Reading(f.text(), f.characterProbabilities(), f.logScore(), f.weakest(), f.runnerUp(), r.framed(),
                r.margin(), r.shortStandard(), evidence);
    }

    /**
     * {@code r} with each character the Latin row gave less than {@link #FUSE_BELOW} named again as the class of its
     * kind (digit or letter) that maximises {@code log p_latin + TOP_ROW_WEIGHT * log p_top}, {@code latin} giving the
     * Latin row's class probabilities of box i and {@code top} the top row's of the cell above it; {@code r} itself
     * when no character changes. A changed character's probability is the Latin row's for it (lower than for the
     * character it replaced), and the weakest character's runner-up is the Latin row's next best there (at a changed
     * character: the one it replaced, so the Latin row's own reading stays among the alternatives). A character is
     * renamed only as a class {@code top} gives at least {@code named} (0: whatever the weighing chooses).
     */
    static Reading fuse(Reading r, IntFunction<double[]> latin, double[][] top, double named) {
        String text = r.text();
        int n = text.length();
        int digits = n - 3;
        double[] probs = r.characterProbabilities().clone();
        StringBuilder sb = new StringBuilder(text);
        double[][] p = new double[n][];
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            int from = i < digits ? 0 : 10;
            int to = i < digits ? 10 : GlyphClassifier.JUNK;
            // The Latin row's probabilities are asked only where a character may change (they may cost a net's run).
            int own = GlyphClassifier.classOf(text.charAt(i));
            if (probs[i] >= FUSE_BELOW || !namesAnother(top[i], from, to, own, named)) {
                continue;
            }
            p[i] = latin.apply(i);
            int best = from;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int k = from; k < to; k++) {
                double v = Math.log(Math.max(1e-30, p[i][k])) + TOP_ROW_WEIGHT * Math.log(Math.max(1e-30, top[i][k]));
                if (v > bestValue) {
                    bestValue = v;
                    best = k;
                }
            }
            if (symbol(best) != text.charAt(i) && top[i][best] >= named) {
                sb.setCharAt(i, symbol(best));
                probs[i] = p[i][best];
                changed = true;
            }
        }
        if (!changed) {
            return r;
        }
        double logScore = 0;
        int weakest = 0;
        for (int i = 0; i < n; i++) {
            logScore += Math.log(Math.max(1e-12, probs[i]));
            if (probs[i] < probs[weakest]) {
                weakest = i;
            }
        }
        if (p[weakest] == null) {
            p[weakest] = latin.apply(weakest);
        }
        int from = weakest < digits ? 0 : 10;
        int to = weakest < digits ? 10 : GlyphClassifier.JUNK;
        int chosen = GlyphClassifier.classOf(sb.charAt(weakest));
        int second = -1;
        for (int k = from; k < to; k++) {
            if (k != chosen && (second < 0 || p[weakest][k] > p[weakest][second])) {
                second = k;
            }
        }
        return new Reading(sb.toString(), probs, logScore, weakest, symbol(second), r.framed(), r.margin(),
                r.shortStandard(), r.topRow());
    }

    /**
     * Whether the top row's cell {@code q} gives some class in {@code [from, to)} other than {@code own} at least
     * {@code named} (always where {@code named} is 0): only then may {@link #fuse} rename the character under it.
     */
    private static boolean namesAnother(double[] q, int from, int to, int own, double named) {
        if (named <= 0) {
            return true;
        }
        for (int k = from; k < to; k++) {
            if (k != own && q[k] >= named) {
                return true;
            }
        }
        return false;
    }

    /**
     * The top row's class probabilities in the cell above each box: {@link #arabic}'s, combined with
     * {@link #arabicNet}'s (run once on all cells) where there is one.
     */
    double[][] topRowProbabilities(Mat gray, List<Rect> boxes) {
        List<float[]> inputs = TopRow.inputs(gray, boxes);
        double[][] p = new double[inputs.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = arabic.probabilities(inputs.get(i));
        }
        if (arabicNet != null) {
            double[][] q = arabicNet.probabilities(inputs);
            for (int i = 0; i < p.length; i++) {
                p[i] = combine(p[i], q[i], arabicNetWeight);
            }
        }
        return p;
    }

    /** Whether this reader reads the Arabic row too. */
    public boolean readsTopRow() {
        return arabic != null;
    }

    private static char symbol(int cls) {
        return cls < 10 ? (char) ('0' + cls) : SaudiPlate.LATIN_LETTERS.charAt(cls - 10);
    }
}
