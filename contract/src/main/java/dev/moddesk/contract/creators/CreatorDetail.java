package dev.moddesk.contract.creators;

import java.util.List;
import java.util.Map;

/**
 * One creator as the creator page shows it. {@code version} is the ETag a settings change must send as
 * {@code If-Match}. {@code sources} holds, for each setting name ({@code fanGroupQuota}, … and each flag's name),
 * where its effective value comes from. {@code groups} are in display order.
 */
public record CreatorDetail(long id, String externalId, String userId, String displayName, long followers,
                            String tier, boolean verified, int version, CreatorValues effective,
                            CreatorValues tierDefaults, Map<String, ValueSource> sources, CreatorUsage usage,
                            List<FanGroup> groups) {
    public CreatorDetail {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
