package dev.moddesk.contract.creators;

import java.time.Instant;

/**
 * One override to set or clear. {@code setting} is a {@link Limit}'s wire name (then {@code number}) or a
 * {@link FeatureFlag}'s name (then {@code enabled}); {@code clear} drops the override so the tier default applies.
 * {@code expiresAt} (optional, in the future) ends the override by itself.
 */
public record SettingChange(String setting, Integer number, Boolean enabled, boolean clear, Instant expiresAt) {

    public static SettingChange limit(Limit limit, int value) {
        return new SettingChange(limit.wireName(), value, null, false, null);
    }

    public static SettingChange flag(FeatureFlag flag, boolean on) {
        return new SettingChange(flag.name(), null, on, false, null);
    }

    public static SettingChange cleared(String setting) {
        return new SettingChange(setting, null, null, true, null);
    }

    public SettingChange until(Instant expiry) {
        return new SettingChange(setting, number, enabled, clear, expiry);
    }
}
