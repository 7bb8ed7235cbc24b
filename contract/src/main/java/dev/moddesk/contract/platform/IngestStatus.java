package dev.moddesk.contract.platform;

/** What happened to one ingested event. */
public enum IngestStatus {
    /** Applied now. */
    APPLIED,
    /** This event id was applied before; nothing changed. Safe to treat as success. */
    DUPLICATE,
    /** Not applied (see the problem); fix it and send it again with the same event id. */
    REJECTED
}
