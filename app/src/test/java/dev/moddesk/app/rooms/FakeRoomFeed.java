package dev.moddesk.app.rooms;

import dev.moddesk.app.api.stream.StreamItem;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** The room stream as tests feed it: items the test pushes, drained by the hub's per-frame drain like the real one. */
final class FakeRoomFeed implements RoomFeed {
    final ConcurrentLinkedQueue<StreamItem> items = new ConcurrentLinkedQueue<>();
    /** room → the sequence number the console asked to follow after. */
    final Map<String, Long> followed = new ConcurrentHashMap<>();
    final List<String> resumed = new CopyOnWriteArrayList<>();
    volatile boolean started;
    volatile boolean followsHeld;
    volatile boolean closed;

    void push(StreamItem... more) {
        items.addAll(List.of(more));
    }

    void push(List<? extends StreamItem> more) {
        items.addAll(more);
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public int drainTo(Collection<StreamItem> sink, int max) {
        int n = 0;
        StreamItem item;
        while (n < max && (item = items.poll()) != null) {
            sink.add(item);
            n++;
        }
        return n;
    }

    @Override
    public int queued() {
        return items.size();
    }

    @Override
    public void follow(String room, long afterSeq) {
        followed.put(room, afterSeq);
    }

    @Override
    public void followHeld() {
        followsHeld = true;
    }

    @Override
    public void unfollow(String room) {
        followed.remove(room);
    }

    @Override
    public void resume(String room) {
        resumed.add(room);
    }

    @Override
    public void close() {
        closed = true;
    }
}
