package org.raqib.detection.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.raqib.detection.dataset.CacheStamp;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.synth.PlateRenderer;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.models.PlateLayout;

/**
 * {@code train-glyphs --reuse-folds DIR}: the two folds' models (each fold's perceptron, top-row perceptron and the
 * ONNX bytes of its two nets) kept in a folder with a stamp of every setting they were trained with, so that a
 * change to the reader alone can be measured out of fold without training them again. Exact only while the
 * training glyphs are cut as they were: the reader's segmenter also cuts the glyphs the folds are trained on. The
 * renderer's plates are in the stamp (a digest of a few fixed plates), so a renderer change refuses the cache.
 */
final class FoldCache {

    /** The stamp: every setting that changes the fold models, written last (a folder without it holds no cache). */
    static final String STAMP = "fold-settings.json";

    /**
     * The folders a {@code --reuse-folds} or {@code --reader-folds} value names: the value itself where it is an
     * existing folder (so a folder whose name holds a comma can be given), else its comma-separated parts.
     */
    static List<Path> listed(String value) {
        if (value.indexOf(',') < 0 || Files.isDirectory(Path.of(value))) {
            return List.of(Path.of(value));
        }
        List<Path> out = new ArrayList<>();
        for (String part : value.split(",")) {
            out.add(Path.of(part));
        }
        return out;
    }

    /** The folder inside the first member's fold folder {@code dir} where member {@code m} (from 2) keeps its folds. */
    static Path memberDir(Path dir, int m) {
        return dir.resolve("member-" + m);
    }

    /** The perceptrons, the nets' training lines and the glyph counts the report prints. */
    static final String MODELS = "fold-models.json";
    /** Version of this folder's layout, part of the stamp. */
    private static final int FORMAT = 1;

    /** One fold's models: nets as ONNX bytes, null when none was trained. */
    record Fold(GlyphClassifier latin, GlyphClassifier top, byte[] net, byte[] topNet) {
    }

    /**
     * Both folds' models (A: trained without fold B's photos, which it reads; B the reverse), the nets' training
     * lines in the order the training run printed them, and the glyph counts of its "glyphs:" line (synthetic,
     * real fold A, real fold B, synthetic top-row cells, real top-row cells).
     */
    record Folds(Fold a, Fold b, List<String> netLines, List<String> topNetLines, int[] counts) {
    }

    private FoldCache() {
    }

    /**
     * The stamp of a training run: the manifest (its path and a digest of its content, which names the photos, their
     * texts and boxes) and every option that changes the fold models. The nets' weights in the reader are left out:
     * they change the readings, not the models.
     */
    static Map<String, String> stamp(Path manifest, long seed, int synthetic, int repeats, int wideRepeats, int epochs, int hidden, int topEpochs,
            int topHidden, GlyphTrainer.TopSynthetic topSynthetic, double lr, GlyphAugmenter.Settings aug, GlyphTrainCommand.NetSettings net,
            GlyphTrainCommand.NetSettings topNet) throws IOException {
        Map<String, String> s = CacheStamp.of(FORMAT, manifest);
        s.put("seed", Long.toString(seed));
        s.put("synthetic", Integer.toString(synthetic));
        s.put("real-repeats", Integer.toString(repeats));
        if (wideRepeats != 1) {
            // Only when on: caches trained before the option keep their stamp.
            s.put("wide-repeats", Integer.toString(wideRepeats));
        }
        s.put("epochs", Integer.toString(epochs));
        s.put("hidden", Integer.toString(hidden));
        s.put("top-epochs", Integer.toString(topEpochs));
        s.put("top-hidden", Integer.toString(topHidden));
        if (topSynthetic != GlyphTrainer.TopSynthetic.ALL) {
            // Only when not every synthetic plate's: caches trained before the option (on all of them) keep their stamp.
            s.put("top-synthetic", topSynthetic.name().toLowerCase(java.util.Locale.ROOT));
        }
        s.put("lr", Double.toString(lr));
        s.put("distort", Double.toString(aug.distort()));
        s.put("edge-cut", Double.toString(aug.edgeCut()));
        s.put("other-cuts", Boolean.toString(aug.otherCuts()));
        s.put("distort-beside", Boolean.toString(aug.beside()));
        if (aug.faint() != 0) {
            // Only when on: caches trained before the poor-photo degradations keep their stamp.
            s.put("faint", Double.toString(aug.faint()));
        }
        if (aug.small() != 0) {
            // Only when on: caches trained before small crops keep their stamp.
            s.put("small", Double.toString(aug.small()));
        }
        if (aug.topFaint() != 0) {
            s.put("top-faint", Double.toString(aug.topFaint()));
        }
        s.put("net-epochs", Integer.toString(net.epochs()));
        s.put("net-lr", Double.toString(net.lr()));
        if (!net.defaultChannels()) {
            // Only when changed: caches of the default nets keep their stamp.
            s.put("net-channels", net.channelList());
        }
        if (net.members() != 1) {
            s.put("net-members", Integer.toString(net.members()));
        }
        s.put("top-net-epochs", Integer.toString(topNet.epochs()));
        s.put("renderer", CacheStamp.imagesDigest(rendererSamples()));
        return s;
    }

