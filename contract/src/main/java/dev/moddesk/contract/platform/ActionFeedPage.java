package dev.moddesk.contract.platform;

import java.util.List;

/**
 * One page of the action feed ({@code GET /api/v1/platform/actions?after=}). {@code nextCursor} is the id of the last
 * item, or the {@code after} that was asked when there is nothing new: pass it as the next {@code after}. The feed
 * never skips or repeats an action between pages.
 */
public record ActionFeedPage(List<FeedAction> items, long nextCursor) {
    public ActionFeedPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
