package org.raqib.detection;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a recogniser's time goes, stage by stage, summed over the images it was handed to (see
 * {@link PlateRecognizer#recognize(byte[], RecognitionProfile)}). Wall and CPU time of the calling
 * thread are both kept: on a shared machine the wall clock also counts time spent waiting for a core,
 * the CPU clock does not. Each stage boundary costs two clock reads (about a microsecond), so a profile
 * can stay on for a benchmark without changing what it measures.
 *
 * <p>Not thread-safe: one profile per thread.
 */
public final class RecognitionProfile {

    /** The recogniser's stages, in the order an image passes them. */
    public enum Stage {
        /** Decoding the encoded image (or converting a decoded one) to OpenCV's BGR layout. */
        DECODE,
        /** Gray image, pyramid and the classical candidate generators (edges, bright regions, character rows). */
        GENERATE,
        /** The learned candidate scorer, on raw and reframed candidates. */
        SCORE,
        /** Refitting the best candidates to the plate background and proposing reframings (scoring excluded). */
        REFINE,
        /** Warping candidates to crops and reading them (network, and the character-level reader where gated in). */
        READ,
        /** Merging overlapping plates and building the result. */
        MERGE
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Stage, long[]> totals = new EnumMap<>(Stage.class);
    private long markWall;
    private long markCpu;
    private int images;
    private long candidates;
    private long cropsRead;
    private long accepted;

    /** An empty profile. */
    public RecognitionProfile() {
        for (Stage s : Stage.values()) {
            totals.put(s, new long[2]);
        }
    }

    /** Starts the clocks for the first stage of an image. */
    public void start() {
        markWall = System.nanoTime();
        markCpu = THREADS.getCurrentThreadCpuTime();
    }

    /** Charges the time since the last mark to {@code stage} and starts the clocks for the next one. */
    public void lap(Stage stage) {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long[] t = totals.get(stage);
        t[0] += wall - markWall;
        t[1] += cpu - markCpu;
        markWall = wall;
        markCpu = cpu;
    }

    /** {@link #lap} on {@code profile} when there is one (null: not profiled). */
    public static void lap(RecognitionProfile profile, Stage stage) {
        if (profile != null) {
            profile.lap(stage);
        }
    }

    void countImage(int candidatesReturned, int cropsHandedToReader, int cropsAccepted) {
        images++;
        candidates += candidatesReturned;
        cropsRead += cropsHandedToReader;
        accepted += cropsAccepted;
    }

    /** Adds {@code other}'s times and counts to this profile's (an image profiled on its own, then summed). */
    public void add(RecognitionProfile other) {
        for (Stage s : Stage.values()) {
            long[] t = totals.get(s);
            long[] o = other.totals.get(s);
            t[0] += o[0];
            t[1] += o[1];
        }
        images += other.images;
        candidates += other.candidates;
        cropsRead += other.cropsRead;
        accepted += other.accepted;
    }

    /** Images profiled so far. */
    public int images() {
        return images;
    }

    /** Wall-clock nanoseconds spent in {@code stage}, summed over all images. */
    public long wallNanos(Stage stage) {
        return totals.get(stage)[0];
    }

    /** CPU nanoseconds of the calling thread spent in {@code stage}, summed over all images. */
    public long cpuNanos(Stage stage) {
        return totals.get(stage)[1];
    }

    /** Candidates the localiser returned, summed over all images. */
    public long candidates() {
        return candidates;
    }

    /** Crops handed to the reader, summed over all images. */
    public long cropsRead() {
        return cropsRead;
    }

    /** Crops the reader judged to be plates (before overlapping finds are merged), summed over all images. */
    public long cropsAccepted() {
        return accepted;
    }
}
