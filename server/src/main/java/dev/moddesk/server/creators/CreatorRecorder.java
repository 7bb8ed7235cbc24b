package dev.moddesk.server.creators;

import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.platform.ActionPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Writes what a change to creators leaves behind, inside the change's transaction: one audit entry per creator (its
 * flat state before and after, so history is a diff) and, when the creator's effective values or shown groups
 * changed, one {@code creator.settings.changed} action per creator on the feed, published in batches.
 */
final class CreatorRecorder {

    static final int FEED_BATCH = 500;

    private final AuditLog auditLog;
    private final ActionPublisher actions;

    CreatorRecorder(AuditLog auditLog, ActionPublisher actions) {
        this.auditLog = auditLog;
        this.actions = actions;
    }

    /** One creator's change: {@code before} as it was at {@code beforeAt}, {@code after} as it is at {@code at}. */
    record Change(CreatorState before, Instant beforeAt, CreatorState after, Instant at) {
        Map<String, Object> beforeState() {
            return before.auditState(beforeAt);
        }

        Map<String, Object> afterState() {
            return after.auditState(at);
        }

        CreatorValues afterValues() {
            return after.effectiveAt(at).values();
        }

        boolean reachesPlatform() {
            CreatorValues was = before.effectiveAt(beforeAt).values();
            CreatorValues now = afterValues();
            return !was.equals(now) || !before.shownGroupIds(was).equals(after.shownGroupIds(now));
        }
    }

    void record(Handle h, CreatorActor actor, String action, String reason, String cause, List<Change> changes) {
        List<AuditLog.Entry> entries = new ArrayList<>(changes.size());
        List<ActionPublisher.Action> feed = new ArrayList<>();
        for (Change c : changes) {
            entries.add(new AuditLog.Entry(actor.staffId(), actor.name(), action, "creator",
                    Long.toString(c.after().creator().id()), c.beforeState(), c.afterState(), reason,
                    actor.clientAddress()));
            if (c.reachesPlatform()) {
                feed.add(action(c.after(), c.afterValues(), cause));
            }
        }
        if (entries.size() == 1) {
            auditLog.record(h, entries.getFirst());
        } else {
            auditLog.recordAll(h, entries);
        }
        for (int from = 0; from < feed.size(); from += FEED_BATCH) {
            actions.publishAll(h, feed.subList(from, Math.min(feed.size(), from + FEED_BATCH)));
        }
    }

    void recordOne(Handle h, CreatorActor actor, String action, String reason, String cause, Change change) {
        record(h, actor, action, reason, cause, List.of(change));
    }

    /** An audit entry about something other than one creator (a tier, a quota request). */
    void recordOther(Handle h, CreatorActor actor, String action, String targetType, String targetId, Object before,
                     Object after, String reason) {
        auditLog.record(h, new AuditLog.Entry(actor.staffId(), actor.name(), action, targetType, targetId, before,
                after, reason, actor.clientAddress()));
    }

    static ActionPublisher.Action action(CreatorState state, CreatorValues values, String cause) {
        List<String> shown = state.groups().stream().limit(values.displaySlots())
                .map(CreatorRows.Group::externalId).toList();
        CreatorRows.Creator c = state.creator();
        return new ActionPublisher.Action(CreatorChanged.TYPE, "creator", c.externalId(), new CreatorChanged(
                c.externalId(), c.userId(), c.tier(), c.verified(), values, shown,
                state.groups().size() < values.fanGroupQuota(), cause));
    }
}
