package org.raqib.detection.train;

import java.util.List;
import java.util.Locale;

/**
 * Tells a training run that has stopped learning from one that is slow: a run whose mean loss has not fallen by
 * {@link #MIN_DROP} over the last {@link #WINDOW} epochs is stuck. Seen here: a plate network whose loss sat at 13.8
 * from its second epoch to its sixth and which read half as many synthetic plates as a run from another seed, while a
 * run from random weights fell 9-52% an epoch and a continued one ({@code --init}) 9-25%. The trainer stops such a run
 * (that one at its fourth epoch) rather than spending the remaining epochs on it and writing a network that reads badly.
 */
public final class LossStall {

    /** Epochs over which the loss must fall. */
    public static final int WINDOW = 2;
    /** The fraction by which the loss must fall over {@link #WINDOW} epochs. */
    public static final double MIN_DROP = 0.01;

    private LossStall() {
    }

    /**
     * Null while the run is learning; else why it is stuck, for the error message. {@code losses} are the mean
     * losses of the epochs run so far, first epoch first.
     */
    public static String check(List<Double> losses) {
        int n = losses.size();
        if (n == 0) {
            return null;
        }
        double now = losses.get(n - 1);
        if (Double.isNaN(now) || Double.isInfinite(now)) {
            return String.format(Locale.ROOT, "the training loss became %s at epoch %d: train again with a lower --lr", now, n);
        }
        if (n <= WINDOW) {
            return null;
        }
        double before = losses.get(n - 1 - WINDOW);
        if (now <= before * (1 - MIN_DROP)) {
            return null;
        }
        StringBuilder seq = new StringBuilder();
        for (int e = n - 1 - WINDOW; e < n; e++) {
            seq.append(seq.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", losses.get(e)));
        }
        return String.format(Locale.ROOT, "the training loss stopped falling (epochs %d-%d: %s; less than %.0f%% in %d epochs): "
                + "this run is stuck and its network would read badly; train again with another --seed or a lower --lr",
                n - WINDOW, n, seq, MIN_DROP * 100, WINDOW);
    }
}
