package org.raqib.jobs.recognition;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.raqib.detection.Recognition;
import org.raqib.detection.UnreadableImageException;
import org.raqib.jobs.avro.AvroRecordTypeInfo;
import org.raqib.jobs.rejection.DeadLetters;
import org.raqib.jobs.violation.ViolationIds;
import org.raqib.models.CameraFrame;
import org.raqib.models.DeadLetter;
import org.raqib.models.PlateRead;
import org.raqib.models.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises the plates in each frame: one {@link PlateRead} per plate, with the SHA-256 of the JPEG
 * as the evidence reference. A frame whose bytes are not an image goes to {@link #DEAD_LETTERS} as
 * {@value DeadLetters#UNDECODABLE_IMAGE}. The recogniser is opened per task in {@link #open}.
 * Plate text is logged only at DEBUG (personal data).
 */
public final class RecognizeFrames extends ProcessFunction<CameraFrame, PlateRead> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RecognizeFrames.class);
    static final String SOURCE = "jobs.recognition";

    /** Frames that cannot be recognised. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("unreadable-frames", AvroRecordTypeInfo.forRecord(DeadLetter.class));

    private final RecognizerFactory factory;
    private transient FrameRecognizer recognizer;

    public RecognizeFrames(RecognizerFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void open(OpenContext openContext) {
        recognizer = factory.open();
    }

    @Override
    public void processElement(CameraFrame frame, Context ctx, Collector<PlateRead> out) {
        byte[] jpeg = bytes(frame.getJpeg());
        List<PlateRead> reads;
        try {
            Recognition recognition = recognizer.recognize(jpeg);
            reads = PlateReads.of(frame, recognition, ViolationIds.sha256Hex(jpeg));
        } catch (UnreadableImageException e) {
            LOG.warn("frame {} of camera {} is not a decodable image ({} bytes): {}", frame.getFrameId(),
                    frame.getCameraId(), jpeg.length, e.getMessage());
            reject(frame, DeadLetters.UNDECODABLE_IMAGE, e.getMessage(), ctx);
            return;
        } catch (RuntimeException e) {
            // A frame that breaks the recogniser would fail the task again after every restart:
            // set it aside with the reason and go on.
            LOG.warn("recognition failed on frame {} of camera {}", frame.getFrameId(), frame.getCameraId(), e);
            reject(frame, DeadLetters.RECOGNITION_FAILED, e.toString(), ctx);
            return;
        }
        for (PlateRead read : reads) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("read {} plate {} confidence {}", read.getReadId(), read.getPlateText(), read.getConfidence());
            }
            out.collect(read);
        }
    }

    private void reject(CameraFrame frame, String reason, String why, Context ctx) {
        ctx.output(DEAD_LETTERS, DeadLetters.of(SOURCE, reason, "frame " + frame.getFrameId() + ": " + why,
                frame.getCameraId(), Topics.FRAMES.wire().encode(frame), frame.getFrameId(), Instant.now()));
    }

    @Override
    public void close() {
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
