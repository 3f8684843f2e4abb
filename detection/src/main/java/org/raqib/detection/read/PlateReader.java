package org.raqib.detection.read;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.raqib.detection.Alternative;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;
import org.opencv.core.Mat;

/**
 * Reads the text of a Saudi plate from a crop of it (see {@link #read(Mat)}). Runs the reader network
 * exported to ONNX on the OnnxRuntime engine (the runtime under DJL's OnnxRuntime engine, called
 * directly so that the model loads from classpath bytes without extracting files), then decodes and
 * calibrates the result with {@link PlateDecoder}. Nothing is downloaded.
 *
 * <p>Not thread-safe to share between tasks: create one per task.
 */
public final class PlateReader implements AutoCloseable {

    /** Classpath folder of the committed model files. */
    public static final String RESOURCE_DIR = "/org/raqib/detection/models/";
    /** File name of the network. */
    public static final String MODEL_FILE = "plate-reader.onnx";
    /** File name of the metadata: calibration and the model's version. */
    public static final String META_FILE = "plate-reader.json";

    /**
     * Reader options.
     *
     * @param threads intra-op threads of the OnnxRuntime session (default 1: callers parallelise by task)
     */
    public record Options(int threads) {
        public static final Options DEFAULT = new Options(1);

        /** Fails fast on impossible values. */
        public Options validate() {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be 1..256, got " + threads);
            }
            return this;
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final PlateDecoder decoder;
    private final String version;
    /** The character-level reader, or null for the network alone (used while training the network). */
    private final GlyphReader glyphs;
    /** Told of each veto by the network's Arabic row ({@link #observeVetoes}); null: none. */
    private Consumer<Veto> vetoes;

    private PlateReader(byte[] onnx, Calibration calibration, String version, Options options, GlyphReader glyphs) {
        options.validate();
        try {
            env = OrtSessions.environment();
            session = OrtSessions.open(env, onnx, options.threads());
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the plate reader model", e);
        }
        this.decoder = new PlateDecoder(calibration);
        this.version = version;
        this.glyphs = glyphs;
    }

    /** Loads the committed model from the classpath; fails loudly if it is missing. */
    public static PlateReader loadDefault() {
        return loadDefault(Options.DEFAULT);
    }

    /**
     * The committed network alone, without the character-level reader: what the glyph training tool
     * cross-checks its readings against, exactly as {@link #read} does.
     */
    public static PlateReader loadNetworkOnly() {
        byte[] onnx = resource(MODEL_FILE);
        byte[] meta = resource(META_FILE);
        return fromBytes(onnx, meta, Options.DEFAULT, null);
    }

    /**
     * Whether {@link #read} would cap the confidence of the character-level reading {@code glyphText}
     * of a crop that the network alone read as {@code net} with {@code logits} at {@code offset}: a
     * different digit count, or a top row that clearly shows other characters.
     */
    public static boolean crossCheckFails(String glyphText, ReadResult net, float[] logits, int offset) {
        return fails(contradictedSlots(glyphText, net, logits, offset));
    }

    /**
     * Whether {@link #read} reports the character-level reading {@code g} (calibrated confidence {@code conf}), where
     * the recogniser keeps it, as the top-row rule gives it in spite of the cross-check's cap ({@link #crossCheckFails}):
     * the network counts as many digits and the reader's own rows outvote its Arabic row ({@link #ownRowsOutvote}).
     */
    public static boolean crossCheckOutvoted(GlyphReader.Reading g, double conf, ReadResult net, float[] logits, int offset) {
        return outvoted(g, conf, contradictedSlots(g.text(), net, logits, offset));
    }

    /** {@link #crossCheckFails} given {@link #contradictedSlots}' answer. */
    private static boolean fails(int[] contradicted) {
        return contradicted == null || contradicted.length > 0;
    }

    /** {@link #crossCheckOutvoted} given {@link #contradictedSlots}' answer. */
    private static boolean outvoted(GlyphReader.Reading g, double conf, int[] contradicted) {
        return contradicted != null && ownRowsOutvote(g, conf, contradicted);
    }

