package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.raqib.detection.dataset.SceneManifests;
import org.raqib.detection.read.GlyphNet;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.synth.SyntheticPlates;

/** The fold readers {@code eval --reader-folds} reads with: each the fold models trained without the photos it reads. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FoldReadersTest {

    @TempDir
    Path dir;

    @Test
    void eachFoldIsReadByTheModelsTrainedWithoutIt() throws IOException {
        // given tiny folds that train-glyphs kept for 10 generated scenes
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        Path folds = TinyGlyphTraining.keepFolds(dir, manifest);
        // when they are loaded as eval loads them
        GlyphReader committed = GlyphReader.loadDefault();
        FoldReaders.Pair pair = FoldReaders.load(folds, manifest, committed);
        // then fold A's photos are read by the models train-glyphs trained on fold B (its fold "b", which read fold A
        // there), and fold B's by fold "a": on a few synthetic plates, each reads as those models do, not as the other
        FoldCache.Folds kept = FoldCache.load(folds);
        List<String> withoutA = readings(pair.withoutA());
        List<String> withoutB = readings(pair.withoutB());
        assertEquals(readings(reader(committed, kept.b())), withoutA);
        assertEquals(readings(reader(committed, kept.a())), withoutB);
        assertNotEquals(withoutA, withoutB);
    }

    private static GlyphReader reader(GlyphReader committed, FoldCache.Fold f) {
        return committed.withModels(f.latin(), f.top(), f.net() == null ? null : new GlyphNet(f.net()),
                f.topNet() == null ? null : new GlyphNet(f.topNet()));
    }

    /** The texts and character probabilities {@code reader} gives 8 fixed synthetic plates. */
    private static List<String> readings(GlyphReader reader) {
        SyntheticPlates gen = new SyntheticPlates(31L);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Mat plate = gen.nextPlate().image();
            out.add(reader.read(plate).map(r -> r.text() + Arrays.toString(r.characterProbabilities())).orElse("-"));
        }
        return out;
    }
}
