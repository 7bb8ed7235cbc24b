package dev.moddesk.contract.rooms;

/** The reporter's category, as the platform's report form offers it. */
public enum ReportReason {
    SPAM, HARASSMENT, SEXUAL, VIOLENCE, FRAUD, MINOR_SAFETY, ILLEGAL, OTHER
}