    /**
     * The network's side of the cross-check of the character-level reading {@code glyphText}: null where the network
     * (read as {@code net}) counts another number of digits or reads no valid plate, else the slots its Arabic row
     * clearly contradicts ({@link PlateDecoder#arabicContradictedSlots}; empty where none). The check fails on null or
     * any slot ({@link #crossCheckFails}); the reader's own rows may outvote those slots ({@link #ownRowsOutvote}).
     */
    static int[] contradictedSlots(String glyphText, ReadResult net, float[] logits, int offset) {
        return sameDigitCount(net, glyphText)
                ? PlateDecoder.arabicContradictedSlots(logits, offset, glyphText, ARABIC_SURE, ARABIC_FLOOR) : null;
    }

    /** Whether the network reads a valid plate of as many digits as {@code glyphText}. */
    private static boolean sameDigitCount(ReadResult net, String glyphText) {
        return SaudiPlate.isValid(net.text())
                && SaudiPlate.digits(net.text()).length() == SaudiPlate.digits(glyphText).length();
    }

    /** Loads the committed model from the classpath with {@code options}. */
    public static PlateReader loadDefault(Options options) {
        byte[] onnx = resource(MODEL_FILE);
        byte[] meta = resource(META_FILE);
        return fromBytes(onnx, meta, options, GlyphReader.loadDefault());
    }

    /** The committed network with the character reader {@code glyphs} (null: the network alone). */
    public static PlateReader loadDefault(GlyphReader glyphs) {
        return fromBytes(resource(MODEL_FILE), resource(META_FILE), Options.DEFAULT, glyphs);
    }

    /**
     * Loads model files written by the training tools into {@code dir}: the glyph classifier (and the glyph nets it
     * names, {@code ./raqib train-glyphs --out DIR}) from {@code dir} when it holds one, else from the classpath; so the
     * plate network ({@value #MODEL_FILE} with {@value #META_FILE}, {@code ./raqib train --out DIR}).
     *
     * @throws IllegalArgumentException where {@code dir} holds one of the network's two files without the other
     * @throws UncheckedIOException where a model file cannot be read (the message names it)
     */
    public static PlateReader load(Path dir, Options options) {
        boolean network = Files.isRegularFile(dir.resolve(MODEL_FILE));
        if (network != Files.isRegularFile(dir.resolve(META_FILE))) {
            throw new IllegalArgumentException(dir + " holds only one of the plate network's " + MODEL_FILE + " and "
                    + META_FILE + " (./raqib train --out DIR writes both)");
        }
        Path glyphFile = dir.resolve(GlyphClassifier.MODEL_FILE);
        GlyphReader glyphs;
        try {
            glyphs = Files.isRegularFile(glyphFile)
                    ? GlyphReader.fromJson(new ObjectMapper().readTree(glyphFile.toFile()), dir)
                    : GlyphReader.loadDefault();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + glyphFile, e);
        }
        if (!network) {
            return fromBytes(resource(MODEL_FILE), resource(META_FILE), options, glyphs);
        }
        try {
            return fromDir(dir, options, glyphs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plate network in " + dir, e);
        }
    }

