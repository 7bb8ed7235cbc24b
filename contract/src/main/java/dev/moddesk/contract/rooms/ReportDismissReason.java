package dev.moddesk.contract.rooms;

/** Why staff dismissed reports without acting; the reporter is told the report was reviewed. */
public enum ReportDismissReason {
    NO_VIOLATION, NOT_ENOUGH_EVIDENCE, DUPLICATE, HANDLED_ELSEWHERE
}
