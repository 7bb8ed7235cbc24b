package dev.moddesk.contract.creators;

import java.util.List;

/** A quota request with the creator's usage now and their earlier requests (newest first). */
public record QuotaRequestView(QuotaRequest request, CreatorUsage usage, List<QuotaRequest> earlier) {
    public QuotaRequestView {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }
}
