package org.raqib.detection.locate;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A cheap, hand-made plate-likeness score used only to order candidates before the reader (whose
 * learned plate score is the real verdict) sees the best few. A plate region holds many dark,
 * character-sized blobs that are not cut by its edge, in two rows for the standard layout.
 */
final class PlateLikeness {

    private static final int HEIGHT = 32;

    private PlateLikeness() {
    }

    /** Score in 0..1 for the axis-aligned region {@code r} of the gray image. */
    static double score(Mat gray, Rect r) {
        if (r.width < 8 || r.height < 4) {
            return 0;
        }
        Mat sub = gray.submat(r);
        int w = (int) Math.max(48, Math.min(200, Math.round(HEIGHT * (double) r.width / r.height)));
        Mat small = new Mat();
        Imgproc.resize(sub, small, new Size(w, HEIGHT), 0, 0, Imgproc.INTER_AREA);
        Mat bin = new Mat();
        Imgproc.adaptiveThreshold(small, bin, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C, Imgproc.THRESH_BINARY_INV, 15, 7);
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat cents = new Mat();
        int n = Imgproc.connectedComponentsWithStats(bin, labels, stats, cents, 8, CvType.CV_32S);
        int[] st = new int[n * 5];
        stats.get(0, 0, st);
        int top = 0;
        int bottom = 0;
        int chars = 0;
        for (int i = 1; i < n; i++) {
            int x = st[i * 5];
            int y = st[i * 5 + 1];
            int cw = st[i * 5 + 2];
            int ch = st[i * 5 + 3];
            int area = st[i * 5 + 4];
            if (ch < 0.18 * HEIGHT || ch > 0.6 * HEIGHT || cw > 1.1 * ch + 2 || area < 0.12 * cw * ch
                    || x == 0 || y == 0 || x + cw >= w || y + ch >= HEIGHT) {
                continue;
            }
            chars++;
            if (y + ch / 2.0 < HEIGHT / 2.0) {
                top++;
            } else {
                bottom++;
            }
        }
        sub.release();
        small.release();
        bin.release();
        labels.release();
        stats.release();
        cents.release();
        double s = Math.min(chars, 14) / 14.0 * 0.7;
        if (top >= 2 && bottom >= 2) {
            s += 0.3;
        }
        return s;
    }
}
