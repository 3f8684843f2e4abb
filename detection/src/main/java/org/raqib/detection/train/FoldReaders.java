package org.raqib.detection.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.read.GlyphNet;
import org.raqib.detection.read.GlyphReader;

/**
 * The two fold readers that {@code train-glyphs --reuse-folds DIR} keeps, for measuring the whole recogniser with the
 * reader out of fold ({@code eval --training-only --reader-folds DIR}): each training photo is read by the fold models
 * trained without it, on the localiser's framings rather than on the labelled box and its jitters that the
 * out-of-fold report of {@code train-glyphs} reads. Calibration and the nets' weights are the committed reader's
 * (whose calibration was fitted on such folds' readings).
 */
public final class FoldReaders {

    /** {@code withoutA} was trained without fold A's photos and reads them; {@code withoutB} the reverse. */
    public record Pair(GlyphReader withoutA, GlyphReader withoutB) {

        /** The reader trained without {@code photo}. */
        public GlyphReader readerFor(LabelledPhotos.Photo photo) {
            return inFoldA(photo) ? withoutA : withoutB;
        }
    }

    private FoldReaders() {
    }

    /** Whether {@code photo} is in fold A of {@code train-glyphs}' out-of-fold split. */
    public static boolean inFoldA(LabelledPhotos.Photo photo) {
        return GlyphTrainCommand.foldA(photo);
    }

    /**
     * The fold readers kept in {@code dir}, around {@code committed}'s calibration and weights; an {@link IOException}
     * with the reason where {@code dir} holds no folds or folds trained on another manifest than {@code manifest}.
     */
    public static Pair load(Path dir, Path manifest, GlyphReader committed) throws IOException {
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
