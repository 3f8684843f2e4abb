package org.raqib.ingest.stream;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small generated images for the stream tests (nothing from outside the repository). */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage numbered(int n, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color((n * 37) % 256, (n * 91) % 256, 120));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.drawString("frame " + n, 10, height / 2);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int n, int width, int height) {
        return encode(numbered(n, width, height), "jpeg");
    }
}
