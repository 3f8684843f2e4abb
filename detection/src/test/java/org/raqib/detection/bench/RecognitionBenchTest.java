package org.raqib.detection.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.Box;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Quad;
import org.raqib.detection.Recognition;
import org.raqib.detection.RecognitionProfile;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** The bench's own bookkeeping (its timings are not tested: they are what it measures). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecognitionBenchTest {

    @Test
    void aGeneratedPlateCountsAsFoundOnlyWhereAReportedBoxOverlapsIt() {
        // given three scenes: one found and read right, one found and misread, one reported elsewhere
        List<SceneGenerator.Scene> scenes = List.of(scene("1234ABD", 100, 100), scene("55XZ", 300, 400), scene("7GHJ", 50, 50));
        List<Recognition> results = List.of(
                recognition(plate("1234ABD", 102, 101)),
                recognition(plate("1284ABD", 300, 398), plate("55XZ", 900, 900)),
                recognition(plate("7GHJ", 600, 50)));
        // when
        String out = print(o -> RecognitionBench.found(results, scenes, o));
        // then: the misread still counts as found, and a right text in the wrong place counts as nothing
        assertTrue(out.contains("found (IoU >= 0.5): 2 of 3, read exactly: 1"), out);
    }

    @Test
    void aFrameOfSeveralVehiclesHoldsEachPlateInItsOwnStripAndEachCounts() {
        // given frame 0 with three plates
        List<SceneGenerator.Scene> plates = new java.util.ArrayList<>();
        java.awt.image.BufferedImage frame = RecognitionBench.frame(new SceneGenerator(640, 1080), 0, 3, plates);
        // then a full-HD frame whose three plates' boxes lie in their own thirds, in the frame's coordinates
        assertEquals(1920, frame.getWidth());
        assertEquals(1080, frame.getHeight());
        assertEquals(3, plates.size());
        for (int j = 0; j < 3; j++) {
            Rectangle b = plates.get(j).box();
            assertTrue(b.x >= j * 640 && b.x + b.width <= (j + 1) * 640, j + ": " + b);
        }
        // and each plate of a frame is counted: the first found and read, the second misread, the third missed
        Recognition r = recognition(plate(plates.get(0).text(), plates.get(0).box()), plate("1111AAA", plates.get(1).box()));
        String out = print(o -> RecognitionBench.foundAll(List.of(r), List.of(plates), o));
        assertTrue(out.contains("found (IoU >= 0.5): 2 of 3, read exactly: 1"), out);
        // and one plate a frame is the bench's frame as before: one scene of the whole frame
        List<SceneGenerator.Scene> one = new java.util.ArrayList<>();
        RecognitionBench.frame(new SceneGenerator(1920, 1080), 7, 1, one);
        assertEquals(new SceneGenerator(1920, 1080).render(5_007L).box(), one.get(0).box());
    }

    private static PlateResult plate(String text, Rectangle b) {
        return plate(text, b.x, b.y, b.width, b.height);
    }

    @Test
    void aFolderWithoutModelsIsRefusedBeforeAnythingIsTimed(@TempDir Path dir) {
        // given an empty folder
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // when the bench is asked to time its models
        int code = RecognitionBench.run(new String[] {"--models", dir.toString(), "--photos", "1", "--frames", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        // then it exits 2 naming the folder, having measured nothing
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bench: no model files in " + dir),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        // and the option is in the usage
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(0, RecognitionBench.run(new String[] {"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8),
                System.err));
        assertTrue(help.toString(StandardCharsets.UTF_8).contains("--models DIR"), help.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stageTableListsEveryStageAndTheCandidatesPerImage() {
        String out = print(o -> RecognitionBench.stages(new RecognitionProfile(), o));
        for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
            assertTrue(out.contains(s.name().toLowerCase(java.util.Locale.ROOT)), out);
        }
        assertTrue(out.contains("0.00 returned by the localiser, 0.00 read"), out);
        assertEquals(RecognitionProfile.Stage.values().length + 2, out.lines().count(), out);
    }

    @Test
    void perImageRowsRunByCpuTimeWithTheMedianMarkedAndNoPlateText() {
        // given four images' CPU times (ms 30, 10, 20, 40) and results: two plates on the first, none on the second
        List<String> names = List.of("a.jpg", "b.jpg", "c.jpg", "d.jpg");
        long[] cpu = {30_000_000L, 10_000_000L, 20_000_000L, 40_000_000L};
        List<RecognitionProfile> each = List.of(new RecognitionProfile(), new RecognitionProfile(), new RecognitionProfile(),
                new RecognitionProfile());
        List<Recognition> results = List.of(recognition(plate("1234ABD", 10, 10), plate("5678XZG", 300, 10)), recognition(),
                recognition(plate("91HJ", 10, 10)), recognition(plate("4321LNR", 10, 10)));
        // when
        String out = print(o -> RecognitionBench.perImage(names, cpu, each, results, o));
        // then a header, then the rows in increasing CPU time; the median's (the 2nd of 4, as the timed median) marked
        List<String> rows = out.lines().skip(2).toList();
        assertEquals(4, rows.size(), out);
        assertTrue(rows.get(0).matches("\\s+1\\s+b\\.jpg\\s+10\\.0 .*"), out);
        assertTrue(rows.get(1).matches("\\s+\\*\\s*2\\s+c\\.jpg\\s+20\\.0 .*"), out);
        assertTrue(rows.get(2).matches("\\s+3\\s+a\\.jpg\\s+30\\.0 .*"), out);
        assertTrue(rows.get(3).matches("\\s+4\\s+d\\.jpg\\s+40\\.0 .*"), out);
        assertEquals(1, out.chars().filter(ch -> ch == '*').count() - 1, "one row marked besides the header's note: " + out);
        // and each row ends with its plates and the best confidence, "-" where none was reported
        assertTrue(rows.get(0).endsWith(" 0     -"), out);
        assertTrue(rows.get(2).endsWith(" 2  0.50"), out);
        // and no plate's text anywhere
        for (String text : List.of("1234ABD", "5678XZG", "91HJ", "4321LNR")) {
            assertTrue(!out.contains(text), out);
        }
    }

    @Test
    void badUsageExitsTwoBeforeAnythingRuns() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(2, RecognitionBench.run(new String[] {"--photos", "0"}, o, e));
        assertEquals(2, RecognitionBench.run(new String[] {"--frobnicate"}, o, e));
        assertEquals(2, RecognitionBench.run(new String[] {"--frames"}, o, e));
        assertEquals(2, RecognitionBench.run(new String[] {"--warm-up", "-1"}, o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--photos"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, out.size(), "nothing measured: " + out.toString(StandardCharsets.UTF_8));
        assertEquals(0, RecognitionBench.run(new String[] {"--help"}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: bench"));
    }

    @Test
    // the recogniser's own warm-up: 240 scene recognitions (a third of them every stage), about 20 s on two cores
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void warmUpPassesRunBeforeTheTimedOneAndTheirMediansArePrinted(@TempDir Path dir) {
        // given a manifest that does not exist (so generated 598x598 scenes are timed) and two warm-up passes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        int before = org.raqib.detection.PlateRecognizer.sceneRecognitionsInThisJvm();
        int code = RecognitionBench.run(new String[] {"--photos", "3", "--frames", "0", "--warm-up", "2", "--per-image",
            "--manifest", dir.resolve("none.tsv").toString()}, o, o);
        // then a median for each pass, before the timed pass's numbers
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        java.util.regex.Matcher warm = java.util.regex.Pattern
                .compile("warm-up passes \\(untimed\\): 2, their CPU medians ([0-9.]+), ([0-9.]+) ms").matcher(text);
        assertTrue(warm.find(), text);
        // and the mean of the three passes' medians (each printed to 0.1 ms), the timed one's included
        java.util.regex.Matcher timed = java.util.regex.Pattern.compile("CPU  ms/image  median ([0-9.]+) ").matcher(text);
        java.util.regex.Matcher all = java.util.regex.Pattern
                .compile("CPU  median of each of the 3 passes \\(warm-up and timed\\): their mean ([0-9.]+) ms").matcher(text);
        assertTrue(timed.find() && all.find(), text);
        double expected = (Double.parseDouble(warm.group(1)) + Double.parseDouble(warm.group(2))
                + Double.parseDouble(timed.group(1))) / 3;
        assertEquals(expected, Double.parseDouble(all.group(1)), 0.06, text);
        assertTrue(text.contains("598x598: 3 images"), text);
        // and, asked for, a row for each timed scene after the stage table
        assertTrue(text.indexOf("per image, by CPU time") > text.indexOf("candidates per image"), text);
        for (int i = 0; i < 3; i++) {
            assertTrue(text.contains("scene " + (4_000 + i)), text);
        }
        // and the recogniser's own warm-up timed first: the drawn image's 5 recognitions and the scene recognitions
        // this JVM still lacked of a batch's (earlier tests' warm-ups made some or all of them)
        int images = 5 + Math.max(0, org.raqib.detection.PlateRecognizer.WARM_UP_RECOGNITIONS - before);
        assertTrue(java.util.regex.Pattern
                .compile("warm-up \\(PlateRecognizer.warmUp, as read and eval start\\) [0-9]+ ms, " + images + " images")
                .matcher(text).find(), images + " expected: " + text);
    }

    @Test
    void heldOutTimesOnlyTheHeldOutPhotosInManifestOrder() {
        // given a manifest's photos, some held out (the validation split by plate text), one untranscribed
        List<LabelledPhotos.Photo> all = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(new LabelledPhotos.Photo(Path.of("p" + i + ".jpg"), i == 7 ? "" : (1000 + i) + "ABD", 0, 0, 10, 5));
        }
        List<LabelledPhotos.Photo> heldOut = all.stream().filter(LabelledPhotos.Photo::isValidation).toList();
        assertTrue(heldOut.size() >= 3 && heldOut.size() < all.size() - 3, "the texts make a split: " + heldOut.size());
        assertTrue(!heldOut.subList(0, 3).equals(all.subList(0, 3)), "the manifest's first photos are not all held out");
        // when the first three of each kind are chosen
        // then --held-out takes the first three held-out photos, the default the manifest's first three
        assertEquals(heldOut.subList(0, 3), RecognitionBench.photos(all, 3, true));
        assertEquals(all.subList(0, 3), RecognitionBench.photos(all, 3, false));
        // and asking for more than there are gives all of them
        assertEquals(heldOut, RecognitionBench.photos(all, 1000, true));
        assertEquals(all, RecognitionBench.photos(all, 1000, false));
    }

    private static SceneGenerator.Scene scene(String text, int x, int y) {
        return new SceneGenerator.Scene(null, text, PlateLayout.STANDARD, new Rectangle(x, y, 120, 60), new double[4],
                new double[4]);
    }

    private static PlateResult plate(String text, int x, int y) {
        return plate(text, x, y, 120, 60);
    }

    private static PlateResult plate(String text, int x, int y, int w, int h) {
        Box box = new Box(x, y, w, h);
        double[] xs = {x, x + w, x + w, x};
        double[] ys = {y, y, y + h, y + h};
        return new PlateResult(text, "", 0.5, new double[text.length()], List.of(), new Quad(xs, ys), box,
                PlateLayout.STANDARD);
    }

    private static Recognition recognition(PlateResult... plates) {
        return new Recognition(List.of(plates), 1920, 1080, 1);
    }

    private static String print(java.util.function.Consumer<PrintStream> body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        body.accept(new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }
}
