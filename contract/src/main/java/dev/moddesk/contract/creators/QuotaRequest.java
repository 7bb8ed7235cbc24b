package dev.moddesk.contract.creators;

import java.time.Instant;

/**
 * A creator's request for a higher limit: {@code requested} is the total they ask for ({@code current} is what they
 * had when asking). A decision sets {@code granted} (the full or a part amount; null when denied) and {@code note}.
 */
public record QuotaRequest(long id, String externalId, long creatorId, String creatorName, String setting,
                           int current, int requested, String justification, Status status, Integer granted,
                           String note, String decidedBy, Instant requestedAt, Instant decidedAt, int version) {
    public enum Status { PENDING, APPROVED, PARTLY_APPROVED, DENIED }
}
