package org.raqib.detection.locate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.detection.synth.SceneGenerator;

/**
 * {@code eval --locator-out-of-fold --reuse-scorers DIR}: the two fold scorers of {@link LocatorTrainCommand#foldScorers}
 * kept in a folder with a stamp of the settings they were trained with, so that a change after the scorer (the
 * reader, the recogniser's use of candidates, the scorer's thresholds) is measured out of fold in the time of the
 * recognition alone. Exact only while the candidates and their features are made as they were: the scorers are
 * trained on the candidate generator's output and the scorer's features (HOG, geometry), so a change there needs a
 * new folder. The synthetic scenes they learn from are in the stamp (a digest of the first few), so a change of the
 * scene generator or the plate renderer refuses the folder.
 */
public final class ScorerCache {

    /** The stamp, written last (a folder without it holds no cache). */
    public static final String STAMP = "scorer-settings.json";
    /** Version of this folder's layout, part of the stamp. */
    private static final int FORMAT = 1;

    private ScorerCache() {
    }

    /** Thrown when the folder holds scorers trained with other settings (its message names them). */
    public static final class StaleException extends Exception {
        StaleException(String message) {
            super(message);
        }
    }

    /**
     * The fold scorers for these settings: read from {@code dir} when it holds them, otherwise trained (as
     * {@link LocatorTrainCommand#foldScorers} does) and written there. A folder stamped with other settings is
     * refused, never overwritten.
     */
    public static CandidateScorer[] scorers(Path dir, Path manifest, List<Photo> train, int foldSeed, int scenes, int epochs,
            long seed, double negativeIou, LocatorTrainCommand.Tilts tilts, PrintStream log, PrintStream err) throws IOException, StaleException {
        Map<String, String> stamp = stamp(manifest, foldSeed, scenes, epochs, seed, negativeIou, tilts);
        Optional<String> differs = CacheStamp.compare(dir.resolve(STAMP), stamp);
        if (differs.isPresent() && !differs.get().isEmpty()) {
            throw new StaleException(dir + " holds fold scorers trained with other settings (" + differs.get()
                    + "): give another folder, or delete this one");
        }
        if (differs.isPresent()) {
            log.printf(Locale.ROOT, "fold scorers read from %s (trained with the same settings)%n", dir);
            return new CandidateScorer[] {CandidateScorer.load(file(dir, 0)), CandidateScorer.load(file(dir, 1))};
        }
        CandidateScorer[] scorers = LocatorTrainCommand.foldScorers(train, foldSeed, scenes, epochs, seed, negativeIou, tilts, log,
                err);
        Files.createDirectories(dir);
        for (int k = 0; k < scorers.length; k++) {
            Files.write(file(dir, k), scorers[k].toJson());
        }
        CacheStamp.write(dir.resolve(STAMP), stamp);
        return scorers;
    }

    /** The stamp of fold scorers trained with these settings: the manifest, each setting, the scenes' digest. */
    static Map<String, String> stamp(Path manifest, int foldSeed, int scenes, int epochs, long seed, double negativeIou,
            LocatorTrainCommand.Tilts tilts) throws IOException {
        Map<String, String> stamp = CacheStamp.of(FORMAT, manifest);
        stamp.put("fold-seed", Integer.toString(foldSeed));
        stamp.put("scenes", Integer.toString(scenes));
        stamp.put("epochs", Integer.toString(epochs));
        stamp.put("seed", Long.toString(seed));
        stamp.put("negative-iou", Double.toString(negativeIou));
        // Only where there are some: the folders made before the option stay valid for scorers trained without.
        if (tilts.copies() > 0) {
            stamp.put("tilted-copies", tilts.describe());
        }
        stamp.put("scenes-sha256", scenesDigest(scenes, seed));
        return stamp;
    }

    /** How many of the scorers' synthetic scenes the stamp's digest draws. */
    static final int DIGEST_SCENES = 16;

    /**
     * A digest of the first {@link #DIGEST_SCENES} synthetic scenes the scorers learn from (their pixels and plate
     * boxes; about a third of them wide plates): a change of the scene generator or the plate renderer changes the
     * scorers' training data, so it refuses a folder trained before it instead of silently reusing it.
     */
    static String scenesDigest(int scenes, long seed) {
        SceneGenerator generator = new SceneGenerator();
        List<BufferedImage> images = new ArrayList<>();
        StringBuilder boxes = new StringBuilder();
        for (int i = 0; i < Math.min(scenes, DIGEST_SCENES); i++) {
            SceneGenerator.Scene s = LocatorTrainCommand.scene(generator, seed, i);
            images.add(s.image());
            boxes.append(s.box()).append(s.layout()).append('\n');
        }
        return CacheStamp.sha256((CacheStamp.imagesDigest(images) + boxes).getBytes(StandardCharsets.UTF_8));
    }

    private static Path file(Path dir, int fold) {
        return dir.resolve("fold-" + fold + "-scorer.json");
    }
}
