package dev.moddesk.contract.review;

/**
 * What part of the queue a moderator works on; every field is optional. Sent as query parameters to
 * {@code GET /api/v1/review/queue} and as the body of {@code POST /api/v1/review/claims/next}. {@code sort} is
 * {@code age} (oldest first, the default) or {@code risk} (riskiest first).
 */
public record QueueFilter(
        String city,
        Long circleId,
        JoinMode mode,
        Integer minRisk,
        Integer olderThanMinutes,
        String query,
        String sort) {

    public static QueueFilter all() {
        return new QueueFilter(null, null, null, null, null, null, "age");
    }
}
