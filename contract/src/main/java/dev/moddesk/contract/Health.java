package dev.moddesk.contract;

/** {@code GET /health}: {@code status} is UP when the database answers, DOWN otherwise (with HTTP 503). */
public record Health(String status, String database, String version) {
}
