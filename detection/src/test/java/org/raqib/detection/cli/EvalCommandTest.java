package org.raqib.detection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.RecognizerOptions;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.detection.dataset.SceneManifests;
import org.raqib.detection.locate.LocatorTrainCommand;
import org.raqib.detection.locate.ScorerCache;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.train.FoldReaders;
import org.raqib.detection.train.TinyGlyphTraining;

/** {@code eval} on a manifest of generated scenes, and its errors. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesAManifestOfGeneratedScenes() throws IOException {
        // given a manifest in the ksa-dev format over 4 scenes
        Path manifest = SceneManifests.write(dir, 4, 600, false);
        // when
        String[] outErr = new String[2];
        int code = run(outErr, manifest.toString());
        // then
        assertEquals(0, code, outErr[1]);
        assertTrue(outErr[0].contains("ALL photos"), outErr[0]);
        assertTrue(outErr[0].contains("4 of 4 photos"), outErr[0]);
        assertTrue(outErr[0].contains("detection recall @IoU0.5"), outErr[0]);
        assertTrue(outErr[0].contains("exact plate"), outErr[0]);
        assertTrue(outErr[0].contains("  by digits: 4 digits "), outErr[0]);
        assertTrue(outErr[0].contains("wrong at confidence >=0.9"), outErr[0]);
        assertTrue(outErr[0].contains("median"), outErr[0]);
        assertTrue(outErr[0].contains("photos with a plate reported elsewhere"), outErr[0]);
        // and with the labelled plates painted out of smaller photos, none of them is found
        code = run(outErr, manifest.toString(), "--scale", "0.8", "--erase-plate");
        assertEquals(0, code, outErr[1]);
        assertTrue(outErr[0].contains("Each photo changed first: scale 0.80"), outErr[0]);
        assertTrue(outErr[0].contains("labelled plate erased"), outErr[0]);
        assertTrue(outErr[0].contains("detection recall @IoU0.5   0.0% (0/4)"), outErr[0]);
    }

    @Test
    void platesReportedElsewhereAreCountedByHowSurelyTheyRead() throws IOException {
        // given generated scenes whose labels are moved to a corner far from their plates
        Path manifest = SceneManifests.write(dir, 6, 950, false);
        List<String> moved = new ArrayList<>(Files.readAllLines(manifest));
        for (int i = 1; i < moved.size(); i++) {
            String[] f = moved.get(i).split("\t", -1);
            moved.set(i, f[0] + "\t" + f[1] + "\t0,0,12,6");
        }
        Files.write(manifest, moved);
        long training = LabelledPhotos.read(manifest).stream().filter(p -> !p.isValidation()).count();
        Path dump = dir.resolve("rows.tsv");
        String[] outErr = new String[2];
        // when evaluated on the training photos with a dump
        assertEquals(0, run(outErr, "--training-only", "--dump", dump.toString(), manifest.toString()), outErr[1]);
        // then each found plate is reported elsewhere, with its confidence in the dump
        int[] elsewhere = new int[3];
        for (String l : Files.readAllLines(dump).subList(1, (int) training + 1)) {
            String[] f = l.split("\t", -1);
            assertEquals(f[6].equals("1"), !f[7].isEmpty(), l);
            if (!f[7].isEmpty()) {
                double c = Double.parseDouble(f[7]);
                elsewhere[0]++;
                elsewhere[1] += c >= 0.5 ? 1 : 0;
                elsewhere[2] += c >= 0.9 ? 1 : 0;
            }
        }
        assertTrue(elsewhere[1] > 0, "no plate elsewhere read at >= 0.5: " + outErr[0]);
        // and the summary counts them as the dump does
        String others = outErr[0].lines().filter(l -> l.startsWith("photos with a plate reported elsewhere")).findFirst()
                .orElseThrow();
        assertTrue(others.endsWith(String.format(" %d of %d (read at >= 0.5 in %d, at >= 0.9 in %d)", elsewhere[0], training,
                elsewhere[1], elsewhere[2])), others);
    }

    @Test
    void alternativeScalesShareTheFigureOfEachAlternative() throws IOException {
        // given a manifest over 6 generated scenes
        Path manifest = SceneManifests.write(dir, 6, 820, false);
        String[] outErr = new String[2];
        // when evaluated with the figures themselves (the reader's and the other framings', scales 1) and half of them
        assertEquals(0, run(outErr, manifest.toString(), "--alternative-scale", "1", "--framing-alternative-scale", "1"),
                outErr[1]);
        double[] raw = summed(outErr[0]);
        assertEquals(0, run(outErr, manifest.toString(), "--alternative-scale", "0.5", "--framing-alternative-scale",
                "0.5"), outErr[1]);
        double[] half = summed(outErr[0]);
        // then the same readings and alternatives, the alternatives' confidences summed halved
        assertTrue(raw[3] > 0, "no alternatives offered: " + outErr[0]);
        assertEquals(raw[0], half[0]);
        assertEquals(raw[1], half[1]);
        assertEquals(raw[3], half[3]);
        assertEquals(raw[2] / 2, half[2], 0.011);
        // and a scale outside (0, 1] is refused
        assertEquals(2, run(outErr, manifest.toString(), "--alternative-scale", "0"));
        assertTrue(outErr[1].contains("--alternative-scale"), outErr[1]);
        assertEquals(2, run(outErr, manifest.toString(), "--alternative-scale", "1.5"));
        // and each scale on its own leaves the readings as they are
        assertEquals(0, run(outErr, manifest.toString(), "--framing-alternative-scale", "1"), outErr[1]);
        double[] framings = summed(outErr[0]);
        assertEquals(raw[0], framings[0]);
        assertEquals(raw[1], framings[1]);
        assertEquals(2, run(outErr, manifest.toString(), "--framing-alternative-scale", "0"));
        assertTrue(outErr[1].contains("--framing-alternative-scale"), outErr[1]);
    }

    /** The readings' confidences summed, their right count, the alternatives' confidences summed and how many. */
    private static double[] summed(String report) {
        String line = report.lines().filter(l -> l.startsWith("confidence summed / right")).findFirst().orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("readings ([0-9.]+) / (\\d+); alternatives ([0-9.]+) / \\d+ \\(of (\\d+) offered\\)").matcher(line);
        assertTrue(m.find(), line);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4))};
    }

    @Test
    void dumpWritesOneLinePerTrainingPhotoAgreeingWithTheSummary() throws IOException {
        // given a manifest of 6 generated scenes (some may be held out by their text's hash)
        Path manifest = SceneManifests.write(dir, 6, 950, false);
        long training = LabelledPhotos.read(manifest).stream().filter(p -> !p.isValidation()).count();
        Path dump = dir.resolve("rows.tsv");
        String[] outErr = new String[2];
        // when evaluated on the training photos with a dump
        assertEquals(0, run(outErr, "--training-only", "--dump", dump.toString(), manifest.toString()), outErr[1]);
        // then the dump has a header and one line per training photo, and its exact column sums to the summary's
        List<String> lines = Files.readAllLines(dump);
        assertEquals(EvalCommand.Report.ROWS_HEADER, lines.get(0));
        assertEquals(training, lines.size() - 1, String.join("\n", lines));
        long exact = lines.stream().skip(1).filter(l -> l.split("\t", -1)[5].equals("1")).count();
        String exactLine = outErr[0].lines().filter(l -> l.startsWith("exact plate")).findFirst().orElseThrow();
        assertTrue(exactLine.endsWith("(" + exact + "/" + training + ")"), exact + " exact in the dump; " + exactLine);
        int[] reads = new int[EvalCommand.BANDS.length];
        int[] right = new int[EvalCommand.BANDS.length];
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t", -1);
            assertEquals(11, f.length, l);
            // a confidence of a plate reported elsewhere exactly where one is
            assertEquals(f[6].equals("1"), !f[7].isEmpty(), l);
            // the label's box always; the reading's box and one confidence per character of it exactly where it is read
            assertEquals(4, f[8].split(",").length, l);
            assertEquals(f[4].isEmpty(), f[9].isEmpty(), l);
            assertEquals(f[3].length(), f[10].isEmpty() ? 0 : f[10].split(",").length, l);
            // a reading is exact only when it equals the plate text
            assertEquals(f[3].equals(f[1]) ? "1" : "0", f[5], l);
            if (!f[4].isEmpty() && !f[1].isEmpty()) {
                int band = EvalCommand.band(Double.parseDouble(f[4]));
                reads[band]++;
                right[band] += f[5].equals("1") ? 1 : 0;
            }
        }
        // and the readings by confidence band are the dump's
        String bands = outErr[0].lines().filter(l -> l.startsWith("readings right by confidence")).findFirst().orElseThrow();
        assertEquals(String.format("readings right by confidence <0.5 %d/%d; 0.5 %d/%d; 0.5-0.9 %d/%d; >=0.9 %d/%d", right[0],
                reads[0], right[1], reads[1], right[2], reads[2], right[3], reads[3]), bands);
        assertEquals(0, EvalCommand.band(0.49));
        assertEquals(1, EvalCommand.band(0.5));
        assertEquals(2, EvalCommand.band(0.85));
        assertEquals(3, EvalCommand.band(0.9));
        // and a dump of the held-out photos, or of all photos, is refused
        assertEquals(2, run(outErr, "--validation-only", "--dump", dump.toString(), manifest.toString()));
        assertTrue(outErr[1].contains("--dump"), outErr[1]);
        assertEquals(2, run(outErr, "--dump", dump.toString(), manifest.toString()));
        // and an unwritable dump is a clear error
        assertEquals(2, run(outErr, "--training-only", "--dump", dir.resolve("no/such/dir/rows.tsv").toString(),
                manifest.toString()));
        assertTrue(outErr[1].contains("cannot write"), outErr[1]);
    }

    @Test
    void dumpWritesEverySceneThatGenerateScenesWrote() throws IOException {
        // given 5 scenes written by generate-scenes (some held out by their text's hash, were they photos)
        Path scenes = dir.resolve("generated");
        String[] outErr = new String[2];
        assertEquals(0, GeneratedScenesCommand.run(new String[] {"--out", scenes.toString(), "--count", "5", "--seed", "640"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        Path manifest = scenes.resolve("manifest.tsv");
        Path dump = dir.resolve("all.tsv");
        // when all of them are evaluated with a dump
        assertEquals(0, run(outErr, "--dump", dump.toString(), manifest.toString()), outErr[1]);
        assertTrue(outErr[0].contains("all scenes (written by generate-scenes), 5 of 5 photos"), outErr[0]);
        // then every scene has its line, and the exact column sums to the summary's
        List<String> lines = Files.readAllLines(dump);
        assertEquals(6, lines.size(), String.join("\n", lines));
        long exact = lines.stream().skip(1).filter(l -> l.split("\t", -1)[5].equals("1")).count();
        String exactLine = outErr[0].lines().filter(l -> l.startsWith("exact plate")).findFirst().orElseThrow();
        assertTrue(exactLine.endsWith("(" + exact + "/5)"), exact + " exact in the dump; " + exactLine);
        // and without the stamp generate-scenes leaves beside the manifest, the same scenes are photos like any
        Files.delete(scenes.resolve(GeneratedScenesCommand.STAMP));
        assertEquals(2, run(outErr, "--dump", dump.toString(), manifest.toString()));
        assertTrue(outErr[1].contains("generate-scenes"), outErr[1]);
    }

    @Test
    void readerFoldsReadEachTrainingPhotoWithTheFoldTrainedWithoutIt() throws IOException {
        // given 10 generated scenes and tiny fold readers that train-glyphs kept for them
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        Path folds = TinyGlyphTraining.keepFolds(dir, manifest);
        List<Photo> training = LabelledPhotos.read(manifest).stream().filter(p -> !p.isValidation()).toList();
        long inA = training.stream().filter(FoldReaders::inFoldA).count();
        // when the training photos are evaluated with them
        Path dump = dir.resolve("oof.tsv");
        String[] outErr = new String[2];
        assertEquals(0, run(outErr, "--training-only", "--reader-folds", folds.toString(), "--dump", dump.toString(),
                manifest.toString()), outErr[1]);
        // then each fold's photos are read (by the reader trained without them), every training photo once
        assertTrue(outErr[0].contains("fold A " + inA + " photos, fold B " + (training.size() - inA)), outErr[0]);
        assertTrue(outErr[0].contains("exact plate"), outErr[0]);
        assertEquals(training.size() + 1, Files.readAllLines(dump).size());
        FoldReaders.Pair pair = FoldReaders.load(folds, manifest, GlyphReader.loadDefault());
        assertTrue(pair.withoutA() != pair.withoutB());
        for (Photo p : training) {
            assertTrue(pair.readerFor(p) == (FoldReaders.inFoldA(p) ? pair.withoutA() : pair.withoutB()), p.image().toString());
        }
        // and with the localiser out of fold too (tiny fold scorers), the two splits cross: four groups, each found by the
        // scorer trained on the other localiser fold and read by the reader trained without its reader fold, every
        // training photo measured once
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        List<Photo> photos = LabelledPhotos.read(manifest);
        try {
            EvalCommand.locatorOutOfFold(manifest, photos, 1, 2, 2, 0.45, LocatorTrainCommand.Tilts.NONE, null, pair,
                    RecognizerOptions.defaults(), PhotoTransform.NONE, new PrintStream(both, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } catch (ScorerCache.StaleException e) {
            throw new AssertionError(e);
        }
        String report = both.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("the reader out of fold too"), report);
        assertEquals(4, report.split("reader trained without reader fold", -1).length - 1, report);
        long groupsA = 0;
        for (int fold = 0; fold < 2; fold++) {
            int f = fold;
            long n = training.stream().filter(p -> LocatorTrainCommand.fold(p, 1) == f && FoldReaders.inFoldA(p)).count();
            assertTrue(report.contains("fold " + fold + ", reader fold A (" + n + " photos), scorer trained on fold " + (1 - fold)
                    + ", reader trained without reader fold A:"), report);
            groupsA += n;
        }
        assertEquals(inA, groupsA);
        String all = report.substring(report.indexOf("all folds:"));
        assertTrue(all.contains("photos                     " + training.size() + " (0 unreadable)"), all);
        // and folds of another manifest, a folder without folds, or all photos are refused with the reason
        Path other = dir.resolve("other.tsv");
        Files.write(other, Files.readAllLines(manifest).subList(0, 5));
        assertEquals(2, run(outErr, "--training-only", "--reader-folds", folds.toString(), other.toString()));
        assertTrue(outErr[1].contains("another manifest"), outErr[1]);
        assertEquals(2, run(outErr, "--training-only", "--reader-folds", dir.resolve("o").toString(), manifest.toString()));
        assertTrue(outErr[1].contains("no folds"), outErr[1]);
        assertEquals(2, run(outErr, "--reader-folds", folds.toString(), manifest.toString()));
        assertTrue(outErr[1].contains("--training-only or --locator-out-of-fold"), outErr[1]);
    }

    @Test
    void netFoldsCrossCheckEachFoldWithThePlateNetworkTrainedWithoutIt() throws IOException {
        // given tiny fold readers and two plate networks in --net-folds' layout, told apart by their versions (the
        // committed network's files: what matters here is which one each fold is read with)
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        Path folds = TinyGlyphTraining.keepFolds(dir, manifest);
        Path nets = dir.resolve("nets");
        for (String fold : List.of(FoldReaders.WITHOUT_A, FoldReaders.WITHOUT_B)) {
            Files.createDirectories(nets.resolve(fold));
            try (var onnx = PlateReader.class.getResourceAsStream(PlateReader.RESOURCE_DIR + PlateReader.MODEL_FILE);
                    var meta = PlateReader.class.getResourceAsStream(PlateReader.RESOURCE_DIR + PlateReader.META_FILE)) {
                Files.write(nets.resolve(fold).resolve(PlateReader.MODEL_FILE), onnx.readAllBytes());
                String json = new String(meta.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(nets.resolve(fold).resolve(PlateReader.META_FILE),
                        json.replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\": \"test-" + fold + "\""));
            }
        }
        // when the fold readers are given them
        FoldReaders.Pair pair = FoldReaders.load(folds, manifest, GlyphReader.loadDefault()).withNets(nets);
        // then each reader fold is cross-checked by the network trained without it, and without them by the committed one
        assertEquals("test-" + FoldReaders.WITHOUT_A, pair.plateReader(true).version());
        assertEquals("test-" + FoldReaders.WITHOUT_B, pair.plateReader(false).version());
        assertEquals(PlateReader.loadDefault().version(),
                FoldReaders.load(folds, manifest, GlyphReader.loadDefault()).plateReader(true).version());
        // and eval reads every training photo so, saying which networks cross-check
        String[] outErr = new String[2];
        assertEquals(0, run(outErr, "--training-only", "--reader-folds", folds.toString(), "--net-folds", nets.toString(),
                manifest.toString()), outErr[1]);
        assertTrue(outErr[0].contains("cross-checked by the plate network trained without it, in " + nets), outErr[0]);
        assertTrue(outErr[0].contains("exact plate"), outErr[0]);
        // and a folder short of a network, or --net-folds without fold readers, is refused with the reason
        Files.delete(nets.resolve(FoldReaders.WITHOUT_B).resolve(PlateReader.META_FILE));
        assertEquals(2, run(outErr, "--training-only", "--reader-folds", folds.toString(), "--net-folds", nets.toString(),
                manifest.toString()));
        assertTrue(outErr[1].contains("no " + PlateReader.META_FILE + " in " + nets.resolve(FoldReaders.WITHOUT_B)), outErr[1]);
        assertEquals(2, run(outErr, "--training-only", "--net-folds", nets.toString(), manifest.toString()));
        assertTrue(outErr[1].contains("only with --reader-folds"), outErr[1]);
    }

    @Test
    void listPhotosNamesTheChosenPhotosAndMeasuresNothing() throws IOException {
        // given a manifest of 12 generated scenes, some held out by their text's hash
        Path manifest = SceneManifests.write(dir, 12, 960, false);
        List<Photo> photos = LabelledPhotos.read(manifest);
        List<String> heldOut = photos.stream().filter(Photo::isValidation).map(p -> p.image().toString()).toList();
        List<String> training = photos.stream().filter(p -> !p.isValidation()).map(p -> p.image().toString()).toList();
        assertTrue(!heldOut.isEmpty() && !training.isEmpty(), heldOut + " / " + training);
        String[] outErr = new String[2];
        // when listed held out, training and all: then each photo's path once, in the manifest's order, and nothing else
        assertEquals(0, run(outErr, "--validation-only", "--list-photos", manifest.toString()), outErr[1]);
        assertEquals(heldOut, outErr[0].lines().toList());
        assertEquals(0, run(outErr, "--training-only", "--list-photos", manifest.toString()), outErr[1]);
        assertEquals(training, outErr[0].lines().toList());
        assertEquals(0, run(outErr, "--list-photos", manifest.toString()), outErr[1]);
        assertEquals(photos.stream().map(p -> p.image().toString()).toList(), outErr[0].lines().toList());
        // and an option that would change a measure is refused
        assertEquals(2, run(outErr, "--list-photos", "--scale", "0.5", manifest.toString()));
        assertTrue(outErr[1].contains("--list-photos"), outErr[1]);
        assertEquals(2, run(outErr, "--list-photos", "--locator-out-of-fold", manifest.toString()));
    }

    @Test
    void modelsFromAFolderAreMeasuredAndNotMixedWithFoldModels() throws IOException {
        // given 4 generated scenes and a folder holding the committed reader and plate network, both calibrations
        // there lowered (their biases by 40) so that every reading's figure falls below 0.5
        Path manifest = SceneManifests.write(dir, 4, 640, false);
        Path models = Files.createDirectory(dir.resolve("models"));
        org.raqib.detection.CommittedModels.copyReaderAndNetworkLessSure(models);
        String[] outErr = new String[2];
        // when measured with the committed models and with the folder's
        assertEquals(0, run(outErr, manifest.toString()), outErr[1]);
        String committed = outErr[0];
        assertEquals(0, run(outErr, "--models", models.toString(), manifest.toString()), outErr[1]);
        // then the folder's figures are the ones measured (the readings' confidences summed: none left), its files
        // named on standard error
        assertTrue(outErr[1].contains("models from " + models + ": glyph-classifier.json, plate-reader.onnx,"
                + " plate-reader.json"), outErr[1]);
        assertTrue(summedConfidence(committed) > 1, committed);
        assertEquals(0.0, summedConfidence(outErr[0]), outErr[0]);
        assertTrue(outErr[0].contains("0 of 0 confident reads"), outErr[0]);
        // and a folder without models, or one given with fold models, is bad usage
        assertEquals(2, run(outErr, "--models", dir.resolve("absent").toString(), manifest.toString()));
        assertTrue(outErr[1].contains("not a folder of models"), outErr[1]);
        assertEquals("", outErr[0], "a refused folder prints no measure's header");
        assertEquals(2, run(outErr, "--models", models.toString(), "--locator-out-of-fold", manifest.toString()));
        assertTrue(outErr[1].contains("not together"), outErr[1]);
        assertEquals(2, run(outErr, "--models", models.toString(), "--list-photos", manifest.toString()));
    }

    @Test
    void withFoldReadersAFoldersCharacterReaderGivesTheirCalibration() throws IOException {
        // given tiny fold readers and a folder holding the committed character reader alone, its calibration lowered
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        Path folds = TinyGlyphTraining.keepFolds(dir, manifest);
        Path models = Files.createDirectory(dir.resolve("reader"));
        org.raqib.detection.CommittedModels.copyReaderLessSure(models);
        String[] outErr = new String[2];
        // when the training photos are read out of fold around the committed calibration and around the folder's
        assertEquals(0, run(outErr, "--training-only", "--reader-folds", folds.toString(), manifest.toString()), outErr[1]);
        String committed = outErr[0];
        assertEquals(0, run(outErr, "--training-only", "--reader-folds", folds.toString(), "--models", models.toString(),
                manifest.toString()), outErr[1]);
        // then the folder's calibration is the one the readings are figured by, and both outputs say which it is
        assertTrue(committed.contains("the committed calibration"), committed);
        String file = models.resolve(GlyphClassifier.MODEL_FILE).toString();
        assertTrue(outErr[0].contains("the calibration and net weights of " + file), outErr[0]);
        assertTrue(outErr[1].contains("read around the calibration and net weights of " + file), outErr[1]);
        String both = outErr[0].substring(outErr[0].indexOf("both folds:"));
        assertTrue(summedConfidence(both) < summedConfidence(committed.substring(committed.indexOf("both folds:"))),
                outErr[0] + committed);
        // and a folder holding another model too, or no character reader, is refused naming what it holds
        org.raqib.detection.CommittedModels.copy(models, List.of(PlateReader.MODEL_FILE, PlateReader.META_FILE));
        assertEquals(2, run(outErr, "--training-only", "--reader-folds", folds.toString(), "--models", models.toString(),
                manifest.toString()));
        assertTrue(outErr[1].contains("no other model (it holds " + GlyphClassifier.MODEL_FILE + ", "), outErr[1]);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(2, run(outErr, "--training-only", "--reader-folds", folds.toString(), "--models", empty.toString(),
                manifest.toString()));
        assertTrue(outErr[1].contains("(it holds none)"), outErr[1]);
    }

    @Test
    void missingManifestIsAClearMessage() {
        String[] outErr = new String[2];
        assertEquals(2, run(outErr, dir.resolve("absent/manifest.tsv").toString()));
        assertTrue(outErr[1].contains("manifest not found"), outErr[1]);
        assertEquals(2, run(outErr));
        assertEquals(2, run(outErr, "--frobnicate"));
        assertTrue(outErr[1].contains("usage: eval"), outErr[1]);
        assertEquals(2, run(outErr, "a.tsv", "b.tsv"));
        assertTrue(outErr[1].contains("only one manifest"), outErr[1]);
        assertEquals(0, run(outErr, "--help"));
        assertTrue(outErr[0].contains("usage: eval"), outErr[0]);
        assertEquals(2, run(outErr, "--validation-only", "--training-only", dir.resolve("manifest.tsv").toString()));
        assertTrue(outErr[1].contains("exclude each other"), outErr[1]);
        assertEquals(2, run(outErr, "--jpeg", "0", dir.resolve("manifest.tsv").toString()));
        assertTrue(outErr[1].contains("--jpeg"), outErr[1]);
        assertEquals(2, run(outErr, "--scale", "9", dir.resolve("manifest.tsv").toString()));
        assertEquals(2, run(outErr, "--contrast", "0", dir.resolve("manifest.tsv").toString()));
        assertEquals(2, run(outErr, "--motion-blur", "1", dir.resolve("manifest.tsv").toString()));
        assertTrue(outErr[1].contains("--motion-blur"), outErr[1]);
        assertEquals(2, run(outErr, "--blur", "25", dir.resolve("manifest.tsv").toString()));
        assertTrue(outErr[1].contains("--blur"), outErr[1]);
        assertEquals(2, run(outErr, "--motion-angle", "90", dir.resolve("manifest.tsv").toString()));
        assertTrue(outErr[1].contains("only with it"), outErr[1]);
    }

    @Test
    void locatorOutOfFoldMeasuresEveryTrainingPhotoOnceWithTheOtherHalfsScorer() throws IOException {
        // given a manifest of 8 generated scenes, the last without text
        Path manifest = SceneManifests.write(dir, 8, 700, true);
        List<Photo> photos = LabelledPhotos.read(manifest);
        long measured = photos.stream().filter(p -> !p.isValidation()).count();
        // when measured out of fold twice with a tiny training (2 scenes, 2 epochs)
        String first = locatorOutOfFold(manifest, photos, null, null);
        String second = locatorOutOfFold(manifest, photos, null, null);
        // then both folds are reported and summed, every photo that is not held out is measured once
        assertEquals(2, first.split("scorer trained on fold", -1).length - 1, first);
        assertTrue(first.contains("both folds:"), first);
        assertTrue(first.contains("(fold seed 1, 2 synthetic scenes,"), first);
        String total = first.substring(first.indexOf("both folds:"));
        assertTrue(total.contains("photos                     " + measured + " (0 unreadable)"), total);
        // and the same again (deterministic), timings aside
        assertEquals(withoutTimes(first), withoutTimes(second));
        // and the mode refuses the held-out photos
        String[] outErr = new String[2];
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--validation-only", manifest.toString()));
        assertTrue(outErr[1].contains("--locator-out-of-fold"), outErr[1]);
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--fold-seed", "-1", manifest.toString()));
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--negative-iou", "0.7", manifest.toString()));
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--negative-iou", "0", manifest.toString()));
        assertEquals(2, run(outErr, "--reuse-scorers", dir.resolve("x").toString(), manifest.toString()));
        assertTrue(outErr[1].contains("only with it"), outErr[1]);
        assertEquals(2, run(outErr, "--scenes", "10", manifest.toString()));
        assertTrue(outErr[1].contains("only with it"), outErr[1]);
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--scenes", "-1", manifest.toString()));
        assertEquals(2, run(outErr, "--tilted-copies", "1", manifest.toString()));
        assertTrue(outErr[1].contains("only with it"), outErr[1]);
        assertEquals(2, run(outErr, "--max-tilt", "4", manifest.toString()));
        assertTrue(outErr[1].contains("only with it"), outErr[1]);
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--tilted-copies", "1", "--max-tilt", "0", manifest.toString()));
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--tilted-copies", "-1", manifest.toString()));
    }

    @Test
    void foldScorersKeptInAFolderAreReadBackForTheSameSettingsAndRefusedForOthers() throws Exception {
        // given a manifest of 8 generated scenes and an empty folder for the scorers
        Path manifest = SceneManifests.write(dir, 8, 900, false);
        List<Photo> photos = LabelledPhotos.read(manifest);
        Path cache = dir.resolve("scorers");
        String plain = locatorOutOfFold(manifest, photos, null, null);
        // when measured with the folder twice
        StringBuilder log1 = new StringBuilder();
        String trained = locatorOutOfFold(manifest, photos, cache, log1);
        StringBuilder log2 = new StringBuilder();
        String reused = locatorOutOfFold(manifest, photos, cache, log2);
        // then the first run trains and keeps the scorers, the second reads them, and both report as a run without it
        assertTrue(Files.exists(cache.resolve(ScorerCache.STAMP)));
        assertTrue(log1.toString().contains("fold 0: trained"), log1.toString());
        assertTrue(log2.toString().contains("fold scorers read from"), log2.toString());
        assertTrue(!log2.toString().contains("fold 0: trained"), log2.toString());
        assertEquals(withoutTimes(plain), withoutTimes(trained));
        assertEquals(withoutTimes(plain), withoutTimes(reused));
        // and a run with another fold seed is refused, naming the setting, and leaves the folder as it was
        String stamp = Files.readString(cache.resolve(ScorerCache.STAMP));
        String[] outErr = new String[2];
        assertEquals(2, run(outErr, "--locator-out-of-fold", "--fold-seed", "2", "--reuse-scorers", cache.toString(),
                manifest.toString()));
        assertTrue(outErr[1].contains("fold-seed 1 there, 2 here"), outErr[1]);
        assertEquals(stamp, Files.readString(cache.resolve(ScorerCache.STAMP)));
    }

    /** The report of a tiny out-of-fold run (2 scenes, 2 epochs); its log appended to {@code log} (null: dropped). */
    private static String locatorOutOfFold(Path manifest, List<Photo> photos, Path reuseScorers, StringBuilder log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            EvalCommand.locatorOutOfFold(manifest, photos, 1, 2, 2, 0.45, LocatorTrainCommand.Tilts.NONE, reuseScorers,
                    null, RecognizerOptions.defaults(), PhotoTransform.NONE, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        } catch (IOException | ScorerCache.StaleException e) {
            throw new AssertionError(e);
        }
        if (log != null) {
            log.append(errBytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String withoutTimes(String report) {
        return report.replaceAll("(?m)^ms per image.*$", "");
    }

    @Test
    void shortPlatesAreCountedApartFromFourDigitOnes() {
        // given the tallies of three plates with text: a 4-digit one read right, a 1-digit one read right and
        // confidently, a 3-digit one read wrong confidently
        EvalCommand.Report rep = new EvalCommand.Report();
        rep.photos = 3;
        rep.withText = 3;
        rep.exact = 2;
        rep.shortWithText = 2;
        rep.shortExact = 1;
        rep.confidentReads = 2;
        rep.confidentWrong = 1;
        rep.shortConfidentReads = 2;
        rep.shortConfidentWrong = 1;
        // when the report is printed, and when it is added to another twice
        String text = printed(rep);
        EvalCommand.Report sum = addedTwice(rep);
        // then the short plates have a line of their own, and sums keep them apart
        assertTrue(text.contains("  by digits: 4 digits 100.0% (1/1); 1-3 digits 50.0% (1/2), wrong at confidence >=0.9 1 of 2"),
                text);
        assertEquals(4, sum.shortWithText);
        assertEquals(2, sum.shortExact);
        assertEquals(2, sum.shortConfidentWrong);
        assertEquals(4, EvalCommand.leadingDigits("6531UJD"));
        assertEquals(1, EvalCommand.leadingDigits("1KJS"));
        assertEquals(0, EvalCommand.leadingDigits(""));
    }

    @Test
    void ratesComeWithTheirWilsonIntervals() {
        // given 46 photos with text, 43 read exactly, 25 confident reads none of them wrong
        EvalCommand.Report rep = new EvalCommand.Report();
        rep.photos = 46;
        rep.detected = 46;
        rep.withText = 46;
        rep.exact = 43;
        rep.confidentReads = 25;
        rep.confidentWrong = 0;
        // when the report is printed
        String text = printed(rep);
        // then the recall, the exact rate and the wrong share of confident reads each carry their 95% interval
        assertTrue(text.contains("detection recall @IoU0.5   100.0% (46/46)" + System.lineSeparator()
                + "  95% interval (Wilson score) 92.3%-100.0% (46/46)"), text);
        assertTrue(text.contains("exact plate (text known)   93.5% (43/46)" + System.lineSeparator()
                + "  95% interval (Wilson score) 82.5%-97.8% (43/46)"), text);
        assertTrue(text.contains("  wrong share of confident reads: 95% interval (Wilson score) 0.0%-13.3% (0/25)"), text);
        // and the interval is Wilson's: z^2 / (n + z^2) above none of n, mirrored for all of n, inside [0, 1]
        assertEquals(3.841459 / 13.841459, EvalCommand.wilson(0, 10)[1], 1e-6);
        assertEquals(0, EvalCommand.wilson(0, 10)[0], 1e-12);
        assertEquals(1 - 3.841459 / 13.841459, EvalCommand.wilson(10, 10)[0], 1e-6);
        assertEquals(1, EvalCommand.wilson(10, 10)[1], 1e-12);
        double[] a = EvalCommand.wilson(3, 17);
        double[] b = EvalCommand.wilson(14, 17);
        assertEquals(a[0], 1 - b[1], 1e-12);
        assertEquals(a[1], 1 - b[0], 1e-12);
        assertTrue(a[0] < 3.0 / 17 && 3.0 / 17 < a[1]);
        assertThrows(IllegalArgumentException.class, () -> EvalCommand.wilson(1, 0));
        assertThrows(IllegalArgumentException.class, () -> EvalCommand.wilson(5, 4));
    }

    @Test
    void vetoesAreTalliedByWhatTheReadingIsAgainstTheLabelAndWhetherTheOwnRowsOutvoteThem() {
        // given vetoes of readings of a photo labelled 6531UJD: three right (outvoted; the own rows' conditions met
        // but the reading marked short of four digits; neither), two one character off, a digit lost, another text
        EvalCommand.Report rep = new EvalCommand.Report();
        rep.veto(new PlateReader.Veto("6531UJD", true, true), "6531UJD");
        rep.veto(new PlateReader.Veto("6531UJD", true, false), "6531UJD");
        rep.veto(new PlateReader.Veto("6531UJD", false, true), "6531UJD");
        rep.veto(new PlateReader.Veto("6581UJD", true, true), "6531UJD");
        rep.veto(new PlateReader.Veto("531UJD", false, false), "6531UJD");
        rep.veto(new PlateReader.Veto("6531UJA", false, true), "6531UJD");
        rep.veto(new PlateReader.Veto("1234ABD", false, true), "6531UJD");
        // when printed, and added to another report twice
        String text = printed(rep);
        EvalCommand.Report sum = addedTwice(rep);
        // then each class counts every veto, those meeting the own rows' conditions and those outvoted
        assertTrue(text.contains("Arabic-row vetoes of crop readings (vetoed / own rows' conditions met / outvoted (four"
                + " digits too)): right (a false veto) 3 / 2 / 1; one character off (a catch) 2 / 1 / 1; other 2 / 0 / 0"),
                text);
        assertEquals(6, sum.vetoes[0][0]);
        assertEquals(2, sum.vetoes[1][2]);
        assertEquals(4, sum.vetoes[2][0]);
        assertTrue(EvalCommand.Report.oneOff("6531UJA", "6531UJD"));
        assertTrue(!EvalCommand.Report.oneOff("6531UJD", "6531UJD"));
        assertTrue(!EvalCommand.Report.oneOff("531UJD", "6531UJD"));
        assertTrue(!EvalCommand.Report.oneOff("6531UAA", "6531UJD"));
    }

    /** What {@code rep} prints. */
    private static String printed(EvalCommand.Report rep) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        rep.print(new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** A new report with {@code rep} added to it twice. */
    private static EvalCommand.Report addedTwice(EvalCommand.Report rep) {
        EvalCommand.Report sum = new EvalCommand.Report();
        sum.add(rep);
        sum.add(rep);
        return sum;
    }

    @Test
    void characterAccuracyIsOneMinusEditDistanceOverLength() {
        assertEquals(1.0, EvalCommand.characterAccuracy("6531UJD", "6531UJD"), 1e-9);
        assertEquals(6.0 / 7, EvalCommand.characterAccuracy("6532UJD", "6531UJD"), 1e-9);
        assertEquals(6.0 / 7, EvalCommand.characterAccuracy("531UJD", "6531UJD"), 1e-9);
        assertEquals(0.0, EvalCommand.characterAccuracy("", "6531UJD"), 1e-9);
    }

    /** The readings' confidences summed, from a report's "confidence summed / right" line. */
    private static double summedConfidence(String report) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("confidence summed / right +readings (\\d+\\.\\d+) /")
                .matcher(report);
        assertTrue(m.find(), report);
        return Double.parseDouble(m.group(1));
    }

    private static int run(String[] outErr, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvalCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        outErr[0] = out.toString(StandardCharsets.UTF_8);
        outErr[1] = err.toString(StandardCharsets.UTF_8);
        return code;
    }
}
