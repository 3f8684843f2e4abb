package org.raqib.detection.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
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
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.models.PlateLayout;
import org.raqib.models.cli.UsageException;
import org.raqib.models.plate.SaudiPlate;

/** {@code generate-scenes}: what it writes, that each scene depends on its own seed alone, and its errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GeneratedScenesCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesScenesOfTheAskedKindWithAManifestEvalReads() throws IOException {
        // when six wide plates of one or two digits, 400-450 px wide, are asked for
        Path out = dir.resolve("wide");
        String[] outErr = new String[2];
        int code = run(outErr, "--out", out.toString(), "--count", "6", "--seed", "90", "--layout", "wide",
                "--digits", "1-2", "--plate-width", "400-450");
        // then six 598x598 images and their labels are written, in the labelled photos' format
        assertEquals(0, code, outErr[1]);
        assertTrue(outErr[0].contains("wrote 6 scenes"), outErr[0]);
        // with the settings beside them, which mark the folder as generated scenes
        assertTrue(GeneratedScenesCommand.wrote(out.resolve("manifest.tsv")));
        assertEquals(List.of("count=6", "seed=90", "layout=wide", "digits=1-2", "plate-width=400-450"),
                Files.readAllLines(out.resolve(GeneratedScenesCommand.STAMP)).stream().filter(l -> !l.startsWith("#")).toList());
        List<Photo> photos = LabelledPhotos.read(out.resolve("manifest.tsv"));
        assertEquals(6, photos.size());
        for (int i = 0; i < 6; i++) {
            Photo p = photos.get(i);
            assertEquals(out.resolve("images/scene-" + (90 + i) + ".png"), p.image());
            BufferedImage image = ImageIO.read(p.image().toFile());
            assertEquals(598, image.getWidth());
            assertEquals(598, image.getHeight());
            int digits = SaudiPlate.digits(p.plateText()).length();
            assertTrue(digits >= 1 && digits <= 2, p.plateText().length() + " characters");
            assertTrue(SaudiPlate.isValid(p.plateText()), "a valid plate text");
            // the box bounds the plate's corners under perspective: about as wide as the plate
            assertTrue(p.width() >= 400 * 0.8 && p.width() <= 450 * 1.2 && p.x() >= 0 && p.x() + p.width() <= 598,
                    "box " + p.x() + "," + p.width());
            // a wide plate is about four times as wide as tall
            assertTrue(p.width() > 2.5 * p.height(), "wide: " + p.width() + "x" + p.height());
        }
    }

    @Test
    void eachSceneIsDrawnFromItsOwnSeedAlone() throws IOException {
        // given scenes 5000-5002 written in one run and scene 5001 in another
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        String[] outErr = new String[2];
        assertEquals(0, run(outErr, "--out", a.toString(), "--count", "3", "--seed", "5000"), outErr[1]);
        assertEquals(0, run(outErr, "--out", b.toString(), "--count", "1", "--seed", "5001"), outErr[1]);
        // then scene 5001 is the same image with the same label
        assertArrayEquals(Files.readAllBytes(a.resolve("images/scene-5001.png")),
                Files.readAllBytes(b.resolve("images/scene-5001.png")));
        Photo first = LabelledPhotos.read(a.resolve("manifest.tsv")).get(1);
        Photo alone = LabelledPhotos.read(b.resolve("manifest.tsv")).get(0);
        assertEquals(first.plateText(), alone.plateText());
        assertEquals(List.of(first.x(), first.y(), first.width(), first.height()),
                List.of(alone.x(), alone.y(), alone.width(), alone.height()));
        // and the default is a standard 4-digit plate 260-380 px wide
        assertEquals(4, SaudiPlate.digits(first.plateText()).length());
        assertTrue(first.width() < 2.5 * first.height(), "standard: " + first.width() + "x" + first.height());
    }

    @Test
    void kindsParseAndBadOnesAreRefusedWithTheReason() throws UsageException {
        assertEquals(new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 2, 360, 500),
                GeneratedScenesCommand.kind("wide", "1-2", "360-500"));
        assertEquals(new GeneratedScenesCommand.Kind(PlateLayout.STANDARD, 3, 3, 100, 100),
                GeneratedScenesCommand.kind("Standard", "3", "100"));
        String[] outErr = new String[2];
        assertEquals(2, run(outErr, "--count", "3"));
        assertTrue(outErr[1].contains("--out"), outErr[1]);
        assertEquals(2, run(outErr, "--out", dir.toString(), "--layout", "round"));
        assertTrue(outErr[1].contains("--layout must be standard or wide, got round"), outErr[1]);
        assertEquals(2, run(outErr, "--out", dir.toString(), "--digits", "5"));
        assertTrue(outErr[1].contains("--digits must be a number or a range A-B within 1..4, got 5"), outErr[1]);
        assertEquals(2, run(outErr, "--out", dir.toString(), "--digits", "1.5"));
        assertTrue(outErr[1].contains("--digits must be whole numbers"), outErr[1]);
        assertEquals(2, run(outErr, "--out", dir.toString(), "--plate-width", "300-200"));
        assertTrue(outErr[1].contains("within 20..568, got 300-200"), outErr[1]);
        assertEquals(2, run(outErr, "--out", dir.toString(), "--plate-width", "wide"));
        assertTrue(outErr[1].contains("--plate-width must be a number or a range A-B, got wide"), outErr[1]);
        assertFalse(Files.exists(dir.resolve("manifest.tsv")), "nothing written on bad usage");
    }

    private static int run(String[] outErr, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GeneratedScenesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        outErr[0] = out.toString(StandardCharsets.UTF_8);
        outErr[1] = err.toString(StandardCharsets.UTF_8);
        return code;
    }
}
