package dev.moddesk.server.review;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;

/** Remembers audit entries so tests can check what was recorded. */
final class RecordingAudit implements ReviewAudit {

    record Entry(String actor, String action, String targetType, String targetId, Map<String, Object> before,
                 Map<String, Object> after, String reason) {
    }

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(Handle handle, ReviewActor actor, String action, String targetType, String targetId,
                       Map<String, Object> before, Map<String, Object> after, String reason) {
        entries.add(new Entry(actor.name(), action, targetType, targetId, before, after, reason));
    }

    List<String> actions() {
        return entries.stream().map(Entry::action).toList();
    }
}
