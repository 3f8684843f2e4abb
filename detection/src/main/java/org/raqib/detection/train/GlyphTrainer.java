package org.raqib.detection.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphSegmenter;
import org.raqib.detection.read.TopRow;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

/**
 * Trains {@link GlyphClassifier} with plain Java SGD (momentum, cosine learning-rate decay, weight
 * decay): glyphs are cut by the same {@link GlyphSegmenter} that reads, from jittered crops of real
 * training photos and from synthetic plates; a crop whose row does not cut into exactly as many
 * pieces as its text has characters is skipped, so every glyph's label is right by its position.
 */
final class GlyphTrainer {

    /**
     * Latin faces for synthetic glyphs: narrow grotesques are closest to the plates' DIN-like face; the
     * synthetic generator's own faces (also what rendered test scenes use) come after them.
     */
    static final String[] FONTS = {
        "Liberation Sans Narrow", "Nimbus Sans Narrow", "DejaVu Sans Condensed", "Liberation Sans", "Nimbus Sans",
        "DejaVu Sans", "DejaVu Sans Mono", "SansSerif",
    };

    /** Faces for the synthetic top row (those of the synthetic generator's plates). */
    static final String[] ARABIC_FONTS = {"DejaVu Sans", "DejaVu Sans Condensed", "DejaVu Sans Mono", "SansSerif"};

    /** One training example. */
    record Example(float[] x, int label) {
    }

    /**
     * Examples for both classifiers from the same crops: the Latin row's glyphs (and junk), and the
     * Arabic row's cells above them labelled with the class of their Latin twin (see {@link TopRow}).
     */
    record Sets(List<Example> latin, List<Example> arabic) {
        Sets() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    private GlyphTrainer() {
    }

    /**
     * Glyphs of {@code crop} labelled by {@code text}, added to {@code out}, and the top row's cells to
     * {@code top}, each labelled with the class of the Latin character below it (its twin). False when
     * the count does not match.
     */
    static boolean addGlyphs(Mat crop, String text, Random rnd, List<Example> out, List<Example> top,
            GlyphAugmenter.Settings aug) {
        return addGlyphs(crop, text, rnd, null, out, top, aug);
    }

    /**
     * {@link #addGlyphs(Mat, String, Random, List, List, GlyphAugmenter.Settings)}, the top row's cells degraded at
     * random ({@link GlyphAugmenter.Settings#topFaint}) from {@code topRnd}, a stream of their own so the Latin
     * examples' stays as it was.
     */
    static boolean addGlyphs(Mat crop, String text, Random rnd, Random topRnd, List<Example> out, List<Example> top,
            GlyphAugmenter.Settings aug) {
        GlyphSegmenter.Glyphs g = GlyphSegmenter.segment(crop);
        boolean matched;
        Set<Rect> taken = new HashSet<>();
        try {
            List<Rect> boxes = g.boxes();
            matched = boxes.size() == text.length();
            if (matched) {
                taken.addAll(boxes);
                addRow(g.gray(), boxes, text, rnd, topRnd, out, top, aug);
            }
        } finally {
            g.release();
        }
        if (!matched) {
            // A crop whose print slants (a plate tilted in its photo, or a synthetic plate turned by the augmentation) is
            // cut again rotated level, as the reader reads it (GlyphSegmenter.levelled): its glyphs are labelled from
            // that cut where it has the text's count.
            Mat level = GlyphSegmenter.levelled(crop);
            if (level != null) {
                GlyphSegmenter.Glyphs lg = GlyphSegmenter.segment(level);
                try {
                    if (lg.boxes().size() == text.length()) {
                        matched = true;
                        addRow(lg.gray(), lg.boxes(), text, rnd, topRnd, out, top, aug);
                    }
                } finally {
                    lg.release();
                    level.release();
                }
            }
        }
        if (aug.otherCuts()) {
            // The reader reads every cut the segmenter proposes, not only its own: their boxes (tighter, looser,
            // from another threshold) are what it classifies on hard crops, where the own cut often fails.
            GlyphSegmenter.Hypotheses hs = GlyphSegmenter.hypotheses(crop);
            try {
                for (List<Rect> cut : hs.cuts()) {
                    if (cut.size() != text.length()) {
                        continue;
                    }
                    for (int i = 0; i < cut.size(); i++) {
                        if (taken.add(cut.get(i))) {
                            GlyphAugmenter.add(out, hs.gray(), cut.get(i), GlyphClassifier.classOf(text.charAt(i)), rnd, aug);
                        }
                    }
                }
            } finally {
                hs.release();
            }
        }
        return matched;
    }

