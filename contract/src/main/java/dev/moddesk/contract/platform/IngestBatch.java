package dev.moddesk.contract.platform;

import java.util.List;

/** Body of {@code POST /api/v1/platform/events}: up to {@value #MAX_EVENTS} events, applied one by one. */
public record IngestBatch(List<IngestEvent> events) {

    public static final int MAX_EVENTS = 500;

    public IngestBatch {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