    /**
     * The network that {@code ./raqib train} wrote into {@code dir} (its {@value #MODEL_FILE} and {@value #META_FILE})
     * with the character reader {@code glyphs}: a network trained without some photos, to measure them out of fold.
     */
    public static PlateReader withNetwork(Path dir, GlyphReader glyphs) {
        try {
            return fromDir(dir, Options.DEFAULT, glyphs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plate network in " + dir + " (./raqib train --out DIR writes it)", e);
        }
    }

    /** The network in {@code dir} ({@value #MODEL_FILE} and {@value #META_FILE}) with {@code options} and {@code glyphs}. */
    private static PlateReader fromDir(Path dir, Options options, GlyphReader glyphs) throws IOException {
        return fromBytes(Files.readAllBytes(dir.resolve(MODEL_FILE)), Files.readAllBytes(dir.resolve(META_FILE)), options, glyphs);
    }

    /**
     * The network alone from raw ONNX bytes and a calibration, without the character-level reader (used
     * by the training tool to measure the network before it writes files).
     */
    public static PlateReader of(byte[] onnx, Calibration calibration, Options options) {
        return new PlateReader(onnx, calibration, "unsaved", options, null);
    }

    private static PlateReader fromBytes(byte[] onnx, byte[] meta, Options options, GlyphReader glyphs) {
        try {
            JsonNode m = new ObjectMapper().readTree(meta);
            JsonNode c = m.path("calibration");
            Calibration cal = new Calibration(c.path("wScore").asDouble(1), c.path("wDisagree").asDouble(0),
                    c.path("wPlate").asDouble(0), c.path("bias").asDouble(0));
            return new PlateReader(onnx, cal, m.path("version").asText("unknown"), options, glyphs);
        } catch (IOException e) {
            throw new UncheckedIOException("bad plate reader metadata", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlateReader.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("plate reader model file missing from the classpath: " + RESOURCE_DIR + name
                        + " (train one with ./raqib train)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_DIR + name, e);
        }
    }

    /**
     * Reads one plate crop: BGR or gray, any size, an axis-aligned rectangle around the plate border
     * (a small margin or slight misalignment is fine).
     */
    public ReadResult read(Mat plateCrop) {
        return readAll(List.of(plateCrop)).get(0);
    }

    /**
     * Reads one plate crop as {@link #read(Mat)}, where the character reader may cut the plate again taller from its
     * source with {@code recrop} when the crop is hard to read (see {@link GlyphReader#read(Mat, GlyphReader.Recrop)}).
     */
    public ReadResult read(Mat plateCrop, GlyphReader.Recrop recrop) {
        return readAll(List.of(plateCrop), Collections.singletonList(recrop)).get(0);
    }

    /** Reads several crops in one batch (faster per crop than one at a time). */
    public List<ReadResult> readAll(List<Mat> crops) {
        return readAll(crops, Collections.nCopies(crops.size(), null));
    }

    /** {@link #readAll(List)} with each crop's {@link GlyphReader.Recrop} (null: none). */
    private List<ReadResult> readAll(List<Mat> crops, List<GlyphReader.Recrop> recrops) {
        if (crops.isEmpty()) {
            return List.of();
        }
        int n = crops.size();
        int px = CropPreprocessor.HEIGHT * CropPreprocessor.WIDTH;
        float[] input = new float[n * px];
        for (int i = 0; i < n; i++) {
            CropPreprocessor.normalize(CropPreprocessor.toGray(crops.get(i)), input, i * px);
        }
        float[] logits = logits(input, n);
        List<ReadResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Deferred(crops.get(i), recrops.get(i), logits, i * PlateDecoder.OUTPUTS).full());
        }
        return out;
    }

    /**
     * Reads one plate crop as {@link #read(Mat, GlyphReader.Recrop)}, in two steps: the network's reading at once, the
     * whole reading (the character reader's, cross-checked with the network's; the dear part) only when
     * {@link Deferred#full()} is first asked for, so that a caller that finds it does not need a crop's text does not
     * pay for it. The caller keeps {@code plateCrop} (and what {@code recrop} cuts from) unreleased until it has asked
     * for the whole reading or will not.
     */
    public Deferred readDeferred(Mat plateCrop, GlyphReader.Recrop recrop) {
        int px = CropPreprocessor.HEIGHT * CropPreprocessor.WIDTH;
        float[] input = new float[px];
        CropPreprocessor.normalize(CropPreprocessor.toGray(plateCrop), input, 0);
        return new Deferred(plateCrop, recrop, logits(input, 1), 0);
    }

    /**
     * A crop's reading whose network part is done and whose whole reading is made on first demand (then kept): the
     * same reading, to the bit, as {@link #read(Mat, GlyphReader.Recrop)} of the crop, as the character reader keeps
     * no state between crops.
     */
    public final class Deferred {
        private final ReadResult network;
        private Mat crop;
        private GlyphReader.Recrop recrop;
        private float[] logits;
        private final int offset;
        private ReadResult full;
        /** Where the whole reading's characters stand, where its text is the character reader's; null until known. */
        private RowBoxes row;

        private Deferred(Mat crop, GlyphReader.Recrop recrop, float[] logits, int offset) {
            this.network = decoder.decode(logits, offset);
            this.crop = crop;
            this.recrop = recrop;
            this.logits = logits;
            this.offset = offset;
        }

        /** The network's plate score: the whole reading's too. */
        public double plateScore() {
            return network.plateScore();
        }

        /** The network's layout: the whole reading's too (every reading {@code combine} makes keeps it). */
        public PlateLayout layout() {
            return network.layout();
        }

        /**
         * Where the whole reading's characters stand in the crop read ({@link #full()} made first): null where its text is
         * not the character reader's, or that reader kept no boxes for it.
         */
        public RowBoxes row() {
            full();
            return row;
        }

        /** The whole reading, made now if it was not yet. */
        public ReadResult full() {
            if (full == null) {
                RowBoxes[] rows = new RowBoxes[1];
                full = glyphs == null || network.plateScore() < GLYPH_MIN_PLATE_SCORE ? network
                        : combine(network, crop, recrop, logits, offset, rows);
                row = rows[0];
                crop = null;
                recrop = null;
                logits = null;
            }
            return full;
        }
    }

    /** Below this plate score a crop is not worth segmenting: the recogniser drops it anyway. */
    static final double GLYPH_MIN_PLATE_SCORE = 0.2;

    /**
     * Two readers, cross-checked: the character-level reading (where the row segments into 1-4 digits
     * and 3 letters) and the network's. The character-level reading keeps its own calibrated confidence
     * (the better of the two where the network reads the same). Where they count a different number of
     * digits, one of them has cut or merged a character; where the network's Arabic row clearly shows
     * other characters, the rows disagree: either way the confidence is capped as for any inconsistent plate
     * (where only the network's Arabic row disagrees, the reading is marked with the figure it is reported at if
     * the recogniser keeps it: {@link #ownRowsOutvote}, {@link #confirmsEvery}). Where the network is the more
     * confident of two different readings, its reading is kept and the other becomes an alternative. Only a
     * character-level reading can be automatic (>= 0.9), and only where the Arabic row above its boxes, read by
     * Raqib's own classifier, confirms it ({@link #topRowRule}). {@code row[0]} is given the character reader's
     * boxes where its text is the one returned.
     */
    private ReadResult combine(ReadResult net, Mat crop, GlyphReader.Recrop recrop, float[] logits, int offset,
            RowBoxes[] row) {
        RowBoxes[] cut = new RowBoxes[1];
        Optional<GlyphReader.Reading> found = glyphs.read(crop, recrop, r -> cut[0] = r);
        if (found.isEmpty() || !SaudiPlate.isValid(found.get().text())) {
            // No Latin boxes, so no top row read above them: the network's reading is never automatic.
            return capped(net, UNCONFIRMED_CAP);
        }
        GlyphReader.Reading g = found.get();
        if (!g.framed()) {
            // Part of a plate: whatever either reader makes of it is short of the real text.
            return capped(net, Calibration.INCONSISTENT_CAP);
        }
        double glyphConf = glyphs.calibration().confidence(g);
        boolean netValid = SaudiPlate.isValid(net.text());
        boolean agree = g.text().equals(net.text());
        boolean sameCount = sameDigitCount(net, g.text());
        if (!agree && netValid && prefersNetwork(net, g, sameCount, glyphs.calibration())) {
            List<Alternative> alts = new ArrayList<>();
            alts.add(new Alternative(g.text(), Math.min(glyphConf, 1 - net.confidence())));
            net.alternatives().stream().filter(a -> !a.text().equals(g.text())).forEach(alts::add);
            // The top row was read above the character reader's boxes, not for the network's text: not automatic.
            double conf = Math.min(sameCount ? net.confidence() : Math.min(net.confidence(), Calibration.INCONSISTENT_CAP),
                    UNCONFIRMED_CAP);
            return new ReadResult(net.text(), net.arabic(), conf, net.characterConfidences(),
                    List.copyOf(alts.subList(0, Math.min(alts.size(), 4))), net.layout(), net.plateScore());
        }
        // A network at or below the inconsistency cap has flagged its own rows as disagreeing: then it
        // does not confirm anything. A confirmed reading keeps the better of the two calibrated
        // confidences; it is not raised above both, because the two readers share the blind spot
        // of a top row that the network misreads the same way as the bottom one.
        boolean confirmed = agree && net.confidence() > Calibration.INCONSISTENT_CAP;
        double conf = confirmed ? Math.max(glyphConf, net.confidence()) : glyphConf;
        double ownRows = 0;
        int[] contradicted = contradictedSlots(g.text(), net, logits, offset);
        if (vetoes != null && contradicted != null && contradicted.length > 0) {
            vetoes.accept(new Veto(g.text(), outvoteConditions(g, conf, contradicted),
                    SaudiPlate.digits(g.text()).length() >= PlateDecoder.DIGIT_SLOTS));
        }
        if (fails(contradicted)) { // crossCheckFails, with the slots worked out once for both checks
            // Where only the network's Arabic row disagrees and the reader's own rows agree, the reading is held at
            // the cap while the recogniser searches and merges, and reported at ownRows (PlateRecognizer.ownRowsRaised):
            // where the reader's own rows outvote that row, what the top-row rule gives any reading; else at most the
            // unconfirmed cap.
            if (outvoted(g, conf, contradicted)) {
                ownRows = topRowRule(conf, g.topRow());
            } else if (sameCount && confirmsEvery(g.topRow()) && conf > Calibration.INCONSISTENT_CAP) {
                ownRows = Math.min(conf, UNCONFIRMED_CAP);
            }
            conf = Math.min(conf, Calibration.INCONSISTENT_CAP);
        } else {
            conf = topRowRule(conf, g.topRow());
        }
        List<Alternative> alts = alternatives(g, conf, net, netValid && !agree);
        row[0] = cut[0];
        return new ReadResult(g.text(), SaudiPlate.toArabic(g.text()), conf, g.characterProbabilities().clone(),
                alts, net.layout(), net.plateScore(), ownRows);
    }

    /**
     * The alternatives of the character reader's reading {@code g} at confidence {@code conf}, most likely first: the
     * runner-up of its weakest character, given that character's share of the doubt; the network's text where
     * {@code netOther} (valid and another text), at most its confidence; and the text of the best cut that reads another
     * text ({@link GlyphReader.Reading#otherText}), as much less likely as its cut scored lower ({@code exp(-margin)};
     * often the cut that kept a faint character the reading's cut left out). Each at most {@code 1 - conf}, each text
     * once.
     */
    static List<Alternative> alternatives(GlyphReader.Reading g, double conf, ReadResult net, boolean netOther) {
        List<Alternative> alts = new ArrayList<>();
        char[] swapped = g.text().toCharArray();
        swapped[g.weakest()] = g.runnerUp();
        String runnerUp = new String(swapped);
        double pWeak = g.characterProbabilities()[g.weakest()];
        if (SaudiPlate.isValid(runnerUp) && !runnerUp.equals(g.text())) {
            // The runner-up's share of the weakest character's doubt, never more than what is left over.
            alts.add(new Alternative(runnerUp, Math.min(1 - conf, (1 - pWeak) * conf / Math.max(1e-6, pWeak))));
        }
        if (netOther && !net.text().equals(runnerUp)) {
            alts.add(new Alternative(net.text(), Math.min(1 - conf, net.confidence())));
        }
        String other = g.otherText();
        if (SaudiPlate.isValid(other) && !other.equals(g.text()) && alts.stream().noneMatch(a -> a.text().equals(other))) {
            alts.add(new Alternative(other, Math.min(1 - conf, conf * Math.exp(-g.margin()))));
        }
        alts.sort(java.util.Comparator.comparingDouble(Alternative::confidence).reversed());
        return List.copyOf(alts);
    }

    /**
     * Whether the network's reading {@code net}, valid and other than the character reader's {@code g}, is reported
     * instead of it. Different digit counts ({@code sameCount} false): one reader cut or merged a character; a network
     * sure of its own reading (both its rows agree) is the better judge then, otherwise the row's segmentation is. The
     * same count: the more confident reading, where the character reader's confidence leaves out its short-standard
     * term ({@link GlyphReader.GlyphCalibration#confidenceGivenCount}). That term says that a standard plate read with
     * fewer than four digits has most likely lost one, which is as true of the network's reading of as many digits,
     * but only the character reader's calibration has it: counted on one side only, it handed short standard plates to
     * the network whatever either reader made of their characters, as far as the term's fitted weight reached (the
     * calibration refitted in f4c419a weighs it more, and lost simulator frames the character reader had read right).
     * With the same term subtracted from both sides' log-odds, it cancels.
     */
    static boolean prefersNetwork(ReadResult net, GlyphReader.Reading g, boolean sameCount,
            GlyphReader.GlyphCalibration calibration) {
        return sameCount ? net.confidence() > calibration.confidenceGivenCount(g) : net.confidence() >= NET_SURE;
    }

    private static ReadResult capped(ReadResult r, double cap) {
        return new ReadResult(r.text(), r.arabic(), Math.min(r.confidence(), cap),
                r.characterConfidences(), r.alternatives(), r.layout(), r.plateScore());
    }

    /**
     * An automatic read needs both rows, read independently: where the Arabic row, read by Raqib's own
     * classifier in the cells above the Latin boxes, shows another character anywhere, the rows
     * disagree (capped as any inconsistent plate); where it only fails to confirm every character (too
     * faint, dirty, cut off), the reading goes to review rather than to a ticket. Without a top-row
     * reading nothing is automatic.
     */
    public static double topRowRule(double conf, TopRow.Evidence top) {
        return topRowRule(conf, top, ARABIC_CONFIRM);
    }

    /** {@link #topRowRule(double, TopRow.Evidence)} with another confirmation threshold (for the training tool's table). */
    public static double topRowRule(double conf, TopRow.Evidence top, double confirm) {
        if (top == null) {
            return Math.min(conf, UNCONFIRMED_CAP);
        }
        if (top.contradictions() > 0) {
            return Math.min(conf, Calibration.INCONSISTENT_CAP);
        }
        return top.minSupport() < confirm ? Math.min(conf, UNCONFIRMED_CAP) : conf;
    }

    /**
     * Whether the character reader's own top row confirms every character of its reading: {@link #topRowRule} caps
     * nothing (no contradiction, every character's Arabic twin read at {@link #ARABIC_CONFIRM} or more).
     */
    static boolean confirmsEvery(TopRow.Evidence top) {
        return topRowRule(1, top) == 1;
    }

    /**
     * Whether the character reader's own rows outvote the plate network's Arabic row on the reading {@code g} (at
     * calibrated confidence {@code conf}) where that row alone contradicts it, in {@code slots} ({@link
     * #contradictedSlots}): the reading has four digits, the reader is sure of it ({@link #OUTVOTE_CONFIDENCE}), its
     * own top row, read in the cells above the Latin boxes, gives the
     * twin of every character the network's row contradicts at least {@link #OUTVOTE_SUPPORT}, and no twin of the
     * whole reading less than {@link #OUTVOTE_LEAST_SUPPORT}. Then the reading is still held at the inconsistency cap
     * while the recogniser searches and merges (lifting the cap there too moved boxes and lost found plates on generated
     * scenes), and its own-rows mark ({@link ReadResult#ownRowsConfidence}, the figure the recogniser reports it at if
     * it keeps it) is what {@link #topRowRule} gives it as a reading nothing contradicts: automatic only where its own
     * top row confirms every character. Out of fold on the training photos (both fold pairs, six conditions) the
     * network's Arabic row vetoed 4,450 crop readings that were right and caught 169 a character off; the last three
     * conditions held for none of those catches and for 1,954 of the right readings, 1,835 of them of four digits
     * ({@code eval}'s tally of {@link Veto}s; BENCHMARKS.md, sessions 50 and 55). A reading of fewer digits may have
     * lost one at a cut (a wide plate framed through its first digit), and the network's veto, wherever it falls, is
     * then the one catch: it stands.
     */
    static boolean ownRowsOutvote(GlyphReader.Reading g, double conf, int[] slots) {
        return SaudiPlate.digits(g.text()).length() >= PlateDecoder.DIGIT_SLOTS && outvoteConditions(g, conf, slots);
    }

    /**
     * {@link #ownRowsOutvote}'s conditions but the reading's four digits: the reader's confidence, its own top row's
     * support for each contradicted character's twin and for every twin.
     */
    private static boolean outvoteConditions(GlyphReader.Reading g, double conf, int[] slots) {
        TopRow.Evidence top = g.topRow();
        if (conf < OUTVOTE_CONFIDENCE || top == null || top.minSupport() < OUTVOTE_LEAST_SUPPORT) {
            return false;
        }
        for (int s : slots) {
            int c = PlateDecoder.characterIndex(g.text(), s);
            if (c < 0 || c >= top.support().length || top.support()[c] < OUTVOTE_SUPPORT) {
                return false;
            }
        }
        return slots.length > 0;
    }

    /**
     * A character-level reading that the network's Arabic row vetoed: the network counts as many digits and its Arabic
     * row clearly shows another character above one or more of the reading's ({@link #contradictedSlots}), so the
     * cross-check caps it. What {@code eval} tallies to judge that veto against the photos' labels.
     *
     * @param text               the vetoed reading (a plate text: personal data, never logged)
     * @param outvoteConditions  whether the reader's own rows would outvote the veto but for the reading's digit count
     *                           ({@link #ownRowsOutvote}: the reader's confidence, its own top row's support for each
     *                           contradicted twin and for every twin)
     * @param fourDigits         whether the reading has four digits, the outvote's last condition
     */
    public record Veto(String text, boolean outvoteConditions, boolean fourDigits) {
        /** Whether the reader's own rows outvote this veto ({@link #ownRowsOutvote}). */
        public boolean outvoted() {
            return outvoteConditions && fourDigits;
        }
    }

    /**
     * Tells {@code observer} of each veto by the network's Arabic row from now on, in the order the readings are made
     * (null: no more); on the reading's own thread, like the reader itself.
     */
    public void observeVetoes(Consumer<Veto> observer) {
        this.vetoes = observer;
    }

    /** The reader's least confidence for its own rows to outvote the network's Arabic row ({@link #ownRowsOutvote}). */
    public static final double OUTVOTE_CONFIDENCE = 0.96;
    /** ... the own top row's least support for each character the network's Arabic row contradicts ... */
    public static final double OUTVOTE_SUPPORT = 0.9;
    /** ... and for every character of the reading. */
    public static final double OUTVOTE_LEAST_SUPPORT = 0.3;

    /** Highest confidence of a reading whose top row does not confirm it. */
    public static final double UNCONFIRMED_CAP = 0.85;
    /** The top row confirms a character it gives at least this probability. */
    public static final double ARABIC_CONFIRM = 0.9;

    /** Network confidence above which its digit count is preferred to the segmentation's. */
    static final double NET_SURE = 0.8;

    /** The network's top row must be at least this sure of another character to contradict a reading. */
    static final double ARABIC_SURE = 0.5;
    /** ... and give the reading's character less than this. */
    static final double ARABIC_FLOOR = 0.35;

    /** Raw network output for {@code n} preprocessed inputs: n x {@link PlateDecoder#OUTPUTS} logits. */
    public float[] logits(float[] input, int n) {
        long[] shape = {n, 1, CropPreprocessor.HEIGHT, CropPreprocessor.WIDTH};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result r = session.run(Map.of("input", t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            float[] flat = new float[n * PlateDecoder.OUTPUTS];
            for (int i = 0; i < n; i++) {
                System.arraycopy(out[i], 0, flat, i * PlateDecoder.OUTPUTS, PlateDecoder.OUTPUTS);
            }
            return flat;
        } catch (OrtException e) {
            throw new IllegalStateException("plate reader inference failed", e);
        }
    }

    /** The model's version string (from its metadata). */
    public String version() {
        return version;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the plate reader session", e);
        }
    }
}
