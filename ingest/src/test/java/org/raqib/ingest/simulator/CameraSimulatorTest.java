package org.raqib.ingest.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.CameraFrame;
import org.raqib.models.Topics;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CameraSimulatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC);

    private static CameraSimulator simulator(SimulatorOptions options, MockProducer<String, byte[]> producer,
            SimulatorListener listener) {
        return new CameraSimulator(options, SimulatorFixtures.cameras(), producer, false, CLOCK, listener);
    }

    private static MockProducer<String, byte[]> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void sameSeedGivesTheSamePixelsAndTruth() {
        CameraSimulator a = simulator(SimulatorOptions.defaults().withSeed(11), producer(), SimulatorListener.none());
        CameraSimulator b = simulator(SimulatorOptions.defaults().withSeed(11), producer(), SimulatorListener.none());
        CameraSimulator c = simulator(SimulatorOptions.defaults().withSeed(12), producer(), SimulatorListener.none());

        for (long i = 0; i < 3; i++) {
            CameraSimulator.SimulatedFrame fa = a.frame(i);
            CameraSimulator.SimulatedFrame fb = b.frame(i);
            assertArrayEquals(fa.frame().getJpeg().array(), fb.frame().getJpeg().array(), "frame " + i);
            assertEquals(fa.truth().plateText(), fb.truth().plateText());
            assertEquals(fa.truth().radarSpeedKmh(), fb.truth().radarSpeedKmh());
            assertEquals(fa.frame().getCameraId(), fb.frame().getCameraId());
            assertFalse(java.util.Arrays.equals(fa.frame().getJpeg().array(), c.frame(i).frame().getJpeg().array()),
                    "another seed draws another frame");
        }
    }

    @Test
    void framesDecodeAsJpegWithThePlateInside() throws IOException {
        CameraSimulator sim = simulator(SimulatorOptions.defaults().withSeed(3), producer(), SimulatorListener.none());

        for (long i = 0; i < 6; i++) {
            CameraSimulator.SimulatedFrame f = sim.frame(i);
            byte[] jpeg = f.frame().getJpeg().array();
            assertEquals(0xFF, jpeg[0] & 0xFF);
            assertEquals(0xD8, jpeg[1] & 0xFF, "JPEG SOI marker");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertNotNull(img, "decodes");
            assertEquals(1280, img.getWidth());
            assertEquals(720, img.getHeight());
            assertEquals(1280, f.frame().getWidth());
            assertEquals(720, f.frame().getHeight());

            Rectangle plate = f.plateBounds();
            assertTrue(plate.width >= 110 && plate.width <= 280, "plate width " + plate.width);
            assertTrue(new Rectangle(0, 0, 1280, 720).contains(plate), "plate inside the frame");
            // A drawn plate is a white face with dark characters: both must be present inside its box.
            int bright = 0;
            int dark = 0;
            for (int y = plate.y + plate.height / 8; y < plate.y + plate.height * 7 / 8; y++) {
                for (int x = plate.x + plate.width / 10; x < plate.x + plate.width * 8 / 10; x++) {
                    int rgb = img.getRGB(x, y);
                    int lum = ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3;
                    bright += lum > 150 ? 1 : 0;
                    dark += lum < 120 ? 1 : 0;
                }
            }
            int area = plate.width * 7 / 10 * plate.height * 3 / 4;
            assertTrue(bright > area / 3, "white plate face in frame " + i);
            assertTrue(dark > area / 25, "dark characters in frame " + i + ": " + dark + " of " + area);
        }
    }

    @Test
    void differentPlatesDrawDifferentPixels() throws IOException {
        PlateArtist artist = new PlateArtist(PlateFonts.installed());
        BufferedImage a = plate(artist, "1234ABD");
        BufferedImage b = plate(artist, "1234ABE");
        int differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                differing += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        // Only the last letter (and the Arabic letter above it) changes: a small but real share of pixels.
        assertTrue(differing > 100 && differing < a.getWidth() * a.getHeight() / 5, "differing pixels " + differing);
    }

    private static BufferedImage plate(PlateArtist artist, String text) {
        BufferedImage img = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        artist.draw(g, new SimulatedPlate(text, org.raqib.models.PlateLayout.STANDARD, false), 0, 0, 400);
        g.dispose();
        return img;
    }

    @Test
    void publishesFramesWithoutThePlateTextAndReportsTheTruthOnTheSide() {
        MockProducer<String, byte[]> producer = producer();
        List<GroundTruth> truths = new CopyOnWriteArrayList<>();
        CameraSimulator sim = simulator(SimulatorOptions.defaults().withFramesPerSecond(200).withMaxFrames(5).withSeed(5),
                producer, truths::add);

        sim.run();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertEquals(5, sent.size());
        assertEquals(5, truths.size(), "truth reported for every acknowledged frame");
        assertEquals(5, sim.acknowledged());
        for (int i = 0; i < sent.size(); i++) {
            ProducerRecord<String, byte[]> r = sent.get(i);
            GroundTruth truth = truths.get(i);
            assertEquals(Topics.FRAMES.name(), r.topic());
            CameraFrame frame = Topics.FRAMES.wire().decode(r.value());
            assertEquals(frame.getCameraId(), r.key(), "keyed by camera");
            assertEquals(truth.frameId(), frame.getFrameId());
            assertEquals("simulator", frame.getOrigin());
            assertEquals(truth.radarSpeedKmh(), frame.getRadarSpeedKmh());
            assertEquals(CLOCK.instant(), frame.getCaptureTime());
            assertFalse(r.headers().iterator().hasNext(), "no headers");

            // The plate exists only as pixels: neither its Latin nor its Arabic text is in the bytes on the wire.
            String latin = truth.plateText();
            assertFalse(contains(r.value(), latin.getBytes(StandardCharsets.UTF_8)), "Latin text leaked");
            assertFalse(contains(r.value(), SaudiPlate.letters(latin).getBytes(StandardCharsets.UTF_8)),
                    "letters leaked");
            assertFalse(contains(r.value(), SaudiPlate.toArabic(latin).getBytes(StandardCharsets.UTF_8)),
                    "Arabic text leaked");
            assertFalse(frame.toString().replace(frame.getJpeg().toString(), "").contains(latin));
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void stopsAtTheFrameLimitInTheBackground() throws InterruptedException {
        MockProducer<String, byte[]> producer = producer();
        CameraSimulator sim = simulator(SimulatorOptions.defaults().withFramesPerSecond(50).withMaxFrames(3), producer,
                SimulatorListener.none());

        sim.start();

        assertTrue(sim.awaitCompletion(java.time.Duration.ofSeconds(60)));
        assertEquals(3, producer.history().size());
        sim.close();
    }

    @Test
    void aSectionTripIsPublishedAtBothCamerasInAConsistentTimeline() {
        // given a clock that moves one second each time it is read, so a minute's trip takes a few frames
        java.util.concurrent.atomic.AtomicLong seconds = new java.util.concurrent.atomic.AtomicLong();
        Clock stepping = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return CLOCK.instant().plusSeconds(seconds.getAndIncrement());
            }
        };
        MockProducer<String, byte[]> producer = producer();
        List<GroundTruth> frames = new CopyOnWriteArrayList<>();
        List<SectionTruth> trips = new CopyOnWriteArrayList<>();
        SimulatorListener listener = new SimulatorListener() {
            @Override
            public void onFrame(GroundTruth truth) {
                frames.add(truth);
            }

            @Override
            public void onSection(SectionTruth truth) {
                trips.add(truth);
            }
        };
        CameraSimulator sim = new CameraSimulator(SimulatorOptions.defaults().withSectionShare(0.7).withSize(640, 360)
                .withFramesPerSecond(200).withMaxFrames(160).withSeed(9), SimulatorFixtures.withSection(), producer,
                false, stepping, listener);

        // when it runs
        sim.run();

        // then completed trips have both frames, the exit after the entry by the trip's length at its speed
        assertTrue(trips.size() > 10, "trips completed: " + trips.size());
        java.util.Map<String, GroundTruth> byFrame = new java.util.HashMap<>();
        frames.forEach(f -> byFrame.put(f.frameId(), f));
        int overSection = 0;
        for (SectionTruth t : trips) {
            GroundTruth entry = byFrame.get(t.entryFrameId());
            GroundTruth exit = byFrame.get(t.exitFrameId());
            assertEquals(SimulatorFixtures.CITY.id(), entry.cameraId());
            assertEquals(SimulatorFixtures.CITY_2.id(), exit.cameraId());
            assertEquals(entry.plateText(), exit.plateText());
            assertEquals(t.plateText(), entry.plateText());
            assertEquals(entry.captureTime(), t.entryTime());
            assertEquals(exit.captureTime(), t.exitTime());
            assertTrue(t.averageKmh() > 20 && t.averageKmh() < 150, "plausible average " + t.averageKmh());
            if (t.overLimit()) {
                overSection++;
                assertFalse(entry.overLimit() || exit.overLimit(), "section speeders here are legal at both cameras");
            }
        }
        assertTrue(overSection > 0 && overSection < trips.size(), overSection + " of " + trips.size() + " over the section");
        // the frame rate holds: exits take frame slots, they are not extra frames
        assertEquals(160, producer.history().size());
    }
}
