package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The plate network's training stops a run that does not learn, with exit status 1, and writes nothing. */
class TrainStuckRunTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRunThatCannotLearnIsStoppedAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("model");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // A learning rate too small to move the weights: each epoch's loss differs from the one before only by dropout's
        // noise (36.57, 36.52, 36.18, 36.30 with this seed), so the run is stopped before its last epoch.
        int code = TrainCommand.run(new String[] {"--seed", "5", "--synthetic", "64", "--no-real", "--epochs", "5",
            "--batch", "80", "--lr", "0.000000001", "--threads", "1", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, log);
        assertTrue(log.contains("raqib train: stopped, nothing written: the training loss stopped falling (epochs "), log);
        assertFalse(log.contains("epoch 5/5"), log);
        assertFalse(Files.exists(out), "nothing written");
    }
}
