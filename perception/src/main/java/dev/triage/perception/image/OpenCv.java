package dev.triage.perception.image;

import org.bytedeco.javacpp.Loader;

/**
 * Loads the OpenCV natives (bytedeco build, with FFmpeg) once per JVM. Call {@link #load()} before touching any
 * {@code org.opencv} class; it is cheap after the first call.
 */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    /** Loads the natives if they are not loaded yet. */
    public static void load() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    Loader.load(org.bytedeco.opencv.opencv_java.class);
                    loaded = true;
                }
            }
        }
    }
}
