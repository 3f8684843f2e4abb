package org.raqib.ingest.stream;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/** JPEG in and out, with the JDK's ImageIO (no native code). */
final class JpegCodec {

    private JpegCodec() {
    }

    /**
     * Checks that {@code bytes} are a whole JPEG (start and end markers) and reads its size from the header,
     * without decoding the pixels.
     *
     * @throws BadFrameException when it is not a JPEG or is cut short
     */
    static EncodedFrame inspect(byte[] bytes) throws BadFrameException {
        if (bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF || (bytes[1] & 0xFF) != 0xD8) {
            throw new BadFrameException("not a JPEG (" + bytes.length + " bytes, no start marker)");
        }
        if (!endsWithEoi(bytes)) {
            throw new BadFrameException("truncated JPEG (" + bytes.length + " bytes, no end marker)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadFrameException("not a JPEG (no reader recognises it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new EncodedFrame(bytes, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new BadFrameException("unreadable JPEG header: " + e.getMessage(), e);
        }
    }

    /** Encodes an image as JPEG at {@code quality} (0..1]. */
    static EncodedFrame encode(BufferedImage image, float quality) throws IOException {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR && image.getType() != BufferedImage.TYPE_INT_RGB
                && image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            // the JPEG writer rejects alpha and writes odd colours for some packed layouts
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            rgb.getGraphics().drawImage(image, 0, 0, null);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), p);
        } finally {
            writer.dispose();
        }
        return new EncodedFrame(out.toByteArray(), image.getWidth(), image.getHeight());
    }

    private static boolean endsWithEoi(byte[] b) {
        // some encoders pad after the end marker; look at the last few bytes only
        for (int i = b.length - 2; i >= Math.max(2, b.length - 16); i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }
}
