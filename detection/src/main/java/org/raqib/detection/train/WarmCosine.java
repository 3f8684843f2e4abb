package org.raqib.detection.train;

import ai.djl.training.tracker.Tracker;

/**
 * The plate network's learning rate: a linear warm-up over the first {@code warmUp} updates (from {@code base /
 * warmUp} at the first update to {@code base}), then a cosine decay from {@code base} to {@code end} over the
 * remaining updates, {@code end} from the last update on. The trainer uses it only where {@code --warmup-epochs} is
 * above 0; without a warm-up it keeps DJL's cosine tracker, as before the option existed.
 *
 * <p>Why a warm-up: Adam's first steps are taken at the full rate with second-moment estimates from a handful of
 * batches. At lr 0.003 one run of four here collapsed in its first epoch (loss 21.9 then 13.8, flat for the remaining
 * five epochs) and one learned slowly; {@link LossStall} stops such a run, the warm-up is meant to avoid it.
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
