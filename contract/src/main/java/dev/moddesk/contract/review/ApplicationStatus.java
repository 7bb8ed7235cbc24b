package dev.moddesk.contract.review;

/** PENDING → APPROVED / REJECTED / NEEDS_INFO (moderator), WITHDRAWN (applicant), EXPIRED (nobody decided in time). */
public enum ApplicationStatus { PENDING, APPROVED, REJECTED, NEEDS_INFO, WITHDRAWN, EXPIRED }
