package dev.moddesk.contract.lifecycle;

import java.util.List;

/** The server's retention settings, read-only: one entry per kind of data. */
public record RetentionPolicy(List<Kind> kinds) {

    /**
     * {@code kind} e.g. {@code audit.log}; {@code days} how long rows are kept; {@code minimumDays} the least the
     * server accepts (0: no floor); {@code option} the server option that sets it.
     */
    public record Kind(String kind, long days, long minimumDays, String option) {
    }
}
