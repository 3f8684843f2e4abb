package org.raqib.detection.read;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Run in a fresh JVM by {@link OrtNativeTest}: opens ONNX Runtime's environment as the readers do, then again from a
 * second class loader holding its own copy of ONNX Runtime's classes (as a Flink task manager running a job from its
 * jar does), and prints {@code ok} when both loaded.
 */
public final class OrtNativeProbe {

    private OrtNativeProbe() {
    }

    public static void main(String[] args) throws Exception {
        OrtSessions.environment();
        URL[] urls = {
            codeSource(ai.onnxruntime.OrtEnvironment.class), codeSource(OrtNative.class),
            codeSource(org.slf4j.LoggerFactory.class)
        };
        try (URLClassLoader other = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> sessions = other.loadClass(OrtSessions.class.getName());
            if (sessions.getClassLoader() != other) {
                throw new IllegalStateException("the second loader did not load its own classes");
            }
            Method environment = sessions.getDeclaredMethod("environment");
            environment.setAccessible(true);
            environment.invoke(null);
        }
        System.out.println("ok");
    }

    private static URL codeSource(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }
}
