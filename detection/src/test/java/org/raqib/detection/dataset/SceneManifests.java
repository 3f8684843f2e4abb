package org.raqib.detection.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.raqib.detection.synth.SceneGenerator;

/** Test fixture: a manifest in the development photos' format over generated scenes. */
public final class SceneManifests {

    private SceneManifests() {
    }

    /**
     * Writes {@code n} generated scenes (seeds from {@code seed0}) as {@code dir/images/sI.png} and their
     * {@code dir/manifest.tsv}; with {@code lastUntranscribed} the last one's text is left empty. Returns the manifest.
     */
    public static Path write(Path dir, int n, long seed0, boolean lastUntranscribed) throws IOException {
        SceneGenerator scenes = new SceneGenerator();
        StringBuilder tsv = new StringBuilder("relative_image_path\tplate_text\tbbox_xywh\n");
        Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < n; i++) {
            SceneGenerator.Scene s = scenes.render(seed0 + i);
            ImageIO.write(s.image(), "png", dir.resolve("images/s" + i + ".png").toFile());
            String text = lastUntranscribed && i == n - 1 ? "" : s.text();
            tsv.append("images/s").append(i).append(".png\t").append(text).append('\t').append(s.box().x).append(',')
                    .append(s.box().y).append(',').append(s.box().width).append(',').append(s.box().height).append('\n');
        }
        Path manifest = dir.resolve("manifest.tsv");
        Files.writeString(manifest, tsv);
        return manifest;
    }
}
