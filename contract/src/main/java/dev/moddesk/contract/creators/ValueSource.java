package dev.moddesk.contract.creators;

import java.time.Instant;

/**
 * Where one effective value comes from: the tier default, an override (who set it, why, when, until when), or a
 * feature rule that holds the feature off ({@code rule} names it, e.g. {@code GROUP_RED_PACKET_NEEDS_GROUP_CHAT}).
 */
public record ValueSource(Kind kind, String by, String reason, Instant setAt, Instant expiresAt, String rule) {

    public enum Kind { TIER, OVERRIDE, RULE }

    public static ValueSource tier() {
        return new ValueSource(Kind.TIER, null, null, null, null, null);
    }
}
