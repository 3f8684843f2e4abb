package org.raqib.jobs.enforcement;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this process's JIT compiler threads and garbage-collector threads, read from Linux's
 * {@code /proc/self/task}: the bench's whole-process CPU counts them, and in a run of seconds the JIT compilers
 * alone can take a third or more of it, which no change to the topology's operators touches. Java's management
 * beans cannot tell: the compiler threads are hidden from {@code ThreadMXBean}, and {@code CompilationMXBean}
 * gives elapsed time, which on a busy machine includes the time a compiler thread waited for a core.
 *
 * <p>A snapshot holds each thread's user + system time by thread id. The difference of two snapshots counts the
 * threads alive at the later one; HotSpot stops surplus compiler threads when they have nothing to do, and their
 * time is then lost, so the JIT figure is a lower bound. Resolution: one clock tick (10 ms on Linux).
 * Elsewhere than Linux every snapshot is {@link #UNAVAILABLE}.
 */
final class ThreadGroupCpu {

    /** What a snapshot counts a thread as. */
    enum Group { JIT, GC, OTHER }

    /** A snapshot where {@code /proc/self/task} cannot be read. */
    static final ThreadGroupCpu UNAVAILABLE = new ThreadGroupCpu(Map.of(), Map.of(), false);

    /** Linux's USER_HZ: /proc reports times in these ticks, 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<Long, Long> ticks;
    private final Map<Long, Group> groups;
    private final boolean available;

    private ThreadGroupCpu(Map<Long, Long> ticks, Map<Long, Group> groups, boolean available) {
        this.ticks = ticks;
        this.groups = groups;
        this.available = available;
    }

    /** The CPU time of every thread of this process now. */
    static ThreadGroupCpu now() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return UNAVAILABLE;
        }
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, Group> groups = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    String name = Files.readString(task.resolve("comm")).strip();
                    long t = ticksOf(Files.readString(task.resolve("stat")));
                    ticks.put(tid, t);
                    groups.put(tid, groupOf(name));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while the directory was read: it is not counted
                }
            }
        } catch (IOException e) {
            return UNAVAILABLE;
        }
        return new ThreadGroupCpu(ticks, groups, true);
    }

    /** Whether both snapshots could be read. */
    boolean comparableWith(ThreadGroupCpu earlier) {
        return available && earlier.available;
    }

    /** CPU seconds the threads of {@code group} alive now spent since {@code earlier}. */
    double secondsSince(ThreadGroupCpu earlier, Group group) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : ticks.entrySet()) {
            if (groups.get(e.getKey()) == group) {
                sum += e.getValue() - earlier.ticks.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum / TICKS_PER_SECOND;
    }

    /** HotSpot's thread names (as the kernel keeps them, cut to 15 characters). */
    static Group groupOf(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return Group.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return Group.GC;
        }
        return Group.OTHER;
    }

    /**
     * utime + stime of a {@code /proc/.../stat} line. The thread's name, in parentheses, may hold spaces and
     * parentheses itself, so fields are counted from the last ')': utime and stime are the 12th and 13th after it.
     */
    static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
