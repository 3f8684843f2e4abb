package org.raqib.detection.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.synth.video.RoadCamera;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CalibrateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String content) throws Exception {
        Path file = dir.resolve("marks.points");
        Files.writeString(file, content);
        return CalibrateCommand.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aSurveyOfRoadMarksPrintsARegistryBlockThatTheRegistryRecordReproduces() throws Exception {
        RoadCamera cam = RoadCamera.gantry();
        StringBuilder file = new StringBuilder("image 1920 1080\nplate-height 0.5\ncamera 0 0 6   # lens\n");
        for (CalibrationPoint p : cam.surveyMarks(0.3, new Random(1))) {
            file.append(String.format(Locale.ROOT, "point %.2f %.2f %.1f %.1f 0%n", p.imageX(), p.imageY(), p.roadX(),
                    p.roadY()));
        }
        assertEquals(0, run(file.toString()), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("    calibration:\n      homography: ["), printed);
        assertTrue(printed.contains("referenceHeightMetres: 0.500"), printed);
        assertTrue(printed.contains("# RMS reprojection error"), printed);
    }

    @Test
    void aBadPointsFileIsAClearErrorWithExitCode2() throws Exception {
        assertEquals(2, run("image 1920 1080\npoint 1 2 3\n"));
        assertTrue(err.toString().contains("line 2"), err.toString());
        err.reset();
        assertEquals(2, run("image 1920 1080\npoint 10 10 1 1 0\npoint 20 10 2 1 0\npoint 30 30 3 3 0\n"));
        assertTrue(err.toString().contains("at least 4"), err.toString());
        assertEquals(2, CalibrateCommand.run(new String[0], new PrintStream(out), new PrintStream(err)));
    }
}
