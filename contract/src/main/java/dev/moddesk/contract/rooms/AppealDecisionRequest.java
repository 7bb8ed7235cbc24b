package dev.moddesk.contract.rooms;

/** Uphold or lift an appeal: {@code note} is staff's (kept in the audit log, not sent to the user). */
public record AppealDecisionRequest(String note) {
}