    private static void addRow(Mat gray, List<Rect> boxes, String text, Random rnd, Random topRnd, List<Example> out,
            List<Example> top, GlyphAugmenter.Settings aug) {
        for (int i = 0; i < boxes.size(); i++) {
            Rect b = boxes.get(i);
            // A pixel or so of box jitter: the segmenter's boxes move that much with blur and threshold.
            Rect j = new Rect(b.x + rnd.nextInt(3) - 1, b.y + rnd.nextInt(3) - 1,
                    Math.max(2, b.width + rnd.nextInt(3) - 1), Math.max(4, b.height + rnd.nextInt(3) - 1));
            int label = GlyphClassifier.classOf(text.charAt(i));
            GlyphAugmenter.add(out, gray, j, label, rnd, aug);
            boolean end = i == 0 || i == boxes.size() - 1;
            if (end && aug.edgeCut() > 0 && rnd.nextDouble() < aug.edgeCut()) {
                // A crop's edge through the first or last character (the closing note of session 5: first
                // digits cut at the frame edge read as junk). Most of it is there, so it is still that character.
                float[] cut = GlyphAugmenter.edgeCut(gray, b, i == 0, rnd, aug);
                if (cut != null) {
                    out.add(new Example(cut, label));
                }
            }
            Rect bad = junk(boxes, i, rnd);
            if (bad != null) {
                GlyphAugmenter.add(out, gray, bad, GlyphClassifier.JUNK, rnd, aug);
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            // No random jitter: the Latin examples' random stream stays what it was without a top row
            // (and jittered cells measured worse out of fold: 43 instead of 75 confirmed reads).
            Rect cell = TopRow.cell(boxes, i);
            boolean poor = topRnd != null && aug.topFaint() > 0 && topRnd.nextDouble() < aug.topFaint();
            top.add(new Example(poor ? GlyphAugmenter.poorCell(gray, cell, topRnd) : TopRow.input(gray, cell),
                    GlyphClassifier.classOf(text.charAt(i))));
        }
    }

    /**
     * A box near character {@code i} that is not one whole character, as a wrong cut of the row would
     * give: two neighbours together, a box straddling two of them, the left or right part of a wide
     * character, its top half, or the top row's print above it. Null for none.
     */
    static Rect junk(List<Rect> boxes, int i, Random rnd) {
        Rect b = boxes.get(i);
        Rect next = i + 1 < boxes.size() ? boxes.get(i + 1) : null;
        switch (rnd.nextInt(6)) {
            case 0 -> {
                return next == null ? null : union(b, next);
            }
            case 1 -> {
                if (next == null) {
                    return null;
                }
                int x0 = b.x + b.width / 2;
                int x1 = next.x + next.width / 2;
                int top = Math.min(b.y, next.y);
                return new Rect(x0, top, Math.max(2, x1 - x0), Math.max(b.y + b.height, next.y + next.height) - top);
            }
            case 2, 3 -> {
                if (b.width < 0.45 * b.height) {
                    // Part of a 1 is still a 1 to the classifier, which widens every box to one aspect ratio.
                    return null;
                }
                int part = Math.max(2, (int) Math.round(b.width * 0.5));
                return rnd.nextBoolean() ? new Rect(b.x, b.y, part, b.height) : new Rect(b.x + b.width - part, b.y, part, b.height);
            }
            case 4 -> {
                return new Rect(b.x, b.y, b.width, Math.max(4, b.height / 2));
            }
            default -> {
                int up = (int) Math.round(b.height * 1.3);
                return b.y - up < 1 ? null : new Rect(b.x, b.y - up, b.width, b.height);
            }
        }
    }

    private static Rect union(Rect a, Rect b) {
        int x0 = Math.min(a.x, b.x);
        int y0 = Math.min(a.y, b.y);
        return new Rect(x0, y0, Math.max(a.x + a.width, b.x + b.width) - x0, Math.max(a.y + a.height, b.y + b.height) - y0);
    }

    /**
     * Which synthetic plates' top-row cells train the top row's classifiers ({@code train-glyphs --top-synthetic}):
     * none, standard plates' only, or every plate's.
     */
    enum TopSynthetic {
        NONE, STANDARD, ALL;

        /** Whether a synthetic plate of {@code layout} gives its top-row cells. */
        boolean gives(PlateLayout layout) {
            return this == ALL || this == STANDARD && layout == PlateLayout.STANDARD;
        }
    }

    /**
     * Glyph examples from {@code plates} synthetic plates; the top-row cells only of the plates {@code top} names (the
     * cells of the others are cut and dropped, so the Latin examples and the kept cells are as with every plate's).
     */
    static Sets synthetic(long seed, int plates, TopSynthetic top, GlyphAugmenter.Settings aug, PrintStream err) {
        SyntheticPlates syn = new SyntheticPlates(seed);
        Random rnd = new Random(seed + 1);
        Random topRnd = new Random(seed + 2);
        Sets out = new Sets();
        ProgressBar bar = new ProgressBar(err, "synthetic", plates);
        for (int i = 0; i < plates; i++) {
            String text = SyntheticPlates.randomText(rnd);
            PlateLayout layout = rnd.nextDouble() < 0.35 ? PlateLayout.WIDE : PlateLayout.STANDARD;
            // The top row's face is drawn from the text, not from rnd, so the Latin examples' stream stays as it was.
            String arabicFont = ARABIC_FONTS[Math.floorMod(text.hashCode(), ARABIC_FONTS.length)];
            PlateSpec spec = new PlateSpec(text, text, layout, rnd.nextDouble() < 0.12, FONTS[rnd.nextInt(FONTS.length)],
                    arabicFont, rnd.nextDouble() < 0.5, rnd.nextDouble() < 0.5, rnd.nextDouble() < 0.2);
            SyntheticPlates.Sample s = syn.plate(spec, rnd.nextDouble() * 0.7);
            List<Example> cells = top.gives(layout) ? out.arabic() : new ArrayList<>();
            addGlyphs(s.image(), text, rnd, topRnd, out.latin(), cells, aug);
            s.image().release();
            bar.update(i + 1, out.latin().size() + " glyphs");
        }
        return out;
    }

    /** Glyph examples from real crops: {@code repeats} jittered crops per photo plus the plain box crop. */
    static Sets real(List<RealCrops.Loaded> photos, int repeats, long seed, GlyphAugmenter.Settings aug) {
        return real(photos, repeats, 1, seed, aug);
    }

    /**
     * Glyph examples from real crops: {@code repeats} jittered crops per photo ({@code wideRepeats} times as many of a
     * wide plate's photo) plus the plain box crop.
     */
    static Sets real(List<RealCrops.Loaded> photos, int repeats, int wideRepeats, long seed, GlyphAugmenter.Settings aug) {
        Random rnd = new Random(seed);
        Random topRnd = new Random(seed + 1000);
        // Small crops draw from a stream of their own, so the full-size crops' examples stay as they were without them.
        Random smallRnd = new Random(seed + 2000);
        Sets out = new Sets();
        Sets small = new Sets();
        for (RealCrops.Loaded l : photos) {
            String text = l.photo().plateText();
            Mat c = RealCrops.evalCrop(l);
            addGlyphs(c, text, rnd, topRnd, out.latin(), out.arabic(), aug);
            c.release();
            int n = l.layout() == PlateLayout.WIDE ? repeats * wideRepeats : repeats;
            for (int r = 0; r < n; r++) {
                Mat j = RealCrops.jitteredCrop(l, rnd, rnd.nextDouble() * 0.6);
                addGlyphs(j, text, rnd, topRnd, out.latin(), out.arabic(), aug);
                if (aug.small() > 0 && smallRnd.nextDouble() < aug.small()) {
                    Mat s = GlyphAugmenter.shrunk(j, smallRnd);
                    if (s != null) {
                        addGlyphs(s, text, smallRnd, smallRnd, small.latin(), small.arabic(), aug);
                        s.release();
                    }
                }
                j.release();
            }
        }
        out.latin().addAll(small.latin());
        out.arabic().addAll(small.arabic());
        return out;
    }

    /** Shuffles {@code order} in place (Fisher-Yates, from the last element down). */
    static void shuffle(int[] order, Random rnd) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Trains a fresh classifier on {@code data}. */
    static GlyphClassifier train(List<Example> data, int hidden, int epochs, double lr, long seed, PrintStream err, String label) {
        Random rnd = new Random(seed);
        int in = GlyphClassifier.INPUTS;
        int k = GlyphClassifier.CLASSES;
        float[] w1 = new float[hidden * in];
        float[] b1 = new float[hidden];
        float[] w2 = new float[k * hidden];
        float[] b2 = new float[k];
        double s1 = Math.sqrt(2.0 / in);
        double s2 = Math.sqrt(2.0 / hidden);
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (rnd.nextGaussian() * s1);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (rnd.nextGaussian() * s2);
        }
        GlyphClassifier model = new GlyphClassifier(hidden, w1, b1, w2, b2);
        float[] v1 = new float[w1.length];
        float[] vb1 = new float[hidden];
        float[] v2 = new float[w2.length];
        float[] vb2 = new float[k];
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long total = (long) epochs * n;
        ProgressBar bar = new ProgressBar(err, label, total);
        double momentum = 0.9;
        double decay = 1e-4;
        long step = 0;
        double lossSum = 0;
        for (int e = 0; e < epochs; e++) {
            shuffle(order, rnd);
            lossSum = 0;
            int correct = 0;
            for (int idx = 0; idx < n; idx++) {
                Example ex = data.get(order[idx]);
                double rate = lr * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * step / total)));
                step++;
                float[] x = ex.x();
                float[] h = model.hiddenLayer(x);
                float[] z = model.logits(h);
                double max = Double.NEGATIVE_INFINITY;
                for (float f : z) {
                    max = Math.max(max, f);
                }
                double sum = 0;
                double[] p = new double[k];
                for (int c = 0; c < k; c++) {
                    p[c] = Math.exp(z[c] - max);
                    sum += p[c];
                }
                int arg = 0;
                for (int c = 0; c < k; c++) {
                    p[c] /= sum;
                    if (p[c] > p[arg]) {
                        arg = c;
                    }
                }
                if (arg == ex.label()) {
                    correct++;
                }
                lossSum -= Math.log(Math.max(1e-12, p[ex.label()]));
                double[] dz = p;
                dz[ex.label()] -= 1;
                float[] dh = new float[hidden];
                for (int c = 0; c < k; c++) {
                    int o = c * hidden;
                    float g = (float) dz[c];
                    for (int j = 0; j < hidden; j++) {
                        dh[j] += w2[o + j] * g;
                        float grad = g * h[j] + (float) decay * w2[o + j];
                        v2[o + j] = (float) (momentum * v2[o + j] - rate * grad);
                        w2[o + j] += v2[o + j];
                    }
                    vb2[c] = (float) (momentum * vb2[c] - rate * g);
                    b2[c] += vb2[c];
                }
                for (int j = 0; j < hidden; j++) {
                    if (h[j] <= 0) {
                        continue;
                    }
                    float g = dh[j];
                    int o = j * in;
                    for (int i = 0; i < in; i++) {
                        float grad = g * x[i] + (float) decay * w1[o + i];
                        v1[o + i] = (float) (momentum * v1[o + i] - rate * grad);
                        w1[o + i] += v1[o + i];
                    }
                    vb1[j] = (float) (momentum * vb1[j] - rate * g);
                    b1[j] += vb1[j];
                }
                if ((idx & 255) == 0) {
                    bar.update(step, String.format("epoch %d/%d loss %.3f", e + 1, epochs, lossSum / (idx + 1)));
                }
            }
            bar.update(step, String.format("epoch %d/%d loss %.3f train-acc %.3f", e + 1, epochs, lossSum / n, correct / (double) n));
        }
        return model;
    }
}
