package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raqib.detection.train.TinyGlyphTraining.with;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.dataset.SceneManifests;
import org.raqib.detection.read.GlyphClassifier;
import org.raqib.detection.read.GlyphNet;
import org.raqib.detection.read.GlyphReader;
import org.raqib.models.cli.UsageException;

/** {@code train-glyphs --members K}: a seed ensemble of readers, written beside one another and read back as one. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GlyphTrainMembersTest {

    @TempDir
    Path dir;

    @Test
    void twoMembersAreTheSeedsReadersWrittenAsOneEnsembleAndOneMemberRemovesTheSecondsFiles() throws IOException {
        // given a manifest of 10 generated scenes and tiny training settings (seed 5)
        Path manifest = SceneManifests.write(dir, 10, 900, false);
        String[] one = TinyGlyphTraining.arguments(manifest, false);
        Path single = dir.resolve("single");
        Path pair = dir.resolve("pair");
        // when trained with one member, and with two (their folds kept in one folder)
        run(with(one, "--members", "1"), "--out", single.toString());
        String[] out = run(with(one, "--members", "2"), "--out", pair.toString(), "--reuse-folds", dir.resolve("folds").toString());
        // then the pair's first member is the single reader of the seed, model for model
        JsonNode s = read(single);
        JsonNode p = read(pair);
        assertEquals(s.path("classifier"), p.path("classifier"));
        assertEquals(s.path("arabic"), p.path("arabic"));
        assertEquals(-1, Files.mismatch(single.resolve(GlyphNet.MODEL_FILE), pair.resolve(GlyphNet.MODEL_FILE)));
        assertFalse(s.has(GlyphReader.MEMBERS));
        // and the second member, of seed 6, has models of its own, its nets beside the file
        assertEquals(1, p.path(GlyphReader.MEMBERS).size());
        JsonNode second = p.path(GlyphReader.MEMBERS).get(0);
        assertNotEquals(p.path("classifier"), second.path("classifier"));
        assertEquals("glyph-net-2.onnx", second.path("net").path("file").asText());
        assertEquals("glyph-net-top-2.onnx", second.path("arabicNet").path("file").asText());
        assertNotEquals(-1, Files.mismatch(pair.resolve(GlyphNet.MODEL_FILE), pair.resolve("glyph-net-2.onnx")));
        assertEquals("glyphs-seed5x2", p.path("version").asText());
        // and each member's folds were kept, the second's inside the first's folder
        assertTrue(Files.exists(dir.resolve("folds").resolve(FoldCache.STAMP)));
        assertTrue(Files.readString(dir.resolve("folds").resolve("member-2").resolve(FoldCache.STAMP)).contains("\"seed\" : \"6\""));
        assertTrue(out[1].contains("member 2 (seed 6)"), out[1]);
        // and the card names the ensemble and its command
        String card = Files.readString(pair.resolve("glyph-classifier.md"));
        assertTrue(card.contains("a seed ensemble of 2 readers (`--members 2`), seeds 5 to 6"), card);
        assertTrue(card.contains("train-glyphs --seed 5 --members 2 "), card);
        assertTrue(Files.readString(single.resolve("glyph-classifier.md")).contains("--seed 5 --members 1 "));
        // and the file reads back as a reader of both rows
        assertTrue(GlyphReader.fromJson(p, pair).readsTopRow());

        // when the pair's folder is trained again with one member
        run(with(one, "--members", "1"), "--out", pair.toString());
        // then the second member's nets are gone with it
        assertFalse(read(pair).has(GlyphReader.MEMBERS));
        assertFalse(Files.exists(pair.resolve("glyph-net-2.onnx")));
        assertFalse(Files.exists(pair.resolve("glyph-net-top-2.onnx")));
    }

    @Test
    void foldFoldersAreOnePerMemberOrNestedInTheFirsts() throws UsageException, IOException {
        assertEquals(List.of(Path.of("f")), GlyphTrainCommand.foldDirs("f", 1));
        assertEquals(List.of(Path.of("f"), Path.of("f", "member-2"), Path.of("f", "member-3")), GlyphTrainCommand.foldDirs("f", 3));
        assertEquals(List.of(Path.of("a"), Path.of("b")), GlyphTrainCommand.foldDirs("a,b", 2));
        UsageException e = assertThrows(UsageException.class,
                () -> GlyphTrainCommand.foldDirs("a,b", 3));
        assertTrue(e.getMessage().contains("2 folders for 3 members"), e.getMessage());
        assertEquals(null, GlyphTrainCommand.foldDirs(null, 2));
        // an existing folder whose name holds a comma is one folder, not a list
        Path comma = Files.createDirectories(dir.resolve("a,b"));
        assertEquals(List.of(comma, comma.resolve("member-2")), GlyphTrainCommand.foldDirs(comma.toString(), 2));
        assertEquals("glyph-net-top-3.onnx", GlyphTrainCommand.memberFile(GlyphNet.TOP_MODEL_FILE, 3));
    }

    private static JsonNode read(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve(GlyphClassifier.MODEL_FILE).toFile());
    }

    /** Runs the command with {@code args} and {@code more}, expecting exit 0; returns what it printed on stdout and stderr. */
    private static String[] run(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int got = GlyphTrainCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] outErr = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(0, got, outErr[1]);
        return outErr;
    }
}