    /**
     * A few fixed plates as the renderer draws them (standard and wide, 1-4 digits, the wide layouts with the middle
     * panel and with the right strip, in every face the glyph trainer draws its synthetic plates in,
     * {@link GlyphTrainer#FONTS} and {@link GlyphTrainer#ARABIC_FONTS}): their digest stands in the stamp for the
     * synthetic glyphs, so that a cache trained on another renderer's plates (or another machine's fonts) is refused
     * instead of silently reused.
     */
    static List<BufferedImage> rendererSamples() {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < GlyphTrainer.FONTS.length; i++) {
            String font = GlyphTrainer.FONTS[i];
            String top = GlyphTrainer.ARABIC_FONTS[i % GlyphTrainer.ARABIC_FONTS.length];
            out.add(PlateRenderer.render(new PlateSpec("1234ABD", "1234ABD", PlateLayout.STANDARD, false, font,
                    top, true, false, false)));
            out.add(PlateRenderer.render(new PlateSpec("56KLN", "56KLN", PlateLayout.STANDARD, true, font, top, false, true,
                    false)));
            out.add(PlateRenderer.render(new PlateSpec("7890RSX", "7890RSX", PlateLayout.WIDE, false, font, top, true, false,
                    false)));
            out.add(PlateRenderer.render(new PlateSpec("3TUV", "3TUV", PlateLayout.WIDE, true, font, top, false, false,
                    true)));
        }
        return out;
    }

    /**
     * Whether {@code dir} holds a cache: empty when it has no stamp; when it has one, an empty string if it equals
     * {@code stamp}, otherwise the settings that differ ("seed 42 there, 43 here").
     */
    static Optional<String> compare(Path dir, Map<String, String> stamp) throws IOException {
        return CacheStamp.compare(dir.resolve(STAMP), stamp);
    }

    /** The folds kept in {@code dir} (whose stamp was found equal). */
    static Folds load(Path dir) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dir.resolve(MODELS).toFile());
        List<String> netLines = new ArrayList<>();
        root.path("netLines").forEach(n -> netLines.add(n.asText()));
        List<String> topNetLines = new ArrayList<>();
        root.path("topNetLines").forEach(n -> topNetLines.add(n.asText()));
        int[] counts = new int[root.path("counts").size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = root.path("counts").get(i).asInt();
        }
        return new Folds(loadFold(dir, root.path("a")), loadFold(dir, root.path("b")), netLines, topNetLines, counts);
    }

    private static Fold loadFold(Path dir, JsonNode node) throws IOException {
        return new Fold(GlyphClassifier.readFrom(node.path("classifier")), GlyphClassifier.readFrom(node.path("arabic")),
                readNet(dir, node, "net"), readNet(dir, node, "topNet"));
    }

    private static byte[] readNet(Path dir, JsonNode node, String key) throws IOException {
        return node.hasNonNull(key) ? Files.readAllBytes(dir.resolve(node.get(key).asText())) : null;
    }

    /** Writes {@code folds} to {@code dir} with {@code stamp}, the stamp last. */
    static void save(Path dir, Map<String, String> stamp, Folds folds) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(STAMP));
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        saveFold(dir, root.putObject("a"), folds.a(), "a");
        saveFold(dir, root.putObject("b"), folds.b(), "b");
        ArrayNode nl = root.putArray("netLines");
        folds.netLines().forEach(nl::add);
        ArrayNode tl = root.putArray("topNetLines");
        folds.topNetLines().forEach(tl::add);
        ArrayNode counts = root.putArray("counts");
        for (int c : folds.counts()) {
            counts.add(c);
        }
        Files.writeString(dir.resolve(MODELS), om.writeValueAsString(root));
        CacheStamp.write(dir.resolve(STAMP), stamp);
    }

    private static void saveFold(Path dir, ObjectNode node, Fold fold, String name) throws IOException {
        fold.latin().writeTo(node.putObject("classifier"));
        fold.top().writeTo(node.putObject("arabic"));
        saveNet(dir, node, "net", "fold-" + name + "-net.onnx", fold.net());
        saveNet(dir, node, "topNet", "fold-" + name + "-net-top.onnx", fold.topNet());
    }

    private static void saveNet(Path dir, ObjectNode node, String key, String file, byte[] onnx) throws IOException {
        if (onnx == null) {
            Files.deleteIfExists(dir.resolve(file));
            node.putNull(key);
            return;
        }
        Files.write(dir.resolve(file), onnx);
        node.put(key, file);
    }
}
