package org.raqib.ingest.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.raqib.models.plate.SaudiPlate;

/** The simulator's frames written to a folder: the demo's plates, readable without the pipeline. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedFramesCommandTest {

    private static final String CAMERAS = "../config/cameras.yaml";

    private static int run(String... args) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return SimulatedFramesCommand.run(args, quiet, quiet);
    }

    @Test
    void writesOneDecodableFramePerVehicleWithItsPlate(@TempDir Path dir) throws IOException {
        assertEquals(0, run("--out", dir.toString(), "--frames", "3", "--cameras", CAMERAS));
        List<String> manifest = Files.readAllLines(dir.resolve("manifest.tsv"));
        assertEquals(List.of("relative_image_path", "plate_text", "bbox_xywh"), List.of(manifest.get(0).split("\t")));
        assertEquals(4, manifest.size());
        for (String line : manifest.subList(1, manifest.size())) {
            String[] f = line.split("\t");
            assertEquals(3, f.length, line);
            assertTrue(SaudiPlate.isValid(f[1]), line);
            var image = ImageIO.read(dir.resolve(f[0]).toFile());
            String[] box = f[2].split(",");
            int x = Integer.parseInt(box[0]);
            int y = Integer.parseInt(box[1]);
            int w = Integer.parseInt(box[2]);
            int h = Integer.parseInt(box[3]);
            assertTrue(w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= image.getWidth() && y + h <= image.getHeight(),
                    "plate box inside the frame: " + line);
        }
    }

    @Test
    void theSameSeedWritesTheSameFrames(@TempDir Path a, @TempDir Path b) throws IOException {
        assertEquals(0, run("--out", a.toString(), "--frames", "2", "--seed", "7", "--cameras", CAMERAS));
        assertEquals(0, run("--out", b.toString(), "--frames", "2", "--seed", "7", "--cameras", CAMERAS));
        assertEquals(Files.readString(a.resolve("manifest.tsv")), Files.readString(b.resolve("manifest.tsv")));
        assertArrayEquals(Files.readAllBytes(a.resolve("images/frame-00001.jpg")),
                Files.readAllBytes(b.resolve("images/frame-00001.jpg")));
    }

    @Test
    void badOptionsAreUsageErrors(@TempDir Path dir) {
        assertEquals(2, run("--frames", "3"));
        assertEquals(2, run("--out", dir.toString(), "--frames", "0"));
        assertEquals(1, run("--out", dir.toString(), "--cameras", dir.resolve("missing.yaml").toString()));
    }
}
