package org.raqib.detection.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.raqib.detection.synth.TopRowFonts;

/** The model card written next to the model files by {@link TrainCommand}. */
final class ModelCard {

    /** The card's file name, beside the model files. */
    static final String FILE = "MODEL_CARD.md";

    private ModelCard() {
    }

    static String render(TrainOptions o, ReaderTrainer.Result r) {
        String manifests = o.realManifests().isEmpty() ? "none"
                : o.realManifests().stream().map(ModelCard::shortPath).collect(Collectors.joining(", "));
        return """
                # Plate reader model card

                Written by `./raqib train`; regenerate rather than edit.

                **This network is the second reader.** `PlateReader` first reads the Latin row
                character by character (`GlyphSegmenter` + `GlyphClassifier`, the cuts compared also named by the small
                CNN `GlyphNet` in `glyph-net.onnx`, and by a seed ensemble's further members in `glyph-net-2.onnx` ...,
                all trained by `./raqib train-glyphs`; their card, which names the members, is `glyph-classifier.md`
                beside this file) and uses this network as the cross-check: its digit
                count and its Arabic row must not contradict the character-level reading (else the confidence is capped
                at 0.5), and a reading it confirms keeps the better of the two confidences. An automatic read (>= 0.9)
                needs the Arabic row read by Raqib's own top-row classifier (in `glyph-classifier.json`), not this
                network's, to confirm every character. The accuracy of the whole
                reader is measured on the held-out photos with
                `./raqib eval ../shared/data/ksa-dev/manifest.tsv --validation-only`: see BENCHMARKS.md. The
                measurements below are of this network alone.

                ## What it is
                A small CNN (%d parameters before export) that reads a crop of one Saudi plate: input 64x160 gray,
                standardised per crop. A 3x3 stride-2 conv and three 3x3 conv + 2x2 max-pool stages (12, 24, 48, 64
                channels, batch norm, ReLU) and a 1x1 conv to 48 channels give a 48x4x10 feature map. Three linear
                heads read it: the Latin (bottom) row from the lower half, the Arabic (top) row from the upper half,
                each as 4 digit slots (0-9 or empty, left-aligned) and 3 letter slots (17 letters; an Arabic letter
                is predicted as its Latin twin); a global head gives layout (standard/wide) and plate/not-plate.

                Decoding combines the two rows per character (product of their probabilities) and picks the best
                format-valid text. Confidence: Platt scaling (logistic regression) of three features -- the
                log-probability of the text, the number of characters where the rows' own best guesses disagree,
                and log(plateScore) -- fitted on held-out synthetic crops (1500 plates + 400 non-plates, fresh seed)
                and the held-out real crops (weight 10). Safety rules on top: any Arabic/Latin disagreement, or an
                unconstrained reading that breaks the plate format, caps the confidence at 0.5.

                Training engine: DJL 0.36 + PyTorch (CPU). Inference: the network exported to ONNX opset 13 by
                Raqib's own writer (batch norm folded into the convs, heads merged into one Gemm), run by
                OnnxRuntime; a unit test checks it against the PyTorch engine on the same input.

                ## Data and settings
                - seed %d; synthetic plates %d (+ %d non-plate crops), rendered with Java2D (Latin row in DejaVu
                  fonts, Arabic row in %s), both
                  layouts, white or blue strip, perspective, rotation, blur, noise, glare, illumination, JPEG,
                  loose crops, plate widths 60-400 px; 4%% of them with a different top row (teaches the rows apart)
                - real photos: %s -- only photos outside the validation split (LabelledPhotos.isValidation()),
                  %d jittered crops per transcribed photo per epoch (margins, perspective, scale), half as many
                  for untranscribed ones (layout and plate heads only), 2 non-plate crops per photo
                - epochs %d, batch %d, Adam lr %s%s with cosine decay to 1%%, weight decay 1e-4, dropout 0.1, threads %d

                Reproduce (from the repository root, with ../shared present%s):
                %s`./raqib train --seed %d --synthetic %d --real-repeats %d --epochs %d --batch %d --lr %s%s --threads %d%s%s%s%s --out DIR`

                ## Training log and measured accuracy
                %s
                """.formatted(parameterCount(), o.seed(), o.synthetic(), o.synthetic() / 4, topRowFonts(o), manifests,
                o.realRepeats(),
                o.epochs(), o.batch(), o.learningRate(),
                o.warmupEpochs() > 0 ? " (reached by a linear warm-up over the first " + o.warmupEpochs() + " epochs)" : "",
                o.threads(),
                o.init() == null ? "" : ", in order", o.init() == null ? "" : earlierRuns(o.init()),
                o.seed(), o.synthetic(), o.realRepeats(), o.epochs(), o.batch(), o.learningRate(),
                // Named wherever leaving it out would not give the same warm-up.
                o.warmupEpochs() > 0 || TrainOptions.DEFAULT_WARMUP_EPOCHS > 0 ? " --warmup-epochs " + o.warmupEpochs() : "",
                o.threads(),
                o.leaveOutFold() == null ? "" : " --leave-out-fold " + o.leaveOutFold(),
                // Named wherever leaving it out would not draw the same top rows.
                o.topRowFonts() == TrainOptions.DEFAULT_TOP_ROW_FONTS ? ""
                        : " --top-row-fonts " + o.topRowFonts().optionName(),
                o.columnSwaps() == TrainOptions.DEFAULT_COLUMN_SWAPS ? "" : " --column-swaps " + o.columnSwaps(),
                o.init() == null ? "" : " --init DIR-1", String.join("\n", r.lines()));
    }

