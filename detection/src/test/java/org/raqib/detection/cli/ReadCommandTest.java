package org.raqib.detection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.synth.SceneGenerator;

/** {@code read} on a folder of generated images with one unreadable file among them. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonIsOneObjectPerImageAndAnUnreadableFileDoesNotStopTheRest() throws IOException {
        // given two scenes, a corrupt .jpg between them and a non-image file that is skipped
        SceneGenerator scenes = new SceneGenerator();
        ImageIO.write(scenes.render(501).image(), "png", dir.resolve("a.png").toFile());
        Files.writeString(dir.resolve("b.jpg"), "not a jpeg");
        ImageIO.write(scenes.render(502).image(), "jpg", dir.resolve("c.jpeg").toFile());
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Path annotated = dir.resolve("annotated");

        // when
        Run run = run("--json", "--annotate", annotated.toString(), dir.toString());

        // then
        assertEquals(0, run.code, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(3, lines.size(), run.out);
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            assertTrue(o.isObject());
            assertTrue(o.get("image").asText().endsWith(".png") || o.get("image").asText().endsWith("g"));
        }
        JsonNode a = JSON.readTree(lines.get(0));
        JsonNode b = JSON.readTree(lines.get(1));
        JsonNode c = JSON.readTree(lines.get(2));
        assertTrue(a.get("image").asText().endsWith("a.png"));
        assertTrue(b.has("error") && !b.has("plates"), lines.get(1));
        assertFalse(b.get("error").asText().isBlank());
        for (JsonNode ok : List.of(a, c)) {
            assertTrue(ok.get("plates").isArray(), ok.toString());
            assertTrue(ok.get("ms").isIntegralNumber());
            for (JsonNode p : ok.get("plates")) {
                assertTrue(p.get("text").isTextual());
                assertTrue(p.get("arabic").isTextual());
                assertTrue(p.get("confidence").isNumber());
                assertEquals(4, p.get("box").size());
                assertTrue(p.get("alternatives").isArray());
            }
        }
        assertTrue(Files.isRegularFile(annotated.resolve("a.annotated.png")));
        assertTrue(Files.isRegularFile(annotated.resolve("c.annotated.png")));
    }

    @Test
    void plainOutputIsOneLinePerImage() throws IOException {
        ImageIO.write(new SceneGenerator().render(503).image(), "png", dir.resolve("x.png").toFile());
        Run run = run(dir.resolve("x.png").toString());
        assertEquals(0, run.code, run.err);
        assertEquals(1, run.out.lines().count());
        assertTrue(run.out.startsWith(dir.resolve("x.png").toString()));
    }

    @Test
    void maxCandidatesBoundsThePlatesReadInAFrameOfSeveralVehicles() throws IOException {
        // given a frame with three clearly visible plates side by side
        SceneGenerator scenes = new SceneGenerator(640, 480);
        java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(1920, 480,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = frame.createGraphics();
        String[] texts = {"4821KSD", "3607BNR", "915LTA"};
        for (int i = 0; i < 3; i++) {
            g.drawImage(scenes.render(org.raqib.detection.synth.PlateSpec.of(texts[i], org.raqib.models.PlateLayout.STANDARD),
                    21 + i, 0.1, 200).image(), 640 * i, 0, null);
        }
        g.dispose();
        Path image = dir.resolve("three.png");
        ImageIO.write(frame, "png", image.toFile());
        // when read with the default candidates and with one
        Run all = run("--json", image.toString());
        Run one = run("--json", "--max-candidates", "1", image.toString());
        // then the default reads the three plates, one candidate one plate
        assertEquals(0, all.code, all.err);
        assertEquals(3, JSON.readTree(all.out.strip()).get("plates").size(), all.out);
        assertEquals(0, one.code, one.err);
        assertEquals(1, JSON.readTree(one.out.strip()).get("plates").size(), one.out);
        // and a count out of range is bad usage
        assertEquals(2, run("--max-candidates", "0", image.toString()).code);
    }

    @Test
    void quickStartReadsTheSameAsAWarmedUpRecogniser() throws IOException {
        // given a generated scene
        ImageIO.write(new SceneGenerator().render(505).image(), "png", dir.resolve("q.png").toFile());
        // when read after the full warm-up (the default) and after the quick one
        Run warm = run("--json", dir.resolve("q.png").toString());
        Run quick = run("--json", "--quick-start", dir.resolve("q.png").toString());
        // then the same plates, confidences and boxes (only the time may differ)
        assertEquals(0, warm.code, warm.err);
        assertEquals(0, quick.code, quick.err);
        JsonNode w = JSON.readTree(warm.out.strip());
        JsonNode q = JSON.readTree(quick.out.strip());
        assertFalse(w.get("plates").isEmpty(), warm.out);
        assertEquals(w.get("plates"), q.get("plates"));
        assertTrue(run("--help").out.contains("--quick-start"));
    }

    @Test
    void theWarmUpCountIsAnOptionQuickStartItsZero() throws IOException {
        // given a generated scene
        ImageIO.write(new SceneGenerator().render(507).image(), "png", dir.resolve("w.png").toFile());
        // when read after no scene recognitions asked by count, and after the quick start
        Run none = run("--json", "--warm-up", "0", dir.resolve("w.png").toString());
        Run quick = run("--json", "--quick-start", dir.resolve("w.png").toString());
        // then the same plates (only the time may differ)
        assertEquals(0, none.code, none.err);
        assertEquals(0, quick.code, quick.err);
        JsonNode n = JSON.readTree(none.out.strip());
        assertFalse(n.get("plates").isEmpty(), none.out);
        assertEquals(n.get("plates"), JSON.readTree(quick.out.strip()).get("plates"));
        // and a count above this JVM's recognitions so far is what its warm-up makes them (results do not show it)
        int before = PlateRecognizer.sceneRecognitionsInThisJvm();
        Run more = run("--json", "--warm-up", String.valueOf(before + 3), dir.resolve("w.png").toString());
        assertEquals(0, more.code, more.err);
        assertEquals(before + 3, PlateRecognizer.sceneRecognitionsInThisJvm());
        assertEquals(n.get("plates"), JSON.readTree(more.out.strip()).get("plates"));
        // and a negative count, or both choices at once, is bad usage, named
        assertEquals(2, run("--warm-up", "-1", dir.resolve("w.png").toString()).code);
        Run both = run("--quick-start", "--warm-up", "10", dir.resolve("w.png").toString());
        assertEquals(2, both.code);
        assertTrue(both.err.contains("--warm-up"), both.err);
        assertTrue(run("--help").out.contains("--warm-up N"));
    }

    @Test
    void aStripTooThinToShrinkReadsAsNoPlateAndTheRestStillRun() throws IOException {
        // given a 5000x4 image (its shrunk search would have no rows: OpenCV threw there and stopped the batch) and a
        // scene after it
        java.awt.image.BufferedImage strip = new java.awt.image.BufferedImage(5000, 4,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        ImageIO.write(strip, "png", dir.resolve("a-strip.png").toFile());
        ImageIO.write(new SceneGenerator().render(506).image(), "png", dir.resolve("b-scene.png").toFile());
        // when
        Run run = run("--json", "--quick-start", dir.toString());
        // then no plate in the strip, and the scene read after it
        assertEquals(0, run.code, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(2, lines.size(), run.out);
        JsonNode a = JSON.readTree(lines.get(0));
        assertTrue(a.get("image").asText().endsWith("a-strip.png"), lines.get(0));
        assertEquals(0, a.get("plates").size(), lines.get(0));
        assertFalse(JSON.readTree(lines.get(1)).get("plates").isEmpty(), lines.get(1));
    }

    @Test
    void badUsageExitsWithTwo() {
        Run none = run();
        assertEquals(2, none.code);
        assertTrue(none.err.contains("usage: read"));
        assertEquals(2, run("--bogus", "x.png").code);
        assertEquals(2, run("--annotate").code);
    }

    @Test
    void aMissingFileIsAnErrorLineAndTheRestStillRun() throws IOException {
        ImageIO.write(new SceneGenerator().render(504).image(), "png", dir.resolve("y.png").toFile());
        Run run = run("--json", dir.resolve("nope.jpg").toString(), dir.resolve("y.png").toString());
        assertEquals(0, run.code, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(2, lines.size(), run.out);
        JsonNode missing = JSON.readTree(lines.get(0));
        assertEquals(dir.resolve("nope.jpg").toString(), missing.get("image").asText());
        assertEquals("no such file or folder", missing.get("error").asText());
        assertTrue(JSON.readTree(lines.get(1)).get("plates").isArray(), lines.get(1));
    }

    @Test
    void aFolderIsWalkedForEveryEncodingTheRecogniserDecodesAndItsOtherFilesAreCounted() throws IOException {
        // given one generated scene encoded as BMP, TIFF and WebP by OpenCV, a text file beside them and an empty folder
        org.raqib.detection.opencv.OpenCvLoader.load();
        org.opencv.core.Mat scene = org.raqib.detection.opencv.Mats.toBgr(new SceneGenerator().render(507).image());
        for (String name : List.of("s.bmp", "s.tiff", "s.webp")) {
            org.opencv.core.MatOfByte encoded = new org.opencv.core.MatOfByte();
            assertTrue(org.opencv.imgcodecs.Imgcodecs.imencode(name.substring(1), scene, encoded), name);
            Files.write(dir.resolve(name), encoded.toArray());
            encoded.release();
        }
        scene.release();
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Path empty = Files.createDirectory(dir.resolve("empty"));

        // when
        Run run = run("--json", "--quick-start", dir.toString(), empty.toString());

        // then every encoding is read (no error line), and standard error counts the rest
        for (JsonNode o : objects(run, 3)) {
            assertFalse(o.has("error"), o.toString());
            assertFalse(o.get("plates").isEmpty(), o.toString());
        }
        assertTrue(run.err.contains(dir + ": 1 file skipped, not named as an image"), run.err);
        assertTrue(run.err.contains(empty + ": no images"), run.err);
        assertFalse(run.err.contains(dir + ": no images"), run.err);
    }

    @Test
    void modelsFromAFolderAreNamedAndAFolderWithoutModelsIsBadUsage() throws IOException {
        // given: a scene, a folder holding a copy of the committed localiser scorer, and one holding no model
        ImageIO.write(new SceneGenerator().render(504).image(), "png", dir.resolve("m.png").toFile());
        Path models = Files.createDirectory(dir.resolve("models"));
        org.raqib.detection.CommittedModels.copy(models, List.of("plate-locator.json"));
        Path none = Files.createDirectory(dir.resolve("none"));

        // when
        Run with = run("--json", "--quick-start", "--models", models.toString(), dir.resolve("m.png").toString());
        Run without = run("--json", "--quick-start", "--models", none.toString(), dir.resolve("m.png").toString());

        // then: read with the folder's scorer, said on standard error; the empty folder refused before any image
        assertEquals(1, objects(with, 1).size());
        assertTrue(with.err.contains("models from " + models + ": plate-locator.json"), with.err);
        assertEquals(2, without.code, without.err);
        assertTrue(without.out.isEmpty(), without.out);
        assertTrue(without.err.contains("no model files in " + none), without.err);
        // and a folder whose scorer file is not a model: the same clear refusal, naming the file
        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(broken.resolve("plate-locator.json"), "{\"version\": ");
        Run bad = run("--json", "--quick-start", "--models", broken.toString(), dir.resolve("m.png").toString());
        assertEquals(2, bad.code, bad.err);
        assertTrue(bad.err.contains("cannot load the models in " + broken) && bad.err.contains("plate-locator.json"), bad.err);
        assertTrue(run("--help").out.contains("--models DIR"));
    }

    /** The {@code n} JSON objects of a run that exited 0, one a line. */
    private static List<JsonNode> objects(Run run, int n) throws IOException {
        assertEquals(0, run.code, run.err);
        List<String> lines = run.out.lines().toList();
        assertEquals(n, lines.size(), run.out);
        List<JsonNode> objects = new java.util.ArrayList<>();
        for (String line : lines) {
            objects.add(JSON.readTree(line));
        }
        return objects;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
