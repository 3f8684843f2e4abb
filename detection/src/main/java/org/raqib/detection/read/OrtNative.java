package org.raqib.detection.read;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the folder ONNX Runtime's Java loader leaves behind. Each JVM (and each class loader) that loads ONNX Runtime
 * copies its native libraries out of the jar into a new {@code onnxruntime-java*} folder under {@code java.io.tmpdir};
 * the loader deletes the files at exit but not the folder, so a host that runs many Raqib commands, or task managers
 * that run many jobs, piles up empty folders.
 *
 * <p>On Linux a loaded library may be unlinked: the process keeps its mapping. So once ONNX Runtime is loaded, the
 * folders of the libraries this process has mapped (read from {@code /proc/self/maps}: only folders whose last
 * library is already loaded, never another process's) are emptied and removed. A fixed folder for the libraries
 * ({@code onnxruntime.native.path}) would avoid the copy too, but the JVM refuses to load one library file into two
 * class loaders, which a Flink task manager running two jobs from their own jars does. Elsewhere nothing is done.
 */
final class OrtNative {

    /** The prefix ONNX Runtime's loader gives its temporary folders. */
    static final String FOLDER_PREFIX = "onnxruntime-java";

    private static final Logger LOG = LoggerFactory.getLogger(OrtNative.class);
    private static boolean tidied;

    private OrtNative() {
    }

    /** After ONNX Runtime is loaded (once per class loader): removes the folders its loader copied libraries to. */
    static synchronized void tidy() {
        if (tidied) {
            return;
        }
        tidied = true;
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        try {
            // The maps name files by their real paths: a temporary folder reached through a link is resolved.
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
            for (Path dir : loadedFolders(Files.readAllLines(maps), tmp)) {
                remove(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ONNX Runtime's temporary folder stays: {}", e.toString());
        }
    }

    /** ONNX Runtime's JNI library, the last its loader loads from its folder. */
    static final String LAST_LIBRARY = System.mapLibraryName("onnxruntime4j_jni");

    /**
     * The folders under {@code tmp} named like ONNX Runtime's whose JNI library ({@link #LAST_LIBRARY}) is mapped in
     * {@code maps} (the lines of {@code /proc/<pid>/maps}: the path is the last field, marked {@code (deleted)} once
     * unlinked): the loader is done with them. A folder with only its first library mapped is another class loader's
     * still loading, and is left to it.
     */
    static Set<Path> loadedFolders(List<String> maps, Path tmp) {
        Path root = tmp.toAbsolutePath().normalize();
        Set<Path> dirs = new LinkedHashSet<>();
        for (String line : maps) {
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String file = line.substring(slash);
            if (file.endsWith(" (deleted)")) {
                file = file.substring(0, file.length() - " (deleted)".length());
            }
            Path lib = Path.of(file);
            Path dir = lib.getParent();
            if (dir != null && root.equals(dir.getParent()) && dir.getFileName().toString().startsWith(FOLDER_PREFIX)
                    && lib.getFileName().toString().equals(LAST_LIBRARY)) {
                dirs.add(dir);
            }
        }
        return dirs;
    }

    /** Deletes the plain files in {@code dir} and then {@code dir}; leaves a folder that holds anything else. */
    static void remove(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (!Files.isRegularFile(entry) || Files.isSymbolicLink(entry)) {
                    return;
                }
                files.add(entry);
            }
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }
}
