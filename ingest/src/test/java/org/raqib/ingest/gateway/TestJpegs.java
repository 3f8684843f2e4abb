package org.raqib.ingest.gateway;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** JPEG and non-JPEG bodies for the gateway tests, drawn here (no image files in the repository). */
final class TestJpegs {

    private TestJpegs() {
    }

    /** A real JPEG of {@code width x height} with some noise, so each seed gives different bytes. */
    static byte[] jpeg(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(r.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 20; i++) {
            g.setColor(new Color(r.nextInt(0xFFFFFF)));
            g.fillRect(r.nextInt(width), r.nextInt(height), 1 + r.nextInt(width / 2 + 1), 1 + r.nextInt(height / 2 + 1));
        }
        g.dispose();
        return encode(img, "jpg");
    }

    /** A PNG. */
    static byte[] png(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    /** {@code jpeg} with its frame header patched to declare {@code width x height} (a decompression bomb). */
    static byte[] declaring(byte[] jpeg, int width, int height) {
        byte[] b = Arrays.copyOf(jpeg, jpeg.length);
        int pos = 2;
        while (pos < b.length) {
            int marker = b[pos + 1] & 0xFF;
            int len = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xC2) {
                b[pos + 5] = (byte) (height >> 8);
                b[pos + 6] = (byte) height;
                b[pos + 7] = (byte) (width >> 8);
                b[pos + 8] = (byte) width;
                return b;
            }
            pos += 2 + len;
        }
        throw new IllegalArgumentException("no frame header");
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
