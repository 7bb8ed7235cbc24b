package dev.moddesk.contract.review;

/**
 * Why an application looks risky. Codes: SCREENED_WORDS, NEW_ACCOUNT, DUPLICATE_TEXT, LOCATION_MISMATCH,
 * RECENT_REJECTION. {@code weight} adds up to the application's risk score (0–100).
 */
public record RiskSignal(String code, int weight, String detail) {
}
