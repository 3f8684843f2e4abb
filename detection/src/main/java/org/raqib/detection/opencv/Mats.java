package org.raqib.detection.opencv;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Conversions between Java2D images and OpenCV matrices (BGR, 8 bit). */
public final class Mats {

    private Mats() {
    }

    /** Copies any BufferedImage into a new 8-bit BGR Mat. */
    public static Mat toBgr(BufferedImage image) {
        OpenCvLoader.load();
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
        m.put(0, 0, data);
        return m;
    }

    /** Copies an 8-bit BGR or gray Mat into a new BufferedImage. */
    public static BufferedImage toImage(Mat mat) {
        int type;
        if (mat.channels() == 1) {
            type = BufferedImage.TYPE_BYTE_GRAY;
        } else if (mat.channels() == 3) {
            type = BufferedImage.TYPE_3BYTE_BGR;
        } else {
            throw new IllegalArgumentException("expected a 1- or 3-channel Mat, got " + mat.channels());
        }
        if (mat.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException("expected an 8-bit Mat");
        }
        BufferedImage img = new BufferedImage(mat.cols(), mat.rows(), type);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Mat cont = mat.isContinuous() ? mat : mat.clone();
        cont.get(0, 0, data);
        return img;
    }
}
