package org.raqib.detection.locate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.detection.synth.SceneGenerator;

/** The localiser's training tool on a tiny generated data set: it runs, is deterministic, and its model loads. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LocatorTrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsDeterministicallyAndWritesALoadableModelAndCard() throws IOException {
        // given a manifest of 6 generated scenes (text hashes decide which are held out)
        SceneGenerator scenes = new SceneGenerator();
        StringBuilder tsv = new StringBuilder("relative_image_path\tplate_text\tbbox_xywh\n");
        for (int i = 0; i < 6; i++) {
            SceneGenerator.Scene s = scenes.render(800 + i);
            ImageIO.write(s.image(), "png", dir.resolve("s" + i + ".png").toFile());
            tsv.append("s").append(i).append(".png\t").append(i == 5 ? "" : s.text()).append('\t').append(s.box().x)
                    .append(',').append(s.box().y).append(',').append(s.box().width).append(',').append(s.box().height)
                    .append('\n');
        }
        Files.writeString(dir.resolve("manifest.tsv"), tsv);
        // when trained twice with the same seed
        String[] args1 = {"--manifest", dir.resolve("manifest.tsv").toString(), "--scenes", "2", "--epochs", "2",
            "--seed", "3", "--out", dir.resolve("m1").toString()};
        String[] args2 = args1.clone();
        args2[args2.length - 1] = dir.resolve("m2").toString();
        assertEquals(0, run(args1));
        assertEquals(0, run(args2));
        // then the same model comes out, it loads, and the card reports held-out recall
        assertArrayEquals(Files.readAllBytes(dir.resolve("m1/plate-locator.json")),
                Files.readAllBytes(dir.resolve("m2/plate-locator.json")));
        CandidateScorer.load(dir.resolve("m1/plate-locator.json"));
        String card = Files.readString(dir.resolve("m1/plate-locator.md"));
        assertTrue(card.contains("Held-out measurement"), card);
        assertTrue(card.contains("non-plates (IoU < 0.45)"), card);
        assertTrue(!card.contains("--negative-iou"), card);
        // and with other non-plates, another model, and the card says how to make it
        String card4 = trainAlso(args1, "m4", "--negative-iou", "0.3");
        assertTrue(card4.contains("non-plates (IoU < 0.3)") && card4.contains("--negative-iou 0.3"), card4);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("m1/plate-locator.json")),
                Files.readAllBytes(dir.resolve("m4/plate-locator.json"))), "a different model");
        // and with tilted copies of each photo, more candidates and plates learnt, another model, the card saying so
        String card5 = trainAlso(args1, "m5", "--tilted-copies", "2");
        assertTrue(card5.contains("each also turned 2 x 2-8 degrees either way")
                && card5.contains("--tilted-copies 2 --max-tilt 8.0"), card5);
        assertTrue(!card.contains("turned") && !card.contains("--tilted-copies"), card);
        long[] plain = samples(card);
        long[] tilted = samples(card5);
        assertTrue(tilted[0] > plain[0] * 3 / 2 && tilted[1] > plain[1] * 3 / 2,
                "candidates and plates " + plain[0] + "/" + plain[1] + " -> " + tilted[0] + "/" + tilted[1]);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("m1/plate-locator.json")),
                Files.readAllBytes(dir.resolve("m5/plate-locator.json"))), "a different model");
        // and measured out of fold, each half's model on the other half, with nothing written
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, LocatorTrainCommand.run(new String[] {"--manifest", dir.resolve("manifest.tsv").toString(),
            "--scenes", "2", "--epochs", "2", "--seed", "3", "--out", dir.resolve("m3").toString(), "--out-of-fold"},
                ps, ps));
        String out = sink.toString(StandardCharsets.UTF_8);
        assertEquals(2, out.split("out of fold, on the other", -1).length - 1, out);
        assertEquals(2, out.split("committed scorer \\(trained on them\\), same photos: candidate recall", -1).length - 1, out);
        assertTrue(!out.contains("held-out"), out);
        assertTrue(!Files.exists(dir.resolve("m3")), "nothing written");
    }

    /**
     * Trains with {@code args} (whose last is the output folder) writing to {@code out} instead, with {@code option} set
     * to {@code value}; returns the model card.
     */
    private String trainAlso(String[] args, String out, String option, String value) throws IOException {
        String[] with = java.util.Arrays.copyOf(args, args.length + 2);
        with[args.length - 1] = dir.resolve(out).toString();
        with[args.length] = option;
        with[args.length + 1] = value;
        assertEquals(0, run(with));
        return Files.readString(dir.resolve(out).resolve("plate-locator.md"));
    }

    /** The candidates and plates a model card says its scorer learnt from. */
    private static long[] samples(String card) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) candidates, (\\d+) plates").matcher(card);
        assertTrue(m.find(), card);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    @Test
    void foldsKeepTheCarsPhotosTogetherAndDependOnTheSeed() {
        // given 200 photos of 100 cars, two photos each, and 20 photos without text
        List<Photo> photos = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = String.format(java.util.Locale.ROOT, "%04dABC", i * 37);
            photos.add(new Photo(Path.of("a" + i + ".jpg"), text, 0, 0, 10, 5));
            photos.add(new Photo(Path.of("b" + i + ".jpg"), text, 0, 0, 10, 5));
        }
        for (int i = 0; i < 20; i++) {
            photos.add(new Photo(Path.of("u" + i + ".jpg"), "", 0, 0, 10, 5));
        }
        for (int seed = 1; seed <= 3; seed++) {
            int[] sizes = new int[2];
            for (int i = 0; i < 200; i += 2) {
                // then a car's photos are on one side for every seed >= 1
                assertEquals(LocatorTrainCommand.fold(photos.get(i), seed), LocatorTrainCommand.fold(photos.get(i + 1), seed));
            }
            for (Photo p : photos) {
                sizes[LocatorTrainCommand.fold(p, seed)]++;
            }
            // and the halves are roughly even
            assertTrue(sizes[0] > 70 && sizes[1] > 70, seed + ": " + sizes[0] + "/" + sizes[1]);
        }
        // and different seeds draw different halves, while seed 0 is the file name rule
        long moved = photos.stream().filter(p -> LocatorTrainCommand.fold(p, 1) != LocatorTrainCommand.fold(p, 2)).count();
        assertTrue(moved > 40 && moved < 180, "moved " + moved);
        for (Photo p : photos) {
            assertEquals(LocatorTrainCommand.fold(p), LocatorTrainCommand.fold(p, 0));
        }
        assertEquals(2, run("--out-of-fold", "--fold-seed", "-1"));
    }

    @Test
    void missingManifestAndBadOptionsExitWithTwo() {
        assertEquals(2, run("--manifest", dir.resolve("absent.tsv").toString()));
        assertEquals(2, run("--epochs"));
        assertEquals(2, run("--whatever"));
        assertEquals(2, run("--epochs", "0"));
        assertEquals(2, run("--scenes=-1"));
        assertEquals(2, run("--seed", "seven"));
        assertEquals(2, run("--negative-iou", "0.61"));
        assertEquals(2, run("--negative-iou", "0"));
        assertEquals(0, run("--help"));
    }

    private static int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return LocatorTrainCommand.run(args, ps, ps);
    }
}
