package org.raqib.jobs.enforcement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.passage.PlateVariants;
import org.raqib.models.plate.SaudiPlate;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnforcementBenchTest {

    @Test
    void benchPlatesAreUniqueCanonicalAndVehiclesSharingACameraAreNotOcrVariants() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int v = 0; v < 300_000; v++) {
            String p = EnforcementBench.plate(v);
            assertTrue(SaudiPlate.isValid(p), p);
            assertTrue(seen.add(p), "plate of vehicle " + v + " repeats");
        }
        // paced at 6000 reads/s over 100 sections, a camera sees vehicles v, v + 100, ... within a passage gap
        int merged = 0;
        for (int v = 0; v < 20_000; v++) {
            for (int k = 1; k <= 30; k++) {
                if (PlateVariants.distance(EnforcementBench.plate(v), EnforcementBench.plate(v + 100 * k)) <= 2) {
                    merged++;
                }
            }
        }
        assertTrue(merged < 20_000 * 30 / 1000, merged + " pairs would merge");
        assertEquals(2, EnforcementBench.run(new String[] {"--rate", "-1"}, System.out, System.err));
        assertEquals(2, EnforcementBench.run(new String[] {"--warmup", "1", "--state"}, System.out, System.err));
        assertEquals(2, EnforcementBench.run(new String[] {"--section-allowed-lateness", "soon"}, System.out, System.err));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aRunMeasuredAfterWarmUpsCountsOnlyItsOwnRecords() throws Exception {
        String[] small = {"--vehicles", "3000", "--hotlist", "100", "--sections", "10"};
        String cold = outLines(small);
        String[] warmed = java.util.Arrays.copyOf(small, small.length + 2);
        warmed[small.length] = "--warmup";
        warmed[small.length + 1] = "1";
        String warm = outLines(warmed);
        assertTrue(cold.contains("out: 6000 passages"), cold);
        assertEquals(cold, warm);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStateRunLeavesNoCheckpointBehind() throws Exception {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<java.util.Set<java.nio.file.Path>> dirs = () -> {
            try (java.util.stream.Stream<java.nio.file.Path> l = java.nio.file.Files.list(tmp)) {
                return l.filter(p -> p.getFileName().toString().startsWith("raqib-bench-checkpoints"))
                        .collect(java.util.stream.Collectors.toSet());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        java.util.Set<java.nio.file.Path> before = dirs.get();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        assertEquals(0, EnforcementBench.run(new String[] {"--vehicles", "3000", "--hotlist", "0", "--sections", "4",
                "--state"}, new java.io.PrintStream(bytes, true, "UTF-8"), System.err));
        assertTrue(bytes.toString("UTF-8").contains("  checkpoints: "), bytes.toString("UTF-8"));
        assertEquals(before, dirs.get(), "the run's checkpoint directory is deleted");
    }

    /** The bench's lines that name what came out (counts and id digests). */
    private static String outLines(String[] args) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        assertEquals(0, EnforcementBench.run(args, new java.io.PrintStream(bytes, true, "UTF-8"), System.err));
        return bytes.toString("UTF-8").lines().filter(l -> l.startsWith("  out:") || l.startsWith("  ids"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
