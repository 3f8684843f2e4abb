package org.raqib.detection.read;

/**
 * Maps the reader's raw evidence to the probability that a whole plate text is right (Platt scaling
 * on three features, fitted on held-out crops by the training tool), followed by two safety rules
 * that a fitted curve cannot be trusted to learn from few examples: when the Arabic and Latin rows
 * disagree anywhere, or the unconstrained reading breaks the plate format, the confidence is capped
 * at {@link #INCONSISTENT_CAP}.
 *
 * @param wScore     weight of the log-probability of the text (sum over characters)
 * @param wDisagree  weight of the number of characters where the rows disagree
 * @param wPlate     weight of log(plateScore)
 * @param bias       intercept
 */
public record Calibration(double wScore, double wDisagree, double wPlate, double bias) {

    /** Highest confidence allowed when the rows disagree or the raw reading is not a plate text. */
    public static final double INCONSISTENT_CAP = 0.5;

    /** Identity-like calibration: the raw text probability. Used before a fit exists. */
    public static final Calibration RAW = new Calibration(1, 0, 0, 0);

    /** The calibrated probability that the text is right. */
    public double confidence(double logScore, int disagreements, boolean formatBroken, double plateScore) {
        double p;
        if (this.equals(RAW)) {
            p = Math.exp(logScore);
        } else {
            double z = wScore * logScore + wDisagree * disagreements + wPlate * Math.log(Math.max(1e-6, plateScore)) + bias;
            p = 1 / (1 + Math.exp(-z));
        }
        if (disagreements > 0 || formatBroken) {
            p = Math.min(p, INCONSISTENT_CAP);
        }
        return p;
    }

    /** The features of the logistic fit, in the order of the weights (without the bias). */
    public static double[] features(double logScore, int disagreements, double plateScore) {
        return new double[] {logScore, disagreements, Math.log(Math.max(1e-6, plateScore))};
    }
}
