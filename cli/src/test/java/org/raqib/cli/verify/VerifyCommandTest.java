package org.raqib.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.jobs.integrity.ViolationSigner;
import org.raqib.models.SpeedSource;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyCommandTest {

    private static final ViolationSigner DEMO = ViolationSigner.ofSecret(VerifyCommand.DEMO_KEY);

    private static Violation violation(String id, double speed) {
        return Violation.newBuilder().setViolationId(id).setType(ViolationType.SECTION_SPEEDING)
                .setStatus(ViolationStatus.NEEDS_REVIEW).setPlateText("6531UJD").setPlateArabic("")
                .setConfidence(0.42).setCameraIds(new ArrayList<>(List.of("A", "B"))).setRoadId("R1")
                .setRegion("riyadh-east").setEventTime(Instant.ofEpochMilli(1_760_000_060_000L))
                .setEntryTime(Instant.ofEpochMilli(1_760_000_000_000L)).setMeasuredSpeedKmh(speed)
                .setSpeedLimitKmh(120).setToleranceKmh(10).setExcessKmh(speed - 120).setSpeedBand("21-30")
                .setSpeedSource(SpeedSource.SECTION).setEvidenceSha256(new ArrayList<>(List.of("ab".repeat(32))))
                .setFrameIds(new ArrayList<>(List.of("f1", "f2"))).setDetectedAt(Instant.ofEpochMilli(1_760_000_060_000L))
                .setSignature(null).build();
    }

    private static byte[] signed(String id, double speed) {
        return Topics.VIOLATIONS.wire().encode(DEMO.sign(violation(id, speed)));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsSignedRecordsOnePerFileOrBackToBackAsKcatWritesThem(@TempDir Path dir) throws Exception {
        // given two signed records in a dump directory and the same two back to back in one file
        Path dump = Files.createDirectories(dir.resolve("dump"));
        byte[] a = signed("v-1", 151.5);
        byte[] b = signed("v-2", 133.0);
        Files.write(dump.resolve("raqib.review-0-0.bin"), a);
        Files.write(dump.resolve("raqib.review-0-1.bin"), b);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Path kcat = dir.resolve("all.bin");
        Files.write(kcat, both);

        // when verified with the demo key
        Result r = verify("--demo-key", dump.toString(), kcat.toString());

        // then all four are OK
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("4 records: 4 OK, 0 TAMPERED"), r.out());
        assertTrue(r.out().contains("all.bin#1"), "the second value of the kcat file is found: " + r.out());
        assertTrue(!r.out().contains("6531UJD"), "no plate numbers printed");
    }

    @Test
    void aRecordWithAnyOneByteChangedIsRejected(@TempDir Path dir) throws Exception {
        byte[] good = signed("v-1", 151.5);
        Path file = dir.resolve("one.bin");
        for (int i = 0; i < good.length; i++) {
            // given the record with byte i changed
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(file, bad);
            // when verified
            Result r = verify("--demo-key", file.toString());
            // then it is reported and the exit code says so
            assertEquals(1, r.code(), "byte " + i + " changed: " + r.out());
            assertTrue(r.out().startsWith("TAMPERED"), "byte " + i + ": " + r.out());
        }
    }

    @Test
    void theWrongKeyAnUnsignedRecordOrNoRecordFail(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.bin");
        Files.write(file, signed("v-1", 151.5));
        assertEquals(1, verify("--key", "another-key-of-at-least-thirty-two-bytes", file.toString()).code());
        Files.write(file, Topics.VIOLATIONS.wire().encode(violation("v-1", 151.5)));
        Result unsigned = verify("--demo-key", file.toString());
        assertEquals(1, unsigned.code());
        assertTrue(unsigned.out().contains("not signed"), unsigned.out());
        Files.write(file, new byte[0]);
        assertEquals(1, verify("--demo-key", file.toString()).code(), "nothing verified is not a pass");
    }

    @Test
    void badOptionsExitTwo(@TempDir Path dir) {
        assertEquals(2, verify("--demo-key").code(), "nothing to verify");
        assertEquals(2, verify("--key", "short", dir.toString()).code(), "key too short");
        assertEquals(2, verify("--demo-key", "--dump", "x", dir.toString()).code(), "--dump without --bootstrap");
        assertEquals(2, verify("--demo-key", dir.resolve("missing").toString()).code());
        assertEquals(2, verify("--nope").code());
    }
}
