package org.raqib.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.raqib.detection.Alternative;
import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Recognition;
import org.raqib.detection.RecognizerOptions;
import org.raqib.detection.UnreadableImageException;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code read [--json] [--annotate OUT_DIR] [--max-candidates N] [--quick-start | --warm-up N] FILE_OR_DIR...}:
 * recognises the plates in images, one output line per image. Folders are walked for the image files the recogniser
 * decodes ({@link #IMAGE_SUFFIXES}); what else a folder holds is counted on standard error, not read.
 */
public final class ReadCommand {

    static final String USAGE = String.join("\n",
            "usage: read [--json] [--annotate OUT_DIR] [--max-candidates N] [--quick-start | --warm-up N] [--models DIR]",
            "            FILE_OR_DIR...",
            "  Recognises licence plates; one line per image.",
            "  --json              one JSON object per line: {\"image\", \"plates\": [{\"text\", \"arabic\",",
            "                      \"confidence\", \"box\": [x, y, w, h], \"alternatives\"}], \"ms\"};",
            "                      an unreadable or missing image gives {\"image\", \"error\"}; the rest still run",
            "  --annotate OUT_DIR  also write a PNG copy of each image with its plates outlined and labelled",
            "  --max-candidates N  candidate regions read per image (default 4); raise it to 8-12 for frames of",
            "                      several vehicles (BENCHMARKS.md: 3 plates a 1080p frame, 4 find 82%, 12 find 95%)",
            "  --quick-start       skip the warm-up on generated scenes (start-up 20-21 s on two cores, 27.5-31 s on one,",
            "                      with it): for one or a few images; the first images' \"ms\" then include the JVM",
            "                      compiling the reader",
            "  --warm-up N         recognitions of the generated scenes before the first image (default "
                    + PlateRecognizer.WARM_UP_RECOGNITIONS + "; 0 as",
            "                      --quick-start): fewer start sooner, but on one core the JVM then recompiles the",
            "                      reader while it reads the first images (BENCHMARKS.md, session 71)",
            ModelsOption.usage(22),
            "  Folders are searched recursively for .jpg, .jpeg, .png, .bmp, .tif, .tiff and .webp files; how many",
            "  other files a folder holds, that it holds no image, or a subfolder that cannot be listed and why, is",
            "  said on standard error.",
            "  Exit code: 0 when the images were processed (even if some were unreadable or failed, each on its own",
            "  line), 2 on bad usage or a folder given to --models that holds no models.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("read", USAGE)
            .options("annotate", "max-candidates", "warm-up", "models")
            .flags("json", "quick-start")
            .positional();

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadCommand() {
    }

    /** Command-line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (2 for bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json;
        int warmUps;
        Path annotateDir;
        Path modelsDir;
        RecognizerOptions options;
        List<Path> inputs = new ArrayList<>();
        try {
            CommandLine line = SPEC.parse(args);
            if (line.help()) {
                return SPEC.help(out);
            }
            json = line.flag("json");
            if (line.flag("quick-start") && line.has("warm-up")) {
                throw new UsageException("--quick-start and --warm-up are one choice: give one of them");
            }
            warmUps = line.flag("quick-start") ? 0
                    : line.integer("warm-up", PlateRecognizer.WARM_UP_RECOGNITIONS, 0, 100_000);
            annotateDir = line.path("annotate", null);
            modelsDir = line.path("models", null);
            options = RecognizerOptions.defaults().withMaxCandidates(line.integer("max-candidates",
                    RecognizerOptions.defaults().maxCandidates(), 1, 200));
            line.positional().forEach(a -> inputs.add(Path.of(a)));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        if (inputs.isEmpty()) {
            return SPEC.usageError(err, "no images given");
        }
        // The models first: a folder given to --models that holds none is refused before anything is walked or made.
        PlateRecognizer loaded = ModelsOption.recognizer(modelsDir, options, "read", err);
        if (loaded == null) {
            return 2;
        }
        try (PlateRecognizer recognizer = loaded) {
            // A path that does not exist is reported on its own line like any unreadable image, so that one
            // typo or a file removed meanwhile does not stop the rest of a batch.
            List<Path> images = expand(inputs, err);
            if (annotateDir != null) {
                try {
                    Files.createDirectories(annotateDir);
                } catch (IOException e) {
                    err.println("read: cannot create " + annotateDir + ": " + e.getMessage());
                    return 2;
                }
            }
            // "ms" is per image, start-up excluded: pay one-time initialisation before the first.
            recognizer.warmUp(warmUps);
            for (Path image : images) {
                out.println(readOne(recognizer, image, json, annotateDir, err));
                out.flush();
            }
        }
        return 0;
    }

    /** File name endings a folder is walked for: the encodings the recogniser decodes. */
    static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp");

    /**
     * The images {@code inputs} name: a file as it is (read, and reported if unreadable, later), a folder's image files
     * in name order, its subfolders included. What the walk cannot open is named on {@code err} with the reason and
     * the walk goes on; a folder's other files are counted there too, as is a folder without images.
     */
    static List<Path> expand(List<Path> inputs, PrintStream err) {
        List<Path> images = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                images.add(p);
                continue;
            }
            List<Path> found = new ArrayList<>();
            int[] others = {0};
            try {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (Files.isRegularFile(file) && isImageName(file)) {
                            found.add(file);
                        } else {
                            others[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        err.println("read: cannot list " + file + ": " + e);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                err.println("read: cannot list " + p + ": " + e);
            }
            found.sort(null);
            images.addAll(found);
            String kinds = String.join(", ", IMAGE_SUFFIXES);
            if (found.isEmpty()) {
                err.println("read: " + p + ": no images (" + kinds + ")");
            }
            if (others[0] > 0) {
                err.println("read: " + p + ": " + others[0] + (others[0] == 1 ? " file" : " files")
                        + " skipped, not named as an image (" + kinds + ")");
            }
        }
        return images;
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    private static String readOne(PlateRecognizer recognizer, Path image, boolean json, Path annotateDir, PrintStream err) {
        byte[] bytes;
        Recognition r;
        try {
            bytes = Files.readAllBytes(image);
            r = recognizer.recognize(bytes);
        } catch (IOException | RuntimeException e) {
            // UnreadableImageException: the bytes are no image; any other failure is reported for this image alone, so
            // that one image the recogniser cannot handle does not stop the rest of a batch.
            String msg = e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof IOException ? "cannot read file: " + e.getMessage()
                    : e instanceof UnreadableImageException ? e.getMessage()
                    : "recognition failed: " + e;
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("image", image.toString());
                o.put("error", msg);
                return o.toString();
            }
            return image + "\terror: " + msg;
        }
        if (annotateDir != null) {
            try {
                annotate(bytes, r, annotateDir.resolve(annotatedName(image)));
            } catch (IOException | RuntimeException e) {
                err.println("read: cannot annotate " + image + ": " + e.getMessage());
            }
        }
        long ms = Math.round(r.nanos() / 1e6);
        return json ? toJson(image, r, ms) : toText(image, r, ms);
    }

    static String toJson(Path image, Recognition r, long ms) {
        ObjectNode o = JSON.createObjectNode();
        o.put("image", image.toString());
        ArrayNode plates = o.putArray("plates");
        for (PlateResult p : r.plates()) {
            ObjectNode po = plates.addObject();
            po.put("text", p.text());
            po.put("arabic", p.arabic());
            po.put("confidence", round(p.confidence()));
            ArrayNode box = po.putArray("box");
            box.add(p.box().x()).add(p.box().y()).add(p.box().width()).add(p.box().height());
            ArrayNode alts = po.putArray("alternatives");
            for (Alternative a : p.alternatives()) {
                alts.addObject().put("text", a.text()).put("confidence", round(a.confidence()));
            }
        }
        o.put("ms", ms);
        return o.toString();
    }

    private static String toText(Path image, Recognition r, long ms) {
        StringBuilder sb = new StringBuilder(image.toString());
        if (r.plates().isEmpty()) {
            sb.append("\tno plate");
        }
        for (PlateResult p : r.plates()) {
            sb.append('\t').append(p.text().isEmpty() ? "?" : p.text())
                    .append(String.format(Locale.ROOT, " (%.2f) at %d,%d %dx%d", p.confidence(),
                            p.box().x(), p.box().y(), p.box().width(), p.box().height()));
        }
        sb.append('\t').append(ms).append(" ms");
        return sb.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static String annotatedName(Path image) {
        String n = image.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n) + ".annotated.png";
    }

    private static void annotate(byte[] bytes, Recognition r, Path target) throws IOException {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(bytes));
        if (src == null) {
            throw new IOException("Java ImageIO cannot decode this image");
        }
        BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int stroke = Math.max(2, img.getWidth() / 300);
            g.setStroke(new BasicStroke(stroke));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, img.getWidth() / 40)));
            for (PlateResult p : r.plates()) {
                double[] xs = p.quad().xs();
                double[] ys = p.quad().ys();
                int[] ix = new int[4];
                int[] iy = new int[4];
                for (int i = 0; i < 4; i++) {
                    ix[i] = (int) Math.round(xs[i]);
                    iy[i] = (int) Math.round(ys[i]);
                }
                g.setColor(p.confidence() >= 0.9 ? Color.GREEN : Color.ORANGE);
                g.drawPolygon(ix, iy, 4);
                String label = (p.text().isEmpty() ? "?" : p.text()) + String.format(Locale.ROOT, " %.2f", p.confidence());
                int ty = Math.max(g.getFontMetrics().getAscent(), p.box().y() - stroke * 2);
                g.setColor(Color.BLACK);
                g.drawString(label, p.box().x() + 1, ty + 1);
                g.setColor(Color.YELLOW);
                g.drawString(label, p.box().x(), ty);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", target.toFile());
    }
}
