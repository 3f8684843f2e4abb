package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.cli.GeneratedScenesCommand;
import org.raqib.detection.cli.PhotoTransform;
import org.raqib.detection.locate.PlateCandidate;
import org.raqib.detection.opencv.Affine;
import org.raqib.detection.read.Calibration;
import org.raqib.detection.read.PlateReader;
import org.raqib.detection.read.ReadResult;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/** The front door with the committed models, on images these tests make (no ../shared needed). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlateRecognizerTest {

    private static PlateRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = PlateRecognizer.loadDefault();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void aPlateTiltedInThePhotoIsFoundBySearchingThePhotoTurned() {
        // given generated scenes turned 11 degrees (a camera far from level), in which the recogniser before its turned
        // search (session 36's) framed no plate at IoU 0.5 (its best framings 0.00, 0.49, 0.48 and 0.47), and scenes
        // turned 17 degrees in which the search turned 5 degrees alone framed none (0.00, 0.25, 0.00, 0.45)
        // when recognised, then most are framed, and nothing is read wrong at 0.9 or more
        int at11 = foundTurned(11, 22, 23, 49, 51);
        assertTrue(at11 >= 3, "found " + at11 + " of 4 turned 11 degrees");
        int at17 = foundTurned(17, 17, 18, 22, 35);
        assertTrue(at17 >= 3, "found " + at17 + " of 4 turned 17 degrees");
    }

    /** How many of the generated scenes {@code seeds}, turned {@code degrees}, have their plate framed at IoU 0.5. */
    private static int foundTurned(double degrees, int... seeds) {
        int found = 0;
        for (int seed : seeds) {
            SceneGenerator.Scene s = scene(seed);
            org.opencv.core.Mat bgr = org.raqib.detection.opencv.Mats.toBgr(s.image());
            org.opencv.core.Mat turn = Affine.rotation(bgr.size(), degrees, 1);
            org.opencv.core.Mat turned = Affine.rotate(bgr, turn);
            Box truth = Affine.bounds(turn, label(s), bgr.size());
            org.opencv.core.MatOfByte png = new org.opencv.core.MatOfByte();
            org.opencv.imgcodecs.Imgcodecs.imencode(".png", turned, png);
            Recognition r = recognizer.recognize(png.toArray());
            if (r.plates().stream().anyMatch(p -> p.box().iou(truth) >= 0.5)) {
                found++;
            }
            for (PlateResult p : r.plates()) {
                assertTrue(p.confidence() < 0.9 || p.text().equals(s.text()), "confidently wrong at scene " + seed);
            }
            for (org.opencv.core.Mat m : List.of(bgr, turn, turned, png)) {
                m.release();
            }
        }
        return found;
    }

    @Test
    void garbageBytesAreUnreadable() {
        byte[] garbage = "this is not an image, just some text".getBytes(StandardCharsets.UTF_8);
        UnreadableImageException e = assertThrows(UnreadableImageException.class, () -> recognizer.recognize(garbage));
        assertTrue(e.getMessage().contains("not a decodable image"), e.getMessage());
        assertThrows(UnreadableImageException.class, () -> recognizer.recognize(new byte[0]));
    }

    @Test
    void truncatedJpegIsUnreadable() throws IOException {
        byte[] jpeg = encode(scene(5).image(), "jpg");
        byte[] head = java.util.Arrays.copyOf(jpeg, 20);
        assertThrows(UnreadableImageException.class, () -> recognizer.recognize(head));
    }

    @Test
    void imagesWithoutPlatesGiveNoPlates() {
        BufferedImage flat = new BufferedImage(598, 598, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = flat.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, 598, 598);
        g.dispose();
        BufferedImage noise = new BufferedImage(598, 598, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(3);
        for (int y = 0; y < 598; y++) {
            for (int x = 0; x < 598; x++) {
                noise.setRGB(x, y, rnd.nextInt(0xFFFFFF));
            }
        }
        Recognition r = recognizer.recognize(flat);
        assertEquals(0, r.plates().size());
        assertEquals(598, r.imageWidth());
        assertEquals(0, recognizer.recognize(noise).plates().size());
    }

    @Test
    void imagesOfAnySizeAndShapeAreSearchedWithoutFailing() {
        // given striped images from 1x1 to strips thousands of pixels long and a few wide (OpenCV threw on the strips
        // when the search of a large image shrunk them to no rows), either way round
        int[][] sizes = {{1, 1}, {3, 7}, {16, 16}, {40, 24}, {5000, 4}, {4, 5000}, {9000, 7}, {1500, 1}, {2000, 3}};
        for (int[] s : sizes) {
            BufferedImage img = new BufferedImage(s[0], s[1], BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    img.setRGB(x, y, (x / 7 + y / 5) % 2 == 0 ? 0x202020 : 0xE0E0E0);
                }
            }
            // when / then: a result of the image's size, no plate
            Recognition r = recognizer.recognize(img);
            assertEquals(s[0], r.imageWidth());
            assertEquals(s[1], r.imageHeight());
            assertEquals(0, r.plates().size(), s[0] + "x" + s[1]);
        }
        // and the shrunk search's guard: a strip shrinks to no rows, a 1080p frame does not
        org.opencv.core.Mat strip = new org.opencv.core.Mat(4, 5000, org.opencv.core.CvType.CV_8UC1);
        org.opencv.core.Mat frame = new org.opencv.core.Mat(1080, 1920, org.opencv.core.CvType.CV_8UC1);
        assertFalse(PlateRecognizer.shrinksToRows(strip, 600.0 / 5000));
        assertTrue(PlateRecognizer.shrinksToRows(frame, 600.0 / 1920));
        strip.release();
        frame.release();
    }

    @Test
    void aSmallImageWithNothingAcceptedIsSearchedAgainEnlargedAFrameIsNot() {
        // given a plate-free 598x598 image with some texture (so that the localiser proposes candidates), and the
        // same texture in a 640x360 frame (the simulator's smallest)
        BufferedImage small = texture(598, 598);
        BufferedImage frame = texture(640, 360);
        RecognitionProfile smallProfile = new RecognitionProfile();
        RecognitionProfile frameProfile = new RecognitionProfile();
        // when
        recognizer.recognize(encode(small), smallProfile);
        recognizer.recognize(encode(frame), frameProfile);
        // then the small image's candidates come from two searches (each returns at most maxCandidates), the
        // frame's from one
        int max = RecognizerOptions.defaults().maxCandidates();
        assertTrue(smallProfile.candidates() > max, "candidates " + smallProfile.candidates());
        assertTrue(frameProfile.candidates() <= max, "candidates " + frameProfile.candidates());
    }

    private static BufferedImage texture(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(120, 120, 120));
        g.fillRect(0, 0, w, h);
        Random rnd = new Random(5);
        for (int i = 0; i < 60; i++) {
            int v = rnd.nextInt(256);
            g.setColor(new Color(v, v, v));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), 10 + rnd.nextInt(120), 5 + rnd.nextInt(40));
        }
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img) {
        try {
            return encode(img, "png");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLargeImageWithNothingAcceptedIsSearchedAgainShrunkASmallOneIsNot() {
        // given the same plate-free texture in a 1000x700 image, a 720x576 (PAL) frame and a 640x360 frame
        BufferedImage large = texture(1000, 700);
        BufferedImage pal = texture(720, 576);
        BufferedImage frame = texture(640, 360);
        RecognitionProfile largeProfile = new RecognitionProfile();
        RecognitionProfile palProfile = new RecognitionProfile();
        RecognitionProfile frameProfile = new RecognitionProfile();
        RecognitionProfile offProfile = new RecognitionProfile();
        // when recognised, and the large one again with the shrunk search off
        recognizer.recognize(encode(large), largeProfile);
        recognizer.recognize(encode(pal), palProfile);
        recognizer.recognize(encode(frame), frameProfile);
        try (PlateRecognizer off = new PlateRecognizer(org.raqib.detection.read.PlateReader.loadDefault(),
                RecognizerOptions.defaults().withShrinkFrom(Integer.MAX_VALUE))) {
            off.recognize(encode(large), offProfile);
        }
        // then the large image's and the PAL frame's candidates come from two searches (each returns at most
        // maxCandidates), the 640x360 frame's and the large image's without the shrunk search from one
        int max = RecognizerOptions.defaults().maxCandidates();
        assertEquals(641, RecognizerOptions.defaults().shrinkFrom());
        assertTrue(largeProfile.candidates() > max, "candidates " + largeProfile.candidates());
        assertTrue(palProfile.candidates() > max, "PAL candidates " + palProfile.candidates());
        assertTrue(frameProfile.candidates() <= max, "candidates " + frameProfile.candidates());
        assertTrue(offProfile.candidates() <= max, "candidates " + offProfile.candidates());
    }

    @Test
    void aPlateNoGeneratorFramesInAnEnlargedImageIsFoundShrunk() {
        // given a generated 598x598 scene enlarged 3.5 times (bicubic), in which no candidate of the search at full
        // size frames its wide plate (81 px wide before, about 284 px after): the first such scene from seed 80_000
        // with the committed models (a throwaway search; session 25's retrained localiser scorer frames the plate of
        // the scene used before, 80_038, at full size)
        SceneGenerator.Scene s = scene(80_221L);
        double f = 3.5;
        int side = (int) Math.round(598 * f);
        BufferedImage big = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(s.image(), 0, 0, side, side, null);
        g.dispose();
        Box truth = new Box((int) (s.box().x * f), (int) (s.box().y * f), (int) (s.box().width * f),
                (int) (s.box().height * f));
        // when recognised, and again with the shrunk search off
        Recognition r = recognizer.recognize(big);
        Recognition off;
        try (PlateRecognizer without = new PlateRecognizer(org.raqib.detection.read.PlateReader.loadDefault(),
                RecognizerOptions.defaults().withShrinkFrom(Integer.MAX_VALUE))) {
            off = without.recognize(big);
        }
        // then the plate is found, in the enlarged image's coordinates, only with the shrunk search
        assertTrue(off.plates().isEmpty(), "without the shrunk search: " + off.plates().size() + " plates");
        assertTrue(r.plates().stream().anyMatch(p -> p.box().iou(truth) >= 0.5), "plates " + r.plates().size());
    }

    @Test
    void warmingUpRecognisesGeneratedScenesAndChangesNoResult() throws IOException {
        // given encoded scenes, read by a recogniser that has read nothing before
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(encode(scene(72_600L + i).image(), "png"));
        }
        List<String> cold = new ArrayList<>();
        try (PlateRecognizer fresh = PlateRecognizer.loadDefault()) {
            for (byte[] image : images) {
                cold.add(describe(fresh.recognize(image)));
            }
        }

        // when another recogniser warms up first (the quick warm-up, then the full one: its scenes are recognised
        // once in a JVM, so not again if another test warmed this one up already), and a third one fully after it
        List<String> warm = new ArrayList<>();
        try (PlateRecognizer warmed = PlateRecognizer.loadDefault();
                PlateRecognizer later = PlateRecognizer.loadDefault()) {
            assertEquals(5, warmed.warmUp(false));
            // this machine has the generator's fonts (theWarmUpScenesAreGeneratedPlates): the scenes are recognised up
            // to a batch's count, less what earlier warm-ups of this JVM (other tests') made
            int before = PlateRecognizer.sceneRecognitionsInThisJvm();
            int everyBefore = PlateRecognizer.everyStageRecognitionsInThisJvm();
            int batch = Math.max(before, PlateRecognizer.WARM_UP_RECOGNITIONS);
            assertEquals(5 + batch - before, warmed.warmUp(true));
            assertEquals(batch, PlateRecognizer.sceneRecognitionsInThisJvm());
            // of the batch warm-up's scene recognitions (this JVM's from `before` on), every third ran every stage
            int every = 0;
            for (int i = before; i < batch; i++) {
                every += i % PlateRecognizer.WARM_UP_EVERY_STAGE == 0 ? 1 : 0;
            }
            assertEquals(everyBefore + every, PlateRecognizer.everyStageRecognitionsInThisJvm());
            assertTrue(PlateRecognizer.everyStageRecognitionsInThisJvm() > 0, "a stream's warm-up stops at "
                    + PlateRecognizer.STREAM_WARM_UP_RECOGNITIONS + ": a batch's made some every-stage recognitions");
            assertEquals(5, later.warmUp(true), "the JVM's code is compiled: the scenes are not recognised again");
            later.warmUp();
            assertEquals(batch, PlateRecognizer.sceneRecognitionsInThisJvm(),
                    "a stream's warm-up, shorter, after a batch's: no scenes recognised");
            for (byte[] image : images) {
                warm.add(describe(warmed.recognize(image)));
            }
        }

        // then each image reads the same, to the last digit of every confidence
        assertEquals(cold, warm);
        assertTrue(cold.stream().anyMatch(d -> d.contains("text=")), "some plate read: " + cold);
    }

    @Test
    void aBatchWarmUpRecognisesTheScenesUpToTheCountAsked() {
        // given this JVM's scene recognitions so far (other tests' warm-ups count too: compiled code serves them all)
        int before = PlateRecognizer.sceneRecognitionsInThisJvm();
        // when a batch warm-up asks for two more than that, then for fewer than it has (this machine has the fonts)
        int warmed = recognizer.warmUp(before + 2);
        int again = recognizer.warmUp(before + 1);
        // then two scenes are recognised after the drawn image's five recognitions, and none the second time
        assertEquals(5 + 2, warmed);
        assertEquals(before + 2, PlateRecognizer.sceneRecognitionsInThisJvm());
        assertEquals(5, again);
        assertThrows(IllegalArgumentException.class, () -> recognizer.warmUp(-1));
    }

    @Test
    void theWarmUpScenesAreGeneratedPlates() {
        // the full warm-up's scenes (this machine has the generator's fonts): 598x598 colour images, all different
        List<org.opencv.core.Mat> scenes = PlateRecognizer.warmUpScenes();
        try {
            assertEquals(PlateRecognizer.WARM_UP_SCENES, scenes.size());
            java.util.Set<Double> sums = new java.util.HashSet<>();
            for (org.opencv.core.Mat m : scenes) {
                assertEquals(598, m.cols());
                assertEquals(598, m.rows());
                assertEquals(3, m.channels());
                sums.add(org.opencv.core.Core.sumElems(m).val[0]);
            }
            assertEquals(scenes.size(), sums.size());
            // and a recogniser finds a plate in most of them
            int withPlate = 0;
            for (org.opencv.core.Mat m : scenes) {
                org.opencv.core.MatOfByte png = new org.opencv.core.MatOfByte();
                org.opencv.imgcodecs.Imgcodecs.imencode(".png", m, png);
                withPlate += recognizer.recognize(png.toArray()).plates().isEmpty() ? 0 : 1;
                png.release();
            }
            assertTrue(withPlate >= scenes.size() - 2, withPlate + " of " + scenes.size());
        } finally {
            scenes.forEach(org.opencv.core.Mat::release);
        }
    }

    @Test
    void theBatchWarmUpsEveryStageRecognitionsRunTheStagesASurePlateSkips() {
        // given generated warm-up scenes, which the recogniser reads surely enough to stop after its first search
        List<org.opencv.core.Mat> scenes = PlateRecognizer.warmUpScenes();
        try {
            for (org.opencv.core.Mat m : scenes.subList(0, 3)) {
                // when one is recognised as a photo is, and as the batch warm-up's every-stage recognitions are
                RecognitionProfile plain = new RecognitionProfile();
                RecognitionProfile every = new RecognitionProfile();
                recognizer.recognize(m, plain, false);
                recognizer.recognize(m, every, true);

                // then the every-stage recognition locates again (the enlarged, half-size and turned searches) and
                // hands more crops to the reader
                assertTrue(every.candidates() > plain.candidates(), every.candidates() + " vs " + plain.candidates());
                assertTrue(every.cropsRead() > plain.cropsRead(), every.cropsRead() + " vs " + plain.cropsRead());
            }
        } finally {
            scenes.forEach(org.opencv.core.Mat::release);
        }
    }

    private static String describe(Recognition r) {
        StringBuilder b = new StringBuilder();
        for (PlateResult p : r.plates()) {
            b.append("text=").append(p.text()).append(' ').append(p.arabic()).append(' ').append(p.confidence())
                    .append(' ').append(java.util.Arrays.toString(p.characterConfidences())).append(' ')
                    .append(p.alternatives()).append(' ').append(p.box()).append(' ')
                    .append(java.util.Arrays.toString(p.quad().xs())).append(java.util.Arrays.toString(p.quad().ys()))
                    .append(' ').append(p.layout()).append(' ').append(p.ownRowsConfidence()).append("; ");
        }
        return b.toString();
    }

    @Test
    void findsPlatesInEncodedScenesInImageCoordinates() throws IOException {
        // given 10 synthetic scenes (seeds not used in training), encoded as PNG like a file would be
        int found = 0;
        for (int i = 0; i < 10; i++) {
            SceneGenerator.Scene s = scene(70_000L + i);
            // when
            Recognition r = recognizer.recognize(encode(s.image(), "png"));
            // then one plate box overlaps the true box (boxes are in the image's own pixels)
            Box truth = label(s);
            if (r.plates().stream().anyMatch(p -> p.box().iou(truth) >= 0.5)) {
                found++;
            }
            assertTrue(r.plates().size() <= RecognizerOptions.defaults().maxPlates());
            assertTrue(r.nanos() > 0);
            for (PlateResult p : r.plates()) {
                assertEquals(4, p.quad().xs().length);
                assertTrue(p.confidence() >= 0 && p.confidence() <= 1);
                assertTrue(p.box().x() >= 0 && p.box().x() + p.box().width() <= r.imageWidth());
            }
        }
        assertTrue(found >= 8, "plate found in " + found + " of 10 scenes");
    }

    @Test
    void onlyImagesSmallerThanEnlargeBelowAreSearchedAgainEnlarged() throws IOException {
        // given a 598x598 plate-free image of noise, in which nothing is accepted
        BufferedImage noise = new BufferedImage(598, 598, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(11);
        for (int y = 0; y < 598; y++) {
            for (int x = 0; x < 598; x++) {
                noise.setRGB(x, y, rnd.nextInt(0xFFFFFF));
            }
        }
        byte[] png = encode(noise, "png");
        // when recognised with the second search below 640 px (the default), 599, 598 and never
        long[] candidates = new long[4];
        int[] limits = {RecognizerOptions.defaults().enlargeBelow(), 599, 598, 0};
        for (int i = 0; i < limits.length; i++) {
            RecognitionProfile profile = new RecognitionProfile();
            try (PlateRecognizer r = new PlateRecognizer(org.raqib.detection.read.PlateReader.loadDefault(),
                    RecognizerOptions.defaults().withEnlargeBelow(limits[i]))) {
                assertEquals(0, r.recognize(png, profile).plates().size());
            }
            candidates[i] = profile.candidates();
        }
        // then the default and 599 search it twice (the enlarged search adds candidates), 598 and 0 once
        assertEquals(640, limits[0]);
        assertTrue(candidates[3] >= 1, "candidates " + candidates[3]);
        assertTrue(candidates[0] > candidates[3], candidates[0] + " against " + candidates[3]);
        assertEquals(candidates[0], candidates[1]);
        assertEquals(candidates[3], candidates[2]);
    }

    @Test
    void profileChargesEveryImageToItsStages() throws IOException {
        // given two encoded scenes and an empty profile
        RecognitionProfile profile = new RecognitionProfile();
        long recognised = 0;
        // when both are recognised with the profile
        for (int i = 0; i < 2; i++) {
            recognised += recognizer.recognize(encode(scene(71_000L + i).image(), "jpg"), profile).nanos();
        }
        // then both images are counted, each stage that always runs took time, and the stages add up to no
        // more than the recogniser's own wall time (they are laps of one clock)
        assertEquals(2, profile.images());
        long stages = 0;
        for (RecognitionProfile.Stage s : RecognitionProfile.Stage.values()) {
            assertTrue(profile.wallNanos(s) >= 0 && profile.cpuNanos(s) >= 0, s.name());
            stages += profile.wallNanos(s);
        }
        assertTrue(profile.wallNanos(RecognitionProfile.Stage.DECODE) > 0);
        assertTrue(profile.cpuNanos(RecognitionProfile.Stage.GENERATE) > 0);
        assertTrue(profile.wallNanos(RecognitionProfile.Stage.READ) > 0);
        assertTrue(stages <= recognised, stages + " ns in stages, " + recognised + " ns recognising");
        // a 598x598 image is searched at most seven times (as it is, enlarged, at half size, and turned 5 and 10 degrees
        // each way), each search returning at most maxCandidates
        long most = 2L * 7 * RecognizerOptions.defaults().maxCandidates();
        assertTrue(profile.candidates() >= 1 && profile.candidates() <= most, "candidates " + profile.candidates());
        assertTrue(profile.cropsRead() <= profile.candidates() && profile.cropsAccepted() <= profile.cropsRead());
    }

    @Test
    void onlyTheBestCandidateAndThoseScoringEnoughAreRead() {
        // given located candidates, best first, the third and fourth below the gate
        List<PlateCandidate> located = List.of(candidate(0.9), candidate(0.4), candidate(0.009), candidate(0.0));
        // when / then
        assertEquals(located.subList(0, 2), PlateRecognizer.worthReading(located, 0.01));
        // the best is read even when it scores below the gate: the reader is the judge of what is a plate
        List<PlateCandidate> weak = List.of(candidate(0.005), candidate(0.001));
        assertEquals(weak.subList(0, 1), PlateRecognizer.worthReading(weak, 0.01));
        assertEquals(List.of(), PlateRecognizer.worthReading(List.of(), 0.01));
    }

    private static PlateCandidate candidate(double score) {
        return candidate(score, 10, 10);
    }

    private static PlateCandidate candidate(double score, int x, int y) {
        Point[] corners = {new Point(x, y), new Point(x + 100, y), new Point(x + 100, y + 30), new Point(x, y + 30)};
        return new PlateCandidate(corners, new Rect(x, y, 100, 30), score, 100 / 30.0);
    }

    @Test
    void aConfidentFirstReadLeavesOnlyTheCandidatesElsewhereToRead() {
        // given the best candidate, a reframing of it, one touching its corner, and one elsewhere
        PlateCandidate best = candidate(0.9, 100, 100);
        PlateCandidate reframed = candidate(0.8, 130, 105);
        PlateCandidate corner = candidate(0.7, 190, 120);
        PlateCandidate elsewhere = candidate(0.6, 400, 300);
        List<PlateCandidate> all = List.of(best, reframed, corner, elsewhere);
        // when the best reads confidently and nothing else does
        List<ReadResult> reads = new ArrayList<>();
        List<PlateCandidate> read = PlateRecognizer.readInTurn(all, c -> reading(c == best ? 0.95 : 0.5), CONFIDENT, reads);
        // then only the one that shares no pixel with the best is read after it
        assertEquals(List.of(best, elsewhere), read);
        assertEquals(2, reads.size());
        assertEquals(List.of(best), PlateRecognizer.readInTurn(List.of(best), c -> reading(0.95), CONFIDENT, new ArrayList<>()));
    }

    @Test
    void aLaterConfidentReadStopsTheReadsOfItsOwnFramingsOnly() {
        // given: the best candidate reads unconfidently, the second (overlapping it) confidently; the third
        // overlaps only the second, the fourth only the first
        PlateCandidate best = candidate(0.9, 100, 100);
        PlateCandidate second = candidate(0.8, 150, 100);
        PlateCandidate third = candidate(0.7, 240, 110);
        PlateCandidate fourth = candidate(0.6, 40, 90);
        List<PlateCandidate> all = List.of(best, second, third, fourth);
        // when
        List<ReadResult> reads = new ArrayList<>();
        List<PlateCandidate> read = PlateRecognizer.readInTurn(all, c -> reading(c == second ? 0.9 : 0.5), CONFIDENT, reads);
        // then: the third is a framing of the settled plate and is not read; the fourth still is, since an
        // unconfident read settles nothing
        assertEquals(List.of(best, second, fourth), read);
        assertEquals(List.of(0.5, 0.9, 0.5), reads.stream().map(ReadResult::confidence).toList());
    }

    @Test
    void whetherAReadSettlesIsAskedOnlyWhereItCanLeaveALaterCandidateUnread() {
        // given: the best candidate, a reframing of it, one elsewhere, and one touching only the best's corner
        List<PlateCandidate> given = List.of(candidate(0.9, 100, 100), candidate(0.8, 130, 105), candidate(0.6, 400, 300),
                candidate(0.5, 190, 120));
        PlateCandidate best = given.get(0);
        PlateCandidate elsewhere = given.get(2);
        List<PlateCandidate> asked = new ArrayList<>();
        Predicate<PlateCandidate> unsure = c -> {
            asked.add(c);
            return false;
        };
        // when none settles
        List<PlateCandidate> reads = new ArrayList<>();
        List<PlateCandidate> read = PlateRecognizer.readInTurn(given.subList(0, 3), c -> c, unsure, reads);
        // then all are read, and only the best is asked about: nothing later overlaps the others
        assertEquals(given.subList(0, 3), read);
        assertEquals(List.of(best), asked);
        // and when the best settles, a later read overlapping only the settled best is not asked about either
        asked.clear();
        Predicate<PlateCandidate> bestSettles = c -> {
            asked.add(c);
            return c == best;
        };
        read = PlateRecognizer.readInTurn(List.of(best, elsewhere, given.get(3)), c -> c, bestSettles, new ArrayList<>());
        assertEquals(List.of(best, elsewhere), read);
        assertEquals(List.of(best), asked);
    }

    @Test
    void aReadingHeldAtTheCapThatItsOwnRowsReportAutomaticallySettlesItsFramings() {
        // given readings held at the inconsistency cap: by the plate network's Arabic row alone with the reader's own
        // rows reporting it automatically, with them reporting it only at the unconfirmed cap, and for another reason
        RecognizerOptions options = RecognizerOptions.defaults();
        ReadResult ownRowsAutomatic = reading(0.5, 0.97);
        ReadResult ownRowsUnconfirmed = reading(0.5, 0.85);
        ReadResult capped = reading(0.5, 0);
        // then only the first settles, at its own rows' figure; a sure reading settles at its own as before
        assertEquals(0.97, PlateRecognizer.settling(ownRowsAutomatic));
        assertEquals(0.5, PlateRecognizer.settling(ownRowsUnconfirmed));
        assertEquals(0.5, PlateRecognizer.settling(capped));
        assertEquals(0.95, PlateRecognizer.settling(reading(0.95, 0)));
        assertTrue(PlateRecognizer.settles(1.0, () -> ownRowsAutomatic, options));
        assertFalse(PlateRecognizer.settles(1.0, () -> ownRowsUnconfirmed, options));
        assertFalse(PlateRecognizer.settles(1.0, () -> capped, options));
        // and a crop that does not read as a plate settles nothing, its whole reading not even made
        assertFalse(PlateRecognizer.settles(options.minPlateScore() / 2, () -> {
            throw new AssertionError("whole reading made for a crop that is no plate");
        }, options));
        // so, read in turn, the best candidate so read leaves its reframing unread, the one elsewhere read
        PlateCandidate best = candidate(0.9, 100, 100);
        PlateCandidate reframed = candidate(0.8, 130, 105);
        PlateCandidate elsewhere = candidate(0.6, 400, 300);
        List<ReadResult> reads = new ArrayList<>();
        List<PlateCandidate> read = PlateRecognizer.readInTurn(List.of(best, reframed, elsewhere),
                c -> c == best ? ownRowsAutomatic : capped, r -> PlateRecognizer.settles(1.0, () -> r, options), reads);
        assertEquals(List.of(best, elsewhere), read);
    }

    @Test
    void aReadingItsOwnRowsReportAutomaticallyIsNotReadAgainSharpened() {
        // given two finds held at the inconsistency cap, one whose own rows report it automatically, one whose own rows
        // report it at the unconfirmed cap, and re-reads that read the plate surer than the cap but not automatically
        Box box = new Box(100, 100, 140, 60);
        PlateRecognizer.Scored automatic = ownRowsScored(0.97, box);
        PlateRecognizer.Scored unconfirmed = ownRowsScored(0.85, box);
        PlateResult reread = ownRowsScored(0, box).result();
        PlateResult sharper = new PlateResult(reread.text(), "", 0.8, reread.characterConfidences(), List.of(),
                reread.quad(), box, PlateLayout.STANDARD);
        List<PlateRecognizer.Scored> asked = new ArrayList<>();
        Function<PlateRecognizer.Scored, List<PlateResult>> rereads = s -> {
            asked.add(s);
            return List.of(sharper);
        };
        // then the first keeps its reading, not read again; the second is read again and replaced
        assertSame(automatic.result(), PlateRecognizer.surer(automatic, rereads, false));
        assertEquals(List.of(), asked);
        assertSame(sharper, PlateRecognizer.surer(unconfirmed, rereads, false));
        assertEquals(List.of(unconfirmed), asked);
        // and the warm-up's every-stage recognitions read every reading again
        PlateRecognizer.surer(automatic, rereads, true);
        assertEquals(List.of(unconfirmed, automatic), asked);
    }

    @Test
    void aReReadOfTheSameTextItsOwnRowsReportAutomaticallyReplacesTheReading() {
        // given a find held at the inconsistency cap whose own rows report it at the unconfirmed cap
        Box box = new Box(100, 100, 140, 60);
        PlateRecognizer.Scored held = ownRowsScored(0.85, box);
        PlateResult same = ownRowsScored(0.97, box).result();
        PlateResult sameUnsure = ownRowsScored(0.86, box).result();
        PlateResult sameSurer = ownRowsScored(0.99, box).result();
        PlateResult other = new PlateResult("1234ABB", "", 0.5, new double[7], List.of(), same.quad(), box,
                PlateLayout.STANDARD, 0.99);
        // then a re-read of the same text whose own rows report it automatically replaces it, and is reported at their
        // figure
        PlateResult kept = PlateRecognizer.surer(held, s -> java.util.Arrays.asList(null, same), false);
        assertSame(same, kept);
        assertEquals(0.97, PlateRecognizer.ownRowsRaised(kept).confidence());
        // but not one whose own rows are unsure too, nor one of another text however sure its rows
        assertSame(held.result(), PlateRecognizer.surer(held, s -> List.of(sameUnsure), false));
        assertSame(held.result(), PlateRecognizer.surer(held, s -> List.of(other), false));
        // and once a re-read so replaced it, a later one of the same text does not replace that (already automatic)
        assertSame(same, PlateRecognizer.surer(held, s -> List.of(same, sameSurer), false));
    }

    private static PlateRecognizer.Scored ownRowsScored(double ownRowsConfidence, Box box) {
        double[] xs = {box.x(), box.x() + box.width(), box.x() + box.width(), box.x()};
        double[] ys = {box.y(), box.y(), box.y() + box.height(), box.y() + box.height()};
        return new PlateRecognizer.Scored(new PlateResult("1234ABD", "", 0.5, new double[7], List.of(), new Quad(xs, ys),
                box, PlateLayout.STANDARD, ownRowsConfidence), 0.9);
    }

    @Test
    void aFindThatIsNotReportedAndTiesNoScoreIsNeverReadInFull() {
        // given: a plate and a looser framing of it that scores lower, whose whole reading must not be needed
        PlateRecognizer.Scored plate = scored("1234ABD", 0.95, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.9);
        PlateRecognizer.Scored loose = new PlateRecognizer.Scored(new Box(170, 270, 160, 80), PlateLayout.STANDARD, 0.6,
                () -> {
                    throw new AssertionError("the hidden framing was read in full");
                });
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(loose, plate)));
        // then
        assertEquals(List.of(plate.result()), kept);
        // and a framing that ties the plate's rounded score is read, to order the two by confidence
        boolean[] made = new boolean[1];
        PlateRecognizer.Scored tie = new PlateRecognizer.Scored(new Box(170, 270, 160, 80), PlateLayout.STANDARD, 0.9,
                () -> {
                    made[0] = true;
                    return scored("1234ABD", 0.5, new Box(170, 270, 160, 80), PlateLayout.STANDARD, 0.9).result();
                });
        assertEquals(List.of(plate.result()), recognizer.suppressOverlaps(new ArrayList<>(List.of(tie, plate))));
        assertTrue(made[0]);
    }

    @Test
    void aFramingReadAtTheUnconfirmedCapGivesWayToAnotherReadingTwoCharactersSurer() {
        // given: two well-framed finds of one plate (an invented text): a tight framing read at the unconfirmed cap,
        // its first digit lost and its other digits unsure, and a looser one held at the inconsistency cap, every
        // character read surely
        Box tight = new Box(200, 300, 80, 30);
        Box whole = new Box(185, 298, 110, 34);
        PlateRecognizer.Scored unsure = scored("821KSD", new double[] {0.3, 0.4, 0.2, 0.95, 0.9, 0.9}, 0.85, tight, 0.99);
        PlateRecognizer.Scored surer = scored("4821KSD", new double[] {0.97, 0.95, 0.96, 0.9, 0.95, 0.9, 0.9}, 0.5,
                whole, 0.95);
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(unsure, surer)));
        // then the surer rows are reported, at their own confidence
        assertEquals(1, kept.size());
        assertEquals("4821KSD", kept.get(0).text());
        assertEquals(Calibration.INCONSISTENT_CAP, kept.get(0).confidence());
        // and the margin is two characters' worth: six characters at 0.5 (3.0) give way to seven at 0.72 (5.04), not
        // to seven at 0.7 (4.9)
        double[] half = new double[6];
        java.util.Arrays.fill(half, 0.5);
        PlateRecognizer.Scored first = scored("821KSD", half, 0.85, tight, 0.99);
        assertEquals("4821KSD", afterSurerRows(first, surer(0.72, 0.5, whole, 0.95)).get(0).result().text());
        assertSame(first, afterSurerRows(first, surer(0.7, 0.5, whole, 0.95)).get(0));
        // but not where the first is read above the unconfirmed cap, nor for a framing read below the inconsistency cap,
        // not well framed, or elsewhere
        PlateRecognizer.Scored sure = scored("821KSD", half, 0.9, tight, 0.99);
        assertSame(sure, afterSurerRows(sure, surer(0.9, 0.5, whole, 0.95)).get(0));
        assertSame(first, afterSurerRows(first, surer(0.9, 0.4, whole, 0.95)).get(0));
        assertSame(first, afterSurerRows(first, surer(0.9, 0.5, whole, 0.85)).get(0));
        assertSame(first, afterSurerRows(first, surer(0.9, 0.5, new Box(400, 300, 110, 34), 0.95)).get(0));
        // nor for a framing that reads the same text, however surely
        double[] sureSix = new double[6];
        java.util.Arrays.fill(sureSix, 0.99);
        assertSame(first, afterSurerRows(first, scored("821KSD", sureSix, 0.5, whole, 0.95)).get(0));
    }

    @Test
    void aSharpenedReReadAtTheSameCapReplacesAReadingOnlyWhereItReadsTwoCharactersSurer() {
        // given: a plate (an invented text) read at the inconsistency cap with its letters unsure, each at 0.3
        Box box = new Box(200, 300, 110, 34);
        double[] unsureLetters = {0.95, 0.95, 0.95, 0.95, 0.3, 0.3, 0.3};
        PlateResult read = scored("4821KSB", unsureLetters, 0.5, box, 0.95).result();
        // when its sharpened re-read is held at the same cap, then it replaces the reading where every character is read
        // at 0.95 (6.65 against 4.06: 2.6 more), not where the letters are read at 0.5 (5.05 against 4.06)
        double[] sure = {0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        double[] fair = {0.95, 0.95, 0.95, 0.95, 0.5, 0.5, 0.5};
        assertTrue(PlateRecognizer.sharpenedSurer(read, scored("4821KSD", sure, 0.5, box, 0.95).result()));
        assertFalse(PlateRecognizer.sharpenedSurer(read, scored("4821KSD", fair, 0.5, box, 0.95).result()));
        // and a surer re-read replaces it whatever its characters, as before, one held lower never
        assertTrue(PlateRecognizer.sharpenedSurer(read, scored("4821KSD", fair, 0.6, box, 0.95).result()));
        assertFalse(PlateRecognizer.sharpenedSurer(read, scored("4821KSD", sure, 0.4, box, 0.95).result()));
        // nor one that reads fewer characters (a stroke the sharpening wiped out), however surely
        double[] sureSix = {0.99, 0.99, 0.99, 0.99, 0.99, 0.99};
        assertFalse(PlateRecognizer.sharpenedSurer(read, scored("821KSD", sureSix, 0.5, box, 0.95).result()));
        assertFalse(PlateRecognizer.sharpenedSurer(read, scored("821KSD", sureSix, 0.8, box, 0.95).result()));
    }

    /** {@code first} then {@code other}, as {@link PlateRecognizer#surerRowsFirst} reorders them. */
    private static List<PlateRecognizer.Scored> afterSurerRows(PlateRecognizer.Scored first, PlateRecognizer.Scored other) {
        List<PlateRecognizer.Scored> ranked = new ArrayList<>(List.of(first, other));
        PlateRecognizer.surerRowsFirst(ranked);
        assertEquals(2, ranked.size());
        return ranked;
    }

    /** A find read as 4821KSD, each of its characters at {@code character}. */
    private static PlateRecognizer.Scored surer(double character, double confidence, Box box, double score) {
        double[] characters = new double[7];
        java.util.Arrays.fill(characters, character);
        return scored("4821KSD", characters, confidence, box, score);
    }

    @Test
    void anAutomaticShortReadingThatAnotherFramingReadsWithMoreDigitsIsReportedCapped() {
        // given: a wide plate framed from its second digit, read sure without its first, and framed whole, read unsure
        Box part = new Box(285, 320, 235, 62);
        Box whole = new Box(230, 316, 317, 75);
        PlateRecognizer.Scored lost = scored("873BTB", 0.996, part, PlateLayout.WIDE, 0.95);
        PlateRecognizer.Scored longer = scored("3873BTB", 0.5, whole, PlateLayout.WIDE, 0.95);
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(lost, longer)));
        // then the reported reading is no longer automatic
        assertEquals(1, kept.size());
        assertEquals("873BTB", kept.get(0).text());
        assertEquals(Calibration.INCONSISTENT_CAP, kept.get(0).confidence());
        // but not where the other framing reads other letters, its digits in another order, as many digits, or lies
        // elsewhere; nor where the short reading is not automatic or has four digits
        PlateResult sure = lost.result();
        assertTrue(PlateRecognizer.longerAmong(sure, List.of(lost, longer)));
        assertFalse(PlateRecognizer.longerAmong(sure, List.of(lost, scored("3873BTJ", 0.5, whole, PlateLayout.WIDE, 0.95))));
        assertFalse(PlateRecognizer.longerAmong(sure, List.of(lost, scored("3837BTB", 0.5, whole, PlateLayout.WIDE, 0.95))));
        assertFalse(PlateRecognizer.longerAmong(sure, List.of(lost, scored("673BTB", 0.5, whole, PlateLayout.WIDE, 0.95))));
        assertFalse(PlateRecognizer.longerAmong(sure,
                List.of(lost, scored("3873BTB", 0.5, new Box(20, 40, 317, 75), PlateLayout.WIDE, 0.95))));
        assertFalse(PlateRecognizer.longerAmong(scored("873BTB", 0.85, part, PlateLayout.WIDE, 0.95).result(),
                List.of(longer)));
        assertFalse(PlateRecognizer.longerAmong(scored("1873BTB", 0.996, part, PlateLayout.WIDE, 0.95).result(),
                List.of(scored("11873BTB", 0.5, whole, PlateLayout.WIDE, 0.95))));
        // and a framing the sure read left unread is read for it, only where the reading is automatic and short
        PlateRecognizer.Scored alone = scored("873BTB", 0.996, part, PlateLayout.WIDE, 0.95);
        alone.unread.add(() -> longer.result());
        assertTrue(PlateRecognizer.longerAmong(alone.result(), List.of(alone)));
        PlateRecognizer.Scored unsure = scored("873BTB", 0.85, part, PlateLayout.WIDE, 0.95);
        unsure.unread.add(() -> {
            throw new AssertionError("an unread framing was read for a reading that is not automatic");
        });
        assertFalse(PlateRecognizer.longerAmong(unsure.result(), List.of(unsure)));
    }

    @Test
    void anAutomaticShortReadingThatReadsLongerLengthenedToTheLeftIsReportedCapped() {
        // given: a wide plate framed from its second digit, read sure without its first; lengthened to the left, the
        // framing reads the first digit too
        Box part = new Box(285, 320, 235, 62);
        PlateRecognizer.Scored lost = scored("873BTB", 0.996, part, PlateLayout.WIDE, 0.95);
        lost.leftwards = () -> "3873BTB";
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(lost)));
        // then the reported reading is no longer automatic
        assertEquals(1, kept.size());
        assertEquals("873BTB", kept.get(0).text());
        assertEquals(Calibration.INCONSISTENT_CAP, kept.get(0).confidence());
        // but not where the lengthened framing reads other letters, the digits in another order, as many digits or no
        // plate text; and the lengthened framing is not read where the reading is not automatic or has four digits
        PlateResult sure = lost.result();
        for (String other : new String[] {"3873BTJ", "3837BTB", "673BTB", "", "38"}) {
            PlateRecognizer.Scored s = scored("873BTB", 0.996, part, PlateLayout.WIDE, 0.95);
            s.leftwards = () -> other;
            assertFalse(PlateRecognizer.longerAmong(sure, List.of(), s), other);
        }
        assertTrue(PlateRecognizer.longerAmong(sure, List.of(), scored("873BTB", 0.996, part, PlateLayout.WIDE, 0.95), lost),
                "the fuller framing's lengthened reading counts too");
        for (PlateRecognizer.Scored notAsked : List.of(scored("873BTB", 0.85, part, PlateLayout.WIDE, 0.95),
                scored("1873BTB", 0.996, part, PlateLayout.WIDE, 0.95))) {
            notAsked.leftwards = () -> {
                throw new AssertionError("a lengthened framing was read for " + notAsked.result().text());
            };
            assertFalse(PlateRecognizer.longerAmong(notAsked.result(), List.of(), notAsked));
        }
    }

    @Test
    void aBlurredWidePlateFramedFromItsSecondDigitIsNotReadConfidentlyWrong() throws IOException {
        // given generated wide 4-digit plates (generate-scenes --layout wide --digits 4 --plate-width 100-500) blurred
        // by 1.5 px (eval --blur 1.5), which the recogniser framed from their second digit and read without the first
        // at 0.996 before it read a short automatic reading's framing lengthened to the left (scenes 9166, 12086, 12161)
        for (long seed : new long[] {9166, 12086, 12161}) {
            SceneGenerator.Scene s = wideFourDigitScene(100, 500, seed);
            Box label = label(s);
            PhotoTransform.Result blurred = PhotoTransform.NONE.withBlur(1.5, 0, 0).apply(encode(s.image(), "png"), label);
            // when recognised
            Recognition r = recognizer.recognize(blurred.encoded());
            // then no reading is automatic unless right
            for (PlateResult p : r.plates()) {
                assertTrue(p.confidence() < 0.9 || p.text().equals(s.text()),
                        "scene " + seed + ": read at " + p.confidence() + " with " + p.text().length() + " characters");
            }
        }
    }

    @Test
    void aReadingOnlyThePlateNetworksArabicRowDisagreesWithIsReportedAtItsOwnRowsConfidence() throws IOException {
        // given a generated wide 4-digit plate (generate-scenes --layout wide --digits 4 --plate-width 360-500 --seed 5000,
        // its scene 5131) that the character reader reads right, its own top row confirming every character, while the
        // plate network's Arabic row is sure of another character in one place, and the reader not sure enough to
        // outvote it (scenes 5000, 5004 and 5005 were such plates until session 50: the next test)
        for (long seed : new long[] {5131}) {
            SceneGenerator.Scene s = wideFourDigitScene(360, 500, seed);
            // when recognised
            List<PlateReader.Veto> vetoes = new ArrayList<>();
            Recognition r = recognizeObservingVetoes(s, vetoes);
            // then the plate is reported right at the confidence of its own rows: unconfirmed, not inconsistent
            PlateResult p = r.plates().stream().filter(f -> f.box().iou(label(s)) >= 0.5).findFirst().orElseThrow();
            assertEquals(s.text(), p.text(), "scene " + seed);
            // and the network's Arabic row was seen vetoing the right reading, which the own rows did not outvote
            assertTrue(vetoes.stream().anyMatch(v -> v.text().equals(s.text()) && !v.outvoted()), "scene " + seed);
            assertEquals(p.ownRowsConfidence(), p.confidence(), 1e-12, "scene " + seed);
            assertTrue(p.confidence() > Calibration.INCONSISTENT_CAP && p.confidence() < 0.9,
                    "scene " + seed + ": read at " + p.confidence());
            for (Alternative a : p.alternatives()) {
                assertTrue(a.confidence() <= 1 - p.confidence() + 1e-12, "scene " + seed + ": " + a.confidence());
            }
        }
    }

    @Test
    void aSureReadingWhoseOwnRowsOutvoteThePlateNetworksArabicRowIsReadAutomatically() throws IOException {
        // given generated wide 4-digit plates (the set above) that the character reader reads right and sure of it,
        // its own top row confirming every character, while the plate network's Arabic row is sure of another
        // character in one place: reported at 0.85 (never automatic) until session 50
        for (long seed : new long[] {5000, 5004, 5005}) {
            SceneGenerator.Scene s = wideFourDigitScene(360, 500, seed);
            // when recognised
            List<PlateReader.Veto> vetoes = new ArrayList<>();
            Recognition r = recognizeObservingVetoes(s, vetoes);
            // then the reader's own rows outvote the network's Arabic row (its veto of the right reading was seen, and
            // outvoted): read right, reported automatically at the figure of its own rows (the searches and the merge
            // still went by the cap)
            assertTrue(vetoes.stream().anyMatch(v -> v.text().equals(s.text()) && v.outvoted()), "scene " + seed);
            PlateResult p = r.plates().stream().filter(f -> f.box().iou(label(s)) >= 0.5).findFirst().orElseThrow();
            assertEquals(s.text(), p.text(), "scene " + seed);
            assertTrue(p.confidence() >= 0.9, "scene " + seed + ": read at " + p.confidence());
            assertEquals(p.ownRowsConfidence(), p.confidence(), 1e-12, "scene " + seed);
            for (Alternative a : p.alternatives()) {
                assertTrue(a.confidence() <= 1 - p.confidence() + 1e-12, "scene " + seed + ": " + a.confidence());
            }
        }
    }

    /** {@code s} recognised, each veto of the plate network's Arabic row added to {@code vetoes}. */
    private static Recognition recognizeObservingVetoes(SceneGenerator.Scene s, List<PlateReader.Veto> vetoes)
            throws IOException {
        recognizer.observeVetoes(vetoes::add);
        try {
            return recognizer.recognize(encode(s.image(), "png"));
        } finally {
            recognizer.observeVetoes(null);
        }
    }

    @Test
    void onlyAReadingHeldAtTheCapByThePlateNetworkAloneIsRaisedToItsOwnRowsConfidence() {
        Quad quad = new Quad(new double[] {10, 110, 110, 10}, new double[] {10, 10, 40, 40});
        Box box = new Box(10, 10, 100, 30);
        List<Alternative> alts = List.of(new Alternative("1234ABE", 0.4), new Alternative("1284ABD", 0.05));
        double[] chars = {0.99, 0.99, 0.99, 0.99, 0.98, 0.97, 0.99};
        // a reading at the cap whose own rows agree: raised, its alternatives held to what is left
        PlateResult held = new PlateResult("1234ABD", "", 0.5, chars, alts, quad, box, PlateLayout.STANDARD, 0.85);
        PlateResult raised = PlateRecognizer.ownRowsRaised(held);
        assertEquals(0.85, raised.confidence(), 1e-12);
        assertEquals("1234ABD", raised.text());
        assertEquals(box, raised.box());
        assertEquals(List.of("1234ABE", "1284ABD"), raised.alternatives().stream().map(Alternative::text).toList());
        assertEquals(0.15, raised.alternatives().get(0).confidence(), 1e-12);
        assertEquals(0.05, raised.alternatives().get(1).confidence(), 1e-12);
        // never above its own rows' figure, never where it is not at the cap, never without that figure
        assertEquals(0.62, PlateRecognizer.ownRowsRaised(
                new PlateResult("1234ABD", "", 0.5, chars, alts, quad, box, PlateLayout.STANDARD, 0.62)).confidence(), 1e-12);
        PlateResult unconfirmed = new PlateResult("1234ABD", "", 0.8, chars, alts, quad, box, PlateLayout.STANDARD, 0.85);
        assertEquals(unconfirmed, PlateRecognizer.ownRowsRaised(unconfirmed));
        PlateResult inconsistent = new PlateResult("1234ABD", "", 0.5, chars, alts, quad, box, PlateLayout.STANDARD);
        assertEquals(inconsistent, PlateRecognizer.ownRowsRaised(inconsistent));
    }

    @Test
    void anUnsureReportedPlateTakesItsSharpenedReadingWhereSurerInItsOwnBox() {
        // given: an unsure reported find, a looser framing of it that scores lower, and a sure plate elsewhere
        PlateRecognizer.Scored unsure = scored("1234ABD", 0.5, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.9);
        PlateRecognizer.Scored loose = scored("234ABD", 0.3, new Box(170, 270, 160, 80), PlateLayout.STANDARD, 0.6);
        PlateRecognizer.Scored sure = scored("5678BDE", 0.95, new Box(400, 100, 140, 60), PlateLayout.STANDARD, 0.9);
        PlateResult sharp = scored("1234ABD", 0.97, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.9).result();
        List<PlateRecognizer.Scored> asked = new ArrayList<>();
        Function<PlateRecognizer.Scored, List<PlateResult>> sharper = s -> {
            asked.add(s);
            return List.of(s == unsure ? sharp : scored("9999XXX", 0.99, s.result().box(), PlateLayout.STANDARD, 0.9).result());
        };
        // when merged
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(loose, unsure, sure)), sharper);
        // then the unsure plate is reported in its own box with the surer sharpened reading; only it was asked
        assertEquals(2, kept.size());
        PlateResult reported = kept.stream().filter(p -> p.box().equals(unsure.result().box())).findFirst().orElseThrow();
        assertEquals("1234ABD", reported.text());
        assertEquals(0.97, reported.confidence(), 1e-9);
        assertEquals(List.of(unsure), asked);
        // and a sharpened reading less sure than the find's own leaves it as it was
        PlateRecognizer.Scored again = scored("1234ABD", 0.5, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.9);
        PlateResult weaker = scored("1294ABD", 0.4, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.9).result();
        assertEquals(List.of(again.result()), recognizer.suppressOverlaps(new ArrayList<>(List.of(again)), s -> List.of(weaker)));
        // and so does a surer one that reads fewer characters (the sharpening wiped out a faint one)
        PlateResult shorter = scored("234ABD", 0.85, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.9).result();
        assertEquals(List.of(again.result()), recognizer.suppressOverlaps(new ArrayList<>(List.of(again)), s -> List.of(shorter)));
    }

    @Test
    void theContrastedReReadIsWeighedAfterTheSharpenedOneAsItIs() {
        // given: a plate (an invented text) read at the inconsistency cap with its letters unsure, each at 0.3 (4.06
        // characters' worth)
        Box box = new Box(180, 280, 140, 60);
        double[] unsureLetters = {0.95, 0.95, 0.95, 0.95, 0.3, 0.3, 0.3};
        double[] fair = {0.95, 0.95, 0.95, 0.95, 0.5, 0.5, 0.5};
        double[] sure = {0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        PlateRecognizer.Scored find = scored("4821KSB", unsureLetters, 0.5, box, 0.95);
        PlateResult sharpFair = scored("4821KSE", fair, 0.5, box, 0.95).result();
        PlateResult contrastedSure = scored("4821KSD", sure, 0.5, box, 0.95).result();
        // when its sharpened re-read is not two characters surer (5.05) and its contrasted one is (6.65), then the
        // contrasted reading is reported
        assertEquals("4821KSD", recognizer.suppressOverlaps(new ArrayList<>(List.of(find)),
                s -> java.util.Arrays.asList(sharpFair, contrastedSure)).get(0).text());
        // and where the sharpened re-read is surer (a higher confidence) the contrasted one must beat that: at the
        // inconsistency cap it does not
        PlateResult sharpSurer = scored("4821KSE", fair, 0.6, box, 0.95).result();
        assertEquals("4821KSE", recognizer.suppressOverlaps(new ArrayList<>(List.of(find)),
                s -> java.util.Arrays.asList(sharpSurer, contrastedSure)).get(0).text());
        // and a re-read that has none (null) or reads fewer characters leaves the reading so far
        double[] sureSix = {0.99, 0.99, 0.99, 0.99, 0.99, 0.99};
        PlateResult shorter = scored("821KSD", sureSix, 0.8, box, 0.95).result();
        assertEquals("4821KSB", recognizer.suppressOverlaps(new ArrayList<>(List.of(find)),
                s -> java.util.Arrays.asList(null, shorter)).get(0).text());
    }

    @Test
    void aPlateWhoseLatinRowIsFadedReadsSurerInItsContrastedCopy() {
        // given: rendered plates (invented texts) on a plain background, their Latin rows faded to 12% of their contrast
        // (the Arabic row as printed), each cropped in its own box
        PlateReader reader = PlateReader.loadDefault();
        int plainSure = 0;
        int contrastedSure = 0;
        for (String text : List.of("7031KSD", "5082BNL", "6203DJE", "4821KSD", "1947HTR", "3356ALV")) {
            Mat bgr = org.raqib.detection.opencv.Mats.toBgr(org.raqib.detection.synth.PlateRenderer.render(
                    PlateSpec.of(text, PlateLayout.STANDARD)));
            Mat plate = new Mat();
            Imgproc.cvtColor(bgr, plate, Imgproc.COLOR_BGR2GRAY);
            bgr.release();
            for (int y = plate.rows() / 2 + 2; y < plate.rows(); y++) {
                for (int x = 0; x < plate.cols(); x++) {
                    plate.put(y, x, 255 - (255 - plate.get(y, x)[0]) * 0.12);
                }
            }
            Mat scene = new Mat(plate.rows() * 3, plate.cols() * 3, CvType.CV_8UC1, new Scalar(90));
            Rect box = new Rect(plate.cols(), plate.rows(), plate.cols(), plate.rows());
            plate.copyTo(scene.submat(box));
            // when read as it is and in the copy contrasted around its box
            ReadResult plain = reader.read(scene.submat(box));
            Mat copy = PlateRecognizer.contrasted(scene, box);
            ReadResult contrasted = reader.read(copy.submat(box));
            // then neither is ever confidently wrong
            assertTrue(plain.confidence() < 0.9 || plain.text().equals(text), plain.text());
            assertTrue(contrasted.confidence() < 0.9 || contrasted.text().equals(text), contrasted.text());
            plainSure += plain.confidence() >= 0.9 ? 1 : 0;
            contrastedSure += contrasted.confidence() >= 0.9 ? 1 : 0;
            // and the copy is changed only within the box grown by half its size each side
            Mat diff = new Mat();
            Core.absdiff(scene, copy, diff);
            Rect grown = new Rect(box.x - box.width / 2, box.y - box.height / 2, 2 * box.width, 2 * box.height);
            assertTrue(Core.countNonZero(diff.submat(grown)) > 0);
            diff.submat(grown).setTo(new Scalar(0));
            assertEquals(0, Core.countNonZero(diff));
            // and a decoded (BGR) image of the same scene gives the same gray copy: both front doors read it alike
            Mat bgrScene = new Mat();
            Imgproc.cvtColor(scene, bgrScene, Imgproc.COLOR_GRAY2BGR);
            Mat fromBgr = PlateRecognizer.contrasted(bgrScene, box);
            assertEquals(1, fromBgr.channels());
            Core.absdiff(copy, fromBgr, diff);
            assertEquals(0, Core.countNonZero(diff));
            bgrScene.release();
            fromBgr.release();
            for (Mat m : List.of(plate, scene, copy, diff)) {
                m.release();
            }
        }
        // and the contrasted copies are read automatically more often: each row's strokes stretched on their own
        assertTrue(contrastedSure >= plainSure + 2, contrastedSure + " against " + plainSure + " of 6 read at >= 0.9");
        // and a region too small to equalise gives no copy
        assertNull(PlateRecognizer.contrasted(new Mat(20, 20, CvType.CV_8UC1, new Scalar(90)), new Rect(8, 8, 2, 2)));
    }

    @Test
    void aFramingBlurredAlongOneAxisKeepsMoreOfItsStepsAlongItUnderAFurtherBlur() {
        // given a texture of random dark and light 2 px blocks (about a plate's stroke), as it is and smeared 7 px along the rows or the columns
        Mat sharp = new Mat(60, 120, CvType.CV_8UC3);
        Random random = new Random(7);
        for (int y = 0; y < 60; y += 2) {
            for (int x = 0; x < 120; x += 2) {
                int v = random.nextBoolean() ? 40 : 210;
                sharp.submat(y, y + 2, x, x + 2).setTo(new Scalar(v, v, v));
            }
        }
        Mat alongRows = new Mat();
        Mat alongColumns = new Mat();
        Imgproc.blur(sharp, alongRows, new Size(7, 1));
        Imgproc.blur(sharp, alongColumns, new Size(1, 7));
        Rect all = new Rect(0, 0, 120, 60);
        try {
            // when their re-blur ratios are measured
            double[] s = PlateRecognizer.reblurRatios(sharp, all);
            double[] r = PlateRecognizer.reblurRatios(alongRows, all);
            double[] c = PlateRecognizer.reblurRatios(alongColumns, all);
            // then the sharp texture keeps as much along both axes, a smeared one more along its smear than across it
            assertEquals(s[0], s[1], PlateRecognizer.DIRECTED_BLUR, "sharp: " + s[0] + " / " + s[1]);
            assertTrue(r[0] - r[1] > PlateRecognizer.DIRECTED_BLUR, "along the rows: " + r[0] + " / " + r[1]);
            assertTrue(c[1] - c[0] > PlateRecognizer.DIRECTED_BLUR, "along the columns: " + c[0] + " / " + c[1]);
            assertTrue(r[0] > s[0] && c[1] > s[1], "a blurred axis keeps more than a sharp one");
            // and a framing reaching past the image is measured on its part inside
            double[] part = PlateRecognizer.reblurRatios(alongRows, new Rect(-20, -10, 100, 50));
            assertTrue(part[0] - part[1] > PlateRecognizer.DIRECTED_BLUR);
        } finally {
            sharp.release();
            alongRows.release();
            alongColumns.release();
        }
    }

    @Test
    void anImageSharpenedAlongTheRowsKeepsItsColumnsAsTheyAre() {
        // given an image whose brightness steps down its columns (an edge along the rows) and is even along each row
        Mat image = new Mat(40, 40, CvType.CV_8UC1);
        for (int y = 0; y < 40; y++) {
            image.row(y).setTo(new Scalar(y < 20 ? 60 : 180));
        }
        // when sharpened along the rows only, and along the columns only
        Mat alongRows = PlateRecognizer.sharpened(image, PlateRecognizer.SHARPEN_SIGMA, 0);
        Mat alongColumns = PlateRecognizer.sharpened(image, 0, PlateRecognizer.SHARPEN_SIGMA);
        try {
            // then along the rows nothing changes (each row is even); along the columns the edge overshoots both ways
            Mat diff = new Mat();
            Core.absdiff(image, alongRows, diff);
            assertEquals(0, Core.countNonZero(diff));
            diff.release();
            assertTrue(alongColumns.get(18, 10)[0] < 60, "dark side darkened: " + alongColumns.get(18, 10)[0]);
            assertTrue(alongColumns.get(21, 10)[0] > 180, "bright side brightened: " + alongColumns.get(21, 10)[0]);
            assertEquals(60, alongColumns.get(2, 10)[0], 1e-9);
        } finally {
            image.release();
            alongRows.release();
            alongColumns.release();
        }
    }

    @Test
    void blurredPlatesAreReadSurerInTheirFramingSharpened() throws IOException {
        // given generated scenes blurred (eval --blur 1.5: scenes 15, 21 and 29; eval --motion-blur 7, along the rows:
        // scene 7, along the columns: scene 12) whose plates the recogniser read right but capped at 0.5 before it read an
        // unsure reported plate again sharpened
        int surer = 0;
        double[][] cases = {{15, 1.5, 0, 0}, {21, 1.5, 0, 0}, {29, 1.5, 0, 0}, {7, 0, 7, 0}, {12, 0, 7, 90}};
        for (double[] c : cases) {
            SceneGenerator.Scene s = scene((long) c[0]);
            Box label = label(s);
            PhotoTransform.Result blurred = PhotoTransform.NONE.withBlur(c[1], (int) c[2], c[3])
                    .apply(encode(s.image(), "png"), label);
            // when recognised
            Recognition r = recognizer.recognize(blurred.encoded());
            // then most are read exactly where they are and surer than an unconfirmed reading, none wrong at 0.9 or more
            if (r.plates().stream().anyMatch(p -> p.box().iou(blurred.truth()) >= 0.5 && p.text().equals(s.text())
                    && p.confidence() > Calibration.INCONSISTENT_CAP)) {
                surer++;
            }
            for (PlateResult p : r.plates()) {
                assertTrue(p.confidence() < 0.9 || p.text().equals(s.text()), "confidently wrong at scene " + c[0]);
            }
        }
        // Four of five until session 57; its seed ensemble reads scene 29 right but at 0.5 and scene 7 with a spurious
        // leading 0, at 0.5 (BENCHMARKS.md, "Session 57").
        assertTrue(surer >= 3, surer + " of 5 blurred plates read exactly above " + Calibration.INCONSISTENT_CAP);
    }

    @Test
    void aSureCandidateThatNothingElseBeatIsReadAgainInLooserFramings() {
        // given: the reader rejected every candidate read; the first scores below the rescue bar, the second
        // and third above it
        PlateCandidate unsure = candidate(0.3, 10, 10);
        PlateCandidate sure = candidate(0.8, 200, 100);
        PlateCandidate other = candidate(0.7, 400, 300);
        PlateCandidate tight = candidate(0, 195, 95);
        PlateCandidate loose = candidate(0, 190, 90);
        List<PlateCandidate> asked = new ArrayList<>();
        Function<PlateCandidate, List<PlateCandidate>> looser = c -> {
            asked.add(c);
            return List.of(tight, loose);
        };
        // when the reader takes only the loosest framing for a plate
        List<PlateRecognizer.Scored> plates = new ArrayList<>();
        int reads = PlateRecognizer.rescue(List.of(unsure, sure, other), looser, c -> plate(c == loose ? 0.9 : 0.2),
                0.5, plates);
        // then: only the first sure candidate is reframed; both framings are read, and the plate is the loose
        // framing, scored as the candidate it came from
        assertEquals(List.of(sure), asked);
        assertEquals(2, reads);
        assertEquals(1, plates.size());
        assertEquals(new Box(190, 90, 100, 30), plates.get(0).result().box());
        assertEquals(0.8 * 0.9, plates.get(0).score(), 1e-9);
    }

    @Test
    void noRescueWithoutASureCandidateOrWhenNoFramingReadsAsAPlate() {
        Function<PlateCandidate, List<PlateCandidate>> looser = c -> List.of(candidate(0, 5, 5));
        List<PlateRecognizer.Scored> plates = new ArrayList<>();
        // the localiser unsure of every candidate: nothing is read
        assertEquals(0, PlateRecognizer.rescue(List.of(candidate(0.49), candidate(0.1)), looser, c -> plate(1.0), 0.5,
                plates));
        assertEquals(List.of(), plates);
        // a sure candidate whose looser framings the reader rejects too: one read each, no plate, and the
        // next sure candidate is not tried
        assertEquals(1, PlateRecognizer.rescue(List.of(candidate(0.9), candidate(0.8)), looser, c -> plate(0.3), 0.5,
                plates));
        assertEquals(List.of(), plates);
    }

    private static ReadResult plate(double plateScore) {
        return new ReadResult("1234ABD", "", 0.5, new double[7], List.of(), PlateLayout.STANDARD, plateScore);
    }

    private static final Predicate<ReadResult> CONFIDENT = r -> r.confidence() >= 0.85;

    private static ReadResult reading(double confidence) {
        return new ReadResult("1234ABD", "", confidence, new double[7], List.of(), PlateLayout.STANDARD, 1.0);
    }

    private static ReadResult reading(double confidence, double ownRowsConfidence) {
        return new ReadResult("1234ABD", "", confidence, new double[7], List.of(), PlateLayout.STANDARD, 1.0,
                ownRowsConfidence);
    }

    @Test
    void fullHdFramesAreSearchedFocusedByDefaultAndSmallerImagesWhole() {
        // given the default options
        RecognizerOptions d = RecognizerOptions.defaults();
        // then 1080p frames have their full-size level searched only around the text found at half size, while the
        // 598x598 photos, 720p frames and photos enlarged x1.8 (1076 px tall) are searched whole, as before
        assertEquals(1080, d.focusFrom());
        assertTrue(d.focusFrom() > 1076);
        assertEquals(Integer.MAX_VALUE, d.halfSizeFrom());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withMinPlateScore(1.5).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withMaxPlates(0).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withMaxCandidates(0).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withPyramidLevels(9).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withOverlapIou(0).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withMinCandidateScore(-0.1).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withStopConfidence(1.01).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withStopConfidence(Double.NaN).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withFocusFrom(0).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withEnlargeBelow(-1).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withShrinkFrom(0).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withAlternativeScale(0).validate());
        assertThrows(IllegalArgumentException.class, () -> RecognizerOptions.defaults().withAlternativeScale(1.5).validate());
        assertEquals(RecognizerOptions.defaults(), RecognizerOptions.defaults().validate());
    }

    @Test
    void alternativesAreHeldToTheReadingAndScaled() {
        // given a reading at 0.4 whose reader offered a runner-up surer than the reading itself, the reading's own text,
        // another text and the runner-up again
        Box box = new Box(10, 10, 100, 50);
        PlateResult read = new PlateResult("1234ABD", "", 0.4, new double[7], List.of(new Alternative("1234ABB", 0.9),
                new Alternative("1234ABD", 0.2), new Alternative("1284ABD", 0.1), new Alternative("1234ABB", 0.3)),
                new Quad(new double[] {10, 110, 110, 10}, new double[] {10, 10, 60, 60}), box, PlateLayout.STANDARD);
        // when scaled by 0.1, and by 1
        PlateResult scaled = PlateRecognizer.withAlternativesScaled(read, List.of(), 0.1, 0.5);
        PlateResult held = PlateRecognizer.withAlternativesScaled(read, List.of(), 1, 1);
        // then each other text once, held to the reading's 0.4 and scaled, most likely first; the reading unchanged
        assertEquals(List.of("1234ABB", "1284ABD"), scaled.alternatives().stream().map(Alternative::text).toList());
        assertEquals(0.04, scaled.alternatives().get(0).confidence(), 1e-12);
        assertEquals(0.01, scaled.alternatives().get(1).confidence(), 1e-12);
        assertEquals(0.4, held.alternatives().get(0).confidence(), 1e-12);
        assertEquals(0.1, held.alternatives().get(1).confidence(), 1e-12);
        assertEquals(read.text(), scaled.text());
        assertEquals(read.confidence(), scaled.confidence());
        assertEquals(read.box(), scaled.box());
        // and of seven other texts, the five most likely
        List<Alternative> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(new Alternative("123" + i + "ABD", 0.01 * (i + 1)));
        }
        PlateResult many = new PlateResult("1234ABB", "", 0.4, new double[7], seven, read.quad(), box, PlateLayout.STANDARD);
        assertEquals(List.of("1236ABD", "1235ABD", "1234ABD", "1233ABD", "1232ABD"),
                PlateRecognizer.withAlternativesScaled(many, List.of(), 1, 1).alternatives().stream().map(Alternative::text)
                        .toList());
        // and other framings' texts at their own scale, held to the reading first; a text both kinds offer once, at
        // the likelier figure; the reading's own text never
        PlateResult both = PlateRecognizer.withAlternativesScaled(read, List.of(new Alternative("1284ABD", 0.9),
                new Alternative("4ABD", 0.2), new Alternative("1234ABD", 0.3)), 0.1, 0.5);
        assertEquals(List.of("1284ABD", "4ABD", "1234ABB"), both.alternatives().stream().map(Alternative::text).toList());
        assertEquals(0.2, both.alternatives().get(0).confidence(), 1e-12);
        assertEquals(0.1, both.alternatives().get(1).confidence(), 1e-12);
        assertEquals(0.04, both.alternatives().get(2).confidence(), 1e-12);
    }

    @Test
    void theRecogniserReportsAlternativesScaledByItsOptions() throws IOException {
        // given a recogniser that reports every alternative at 0.3 of its figure (the reader's and the framings'), and
        // one that reports the figures themselves (both scales 1), on generated scenes
        double scale = 0.3;
        RecognizerOptions one = RecognizerOptions.defaults().withAlternativeScale(1).withFramingAlternativeScale(1);
        int compared = 0;
        try (PlateRecognizer scaled = PlateRecognizer.loadDefault(
                        RecognizerOptions.defaults().withAlternativeScale(scale).withFramingAlternativeScale(scale));
                PlateRecognizer raw = PlateRecognizer.loadDefault(one)) {
            for (int i = 0; i < 8; i++) {
                byte[] png = encode(scene(71_000L + i).image(), "png");
                // when both read the same scene
                List<PlateResult> plates = scaled.recognize(png).plates();
                List<PlateResult> rawPlates = raw.recognize(png).plates();
                // then the same plates and readings, and each alternative at the scale's share of the raw one, below
                // the reading
                assertEquals(rawPlates.size(), plates.size());
                for (int k = 0; k < plates.size(); k++) {
                    PlateResult p = plates.get(k);
                    PlateResult q = rawPlates.get(k);
                    assertEquals(q.text(), p.text());
                    assertEquals(q.confidence(), p.confidence());
                    assertEquals(q.alternatives().size(), p.alternatives().size());
                    for (int j = 0; j < p.alternatives().size(); j++) {
                        assertEquals(q.alternatives().get(j).text(), p.alternatives().get(j).text());
                        assertEquals(scale * q.alternatives().get(j).confidence(), p.alternatives().get(j).confidence(), 1e-12);
                        assertTrue(q.alternatives().get(j).confidence() <= q.confidence());
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 0, "no alternatives offered on the scenes");
        // and the defaults scale both kinds below the figures themselves
        assertTrue(RecognizerOptions.defaults().alternativeScale() < 1);
        assertTrue(RecognizerOptions.defaults().framingAlternativeScale() < 1);
    }

    @Test
    void halfOfAWidePlateGivesWayToTheWholePlate() {
        // given: the digits half of a wide plate (better score, a reading) inside the whole wide plate,
        // and a loose box around the whole plate
        PlateRecognizer.Scored half = scored("1234", 0.4, new Box(400, 390, 90, 20), PlateLayout.WIDE, 0.99);
        PlateRecognizer.Scored whole = scored("", 0.0, new Box(300, 390, 200, 24), PlateLayout.WIDE, 0.9);
        PlateRecognizer.Scored loose = scored("", 0.0, new Box(300, 380, 200, 50), PlateLayout.WIDE, 0.9);
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(half, whole, loose)));
        // then: one plate, framed as the whole plate, keeping the more confident reading
        assertEquals(1, kept.size());
        assertEquals(whole.result().box(), kept.get(0).box());
        assertEquals(PlateLayout.WIDE, kept.get(0).layout());
        assertEquals("1234", kept.get(0).text());
    }

    @Test
    void ofWellFramedFindsOfOnePlateTheSurerReadingIsKept() {
        // given: two framings of one plate that both frame it well, the better-scored one misread, and a poorly scored
        // framing elsewhere on the plate read surer still
        PlateRecognizer.Scored best = scored("1284ABD", 0.0, new Box(170, 275, 160, 72), PlateLayout.STANDARD, 1.0);
        PlateRecognizer.Scored sure = scored("1234ABD", 0.85, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 0.99);
        PlateRecognizer.Scored poor = scored("1234ABD", 0.99, new Box(176, 280, 140, 64), PlateLayout.STANDARD, 0.6);
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(best, sure, poor)));
        // then: the surer of the well-framed readings; a poorly framed one still ranks by its score
        assertEquals(reported(List.of(sure.result())), reported(kept));
        // with the other framing's text among its alternatives
        assertEquals(List.of("1284ABD"), kept.get(0).alternatives().stream().map(Alternative::text).toList());
        // and of well-framed readings as sure, the better-scored framing
        PlateRecognizer.Scored tight = scored("1284ABD", 0.85, new Box(182, 282, 136, 56), PlateLayout.STANDARD, 0.95);
        assertEquals(reported(List.of(sure.result())), reported(recognizer.suppressOverlaps(new ArrayList<>(List.of(tight, best, sure)))));
        assertEquals(1.0, PlateRecognizer.framingRank(0.9));
        assertEquals(0.6, PlateRecognizer.framingRank(0.6));
    }

    @Test
    void ofWellFramedReadingsCappedAlikeTheTextWithMoreCharactersReadSurelyIsKept() {
        // given: two framings of one plate that both frame it well and read capped alike (0.5), the better-scored one
        // misreading a character it is unsure of, and a third reading the same text as the second, less well framed
        double[] weak = {0.99, 0.99, 0.2, 0.99, 0.99, 0.99, 0.99};
        double[] sure = {0.99, 0.99, 0.98, 0.99, 0.99, 0.99, 0.99};
        PlateRecognizer.Scored best = scored("1284ABD", weak, 0.5, new Box(170, 275, 160, 72), 1.0);
        PlateRecognizer.Scored right = scored("1234ABD", sure, 0.5, new Box(180, 280, 140, 60), 0.99);
        PlateRecognizer.Scored looser = scored("1234ABD", new double[] {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9}, 0.5,
                new Box(176, 278, 146, 64), 0.95);
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(best, looser, right)));
        // then: the text with more characters read surely, in the better-scored of its framings
        assertEquals(reported(List.of(right.result())), reported(kept));
        // and a framing that loses a character holds fewer, however sure of the rest
        PlateRecognizer.Scored cut = scored("234ABD", new double[] {0.999, 0.999, 0.999, 0.999, 0.999, 0.999}, 0.5,
                new Box(190, 280, 130, 60), 1.0);
        assertEquals(reported(List.of(right.result())), reported(recognizer.suppressOverlaps(new ArrayList<>(List.of(cut, right)))));
        // but a stray mark read as an unsure character does not make a longer text the surer
        PlateRecognizer.Scored stray = scored("1234ABD", new double[] {0.07, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99}, 0.5,
                new Box(176, 270, 160, 80), 1.0);
        PlateRecognizer.Scored tight = scored("234ABD", new double[] {0.999, 0.999, 0.999, 0.999, 0.999, 0.999}, 0.5,
                new Box(190, 280, 130, 60), 0.99);
        assertEquals(reported(List.of(tight.result())), reported(recognizer.suppressOverlaps(new ArrayList<>(List.of(stray, tight)))));
        assertEquals(6.0, PlateRecognizer.surelyRead(scored("234ABD", new double[] {1, 1, 1, 1, 1, 1}, 0.5,
                new Box(0, 0, 10, 5), 1.0).result()), 1e-9);
    }

    @Test
    void aStandardPlateKeepsItsFramingAgainstALongerBox() {
        // given: a standard plate and a longer box around it that the reader took for a wide plate,
        // but which is not shaped like one
        PlateRecognizer.Scored plate = scored("1234ABD", 0.5, new Box(180, 280, 140, 60), PlateLayout.STANDARD, 1.0);
        PlateRecognizer.Scored longer = scored("", 0.5, new Box(130, 277, 210, 69), PlateLayout.WIDE, 0.85);
        // when
        List<PlateResult> kept = recognizer.suppressOverlaps(new ArrayList<>(List.of(plate, longer)));
        // then
        assertEquals(List.of(plate.result()), kept);
    }

    private static PlateRecognizer.Scored scored(String text, double[] characters, double confidence, Box box,
            double score) {
        double[] xs = {box.x(), box.x() + box.width(), box.x() + box.width(), box.x()};
        double[] ys = {box.y(), box.y(), box.y() + box.height(), box.y() + box.height()};
        return new PlateRecognizer.Scored(new PlateResult(text, "", confidence, characters, List.of(),
                new Quad(xs, ys), box, PlateLayout.STANDARD), score);
    }

    /** What a list of reported plates says, alternatives aside: text, confidence, box and layout of each. */
    private static List<String> reported(List<PlateResult> plates) {
        return plates.stream().map(p -> p.text() + " " + p.confidence() + " " + p.box() + " " + p.layout()).toList();
    }

    private static PlateRecognizer.Scored scored(String text, double confidence, Box box, PlateLayout layout,
            double score) {
        double[] xs = {box.x(), box.x() + box.width(), box.x() + box.width(), box.x()};
        double[] ys = {box.y(), box.y(), box.y() + box.height(), box.y() + box.height()};
        return new PlateRecognizer.Scored(new PlateResult(text, "", confidence, new double[text.length()], List.of(),
                new Quad(xs, ys), box, layout), score);
    }

    /** Scene {@code seed} of {@code generate-scenes --layout wide --digits 4 --plate-width MIN-MAX}. */
    private static SceneGenerator.Scene wideFourDigitScene(double minWidth, double maxWidth, long seed) {
        GeneratedScenesCommand.Kind kind = new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 4, 4, minWidth, maxWidth);
        return GeneratedScenesCommand.scene(new SceneGenerator(), kind, seed);
    }

    /** The box of {@code s}'s plate. */
    private static Box label(SceneGenerator.Scene s) {
        return new Box(s.box().x, s.box().y, s.box().width, s.box().height);
    }

    private static SceneGenerator.Scene scene(long seed) {
        return new SceneGenerator().render(seed);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void aWidePlateReadInALooseFramingIsReportedInItsOwnBox() throws IOException {
        // given generated wide plates whose reading came from a framing far larger than the plate (a bumper's bright
        // band about it; IoU 0.38-0.49 with the plate, so not found): generate-scenes --layout wide with --digits 1
        // --plate-width 400-480 (scene 13104), --digits 4 --plate-width 360-500 (scene 7036). (A third, --digits 1-3
        // --plate-width 60-300 scene 9082, a plate 136 px wide, left the test in session 57: the seed ensemble reads
        // its last letter wrong, at 0.5, so there is no right reading to place.)
        Object[][] cases = {
            {new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 1, 400, 480), 13_104L},
            {new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 4, 4, 360, 500), 7_036L}};
        // when recognised, then the plate read is reported in a box about the plate itself, placed by its row
        assertReadAsWideAbout(cases, 0.7);
    }

    /**
     * Recognises each of {@code cases} (a {@code generate-scenes} kind and a seed, in 598x598 scenes) and asserts
     * that its plate is read and reported, as a wide plate, in a box at IoU {@code least} or more with the plate's.
     */
    private void assertReadAsWideAbout(Object[][] cases, double least) throws IOException {
        SceneGenerator scenes = new SceneGenerator(598, 598);
        for (Object[] c : cases) {
            long seed = (Long) c[1];
            SceneGenerator.Scene s = GeneratedScenesCommand.scene(scenes, (GeneratedScenesCommand.Kind) c[0], seed);
            Box truth = label(s);
            Recognition r = recognizer.recognize(encode(s.image(), "png"));
            PlateResult read = r.plates().stream().filter(p -> p.text().equals(s.text())).findFirst().orElse(null);
            assertTrue(read != null, "scene " + seed + " read");
            assertTrue(read.box().iou(truth) >= least, "scene " + seed + ": IoU " + read.box().iou(truth));
            assertEquals(PlateLayout.WIDE, read.layout(), "scene " + seed);
        }
    }

    @Test
    void aFramingIsLooseAboutAPlateWellInsideItAndFarSmaller() {
        Box framing = new Box(0, 290, 580, 180);
        // a plate's box well inside, under 0.6 of its area
        assertTrue(PlateRecognizer.looseAbout(framing, new Box(50, 348, 460, 100)));
        // about as large as the framing: not loose
        assertFalse(PlateRecognizer.looseAbout(framing, new Box(10, 300, 560, 160)));
        // small enough but mostly outside it: not loose about that plate
        assertFalse(PlateRecognizer.looseAbout(framing, new Box(400, 400, 400, 100)));
    }

    @Test
    void aWidePlateReadInATightFramingIsReportedInItsOwnBox() throws IOException {
        // given generated wide plates read in a framing well inside the plate (about its print, its ends and rim
        // outside, 0.67-0.68 of its width; IoU 0.48-0.49 with the plate, so not found): generate-scenes --layout wide
        // with --digits 1-3 --plate-width 60-500 (scene 10183), --digits 1-2 --plate-width 300-500 (scene 14090),
        // --digits 1-2 --plate-width 360-500 (scene 5038)
        Object[][] cases = {
            {new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 3, 60, 500), 10_183L},
            {new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 2, 300, 500), 14_090L},
            {new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 2, 360, 500), 5_038L}};
        // when recognised, then the plate read is reported lengthened along its row to the plate's ends as its row
        // places it: found (its height stays the framing's: IoU 0.55-0.67 here, 0.48-0.49 before)
        assertReadAsWideAbout(cases, 0.5);
    }

    @Test
    void aFramingIsTightInAPlateWhenMostlyInsideItAndFarSmaller() {
        Box plate = new Box(40, 360, 440, 95);
        // the letters' half and the emblem panel: inside, at most 0.75 of the plate's width
        assertTrue(PlateRecognizer.tightIn(new Box(200, 370, 270, 70), plate));
        // nearly the whole plate: not tight
        assertFalse(PlateRecognizer.tightIn(new Box(50, 362, 420, 90), plate));
        // small but mostly outside the plate: not a framing of it
        assertFalse(PlateRecognizer.tightIn(new Box(400, 380, 200, 60), plate));
        // an empty box frames nothing
        assertFalse(PlateRecognizer.tightIn(new Box(200, 370, 0, 70), plate));
    }

    @Test
    void aLargeWidePlateFoundOnlyAsItsLettersHalfIsReadWhole() {
        // given large wide plates (at least 280 px) in generated 1000x700 scenes, each framed only as its letters half
        // (the right half of its quadrilateral: IoU with the plate's box about 0.5 or less), read as nothing sure
        SceneGenerator scenes = new SceneGenerator(1000, 700);
        int n = 0;
        int whole = 0;
        int exact = 0;
        for (long seed = 97_000L; n < 6 && seed < 97_400L; seed++) {
            SceneGenerator.Scene s = scenes.render(seed);
            if (s.layout() != PlateLayout.WIDE || s.box().width < 280) {
                continue;
            }
            n++;
            double[] xs = s.quadXs();
            double[] ys = s.quadYs();
            Point[] half = {new Point((xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2), new Point(xs[1], ys[1]),
                new Point(xs[2], ys[2]), new Point((xs[3] + xs[2]) / 2, (ys[3] + ys[2]) / 2)};
            Box truth = label(s);
            // when the half is read again grown across the emblem panel
            PlateResult grown = readGrown(s, half, 0.55, PlateRecognizer.HALF_GROWTHS);
            // then the grown framing frames the whole plate, and reads it
            if (grown != null && grown.box().iou(truth) >= 0.6) {
                whole++;
                if (grown.text().equals(s.text())) {
                    exact++;
                }
            }
        }
        assertEquals(6, n, "scenes with a large wide plate");
        assertTrue(whole >= n - 1, "whole plate framed in " + whole + " of " + n);
        // Read exactly in at least half: the half alone reads none. With session 22's renderer (short digit groups
        // centred, letters wider apart than on real plates) three of these six one-digit plates, framed whole, were read
        // with their letters shifted one place (the first letter dropped, a stray one added at the end) at 0.5, a defect
        // of the character cut on large short wide plates (about 7 of 200 generated ones); with session 24's (wide plates
        // drawn to the photos' geometry) and the glyph models retrained on it, all six are read exactly.
        assertTrue(exact >= n / 2, "whole plate read exactly in " + exact + " of " + n);
    }

    @Test
    void aWidePlateFoundOnlyInPartIsReadWhole() {
        // given wide plates about photo size (120-200 px) in generated 598x598 scenes, each framed only as two thirds of
        // its quadrilateral, alternately its left and its right two thirds (IoU with the plate's box about 0.67 or less)
        List<SceneGenerator.Scene> wide = scenes(PlateLayout.WIDE, 120, 200, 6, 98_000L, 98_400L);
        int n = 0;
        int whole = 0;
        for (SceneGenerator.Scene s : wide) {
            double a = n % 2 == 0 ? 0 : 1.0 / 3;
            Point[] part = along(s, a, a + 2.0 / 3);
            n++;
            Box truth = label(s);
            // when the part is read again lengthened as a part is
            PlateResult grown = readGrown(s, part, 0.7, PlateRecognizer.PART_GROWTHS);
            // then the lengthened framing that replaces it frames the whole plate
            if (grown != null && grown.box().iou(truth) >= 0.8) {
                whole++;
            }
        }
        assertEquals(6, n, "scenes with a wide plate 120-200 px wide");
        assertTrue(whole >= n - 1, "whole plate framed in " + whole + " of " + n);
    }

    /**
     * The first {@code count} generated 598x598 scenes from seed {@code from} (below {@code to}) with a plate of
     * {@code layout} {@code minWidth}-{@code maxWidth} px wide; fewer where the seeds run out.
     */
    private static List<SceneGenerator.Scene> scenes(PlateLayout layout, int minWidth, int maxWidth, int count, long from,
            long to) {
        SceneGenerator generator = new SceneGenerator();
        List<SceneGenerator.Scene> out = new ArrayList<>();
        for (long seed = from; out.size() < count && seed < to; seed++) {
            SceneGenerator.Scene s = generator.render(seed);
            if (s.layout() == layout && s.box().width >= minWidth && s.box().width <= maxWidth) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The part of scene {@code s}'s plate quadrilateral from {@code a} to {@code b} of its length (0 its left end, 1 its
     * right): corners moved along the top and bottom edges, clockwise from top-left.
     */
    private static Point[] along(SceneGenerator.Scene s, double a, double b) {
        double[] xs = s.quadXs();
        double[] ys = s.quadYs();
        return new Point[] {new Point(xs[0] + a * (xs[1] - xs[0]), ys[0] + a * (ys[1] - ys[0])),
            new Point(xs[0] + b * (xs[1] - xs[0]), ys[0] + b * (ys[1] - ys[0])),
            new Point(xs[3] + b * (xs[2] - xs[3]), ys[3] + b * (ys[2] - ys[3])),
            new Point(xs[3] + a * (xs[2] - xs[3]), ys[3] + a * (ys[2] - ys[3]))};
    }

    /**
     * The reading {@link PlateRecognizer#wholeOf} gives of scene {@code s}'s plate framed only as quadrilateral
     * {@code framing} (read as nothing sure, first checked to overlap the plate's box at IoU under {@code maxIou}),
     * lengthened {@code growths} times towards either side; checks that each of those framings was read.
     */
    private PlateResult readGrown(SceneGenerator.Scene s, Point[] framing, double maxIou, double[] growths) {
        double x0 = Math.min(framing[0].x, framing[3].x);
        double y0 = Math.min(framing[0].y, framing[1].y);
        double x1 = Math.max(framing[1].x, framing[2].x);
        double y1 = Math.max(framing[2].y, framing[3].y);
        Rect fb = new Rect((int) x0, (int) y0, (int) Math.ceil(x1 - x0), (int) Math.ceil(y1 - y0));
        Box truth = label(s);
        PlateCandidate candidate = new PlateCandidate(framing, fb, 0.9, fb.width / (double) fb.height);
        PlateResult unsure = new PlateResult("", "", 0, new double[0], List.of(), new Quad(new double[4], new double[4]),
                new Box(fb.x, fb.y, fb.width, fb.height), PlateLayout.WIDE);
        assertTrue(unsure.box().iou(truth) < maxIou, "a part, not the plate: IoU " + unsure.box().iou(truth));
        org.opencv.core.Mat gray = PlateRecognizer.decode(encodeUnchecked(s.image()));
        List<org.opencv.core.Mat> held = new ArrayList<>();
        int[] reads = new int[1];
        PlateResult grown;
        try {
            grown = recognizer.wholeOf(gray, candidate, unsure, held, reads, growths);
        } finally {
            held.forEach(org.opencv.core.Mat::release);
            gray.release();
        }
        assertEquals(2 * growths.length, reads[0]);
        return grown;
    }

    @Test
    void aStandardPlateFoundShortOfItsRightEndIsReadWhole() {
        // given standard plates 70-200 px wide in generated 598x598 scenes, each framed 22% short of its right end (its
        // strip and part of its last letter outside the framing), its left end kept
        List<SceneGenerator.Scene> standard = scenes(PlateLayout.STANDARD, 70, 200, 60, 99_000L, 99_600L);
        int n = 0;
        int unsureLast = 0;
        int wrongBefore = 0;
        int rightAfter = 0;
        int madeWrong = 0;
        for (SceneGenerator.Scene s : standard) {
            n++;
            Point[] shorter = along(s, 0, 0.78);
            Rect fb = Imgproc.boundingRect(new MatOfPoint(shorter));
            PlateCandidate framing = new PlateCandidate(shorter, fb, 0.9, fb.width / (double) fb.height);
            org.opencv.core.Mat gray = PlateRecognizer.decode(encodeUnchecked(s.image()));
            List<org.opencv.core.Mat> held = new ArrayList<>();
            try {
                PlateResult r = recognizer.readAt(gray, framing, held);
                // when a reading whose last character alone is unsure is read again lengthened to the right
                if (PlateRecognizer.lastMayBeCut(r)) {
                    unsureLast++;
                    PlateResult whole = recognizer.rightwardsOf(gray, framing, r, held);
                    boolean before = r.text().equals(s.text());
                    boolean after = whole.text().equals(s.text());
                    wrongBefore += before ? 0 : 1;
                    rightAfter += !before && after ? 1 : 0;
                    madeWrong += before && !after ? 1 : 0;
                }
            } finally {
                held.forEach(org.opencv.core.Mat::release);
                gray.release();
            }
        }
        // then most of the cut readings are read right, and none read right is made wrong
        assertEquals(60, n, "scenes with a standard plate 70-200 px wide");
        assertTrue(unsureLast >= 8, "readings whose last character alone is unsure: " + unsureLast);
        assertTrue(wrongBefore >= 5, "of those wrong: " + wrongBefore);
        assertTrue(rightAfter >= wrongBefore * 2 / 3, rightAfter + " of " + wrongBefore + " wrong readings read right");
        assertEquals(0, madeWrong, "right readings made wrong");
    }

    @Test
    void onlyAReadingWhoseLastCharacterAloneIsUnsureMayBeCut() {
        double[] sure = {0.99, 0.98, 0.97, 0.99, 0.95, 0.9, 0.008};
        assertTrue(PlateRecognizer.lastMayBeCut(result("4826HJL", 0.5, sure)));
        // surer than the inconsistency cap; fewer than four characters; the last not unsure enough; another unsure too
        assertFalse(PlateRecognizer.lastMayBeCut(result("4826HJL", 0.85, sure)));
        assertFalse(PlateRecognizer.lastMayBeCut(result("1AE", 0.5, new double[] {0.99, 0.99, 0.008})));
        assertFalse(PlateRecognizer.lastMayBeCut(result("4826HJL", 0.5, new double[] {0.99, 0.98, 0.97, 0.99, 0.95, 0.9, 0.2})));
        assertFalse(PlateRecognizer.lastMayBeCut(result("4826HJL", 0.5, new double[] {0.99, 0.98, 0.3, 0.99, 0.95, 0.9, 0.008})));
    }

    @Test
    void aReadingLengthenedToTheRightReplacesOnlyItsLastCharacter() {
        PlateResult cut = result("4826HJL", 0.5, new double[] {0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.008});
        double[] lastSure = {0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.97};
        double[] lastUnsure = {0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.3};
        // surer; as sure with its last character sure (first lengthening only); as sure but its last still unsure
        assertTrue(PlateRecognizer.rightwardsReplaces(cut, result("4826HJE", 0.85, lastUnsure), false));
        assertTrue(PlateRecognizer.rightwardsReplaces(cut, result("4826HJE", 0.5, lastSure), true));
        assertFalse(PlateRecognizer.rightwardsReplaces(cut, result("4826HJE", 0.5, lastSure), false));
        assertFalse(PlateRecognizer.rightwardsReplaces(cut, result("4826HJE", 0.5, lastUnsure), true));
        // less sure; another character changed; a character more
        assertFalse(PlateRecognizer.rightwardsReplaces(cut, result("4826HJE", 0.2, lastSure), true));
        assertFalse(PlateRecognizer.rightwardsReplaces(cut, result("4829HJE", 0.85, lastSure), true));
        assertFalse(PlateRecognizer.rightwardsReplaces(cut, result("4826HJEE", 0.85, new double[8]), true));
    }

    @Test
    void onlyWideFindsAboutPhotoSizeAndShorterThanMostWholePlatesMayBeParts() {
        // two thirds of a 160-px plate (110x24); a small wide find; a long whole wide plate; a standard plate
        assertTrue(PlateRecognizer.mayBePart(new Box(0, 0, 110, 24), PlateLayout.WIDE));
        assertFalse(PlateRecognizer.mayBePart(new Box(0, 0, 60, 20), PlateLayout.WIDE));
        assertFalse(PlateRecognizer.mayBePart(new Box(0, 0, 170, 32), PlateLayout.WIDE));
        assertFalse(PlateRecognizer.mayBePart(new Box(0, 0, 110, 50), PlateLayout.STANDARD));
    }

    @Test
    void onlyLargeHalfShapedWideFindsMayBeHalves() {
        // a 223x81 letters half of a 440-px plate; a whole wide plate; a small one at 598x598; a standard plate
        assertTrue(PlateRecognizer.mayBeHalf(new Box(0, 0, 223, 81), PlateLayout.WIDE));
        assertFalse(PlateRecognizer.mayBeHalf(new Box(0, 0, 440, 95), PlateLayout.WIDE));
        assertFalse(PlateRecognizer.mayBeHalf(new Box(0, 0, 80, 30), PlateLayout.WIDE));
        assertFalse(PlateRecognizer.mayBeHalf(new Box(0, 0, 223, 81), PlateLayout.STANDARD));
    }

    @Test
    void aGrownReadingReplacesTheHalfWhenSurerOrAsSureWithAnotherText() {
        assertTrue(PlateRecognizer.wholer(result("2UZD", 0.5), result("7UZD", 0.85)));
        assertTrue(PlateRecognizer.wholer(result("2UZD", 0.5), result("7UZD", 0.5)));
        assertFalse(PlateRecognizer.wholer(result("3983BEU", 0.5), result("3983BEU", 0.5)));
        assertFalse(PlateRecognizer.wholer(result("6655NEG", 0.5), result("6655JAD", 0.2)));
        assertFalse(PlateRecognizer.wholer(result("6655NEG", 0.5), null));
        // a whole plate read right in a tall box, lengthened into a shorter misreading as sure; a half's misreading
        // replaced by a shorter, surer reading
        assertFalse(PlateRecognizer.wholer(result("3951ZXK", 0.5), result("2XJK", 0.5)));
        assertTrue(PlateRecognizer.wholer(result("54UZD", 0.05), result("7UZD", 0.5)));
        // a whole plate's tall framing (3.7 times as long as tall) read right, lengthened into a misreading as sure
        assertFalse(PlateRecognizer.wholer(result("1KEN", 0.5, new Box(0, 0, 210, 57)), result("8GAJ", 0.5)));
    }

    private static PlateResult result(String text, double confidence, double[] characterConfidences) {
        return new PlateResult(text, "", confidence, characterConfidences, List.of(),
                new Quad(new double[4], new double[4]), new Box(0, 0, 90, 45), PlateLayout.STANDARD);
    }

    private static PlateResult result(String text, double confidence) {
        // a half's box: 2.75 times as long as tall
        return result(text, confidence, new Box(0, 0, 220, 80));
    }

    private static PlateResult result(String text, double confidence, Box box) {
        return new PlateResult(text, "", confidence, new double[text.length()], List.of(),
                new Quad(new double[4], new double[4]), box, PlateLayout.WIDE);
    }

    private static byte[] encodeUnchecked(BufferedImage image) {
        try {
            return encode(image, "png");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void oneDigitWidePlateIsFramedWholeNotAsItsLettersHalf() {
        // A large wide plate with one digit (about 470 px wide in a 598x598 scene): its whole framing is read with a
        // standard layout and misread, its letters half (the emblem panel read as the digit) more surely, and the
        // half's box was reported, leaving out the digits' part of the plate.
        // An invented text (not a development photo's), drawn as the generators draw wide special plates.
        PlateSpec spec = new PlateSpec("3ENX", "3ENX", PlateLayout.WIDE, false, "DejaVu Sans Mono", "DejaVu Sans", false,
                false, false);
        SceneGenerator.Scene s = new SceneGenerator().render(spec, 43, 0.25346024977558324, 469.63662555192053);
        Box truth = label(s);
        Recognition r = recognizer.recognize(s.image());
        assertFalse(r.plates().isEmpty(), "no plate found");
        PlateResult best = r.plates().stream().max((a, b) -> Double.compare(a.box().iou(truth), b.box().iou(truth))).get();
        // The letters half alone covers about 0.6 of the plate and starts about 0.46 of the width in; a whole framing
        // reaches within a tenth of the width of both ends (session 25's localiser scorer frames it inside the rim,
        // about 0.09 of the width in at each end: IoU 0.70, read exactly; the whole plate's box had 0.87).
        assertTrue(best.box().iou(truth) >= 0.5, "box " + best.box() + " misses the plate " + truth);
        assertTrue(best.box().x() <= truth.x() + 0.1 * truth.width(), "the digits' part is left out: " + best.box()
                + " of " + truth + " (IoU " + best.box().iou(truth) + ")");
        assertTrue(best.box().x() + best.box().width() >= truth.x() + 0.9 * truth.width(), "the letters' end is left out: "
                + best.box() + " of " + truth + " (IoU " + best.box().iou(truth) + ")");
        assertTrue(best.confidence() < 0.9 || best.text().equals(spec.text()), "a wrong reading is automatic");
    }

    /**
     * Plates close to the camera: generated 598x598 scenes whose standard plate is 260-380 px wide, about half the
     * photo or more, larger than the development photos' plates that the localiser's generators were tuned on. Without
     * the half-size search of a photo whose large finds read unsure ({@code PlateRecognizer.searchClose}) 38 of these
     * 40 plates were found and 29 read exactly, 2 of them at 0.9 or more; with it 40, 35 and 5.
     */
    @Test
    void aStandardPlateAsLargeAsHalfThePhotoIsReadExactlyAndNeverConfidentlyWrong() {
        // the scenes of ./raqib generate-scenes --seed 5000 (its defaults: standard, 4 digits, 260-380 px)
        Tally t = tally(new GeneratedScenesCommand.Kind(PlateLayout.STANDARD, 4, 4, 260, 380), false);
        assertEquals(0, t.sureWrong, "wrong reads at 0.9 or more, of " + t.sure);
        assertTrue(t.found >= 39, "plates found: " + t.found + " of " + t.n);
        assertTrue(t.exact >= 33, "plates read exactly: " + t.exact + " of " + t.n);
        assertTrue(t.sure >= 4, "reads at 0.9 or more: " + t.sure + " of " + t.n);
    }

    @Test
    void aShortWidePlateWhoseCropLosesADigitIsNeverReadConfidentlyWrong() {
        // given the scenes of ./raqib generate-scenes --layout wide --digits 1-2 --plate-width 360-500 --seed 5000
        // --count 40, read from PNG bytes as read and eval read them (decoded to gray: the same pixels as from a file)
        Tally t = tally(new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 2, 360, 500), true);
        // then none is read wrong at 0.9 or more: scene 5007's loose crop cut its bottom row and its first digit was
        // lost, the rest read at 0.996 and confirmed by the top row above the boxes read (GlyphReader.digitBeside)
        assertEquals(0, t.sureWrong, "wrong reads at 0.9 or more, of " + t.sure);
        assertTrue(t.found >= 37, "plates found: " + t.found + " of " + t.n);
        assertTrue(t.exact >= 34, "plates read exactly: " + t.exact + " of " + t.n);
        assertTrue(t.sure >= 8, "reads at 0.9 or more: " + t.sure + " of " + t.n);
    }

    @Test
    void aLargeWideOneDigitPlateFramedOnlyLooselyIsFramedByItsBorder() {
        // given three scenes of ./raqib generate-scenes --layout wide --digits 1 --plate-width 400-480 --seed 13000
        // whose plates the localiser framed only loosely (IoU 0.77-0.82 with the plate), each read at 0.5 (one with
        // its digit wrong), as PNG bytes (as read and eval read them)
        SceneGenerator scenes = new SceneGenerator();
        GeneratedScenesCommand.Kind kind = new GeneratedScenesCommand.Kind(PlateLayout.WIDE, 1, 1, 400, 480);
        for (long seed : new long[] {13001, 13021, 13029}) {
            SceneGenerator.Scene s = GeneratedScenesCommand.scene(scenes, kind, seed);
            Box truth = label(s);
            // when recognised
            Recognition r = recognizer.recognize(encode(s.image()));
            // then the plate's border frames it (PlateRecognizer.searchBorders), and that framing, read surely, is the
            // one reported
            PlateResult best = r.plates().stream().max((a, b) -> Double.compare(a.box().iou(truth), b.box().iou(truth)))
                    .orElseThrow(() -> new AssertionError("scene " + seed + ": no plate found"));
            assertTrue(best.box().iou(truth) >= 0.9, "scene " + seed + ": box " + best.box() + " for " + truth);
            assertEquals(s.text(), best.text(), "scene " + seed);
            assertTrue(best.confidence() >= 0.9, "scene " + seed + ": read at " + best.confidence());
            assertTrue(r.plates().stream().allMatch(p -> p.confidence() < 0.9 || p.text().equals(s.text())),
                    "scene " + seed + ": a wrong reading is automatic");
        }
    }

    /** Counts over generated scenes: plates found and read exactly, reads at 0.9 or more and of those wrong. */
    private static final class Tally {
        int n;
        int found;
        int exact;
        int sure;
        int sureWrong;
    }

    /**
     * Reads the 40 scenes of {@code kind} from seed 5000 ({@code generate-scenes --seed 5000}). From PNG bytes
     * ({@code fromPng}, as {@code read} and {@code eval} read files) the plate judged is the most confident one at IoU
     * 0.5 or more, as {@code eval} judges it; from the image itself, the best-framed one.
     */
    private static Tally tally(GeneratedScenesCommand.Kind kind, boolean fromPng) {
        SceneGenerator scenes = new SceneGenerator();
        Tally t = new Tally();
        t.n = 40;
        for (int i = 0; i < t.n; i++) {
            SceneGenerator.Scene s = GeneratedScenesCommand.scene(scenes, kind, 5000 + i);
            Box truth = label(s);
            Recognition r = fromPng ? recognizer.recognize(encode(s.image())) : recognizer.recognize(s.image());
            PlateResult match = null;
            double matchIou = 0;
            for (PlateResult p : r.plates()) {
                double iou = p.box().iou(truth);
                boolean better = fromPng ? iou >= 0.5 && (match == null || p.confidence() > match.confidence())
                        : iou > matchIou;
                if (better) {
                    match = p;
                    matchIou = iou;
                }
                if (p.confidence() >= 0.9) {
                    t.sure++;
                    if (iou < 0.5 || !p.text().equals(s.text())) {
                        t.sureWrong++;
                    }
                }
            }
            if (match != null && matchIou >= 0.5) {
                t.found++;
                if (match.text().equals(s.text())) {
                    t.exact++;
                }
            }
        }
        return t;
    }
}
