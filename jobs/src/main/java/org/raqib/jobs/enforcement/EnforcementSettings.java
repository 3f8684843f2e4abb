package org.raqib.jobs.enforcement;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.raqib.jobs.integrity.ViolationSigner;
import org.raqib.jobs.passage.PassageSettings;

/**
 * Settings of the enforcement job beyond spot speed.
 *
 * <table>
 *   <caption>Keys, defaults and meaning</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>passage keys</td><td></td><td>see {@link PassageSettings}</td></tr>
 *   <tr><td>{@code section-max-duration}</td><td>1h</td><td>longest a passage waits for its partner at the
 *       next camera; normally it waits much less: only while the section can still be driven too fast
 *       (length / (limit + tolerance))</td></tr>
 *   <tr><td>{@code section-allowed-lateness}</td><td>5m</td><td>how much longer than that a passage is kept for
 *       a partner from a camera whose reads come behind the watermark (an uplink that stalled, a partition
 *       left out of the watermark while it was quiet); a partner later than this is not paired. Each passage at
 *       a section camera is kept this much longer, so the section stage's state grows with it</td></tr>
 *   <tr><td>{@code hotlist-max-substitutions}</td><td>1</td><td>OCR edits allowed between a read and a
 *       hot-list plate; 0 = exact only</td></tr>
 *   <tr><td>{@code signing-key}</td><td>environment {@code RAQIB_SIGNING_KEY}, else none</td><td>HMAC key
 *       (at least 32 bytes) violations are signed with; none = unsigned</td></tr>
 * </table>
 *
 * @param passages passage building
 * @param sectionMaxDuration see table
 * @param sectionAllowedLateness see table
 * @param hotlistMaxSubstitutions see table
 * @param signingKey see table; {@code null} or empty for none
 */
public record EnforcementSettings(PassageSettings passages, Duration sectionMaxDuration,
                                  Duration sectionAllowedLateness, int hotlistMaxSubstitutions, String signingKey)
        implements Serializable {

    /** Default of {@code section-max-duration}. */
    public static final Duration DEFAULT_SECTION_MAX_DURATION = Duration.ofHours(1);
    /** Default of {@code section-allowed-lateness}. */
    public static final Duration DEFAULT_SECTION_ALLOWED_LATENESS = Duration.ofMinutes(5);
    /** Default of {@code hotlist-max-substitutions}. */
    public static final int DEFAULT_HOTLIST_MAX_SUBSTITUTIONS = 1;
    /** Environment variable read when no {@code --signing-key} is given. */
    public static final String SIGNING_KEY_ENV = "RAQIB_SIGNING_KEY";

    /** The defaults (no signing key). */
    public static EnforcementSettings defaults() {
        return new EnforcementSettings(PassageSettings.defaults(), DEFAULT_SECTION_MAX_DURATION,
                DEFAULT_SECTION_ALLOWED_LATENESS, DEFAULT_HOTLIST_MAX_SUBSTITUTIONS, null);
    }

    /** A copy signing with {@code key} ({@code null} for none). */
    public EnforcementSettings withSigningKey(String key) {
        return new EnforcementSettings(passages, sectionMaxDuration, sectionAllowedLateness, hotlistMaxSubstitutions,
                key);
    }

    /** A copy with other passage settings. */
    public EnforcementSettings withPassages(PassageSettings settings) {
        return new EnforcementSettings(settings, sectionMaxDuration, sectionAllowedLateness, hotlistMaxSubstitutions,
                signingKey);
    }

    /** The signer of the configured key, or {@code null} when violations are not signed. */
    public ViolationSigner signer() {
        return signingKey == null || signingKey.isEmpty() ? null : ViolationSigner.ofSecret(signingKey);
    }

    /**
     * Checks the settings.
     *
     * @return this
     * @throws IllegalArgumentException naming the bad setting
     */
    public EnforcementSettings validate() {
        Objects.requireNonNull(passages, "passages").validate();
        if (sectionMaxDuration == null || sectionMaxDuration.isNegative() || sectionMaxDuration.isZero()) {
            throw new IllegalArgumentException("section-max-duration must be positive, got " + sectionMaxDuration);
        }
        if (sectionAllowedLateness == null || sectionAllowedLateness.isNegative()) {
            throw new IllegalArgumentException("section-allowed-lateness must be zero or positive, got "
                    + sectionAllowedLateness);
        }
        if (hotlistMaxSubstitutions < 0 || hotlistMaxSubstitutions > 3) {
            throw new IllegalArgumentException("hotlist-max-substitutions must be 0..3, got " + hotlistMaxSubstitutions);
        }
        if (signingKey != null && !signingKey.isEmpty()
                && signingKey.getBytes(StandardCharsets.UTF_8).length < ViolationSigner.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("signing-key must be at least " + ViolationSigner.MIN_KEY_BYTES + " bytes");
        }
        return this;
    }

    @Override
    public String toString() {
        // Never print the key.
        return "EnforcementSettings[passages=" + passages + ", sectionMaxDuration=" + sectionMaxDuration
                + ", sectionAllowedLateness=" + sectionAllowedLateness
                + ", hotlistMaxSubstitutions=" + hotlistMaxSubstitutions + ", signed=" + (signer() != null) + "]";
    }
}
