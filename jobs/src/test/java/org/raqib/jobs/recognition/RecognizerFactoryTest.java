package org.raqib.jobs.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.RecognizerOptions;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** The committed-models factory the jobs build from their options: it travels with the job graph and reads as told. */
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
