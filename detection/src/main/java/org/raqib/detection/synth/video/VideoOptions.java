package org.raqib.detection.synth.video;

/**
 * How synthetic video is degraded and timed.
 *
 * @param fps frame rate (default 25)
 * @param noiseSigma standard deviation of Gaussian pixel noise, grey levels (default 4)
 * @param blurSigma Gaussian defocus blur of the whole frame, pixels (default 0.7; 0 = none)
 * @param exposureMillis shutter time: a plate is smeared along its image motion during it (default 0.5 ms,
 *                       a short enforcement-camera shutter; 2 ms smears a plate 20 px at 180 km/h and 10 m)
 * @param jitterMillis standard deviation of the camera clock's error on each frame's capture time (default 2 ms)
 * @param jpegQuality JPEG quality 1..100 (default 90)
 */
public record VideoOptions(double fps, double noiseSigma, double blurSigma, double exposureMillis, double jitterMillis,
                           int jpegQuality) {

    /** The defaults. */
    public static VideoOptions defaults() {
        return new VideoOptions(25, 4, 0.7, 0.5, 2, 90);
    }

    /** A copy with {@code fps} changed. */
    public VideoOptions withFps(double v) {
        return new VideoOptions(v, noiseSigma, blurSigma, exposureMillis, jitterMillis, jpegQuality);
    }

    /** A copy with {@code jitterMillis} changed. */
    public VideoOptions withJitterMillis(double v) {
        return new VideoOptions(fps, noiseSigma, blurSigma, exposureMillis, v, jpegQuality);
    }

    /** Fails fast with a message naming the bad key; returns this. */
    public VideoOptions validate() {
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be in (0, 240], got " + fps);
        }
        if (!(noiseSigma >= 0) || !(blurSigma >= 0) || !(exposureMillis >= 0) || !(jitterMillis >= 0)) {
            throw new IllegalArgumentException("noiseSigma, blurSigma, exposureMillis and jitterMillis must be >= 0");
        }
        if (jitterMillis * 3 >= 1000 / fps / 2) {
            throw new IllegalArgumentException("jitterMillis " + jitterMillis + " is too large for " + fps + " fps");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in 1..100, got " + jpegQuality);
        }
        return this;
    }
}
