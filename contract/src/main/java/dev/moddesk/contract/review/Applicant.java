package dev.moddesk.contract.review;

import java.time.Instant;

/** The person applying, as the platform describes them. {@code locationCity} is where the platform sees them. */
public record Applicant(String userId, String nickname, String locationCity, Instant accountCreatedAt) {
}
