package org.raqib.ingest.gateway;

/**
 * An upload refused by the gateway.
 *
 * @param reason why (status and reason code)
 * @param message a human-readable explanation for the camera's operator; never holds a secret
 */
public record Rejection(RejectReason reason, String message) {

    /** Shorthand for the constructor. */
    public static Rejection of(RejectReason reason, String message) {
        return new Rejection(reason, message);
    }
}