    private static String topRowFonts(TrainOptions o) {
        return o.topRowFonts() == TopRowFonts.DEJAVU ? "DejaVu fonts"
                : "one of " + o.topRowFonts().families().size() + " fonts (`--top-row-fonts "
                        + o.topRowFonts().optionName() + "`: " + String.join(", ", o.topRowFonts().families()) + ")";
    }

    private static long parameterCount() {
        long n = 0;
        int in = 1;
        for (int c : ReaderNet.CHANNELS) {
            n += (long) c * in * 9 + c * 3L;
            in = c;
        }
        n += (long) ReaderNet.FEATURES * in + ReaderNet.FEATURES * 3L;
        long full = (long) ReaderNet.FEATURES * ReaderNet.MAP_H * ReaderNet.MAP_W;
        n += 2 * (full / 2 * org.raqib.detection.read.PlateDecoder.ROW + org.raqib.detection.read.PlateDecoder.ROW);
        n += full * 4 + 4;
        return n;
    }

    /**
     * The commands that wrote the run in {@code init}, earliest first, one a line (each ending in a newline), read from
     * its own card: its folder named {@code DIR-1}, the runs it started from {@code DIR-2} and so on. A run whose card is
     * not beside it gets a line saying so, so that a card never claims a recipe it cannot show.
     */
    static String earlierRuns(Path init) {
        List<String> commands = new ArrayList<>();
        boolean continued = false;
        String missing = " (and so its command) was not beside its weights";
        try {
            boolean in = false;
            for (String line : Files.readAllLines(init.resolve(FILE), StandardCharsets.UTF_8)) {
                continued |= line.equals(STARTED_FROM);
                if (line.startsWith("Reproduce (")) {
                    in = true;
                } else if (in && line.startsWith("`")) {
                    commands.add(EARLIER_DIR.matcher(line).replaceAll(m -> "DIR-" + (m.group(1) == null ? 1
                            : Integer.parseInt(m.group(1)) + 1)));
                } else if (in && !line.isBlank()) {
                    in = false;
                }
            }
            missing = " gives no command";
        } catch (IOException e) {
            commands.clear();
        }
        // A card written before cards named the runs before them: a continued run whose one command left its --init out.
        boolean continuedUnnamed = continued && commands.size() == 1 && !commands.get(0).contains(" --init ");
        if (commands.isEmpty()) {
            commands.add("`DIR-1`: an earlier run whose " + FILE + missing);
        } else if (continuedUnnamed) {
            commands.set(0, commands.get(0).replace(" --out DIR-1`", " --init DIR-2 --out DIR-1`"));
            commands.add(0, "`DIR-2`: an earlier run that the card of DIR-1 does not name");
        }
        return commands.stream().map(c -> c + "\n").collect(Collectors.joining());
    }

    /** The training log's line for a run continued from an earlier one ({@code --init}). */
    static final String STARTED_FROM = "- started from the weights of an earlier run (--init)";

    /** A run's folder in a quoted command: {@code DIR}, or {@code DIR-k} for the k-th run before it. */
    private static final Pattern EARLIER_DIR = Pattern.compile("\\bDIR(?:-(\\d+))?\\b");

    private static String shortPath(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        return n >= 3 ? abs.subpath(n - 3, n).toString() : abs.toString();
    }
}
