package org.raqib.detection.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real labelled photos described by a {@code manifest.tsv} (header row, then
 * {@code relative_image_path \t plate_text \t x,y,w,h}), as in {@code ../shared/data/ksa-dev}.
 *
 * <p>The hold-out split is by plate text, not by photo, because the same car appears in several
 * photos: a photo is in the validation part when {@code floorMod(plateText.hashCode(), 5) == 0}.
 * Photos whose text is unknown (empty) are never validation photos for reading, but their box is
 * still usable for localisation training. Every tool (training, evaluation, benchmarks) uses this
 * one rule so that what is measured was never trained on.
 */
public final class LabelledPhotos {

    /** The conventional location of the development photos, relative to the repository root. */
    public static final Path DEFAULT_DEV_MANIFEST = Path.of("..", "shared", "data", "ksa-dev", "manifest.tsv");

    /** One labelled photo. {@code plateText} is empty when the plate could not be transcribed. */
    public record Photo(Path image, String plateText, int x, int y, int width, int height) {
        public boolean hasText() {
            return !plateText.isEmpty();
        }

        /** True when this photo belongs to the held-out validation part (see class comment). */
        public boolean isValidation() {
            return hasText() && Math.floorMod(plateText.hashCode(), 5) == 0;
        }
    }

    private LabelledPhotos() {
    }

    /** Reads a manifest; image paths are resolved against the manifest's folder. */
    public static List<Photo> read(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + manifest, e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("relative_image_path")) {
            throw new IllegalArgumentException(manifest + ": not a manifest.tsv (expected header relative_image_path\\tplate_text\\tbbox_xywh)");
        }
        Path base = manifest.toAbsolutePath().getParent();
        List<Photo> photos = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 3) {
                throw new IllegalArgumentException(manifest + ":" + (i + 1) + ": expected 3 tab-separated columns");
            }
            String[] box = cols[2].trim().split(",");
            if (box.length != 4) {
                throw new IllegalArgumentException(manifest + ":" + (i + 1) + ": bbox_xywh must be x,y,w,h");
            }
            photos.add(new Photo(base.resolve(cols[0].trim()), cols[1].trim().toUpperCase(),
                    Integer.parseInt(box[0].trim()), Integer.parseInt(box[1].trim()),
                    Integer.parseInt(box[2].trim()), Integer.parseInt(box[3].trim())));
        }
        return photos;
    }

    /** The default development manifest if it exists here (it does not on a user's machine). */
    public static Optional<Path> findDevManifest() {
        Path p = DEFAULT_DEV_MANIFEST.toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            return Optional.of(p);
        }
        // Also try from a module folder (tests run with the module as working directory).
        Path up = Path.of("..", DEFAULT_DEV_MANIFEST.toString()).toAbsolutePath().normalize();
        return Files.isRegularFile(up) ? Optional.of(up) : Optional.empty();
    }
}
