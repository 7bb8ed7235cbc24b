package dev.moddesk.app.review;

import dev.moddesk.contract.review.ApplicationStatus;

/**
 * One line of the bulk result list: the application, and either its new status or why it was refused
 * ({@code problemType} is the problem slug, e.g. claimed-by-other).
 */
public record BulkOutcomeRow(long applicationId, String nickname, boolean succeeded, ApplicationStatus status,
                             String problemType, String detail) {
}
