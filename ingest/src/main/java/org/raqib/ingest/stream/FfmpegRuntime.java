package org.raqib.ingest.stream;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Loads FFmpeg (JavaCPP's build, from the {@code org.bytedeco:ffmpeg:linux-x86_64} jar on the class path)
 * once per JVM. JavaCPP extracts the shared libraries from the jar into a cache folder; unless the
 * system property {@value #CACHE_DIR_PROPERTY} is already set, that folder is
 * {@code <raqib.workDir>/javacpp-cache} (the launcher's {@code work/}), so nothing is written to the home
 * folder and nothing is ever downloaded.
 */
public final class FfmpegRuntime {

    /** JavaCPP's system property for the folder it extracts native libraries into. */
    public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

    private static boolean loaded;

    private FfmpegRuntime() {
    }

    /**
     * Loads the native libraries if not done yet.
     *
     * @throws IllegalStateException when they cannot be loaded (wrong platform, unwritable cache folder)
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (System.getProperty(CACHE_DIR_PROPERTY) == null) {
            System.setProperty(CACHE_DIR_PROPERTY, cacheDir().toString());
        }
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        try {
            FFmpegFrameGrabber.tryLoad();
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("cannot load FFmpeg natives (cache " + System.getProperty(CACHE_DIR_PROPERTY)
                    + "): " + e.getMessage(), e);
        }
        // FFmpeg prints every decoder hiccup on stderr; errors reach the health record instead
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        loaded = true;
    }

    /** The cache folder used when the property is not set. */
    static Path cacheDir() {
        return Path.of(System.getProperty("raqib.workDir", "work"), "javacpp-cache").toAbsolutePath();
    }
}
