package org.raqib.ingest.simulator;

import java.time.Duration;
import java.util.List;

/**
 * Options of the {@link CameraSimulator}. Start from {@link #defaults()} and change what you need with
 * the {@code with...} methods; {@link #validate()} fails fast with the name of the bad option.
 *
 * @param framesPerSecond frames published per second over all cameras; default 2, range (0, 200]
 * @param seed seed of every random choice (plates, speeds, pixels): the same seed gives the same
 *     frames; default 1
 * @param duration how long to run; {@link Duration#ZERO} (default) runs until closed
 * @param maxFrames stop after this many frames; 0 (default) means no limit
 * @param overLimitShare share of vehicles faster than the camera's limit plus tolerance; default
 *     0.25, range [0, 1]
 * @param wideShare share of wide (about 4.7:1) plates; default 0.3, range [0, 1]
 * @param cameraIds cameras to simulate; empty (default) means every enabled camera with a radar
 * @param width frame width in pixels; default 1280, range [640, 1920]
 * @param height frame height in pixels; default 720, range [360, 1080]
 * @param jpegQuality JPEG quality; default 0.88, range [0.5, 1]
 * @param sectionShare share of vehicles that drive through a section (two simulated cameras on one road
 *     and direction, neighbours by km marker, short enough to drive within {@link TrafficModel#MAX_TRAVEL}):
 *     seen at the entry camera, then at the exit camera when their average speed brings them there;
 *     half of them average above the section's limit while legal at both cameras. Default 0 (every
 *     vehicle passes one camera), range [0, 1]
 * @param hotlistShare share of vehicles carrying one of the {@link TrafficModel#WANTED_PLATES} plates
 *     of {@link TrafficModel#wantedPlates()} (for a demo hot-list); default 0, range [0, 1]
 */
public record SimulatorOptions(double framesPerSecond, long seed, Duration duration, long maxFrames,
        double overLimitShare, double wideShare, List<String> cameraIds, int width, int height, double jpegQuality,
        double sectionShare, double hotlistShare) {

    /** Copies the camera list so the options stay immutable. */
    public SimulatorOptions {
        cameraIds = cameraIds == null ? List.of() : List.copyOf(cameraIds);
    }

    /** The defaults listed on each parameter. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(2.0, 1L, Duration.ZERO, 0, 0.25, 0.3, List.of(), 1280, 720, 0.88, 0, 0);
    }

    /**
     * Checks every option.
     *
     * @return this, for chaining
     * @throws IllegalArgumentException naming the first bad option and its allowed range
     */
    public SimulatorOptions validate() {
        if (!(framesPerSecond > 0 && framesPerSecond <= 200)) {
            throw bad("framesPerSecond", "must be in (0, 200], got " + framesPerSecond);
        }
        if (duration == null || duration.isNegative()) {
            throw bad("duration", "must be zero (run until closed) or positive, got " + duration);
        }
        if (maxFrames < 0) {
            throw bad("maxFrames", "must be 0 (no limit) or positive, got " + maxFrames);
        }
        if (!(overLimitShare >= 0 && overLimitShare <= 1)) {
            throw bad("overLimitShare", "must be in [0, 1], got " + overLimitShare);
        }
        if (!(wideShare >= 0 && wideShare <= 1)) {
            throw bad("wideShare", "must be in [0, 1], got " + wideShare);
        }
        if (width < 640 || width > 1920) {
            throw bad("width", "must be in [640, 1920], got " + width);
        }
        if (height < 360 || height > 1080) {
            throw bad("height", "must be in [360, 1080], got " + height);
        }
        if (!(jpegQuality >= 0.5 && jpegQuality <= 1)) {
            throw bad("jpegQuality", "must be in [0.5, 1], got " + jpegQuality);
        }
        if (!(sectionShare >= 0 && sectionShare <= 1)) {
            throw bad("sectionShare", "must be in [0, 1], got " + sectionShare);
        }
        if (!(hotlistShare >= 0 && hotlistShare <= 1)) {
            throw bad("hotlistShare", "must be in [0, 1], got " + hotlistShare);
        }
        return this;
    }

    /** With another rate. */
    public SimulatorOptions withFramesPerSecond(double v) {
        return new SimulatorOptions(v, seed, duration, maxFrames, overLimitShare, wideShare, cameraIds, width, height,
                jpegQuality, sectionShare, hotlistShare);
    }

    /** With another seed. */
    public SimulatorOptions withSeed(long v) {
        return new SimulatorOptions(framesPerSecond, v, duration, maxFrames, overLimitShare, wideShare, cameraIds, width,
                height, jpegQuality, sectionShare, hotlistShare);
    }

    /** With another duration. */
    public SimulatorOptions withDuration(Duration v) {
        return new SimulatorOptions(framesPerSecond, seed, v, maxFrames, overLimitShare, wideShare, cameraIds, width,
                height, jpegQuality, sectionShare, hotlistShare);
    }

    /** With another frame limit. */
    public SimulatorOptions withMaxFrames(long v) {
        return new SimulatorOptions(framesPerSecond, seed, duration, v, overLimitShare, wideShare, cameraIds, width,
                height, jpegQuality, sectionShare, hotlistShare);
    }

    /** With another share of speeding vehicles. */
    public SimulatorOptions withOverLimitShare(double v) {
        return new SimulatorOptions(framesPerSecond, seed, duration, maxFrames, v, wideShare, cameraIds, width, height,
                jpegQuality, sectionShare, hotlistShare);
    }

    /** With another share of wide plates. */
    public SimulatorOptions withWideShare(double v) {
        return new SimulatorOptions(framesPerSecond, seed, duration, maxFrames, overLimitShare, v, cameraIds, width,
                height, jpegQuality, sectionShare, hotlistShare);
    }

    /** With these cameras only. */
    public SimulatorOptions withCameraIds(List<String> v) {
        return new SimulatorOptions(framesPerSecond, seed, duration, maxFrames, overLimitShare, wideShare, v, width,
                height, jpegQuality, sectionShare, hotlistShare);
    }

    /** With another frame size. */
    public SimulatorOptions withSize(int w, int h) {
        return new SimulatorOptions(framesPerSecond, seed, duration, maxFrames, overLimitShare, wideShare, cameraIds, w,
                h, jpegQuality, sectionShare, hotlistShare);
    }

    /** With another share of vehicles driving through a section. */
    public SimulatorOptions withSectionShare(double v) {
        return new SimulatorOptions(framesPerSecond, seed, duration, maxFrames, overLimitShare, wideShare, cameraIds, width,
                height, jpegQuality, v, hotlistShare);
    }

    /** With another share of vehicles carrying a wanted plate. */
    public SimulatorOptions withHotlistShare(double v) {
        return new SimulatorOptions(framesPerSecond, seed, duration, maxFrames, overLimitShare, wideShare, cameraIds, width,
                height, jpegQuality, sectionShare, v);
    }

    private static IllegalArgumentException bad(String option, String message) {
        return new IllegalArgumentException("simulator option " + option + " " + message);
    }
}
