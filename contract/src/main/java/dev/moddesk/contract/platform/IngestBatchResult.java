package dev.moddesk.contract.platform;

import java.util.List;

/** Answer to an ingest batch: one outcome per event, in order, and the counts. */
public record IngestBatchResult(List<IngestOutcome> outcomes, int applied, int duplicates, int rejected) {

    public IngestBatchResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public static IngestBatchResult of(List<IngestOutcome> outcomes) {
        int applied = 0;
        int duplicates = 0;
        int rejected = 0;
        for (IngestOutcome outcome : outcomes) {
            switch (outcome.status()) {
                case APPLIED -> applied++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
        }
        return new IngestBatchResult(outcomes, applied, duplicates, rejected);
    }
}
