package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's loader leaves a temporary folder per JVM; Raqib removes it once the libraries are loaded. */
class OrtNativeTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsOnlyOnnxRuntimesFinishedFoldersDirectlyUnderTheTemporaryFolder() {
        // 123: both libraries mapped, the JNI one already unlinked; 456: only the first (a class loader still loading);
        // 789: its JNI library, but a level further down; "other" is not named like ONNX Runtime's folders
        List<String> maps = List.of(
                "7f1c2a000000-7f1c2a400000 r-xp 00000000 08:01 1234 /tmp/onnxruntime-java123/libonnxruntime.so",
                "7f1c2a400000-7f1c2a500000 r--p 00400000 08:01 1235 /tmp/onnxruntime-java123/libonnxruntime4j_jni.so"
                        + " (deleted)",
                "7f1c2b000000-7f1c2b100000 r-xp 00000000 08:01 1236 /tmp/onnxruntime-java456/libonnxruntime.so (deleted)",
                "7f1c2c000000-7f1c2c100000 r-xp 00000000 08:01 1237 /tmp/other/libonnxruntime4j_jni.so",
                "7f1c2d000000-7f1c2d100000 r-xp 00000000 08:01 1238 /tmp/x/onnxruntime-java789/libonnxruntime4j_jni.so",
                "7f1c2e000000-7f1c2e100000 r-xp 00000000 08:01 1239 /usr/lib/libc.so.6",
                "7ffd3c000000-7ffd3c021000 rw-p 00000000 00:00 0                          [stack]");
        assertEquals(Set.of(Path.of("/tmp/onnxruntime-java123")), OrtNative.loadedFolders(maps, Path.of("/tmp/")));
    }

    @Test
    void removesAFolderOfPlainFilesOnly(@TempDir Path dir) throws IOException {
        Path plain = Files.createDirectory(dir.resolve("onnxruntime-java1"));
        Files.write(plain.resolve("libonnxruntime.so"), new byte[] {1});
        OrtNative.remove(plain);
        assertFalse(Files.exists(plain));

        Path nested = Files.createDirectories(dir.resolve("onnxruntime-java2").resolve("inner"));
        OrtNative.remove(nested.getParent());
        assertTrue(Files.isDirectory(nested), "a folder holding a folder is not ONNX Runtime's: left alone");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(120)
    void aFreshJvmWithTwoClassLoadersLeavesNoTemporaryFolderBehind(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // the temporary folder as given, and reached through a link (the maps name the real path)
        Path link = Files.createSymbolicLink(dir.resolve("tmp-link"), tmp);
        for (Path given : List.of(tmp, link)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + given,
                    OrtNativeProbe.class.getName())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(100, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("ok"), out);
            try (Stream<Path> left = Files.list(tmp)) {
                List<String> names = left.map(f -> f.getFileName().toString()).toList();
                assertTrue(names.stream().noneMatch(n -> n.startsWith(OrtNative.FOLDER_PREFIX)), given + ": " + names);
            }
        }
    }
}
