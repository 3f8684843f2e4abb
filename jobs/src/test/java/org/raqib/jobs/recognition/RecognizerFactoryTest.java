package org.raqib.jobs.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.RecognizerOptions;
import org.raqib.detection.locate.CandidateScorer;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** The factories the jobs build from their options: they travel with the job graph and read as told. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecognizerFactoryTest {

    @Test
    void theFactoryIsSerialisableAndReadsWithTheOptionsItWasGiven() throws Exception {
        // given a frame with two clearly visible plates side by side
        SceneGenerator scenes = new SceneGenerator(640, 480);
        BufferedImage frame = new BufferedImage(1280, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.drawImage(scenes.render(PlateSpec.of("4821KSD", PlateLayout.STANDARD), 11, 0.1, 200).image(), 0, 0, null);
        g.drawImage(scenes.render(PlateSpec.of("3607BNR", PlateLayout.STANDARD), 12, 0.1, 200).image(), 640, 0, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(frame, "png", png);
        // when factories for the defaults and for one plate a frame go through Java serialisation, as in a job graph
        RecognizerFactory defaults = roundTrip(RecognizerFactory.committedModels(RecognizerOptions.defaults()));
        RecognizerFactory onePlate = roundTrip(RecognizerFactory.committedModels(RecognizerOptions.defaults().withMaxPlates(1)));
        // then the defaults report both plates and the other at most one
        try (FrameRecognizer all = defaults.open(); FrameRecognizer one = onePlate.open()) {
            assertEquals(2, all.recognize(png.toByteArray()).plates().size());
            assertEquals(1, one.recognize(png.toByteArray()).plates().size());
        }
    }

    @Test
    void aFactoryForAFolderOfModelsReadsWithItsFilesWhereTheTaskOpens(@TempDir Path dir) throws Exception {
        // given: a folder with a copy of the committed localiser scorer, one whose scorer file is not a model, and
        // one with no model at all
        Path models = Files.createDirectory(dir.resolve("models"));
        try (InputStream in = PlateReader.class.getResourceAsStream(PlateReader.RESOURCE_DIR + CandidateScorer.MODEL_FILE)) {
            Files.write(models.resolve(CandidateScorer.MODEL_FILE), in.readAllBytes());
        }
        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(broken.resolve(CandidateScorer.MODEL_FILE), "{not json");
        Path none = Files.createDirectory(dir.resolve("none"));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new SceneGenerator().render(PlateSpec.of("4821KSD", PlateLayout.STANDARD), 11, 0.1, 200).image(),
                "png", png);
        // when the factories travel as in a job graph and their tasks open: then the folder's models read the plate
        RecognizerFactory good = roundTrip(RecognizerFactory.of(models.toString(), RecognizerOptions.defaults()));
        try (FrameRecognizer r = good.open()) {
            assertEquals(1, r.recognize(png.toByteArray()).plates().size());
        }
        // and a task whose folder's scorer is not a model, or which holds none, fails to open, naming the file or folder
        RecognizerFactory bad = roundTrip(RecognizerFactory.of(broken.toString(), RecognizerOptions.defaults()));
        RuntimeException e = assertThrows(RuntimeException.class, bad::open);
        assertTrue(e.getMessage().contains(CandidateScorer.MODEL_FILE), e.getMessage());
        RecognizerFactory empty = roundTrip(RecognizerFactory.of(none.toString(), RecognizerOptions.defaults()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, empty::open);
        assertTrue(missing.getMessage().contains("no model files in " + none), missing.getMessage());
    }

    private static RecognizerFactory roundTrip(RecognizerFactory factory) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RecognizerFactory) in.readObject();
        }
    }
}
