package org.raqib.detection.opencv;

/**
 * Loads the OpenCV native library bundled in the {@code org.openpnp:opencv} jar, once per JVM.
 * Every class that touches {@code org.opencv} calls {@link #load()} first; repeated calls are cheap.
 */
public final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    /** Loads the native library if it is not loaded yet; fails loudly if it cannot be loaded. */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvLoader.class) {
            if (!loaded) {
                // loadLocally() extracts the native from the jar into a temp dir: no network, no system install.
                nu.pattern.OpenCV.loadLocally();
                loaded = true;
            }
        }
    }
}
