package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.detection.train.TinyGlyphTraining.with;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.dataset.SceneManifests;
import org.raqib.detection.read.GlyphClassifier;

/** {@code train-glyphs --reuse-folds}, {@code --dump-readings} and {@code --folds-only} on a manifest of generated scenes. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GlyphTrainFoldCacheTest {

    @TempDir
    Path dir;

    @Test
    void reusedFoldsGiveTheSameOutOfFoldReportAndOtherSettingsAreRefused() throws IOException {
        // given a manifest of 10 generated scenes and tiny training settings
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        Path cache = dir.resolve("folds");
        String[] small = TinyGlyphTraining.arguments(manifest, true);
        // when run without a cache, then twice with one (the first trains and saves the folds, the second loads them)
        String[] plain = run(0, concat(small, "--out", dir.resolve("o0").toString()));
        String[] first = run(0, concat(small, "--out", dir.resolve("o1").toString(), "--reuse-folds", cache.toString(),
                "--dump-readings", dir.resolve("r1.tsv").toString()));
        String[] second = run(0, concat(small, "--out", dir.resolve("o2").toString(), "--reuse-folds", cache.toString(),
                "--dump-readings", dir.resolve("r2.tsv").toString()));
        // then the three out-of-fold reports are the same, and the second trained nothing
        assertTrue(plain[0].contains("out of fold: "), plain[0]);
        assertEquals(plain[0], withoutDumpLine(first[0]));
        assertEquals(withoutDumpLine(first[0]), withoutDumpLine(second[0]));
        assertTrue(first[1].contains("fold A"), first[1]);
        assertFalse(second[1].contains("fold A"), second[1]);
        assertFalse(second[1].contains("synthetic"), second[1]);
        assertTrue(Files.exists(cache.resolve(FoldCache.STAMP)));
        // and --folds-only wrote no final model
        assertFalse(Files.exists(dir.resolve("o1").resolve(GlyphClassifier.MODEL_FILE)));
        // and each dump has a line per crop attempt (4 per training photo), the same both times
        List<String> rows = Files.readAllLines(dir.resolve("r1.tsv"));
        assertEquals(rows, Files.readAllLines(dir.resolve("r2.tsv")));
        int photos = Integer.parseInt(plain[0].replaceAll("(?s)^real training photos (\\d+) .*", "$1"));
        assertEquals(1 + 4 * photos, rows.size());
        for (String row : rows.subList(1, rows.size())) {
            assertEquals(11, row.split("\t", -1).length, row);
        }
        // when a setting that changes the fold models differs, the cache is refused before any training
        String[] refused = run(2, concat(with(small, "--seed", "6"), "--out", dir.resolve("o3").toString(), "--reuse-folds", cache.toString()));
        assertTrue(refused[1].contains("seed 5 there, 6 here"), refused[1]);
        refused = run(2, concat(with(small, "--hidden", "9"), "--out", dir.resolve("o3").toString(), "--reuse-folds", cache.toString()));
        assertTrue(refused[1].contains("hidden 8 there, 9 here"), refused[1]);
        assertFalse(refused[0].contains("out of fold"), refused[0]);
        // and so is a cache whose synthetic plates another renderer drew (its digest in the stamp differs)
        Path stampFile = cache.resolve(FoldCache.STAMP);
        String stamp = Files.readString(stampFile);
        String ours = CacheStamp.imagesDigest(FoldCache.rendererSamples());
        assertTrue(stamp.contains(ours), stamp);
        Files.writeString(stampFile, stamp.replace(ours, "0".repeat(ours.length())));
        refused = run(2, concat(small, "--out", dir.resolve("o3").toString(), "--reuse-folds", cache.toString()));
        assertTrue(refused[1].contains("renderer " + "0".repeat(ours.length()) + " there, " + ours + " here"), refused[1]);
        Files.writeString(stampFile, stamp);
        // and the reader's net weight, which changes no model, is not
        run(0, concat(small, "--out", dir.resolve("o4").toString(), "--reuse-folds", cache.toString(), "--net-weight", "0.7"));
    }

    /**
     * {@code --no-validation} writes the final models without reading the validation photos (a retrain for an
     * experiment is then no look at them), and says so on the console and in the card; without it they are measured.
     */
    @Test
    void noValidationLeavesTheValidationPhotosUnread() throws IOException {
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        String[] small = TinyGlyphTraining.arguments(manifest, false);
        String[] measured = run(0, concat(small, "--out", dir.resolve("m").toString()));
        assertTrue(measured[0].contains("- validation box crops"), measured[0]);
        assertTrue(Files.readString(dir.resolve("m").resolve("glyph-classifier.md")).contains("- validation box crops"));
        String[] unread = run(0, concat(small, "--out", dir.resolve("u").toString(), "--no-validation"));
        assertTrue(unread[0].contains("validation photos not read (--no-validation)"), unread[0]);
        assertFalse(unread[0].contains("- validation box crops"), unread[0]);
        String card = Files.readString(dir.resolve("u").resolve("glyph-classifier.md"));
        assertFalse(card.contains("- validation box crops"), card);
        assertTrue(card.contains("not measured: trained with `--no-validation`"), card);
        assertTrue(Files.exists(dir.resolve("u").resolve(GlyphClassifier.MODEL_FILE)));
    }

    /**
     * {@code --train-share}: the fold readers learn from part of each fold and still read every photo of the other;
     * the share is in the folds' stamp, and only an experiment's folds may be so trained.
     */
    @Test
    void aTrainShareTeachesTheFoldReadersFewerPhotosAndReadsEveryOne() throws IOException {
        Path manifest = SceneManifests.write(dir, 12, 900, false);
        String[] small = TinyGlyphTraining.arguments(manifest, true);
        Path cache = dir.resolve("half");
        String[] all = run(0, concat(small, "--out", dir.resolve("a").toString()));
        String[] half = run(0, concat(small, "--out", dir.resolve("h").toString(), "--train-share", "0.5",
                "--reuse-folds", cache.toString()));
        // then: the share's photos are counted, fewer synthetic-plus-real glyphs learnt, the same crops read
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--train-share\\): (\\d+)/(\\d+)").matcher(half[0]);
        assertTrue(m.find(), half[0]);
        int photos = Integer.parseInt(all[0].replaceAll("(?s)^real training photos (\\d+) .*", "$1"));
        int learnt = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        assertTrue(learnt < photos, learnt + " of " + photos);
        assertTrue(realGlyphs(half[0]) < realGlyphs(all[0]), half[0] + " / " + all[0]);
        assertEquals(crops(all[0]), crops(half[0]));
        assertTrue(Files.readString(cache.resolve(FoldCache.STAMP)).contains("train-share"));
        // and the same folder is refused for folds trained on every photo; a share without --folds-only is bad usage
        String[] refused = run(2, concat(small, "--out", dir.resolve("r").toString(), "--reuse-folds", cache.toString()));
        assertTrue(refused[1].contains("train-share"), refused[1]);
        String[] usage = run(2, concat(TinyGlyphTraining.arguments(manifest, false), "--out", dir.resolve("u").toString(),
                "--train-share", "0.5"));
        assertTrue(usage[1].contains("only with --folds-only"), usage[1]);
    }

    /** A share keeps about that share of many photos, the same ones each time, a smaller share's among a larger's. */
    @Test
    void theShareOfPhotosIsDrawnByFileNameAndNested() {
        List<org.raqib.detection.dataset.LabelledPhotos.Photo> photos = java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> new org.raqib.detection.dataset.LabelledPhotos.Photo(Path.of("images", "car_" + i + ".jpg"),
                        "1234ABD", 0, 0, 10, 10)).toList();
        long third = photos.stream().filter(p -> GlyphTrainCommand.inShare(p, 0.3)).count();
        long twoThirds = photos.stream().filter(p -> GlyphTrainCommand.inShare(p, 0.7)).count();
        assertTrue(third > 90 && third < 150, third + " of 400");
        assertTrue(twoThirds > 250 && twoThirds < 310, twoThirds + " of 400");
        assertTrue(photos.stream().filter(p -> GlyphTrainCommand.inShare(p, 0.3)).allMatch(p -> GlyphTrainCommand.inShare(p, 0.7)));
        assertTrue(photos.stream().allMatch(p -> GlyphTrainCommand.inShare(p, 1)));
    }

    /** The real glyphs both folds' readers learnt from, from the report's "glyphs:" line. */
    private static int realGlyphs(String report) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("real fold A (\\d+), fold B (\\d+)").matcher(report);
        assertTrue(m.find(), report);
        return Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
    }

    private static String crops(String report) {
        return report.replaceAll("(?s)^.*out of fold: (\\d+ crops).*$", "$1");
    }

    /** The renderer's digest is the same on every call and changes with any pixel of any sample. */
    @Test
    void rendererDigestFollowsThePixels() {
        List<BufferedImage> samples = FoldCache.rendererSamples();
        String digest = CacheStamp.imagesDigest(samples);
        assertEquals(digest, CacheStamp.imagesDigest(FoldCache.rendererSamples()));
        BufferedImage last = samples.get(samples.size() - 1);
        last.setRGB(last.getWidth() / 2, last.getHeight() / 2, last.getRGB(last.getWidth() / 2, last.getHeight() / 2) ^ 1);
        assertNotEquals(digest, CacheStamp.imagesDigest(samples));
    }

    private static String withoutDumpLine(String report) {
        return report.replaceAll("(?m)^readings: .*\\R", "");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Runs the command, expecting exit {@code code}; returns what it printed on stdout and stderr. */
    private static String[] run(int code, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int got = GlyphTrainCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] outErr = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(code, got, outErr[1]);
        return outErr;
    }
}
