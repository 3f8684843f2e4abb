package org.raqib.detection.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.GlyphNet;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.PlateReader;

/**
 * The two fold readers that {@code train-glyphs --reuse-folds DIR} keeps, for measuring the whole recogniser with the
 * reader out of fold ({@code eval --training-only --reader-folds DIR}): each training photo is read by the fold models
 * trained without it, on the localiser's framings rather than on the labelled box and its jitters that the
 * out-of-fold report of {@code train-glyphs} reads. Calibration and the nets' weights are the committed reader's
 * (whose calibration was fitted on such folds' readings).
 */
public final class FoldReaders {

    /**
     * {@code withoutA} was trained without fold A's photos and reads them; {@code withoutB} the reverse. {@code nets}
     * (null: none) holds plate networks trained the same way ({@code ./raqib train --leave-out-fold A} into
     * {@code nets/without-a}, B into {@code nets/without-b}); without it the committed network cross-checks every fold.
     */
    public record Pair(GlyphReader withoutA, GlyphReader withoutB, Path nets) {

        /** A pair with the committed plate network. */
        public Pair(GlyphReader withoutA, GlyphReader withoutB) {
            this(withoutA, withoutB, null);
        }

        /** The reader trained without {@code photo}. */
        public GlyphReader readerFor(LabelledPhotos.Photo photo) {
            return inFoldA(photo) ? withoutA : withoutB;
        }

        /**
         * The whole reader for the photos of reader fold A ({@code foldA}) or B: the fold reader trained without them,
         * cross-checked by the plate network trained without them where {@link #nets} holds it, else the committed one.
         */
        public PlateReader plateReader(boolean foldA) {
            GlyphReader glyphs = foldA ? withoutA : withoutB;
            return nets == null ? PlateReader.loadDefault(glyphs)
                    : PlateReader.withNetwork(nets.resolve(foldA ? WITHOUT_A : WITHOUT_B), glyphs);
        }

        /**
         * This pair with the fold plate networks in {@code dir}; an {@link IOException} naming what is missing where
         * it does not hold both.
         */
        public Pair withNets(Path dir) throws IOException {
            for (String f : List.of(WITHOUT_A, WITHOUT_B)) {
                for (String file : List.of(PlateReader.MODEL_FILE, PlateReader.META_FILE)) {
                    if (!Files.isRegularFile(dir.resolve(f).resolve(file))) {
                        throw new IOException("no " + file + " in " + dir.resolve(f) + " (./raqib train --leave-out-fold "
                                + (f.equals(WITHOUT_A) ? "A" : "B") + " --out " + dir.resolve(f) + " writes it)");
                    }
                }
            }
            return new Pair(withoutA, withoutB, dir);
        }
    }

    /** The folder under {@code --net-folds DIR} of the plate network trained without reader fold A's photos. */
    public static final String WITHOUT_A = "without-a";
    /** The folder under {@code --net-folds DIR} of the plate network trained without reader fold B's photos. */
    public static final String WITHOUT_B = "without-b";

    private FoldReaders() {
    }

    /** Whether {@code photo} is in fold A of {@code train-glyphs}' out-of-fold split. */
    public static boolean inFoldA(LabelledPhotos.Photo photo) {
        return GlyphTrainCommand.foldA(photo);
    }

    /**
     * The fold readers kept in {@code dir}, around {@code committed}'s calibration and weights; an {@link IOException}
     * with the reason where {@code dir} holds no folds or folds trained on another manifest than {@code manifest}.
     * A seed ensemble's folds ({@code train-glyphs --members K --reuse-folds}) are read as one: {@code dir} may name
     * one folder per member, comma-separated ({@link FoldCache#listed}), or one folder whose further members' folds are
     * in {@code member-2}, {@code member-3} ... inside it; each fold reader is then the mean of the members'
     * ({@link GlyphReader#mean}).
     */
    public static Pair load(Path dir, Path manifest, GlyphReader committed) throws IOException {
        List<Path> members = new java.util.ArrayList<>(FoldCache.listed(dir.toString()));
        if (members.size() == 1) {
            for (int m = 2; Files.isRegularFile(FoldCache.memberDir(dir, m).resolve(FoldCache.STAMP)); m++) {
                members.add(FoldCache.memberDir(dir, m));
            }
        }
        if (members.size() > 1) {
            List<GlyphReader> as = new java.util.ArrayList<>();
            List<GlyphReader> bs = new java.util.ArrayList<>();
            for (Path d : members) {
                Pair p = loadOne(d, manifest, committed);
                as.add(p.withoutA());
                bs.add(p.withoutB());
            }
            return new Pair(committed.mean(as), committed.mean(bs));
        }
        return loadOne(dir, manifest, committed);
    }

    private static Pair loadOne(Path dir, Path manifest, GlyphReader committed) throws IOException {
        Path stampFile = dir.resolve(FoldCache.STAMP);
        if (!Files.isRegularFile(stampFile) || !Files.isRegularFile(dir.resolve(FoldCache.MODELS))) {
            throw new IOException("no folds in " + dir + " (train-glyphs --reuse-folds DIR keeps them there)");
        }
        JsonNode stamp = new ObjectMapper().readTree(stampFile.toFile());
        Map<String, String> here = CacheStamp.of(0, manifest);
        String key = "manifest-sha256";
        if (!stamp.path(key).asText().equals(here.get(key))) {
            throw new IOException("the folds in " + dir + " were trained on another manifest than " + manifest);
        }
        FoldCache.Folds folds = FoldCache.load(dir);
        // Fold "a" was trained without fold B's photos (it reads them in train-glyphs), "b" without fold A's.
        return new Pair(reader(folds.b(), committed), reader(folds.a(), committed));
    }

    private static GlyphReader reader(FoldCache.Fold f, GlyphReader committed) {
        return committed.withModels(f.latin(), f.top(), f.net() == null ? null : new GlyphNet(f.net()),
                f.topNet() == null ? null : new GlyphNet(f.topNet()));
    }
}
