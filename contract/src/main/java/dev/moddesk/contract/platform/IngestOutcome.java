package dev.moddesk.contract.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moddesk.contract.Problem;

/**
 * The outcome of one event of a batch, in the batch's order. {@code problem} is set only when REJECTED. {@code note}
 * (APPLIED only, usually absent) says in a plain sentence why an event that was recorded changed nothing, e.g. a
 * withdrawal that came after the decision was published.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestOutcome(String eventId, IngestStatus status, Problem problem, String note) {

    public IngestOutcome(String eventId, IngestStatus status, Problem problem) {
        this(eventId, status, problem, null);
    }

    public IngestOutcome {
        if (note != null && status != IngestStatus.APPLIED) {
            throw new IllegalArgumentException("only an APPLIED outcome has a note");
        }
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        if ((status == IngestStatus.REJECTED) != (problem != null)) {
            throw new IllegalArgumentException("a problem is given exactly for REJECTED outcomes");
        }
    }
}
