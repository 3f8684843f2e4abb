package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.OpenCvLoader;

/** The classifier's input: what it reads of a glyph, wherever the glyph's box lies in the crop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GlyphClassifierTest {

    static {
        OpenCvLoader.load();
    }

    /** The input as defined: the whole crop extended by its edge pixels, the region cut out and scaled down. */
    private static float[] padWholeCrop(Mat gray, Rect box) {
        Rect r = GlyphClassifier.region(box);
        int padL = Math.max(0, -r.x);
        int padT = Math.max(0, -r.y);
        int padR = Math.max(0, r.x + r.width - gray.cols());
        int padB = Math.max(0, r.y + r.height - gray.rows());
        Mat padded = new Mat();
        Core.copyMakeBorder(gray, padded, padT, padB, padL, padR, Core.BORDER_REPLICATE);
        Mat small = new Mat();
        Imgproc.resize(padded.submat(new Rect(r.x + padL, r.y + padT, r.width, r.height)), small,
                new Size(GlyphClassifier.W, GlyphClassifier.H), 0, 0, Imgproc.INTER_AREA);
        byte[] px = new byte[GlyphClassifier.INPUTS];
        small.get(0, 0, px);
        float[] v = new float[px.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = px[i] & 0xFF;
        }
        return GlyphClassifier.standardise(v);
    }

    @Test
    void boxesInsideAndAtEveryEdgeOfTheCropGiveTheEdgeExtendedInput() {
        Random rnd = new Random(7);
        Mat gray = new Mat(48, 160, CvType.CV_8UC1);
        byte[] px = new byte[48 * 160];
        rnd.nextBytes(px);
        gray.put(0, 0, px);
        // Inside, against each side and corner, and wider than the crop (the region then overhangs both sides).
        Rect[] boxes = {new Rect(60, 10, 12, 28), new Rect(0, 10, 12, 28), new Rect(150, 10, 10, 28), new Rect(60, 0, 12, 30),
                new Rect(60, 20, 12, 28), new Rect(0, 0, 6, 48), new Rect(154, 0, 6, 48), new Rect(1, 3, 3, 40),
                new Rect(0, 0, 160, 48)};
        for (Rect box : boxes) {
            assertArrayEquals(padWholeCrop(gray, box), GlyphClassifier.input(gray, box), 0f, box.toString());
        }
        for (int i = 0; i < 200; i++) {
            int w = 2 + rnd.nextInt(30);
            int h = 6 + rnd.nextInt(42);
            Rect box = new Rect(rnd.nextInt(160 - w + 1), rnd.nextInt(48 - h + 1), w, h);
            assertArrayEquals(padWholeCrop(gray, box), GlyphClassifier.input(gray, box), 0f, box.toString());
        }
    }
}
