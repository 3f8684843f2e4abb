package org.raqib.detection.train;

import ai.djl.training.tracker.Tracker;

/**
 * The plate network's learning rate: a linear warm-up over the first {@code warmUp} updates (from {@code base /
 * warmUp} at the first update to {@code base}), then a cosine decay from {@code base} to {@code end} over the
 * remaining updates, {@code end} from the last update on. The trainer uses it only where {@code --warmup-epochs} is
 * above 0; without a warm-up it keeps DJL's cosine tracker, as before the option existed.
 *
 * <p>Why a warm-up: Adam's first steps are taken at the full rate with second-moment estimates from a handful of
 * batches. Measured here (BENCHMARKS.md, "Session 49"): in short runs at lr 0.01 and 0.02 a warm-up of half an epoch
 * let the loss fall much further (at 0.02 the run without it nearly stalled); at 0.002-0.003 it changed little in short
 * runs and cost in a full one (epoch-6 loss 4.75 against 4.40). So it is off by default, an option for a higher rate.
 * A run that stops learning all the same is stopped by {@link LossStall}.
 */
public final class WarmCosine implements Tracker {

    private final float base;
    private final float end;
    private final int warmUp;
    private final int total;

    /**
     * @param base   the rate at the end of the warm-up (the {@code --lr})
     * @param end    the rate at the last update
     * @param warmUp updates of the warm-up, 0 for none
     * @param total  updates of the whole run, warm-up included
     */
    public WarmCosine(float base, float end, int warmUp, int total) {
        if (!(base > 0) || end < 0 || end > base || warmUp < 0 || total < 1 || warmUp > total) {
            throw new IllegalArgumentException("learning rate schedule: base " + base + ", end " + end + ", warm-up "
                    + warmUp + " of " + total + " updates");
        }
        this.base = base;
        this.end = end;
        this.warmUp = warmUp;
        this.total = total;
    }

    /** Updates of a warm-up of {@code epochs} epochs (a fraction allowed) of {@code stepsPerEpoch} updates each. */
    public static int warmUpSteps(double epochs, int stepsPerEpoch) {
        return (int) Math.round(epochs * stepsPerEpoch);
    }

    /** The rate of update {@code numUpdate} (0 for the first), as DJL's optimiser asks for it. */
    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate < warmUp) {
            return base * (numUpdate + 1) / warmUp;
        }
        int decay = total - warmUp;
        if (decay <= 0 || numUpdate >= total) {
            return decay <= 0 ? base : end;
        }
        double t = (double) (numUpdate - warmUp) / decay;
        return (float) (end + (base - end) * 0.5 * (1 + Math.cos(Math.PI * t)));
    }
}
