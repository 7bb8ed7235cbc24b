package dev.moddesk.server.review;

import dev.moddesk.server.platform.ActionPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;

/** Stands in for the platform action feed: remembers what would have been published. */
final class RecordingActions implements ActionPublisher {

    record Published(String type, String targetType, String targetId, Object payload) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long publish(Handle handle, String type, String targetType, String targetId, Object payload) {
        published.add(new Published(type, targetType, targetId, payload));
        return ids.incrementAndGet();
    }
}
