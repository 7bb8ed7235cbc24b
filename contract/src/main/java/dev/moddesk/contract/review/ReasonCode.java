package dev.moddesk.contract.review;

import java.util.Map;

/**
 * A named rejection reason. {@code titles} and {@code templates} are keyed by locale tag ("zh-CN", "en"); templates
 * may use {nickname}, {circle}, {city}, {cooldownDays}. {@code circleId} null = global. {@code position} orders them
 * (the console maps the first nine to keys 1–9). {@code version} is for If-Match on update.
 */
public record ReasonCode(
        String code,
        Map<String, String> titles,
        Map<String, String> templates,
        int cooldownDays,
        Long circleId,
        int position,
        boolean active,
        int version) {
    public ReasonCode {
        titles = titles == null ? Map.of() : Map.copyOf(titles);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }
}
