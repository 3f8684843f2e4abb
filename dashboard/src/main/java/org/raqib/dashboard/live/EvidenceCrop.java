package org.raqib.dashboard.live;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.raqib.models.PlateBox;

/**
 * Cuts the evidence picture shown beside a violation: the plate's box from the frame with a margin
 * around it (so the vehicle's front is recognisable), scaled to a fixed width for the page.
 */
public final class EvidenceCrop {

    /** Width of the crops served to the page, in pixels. */
    public static final int WIDTH = 320;

    private EvidenceCrop() {
    }

    /**
     * The crop around {@code box} in {@code jpeg}, as JPEG; the whole frame scaled when {@code box} is
     * null; empty when the bytes are not an image.
     */
    public static Optional<byte[]> crop(byte[] jpeg, PlateBox box) {
        BufferedImage frame;
        try {
            frame = ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (frame == null) {
            return Optional.empty();
        }
        int x = 0;
        int y = 0;
        int w = frame.getWidth();
        int h = frame.getHeight();
        if (box != null && box.getWidth() > 0 && box.getHeight() > 0) {
            // A plate is about 2:1; show it with the same width again on each side and a 2:1 window overall.
            int cw = Math.max(box.getWidth() * 3, 60);
            int ch = Math.max(cw / 2, box.getHeight() * 3);
            int cx = box.getX() + box.getWidth() / 2;
            int cy = box.getY() + box.getHeight() / 2;
            x = clamp(cx - cw / 2, 0, Math.max(0, frame.getWidth() - cw));
            y = clamp(cy - ch / 2, 0, Math.max(0, frame.getHeight() - ch));
            w = Math.min(cw, frame.getWidth() - x);
            h = Math.min(ch, frame.getHeight() - y);
        }
        int outW = WIDTH;
        int outH = Math.max(1, Math.round((float) h * outW / w));
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(frame, 0, 0, outW, outH, x, y, x + w, y + h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "jpg", bytes);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(bytes.toByteArray());
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
