package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadGroupCpuTest {

    @Test
    void ticksAreCountedFromTheLastParenthesisSoANameWithSpacesAndParenthesesDoesNotShiftThem() {
        String stat = "4242 (C2 (Compil) x) S 1 4200 4200 0 -1 4194368 512 0 0 0 1234 56 0 0 20 0 1 0 99 0 0";
        assertEquals(1234 + 56, ThreadGroupCpu.ticksOf(stat));
    }

    @Test
    void hotSpotThreadNamesAsTheKernelCutsThemAreGrouped() {
        assertEquals(ThreadGroupCpu.Group.JIT, ThreadGroupCpu.groupOf("C2 CompilerThre"));
        assertEquals(ThreadGroupCpu.Group.JIT, ThreadGroupCpu.groupOf("C1 CompilerThre"));
        assertEquals(ThreadGroupCpu.Group.GC, ThreadGroupCpu.groupOf("GC Thread#1"));
        assertEquals(ThreadGroupCpu.Group.GC, ThreadGroupCpu.groupOf("G1 Conc#0"));
        assertEquals(ThreadGroupCpu.Group.GC, ThreadGroupCpu.groupOf("VM Thread"));
        assertEquals(ThreadGroupCpu.Group.OTHER, ThreadGroupCpu.groupOf("section-speed-c"));
        assertEquals(ThreadGroupCpu.Group.OTHER, ThreadGroupCpu.groupOf("main"));
    }

    @Test
    void aBusyThreadsCpuShowsInItsGroupAndNotInTheOthers() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        ThreadGroupCpu before = ThreadGroupCpu.now();
        // spin for 300 ms of this thread's own CPU (not of the wall clock: on a busy machine that may be far less)
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long sum = 0;
        while (threads.getCurrentThreadCpuTime() < until || sum == 42) {
            sum += Long.numberOfTrailingZeros(sum ^ System.nanoTime());
        }
        ThreadGroupCpu after = ThreadGroupCpu.now();
        assertTrue(after.comparableWith(before));
        assertTrue(after.secondsSince(before, ThreadGroupCpu.Group.OTHER) >= 0.25,
                "300 ms of CPU spinning on this thread: " + after.secondsSince(before, ThreadGroupCpu.Group.OTHER));
        assertTrue(after.secondsSince(before, ThreadGroupCpu.Group.JIT) >= 0);
        assertEquals(0, ThreadGroupCpu.UNAVAILABLE.secondsSince(ThreadGroupCpu.UNAVAILABLE, ThreadGroupCpu.Group.JIT));
        assertTrue(!after.comparableWith(ThreadGroupCpu.UNAVAILABLE));
    }
}
