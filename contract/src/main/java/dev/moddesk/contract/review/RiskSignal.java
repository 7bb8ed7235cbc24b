package dev.moddesk.contract.review;

import java.util.Map;

/**
 * Why an application looks risky. Codes: SCREENED_WORDS, NEW_ACCOUNT, DUPLICATE_TEXT, LOCATION_MISMATCH,
 * RECENT_REJECTION. {@code weight} adds up to the application's risk score (0–100). {@code detail} is an English
 * one-liner for logs and API users; {@code params} carries the same facts as values (e.g. {@code applicants},
 * {@code days}, {@code terms}, {@code reasonCode}, {@code until}) so a client can phrase them in its own language.
 */
public record RiskSignal(String code, int weight, String detail, Map<String, String> params) {
    public RiskSignal {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public RiskSignal(String code, int weight, String detail) {
        this(code, weight, detail, Map.of());
    }
}
