package org.raqib.detection.train;

import java.io.PrintStream;

/** A one-line progress bar redrawn in place (carriage return) at most every 200 ms. */
final class ProgressBar {

    private final PrintStream err;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
    }

    void update(long done, String detail) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) (width * Math.min(done, total) / total);
        double elapsed = (now - start) / 1e9;
        double eta = done > 0 ? elapsed * (total - done) / done : 0;
        err.printf("\r%-10s [%s%s] %3d%% %s  %ds left   ", label, "#".repeat(filled), "-".repeat(width - filled),
                100 * done / total, detail, (long) eta);
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}
