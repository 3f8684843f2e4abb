package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plate numbers are personal data: no text of a development photo's plate may appear in the repository's sources,
 * tests, configuration or documents (tests and examples use made-up texts). Runs where the development photos'
 * manifest is beside the checkout ({@code ../shared/data/ksa-dev/manifest.tsv}), as on the project's machines;
 * skipped elsewhere. Its failure names the files and lines, never the texts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlateTextPrivacyTest {

    /** A Latin plate text as written in sources: 1-4 digits, then three capital letters. */
    private static final Pattern PLATE_LIKE = Pattern.compile("\\b[0-9]{1,4}[A-Z]{3}\\b");

    /** Folders never scanned: build outputs, run-time work, installed packages, version control. */
    private static final Set<String> SKIPPED = Set.of("target", "work", "node_modules", ".git");

    /** Files scanned, by how their names end: text the project writes. */
    private static final List<String> TEXT = List.of(".java", ".md", ".yaml", ".yml", ".json", ".js", ".mjs", ".html",
            ".css", ".properties", ".sh", ".txt", ".tsv", ".csv", ".avsc", ".xml", "raqib", "run");

    @Test
    void noDevelopmentPlateTextIsInTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assumeTrue(root != null && Files.exists(root.resolve("pom.xml")) && Files.exists(root.resolve("raqib")),
                "run from a module of the checkout");
        Path manifest = root.resolve("../shared/data/ksa-dev/manifest.tsv").normalize();
        assumeTrue(Files.isRegularFile(manifest), "the development photos' manifest is not beside this checkout");
        Set<String> texts = new HashSet<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length > 1 && !f[0].equals("relative_image_path") && !f[1].isBlank()) {
                texts.add(f[1].trim());
            }
        }
        assertTrue(texts.size() > 100, "the manifest lists the photos' texts: " + texts.size());

        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (attrs.size() < (4 << 20) && TEXT.stream().anyMatch(name::endsWith)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher m = PLATE_LIKE.matcher(lines.get(i));
                        while (m.find()) {
                            if (texts.contains(m.group())) {
                                found.add(root.relativize(file) + ":" + (i + 1));
                            }
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(found.isEmpty(), "texts of development photos' plates at " + found);
    }
}
