package org.raqib.ingest.stream;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Replays a folder of JPEG/PNG images in file-name order at a fixed rate, as if a camera sent them. JPEG
 * files are published as they are; other formats are encoded.
 */
final class ImageFolderSource implements FrameSource {

    private final Path folder;
    private final double replayFps;
    private List<Path> files;
    private int index;
    private long startNanos;

    ImageFolderSource(Path folder, double replayFps) {
        this.folder = folder;
        this.replayFps = replayFps;
    }

    @Override
    public void open() throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(ImageFolderSource::isImage).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .jpg, .jpeg or .png file in " + folder);
        }
        index = 0;
        startNanos = System.nanoTime();
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png"));
    }

    @Override
    public SourceFrame next() throws IOException {
        if (index >= files.size()) {
            return null;
        }
        long micros = Math.round(index * 1_000_000.0 / replayFps);
        Pacing.sleepUntil(startNanos + micros * 1000);
        Path file = files.get(index++);
        return new SourceFrame() {
            @Override
            public long streamMicros() {
                return micros;
            }

            @Override
            public EncodedFrame jpeg(float quality) throws IOException {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new BadFrameException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
                }
                if (bytes.length > 1 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
                    return JpegCodec.inspect(bytes);
                }
                BufferedImage image;
                try {
                    image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
                } catch (IOException e) {
                    throw new BadFrameException("cannot decode " + file.getFileName() + ": " + e.getMessage(), e);
                }
                if (image == null) {
                    throw new BadFrameException("not an image: " + file.getFileName());
                }
                return JpegCodec.encode(image, quality);
            }
        };
    }

    @Override
    public void close() {
        files = null;
    }
}
