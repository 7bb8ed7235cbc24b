package dev.moddesk.contract.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moddesk.contract.Problem;

/** The outcome of one event of a batch, in the batch's order. {@code problem} is set only when REJECTED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestOutcome(String eventId, IngestStatus status, Problem problem) {
    public IngestOutcome {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        if ((status == IngestStatus.REJECTED) != (problem != null)) {
            throw new IllegalArgumentException("a problem is given exactly for REJECTED outcomes");
        }
    }
}
