package org.raqib.detection;

/**
 * Another reading of a plate that the reader found plausible.
 *
 * @param text       canonical plate text (digits then Latin letters)
 * @param confidence calibrated probability that this text is the right one
 */
public record Alternative(String text, double confidence) {
}
