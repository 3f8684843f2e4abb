package org.raqib.jobs.speed;

/**
 * The fine-schedule band of a speed excess: {@code 1-10}, {@code 11-20}, ... {@code 41-50}, {@code 51+}
 * km/h above the limit. A fractional excess counts as the next whole km/h (10.2 is in 11-20), since
 * the schedule is in whole km/h and any part of a km/h above a band's top is above it.
 */
public final class SpeedBand {

    /** Width of each band, km/h. */
    public static final int WIDTH = 10;
    /** Excess from which the open top band applies, km/h. */
    public static final int TOP_FROM = 51;

    private SpeedBand() {
    }

    /**
     * The band of {@code excessKmh}.
     *
     * @throws IllegalArgumentException when the excess is not positive (no band: not above the limit)
     */
    public static String of(double excessKmh) {
        if (!(excessKmh > 0) || Double.isInfinite(excessKmh)) {
            throw new IllegalArgumentException("a speed band needs a positive finite excess, got " + excessKmh);
        }
        long whole = (long) Math.ceil(excessKmh);
        if (whole >= TOP_FROM) {
            return TOP_FROM + "+";
        }
        long low = (whole - 1) / WIDTH * WIDTH + 1;
        return low + "-" + (low + WIDTH - 1);
    }
}
