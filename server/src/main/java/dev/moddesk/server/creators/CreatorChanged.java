package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorValues;
import java.util.List;

/**
 * The action {@code creator.settings.changed} as the platform receives it: the creator's new effective values, the
 * fan groups shown on the profile (the platform's ids, in display order), whether they may open a group, and what
 * caused it ({@code override}, {@code lapse}, {@code tier}, {@code bulk}, {@code quota_request}, {@code group_order},
 * {@code profile}).
 */
record CreatorChanged(String creatorId, String userId, String tier, boolean verified, CreatorValues effective,
                      List<String> shownGroupIds, boolean canOpenGroup, String cause) {

    static final String TYPE = "creator.settings.changed";
}
