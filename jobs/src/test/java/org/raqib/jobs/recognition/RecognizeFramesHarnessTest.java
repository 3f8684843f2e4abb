package org.raqib.jobs.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.Alternative;
import org.raqib.detection.Box;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Quad;
import org.raqib.detection.Recognition;
import org.raqib.detection.UnreadableImageException;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.avro.AvroRecordSerializer;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.CameraFrame;
import org.raqib.models.DeadLetter;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;

/**
 * The recognition operator around a scripted recogniser: what the operator adds (ids, evidence hash,
 * carried-over fields, dead letters, recogniser lifecycle) is checked here; the real recogniser is
 * exercised end to end in {@code RecognitionSpeedITCase}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecognizeFramesHarnessTest {

    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    /** Two plates in "two-cars", none in "empty-road", and anything else is not an image. */
    static FrameRecognizer scripted() {
        OPENED.incrementAndGet();
        return new FrameRecognizer() {
            @Override
            public Recognition recognize(byte[] image) {
                String content = new String(image, StandardCharsets.UTF_8);
                return switch (content) {
                    case "two-cars" -> new Recognition(List.of(
                            plate("1234ABD", 0.98, new Box(10, 20, 100, 25), PlateLayout.STANDARD),
                            plate("987XZK", 0.61, new Box(300, 40, 90, 30), PlateLayout.WIDE)), 640, 480, 1000);
                    case "empty-road" -> new Recognition(List.of(), 640, 480, 1000);
                    case "breaks-the-model" -> throw new IllegalStateException("tensor shape mismatch");
                    default -> throw new UnreadableImageException("not an image: " + image.length + " bytes");
                };
            }

            @Override
            public void close() {
                CLOSED.incrementAndGet();
            }
        };
    }

    static PlateResult plate(String text, double confidence, Box box, PlateLayout layout) {
        return new PlateResult(text, "arabic-" + text, confidence, new double[] {0.99, 0.98},
                List.of(new Alternative(text.replace('8', 'B'), confidence / 10)),
                new Quad(new double[] {box.x(), box.x() + box.width(), box.x() + box.width(), box.x()},
                        new double[] {box.y(), box.y(), box.y() + box.height(), box.y() + box.height()}), box, layout);
    }

    @Test
    void onePlateReadPerPlateWithEvidenceHashAndCarriedOverFieldsAndDeadLettersForUnreadableFrames()
            throws Exception {
        int openedBefore = OPENED.get();
        int closedBefore = CLOSED.get();
        byte[] twoCars = "two-cars".getBytes(StandardCharsets.UTF_8);
        CameraFrame busy = Fixtures.frame("fr-1", "cam-9", twoCars, 640, 480, 131.5, 5_000);
        CameraFrame empty = Fixtures.frame("fr-2", "cam-9", "empty-road".getBytes(StandardCharsets.UTF_8), 640, 480,
                null, 6_000);
        CameraFrame broken = Fixtures.frame("fr-3", "cam-9", new byte[] {(byte) 0xFF, (byte) 0xD8, 0}, 640, 480,
                null, 7_000);
        CameraFrame poison = Fixtures.frame("fr-4", "cam-9", "breaks-the-model".getBytes(StandardCharsets.UTF_8), 640,
                480, null, 8_000);

        try (OneInputStreamOperatorTestHarness<CameraFrame, PlateRead> harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new RecognizeFrames(RecognizeFramesHarnessTest::scripted)))) {
            harness.setup(new AvroRecordSerializer<>(PlateRead.class));
            harness.open();
            assertEquals(openedBefore + 1, OPENED.get(), "one recogniser per task, opened in open()");

            harness.processElement(busy, 5_000);
            harness.processElement(empty, 6_000);
            harness.processElement(broken, 7_000);
            harness.processElement(poison, 8_000);
            harness.processElement(busy, 9_000);

            List<PlateRead> reads = harness.extractOutputValues();
            assertEquals(List.of("fr-1#0", "fr-1#1", "fr-1#0", "fr-1#1"), reads.stream().map(PlateRead::getReadId).toList(),
                    "the task goes on after a bad frame");
            PlateRead first = reads.get(0);
            assertEquals("1234ABD", first.getPlateText());
            assertEquals("arabic-1234ABD", first.getPlateArabic());
            assertEquals(0.98, first.getConfidence());
            assertEquals(List.of(0.99, 0.98), first.getCharacterConfidences());
            assertEquals("1234ABD".replace('8', 'B'), first.getAlternatives().get(0).getPlateText());
            assertEquals(10, first.getBox().getX());
            assertEquals(25, first.getBox().getHeight());
            assertEquals(PlateLayout.STANDARD, first.getLayout());
            assertEquals(PlateLayout.WIDE, reads.get(1).getLayout());
            assertEquals("cam-9", first.getCameraId());
            assertEquals("fr-1", first.getFrameId());
            assertEquals(busy.getCaptureTime(), first.getCaptureTime());
            assertEquals(null, first.getRadarSpeedKmh(), "the radar measured the larger (nearer) plate");
            assertEquals(131.5, reads.get(1).getRadarSpeedKmh());
            assertEquals(2, first.getLane());
            assertEquals(ViolationIds.sha256Hex(twoCars), first.getEvidenceSha256());
            assertEquals(first.getEvidenceSha256(), reads.get(1).getEvidenceSha256());

            List<DeadLetter> dead = harness.getSideOutput(RecognizeFrames.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).toList();
            assertEquals(2, dead.size());
            assertEquals(DeadLetters.UNDECODABLE_IMAGE, dead.get(0).getReason());
            assertEquals(DeadLetters.RECOGNITION_FAILED, dead.get(1).getReason());
            assertTrue(dead.get(1).getDetail().contains("tensor shape mismatch"));
            assertEquals("cam-9", dead.get(0).getCameraId());
            assertEquals("jobs.recognition", dead.get(0).getSource());
            assertEquals("fr-3", Topics.FRAMES.wire().decode(dead.get(0).getOriginal().array()).getFrameId());
        }
        assertEquals(closedBefore + 1, CLOSED.get(), "recogniser closed with the task");
    }

    @Test
    void evidenceHashIsTheKnownSha256OfTheBytes() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                ViolationIds.sha256Hex(new byte[0]));
        assertTrue(PlateReads.readId("f", 3).equals("f#3"));
    }
}
