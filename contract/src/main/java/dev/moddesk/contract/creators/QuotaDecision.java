package dev.moddesk.contract.creators;

/**
 * An admin's answer to a quota request: {@code APPROVE} (the full amount), {@code APPROVE_PART} ({@code granted},
 * above the current value and below the requested one) or {@code DENY}; {@code note} is required for a part or a
 * denial.
 */
public record QuotaDecision(Kind decision, Integer granted, String note) {
    public enum Kind { APPROVE, APPROVE_PART, DENY }
}
