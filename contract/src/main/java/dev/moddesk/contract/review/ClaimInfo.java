package dev.moddesk.contract.review;

import java.time.Instant;

/** Who holds an application and until when the lease runs unless renewed. */
public record ClaimInfo(long staffId, String staffName, Instant expiresAt) {
}
