package org.raqib.detection.read;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.raqib.detection.opencv.OpenCvLoader;

/**
 * Turns a plate crop of any size into the reader network's input: gray, {@value #HEIGHT}x{@value #WIDTH},
 * standardised per image (zero mean, unit variance) so that exposure and contrast do not matter.
 * Wide plates are squeezed to the same size; the layout head tells them apart.
 */
public final class CropPreprocessor {

    /** Network input height in pixels. */
    public static final int HEIGHT = 64;
    /** Network input width in pixels. */
    public static final int WIDTH = 160;

    private CropPreprocessor() {
    }

    /** Gray 8-bit {@value #HEIGHT}x{@value #WIDTH} pixels, row-major. */
    public static byte[] toGray(Mat crop) {
        OpenCvLoader.load();
        if (crop.empty()) {
            throw new IllegalArgumentException("empty plate crop");
        }
        Mat gray = new Mat();
        switch (crop.channels()) {
            case 1 -> crop.copyTo(gray);
            case 3 -> Imgproc.cvtColor(crop, gray, Imgproc.COLOR_BGR2GRAY);
            case 4 -> Imgproc.cvtColor(crop, gray, Imgproc.COLOR_BGRA2GRAY);
            default -> throw new IllegalArgumentException("plate crop must have 1, 3 or 4 channels");
        }
        Mat small = new Mat();
        boolean shrink = gray.cols() > WIDTH || gray.rows() > HEIGHT;
        Imgproc.resize(gray, small, new Size(WIDTH, HEIGHT), 0, 0, shrink ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        byte[] out = new byte[WIDTH * HEIGHT];
        small.get(0, 0, out);
        gray.release();
        small.release();
        return out;
    }

    /** Standardises gray pixels into {@code dst} at {@code offset} (length {@value #HEIGHT}*{@value #WIDTH}). */
    public static void normalize(byte[] gray, float[] dst, int offset) {
        int n = gray.length;
        double sum = 0;
        double sq = 0;
        for (byte b : gray) {
            int v = b & 0xFF;
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
        // A floor on the deviation keeps flat crops (no plate) from being blown up into noise.
        double inv = 1.0 / Math.max(sd, 8.0);
        for (int i = 0; i < n; i++) {
            dst[offset + i] = (float) (((gray[i] & 0xFF) - mean) * inv);
        }
    }

    /** {@link #toGray} then {@link #normalize} into a new array. */
    public static float[] toInput(Mat crop) {
        float[] out = new float[WIDTH * HEIGHT];
        normalize(toGray(crop), out, 0);
        return out;
    }
}
