package dev.moddesk.server.rooms.bus;

import dev.moddesk.contract.rooms.RoomEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One room's retained events in a growable ring, addressed by sequence number (they are contiguous), with the time each
 * was appended. Not thread-safe: its room's lock guards it. Evicts from the oldest end only while both limits are
 * exceeded, so it keeps whichever of "{@code minEvents} events" and "everything younger than {@code minAgeMillis}"
 * keeps more.
 */
final class EventWindow {
    private RoomEvent[] events = new RoomEvent[64];
    private long[] appendedAt = new long[64];
    private int head;
    private int size;
    private long firstSeq;
    /** The highest number this window may hand out before reserving more (see {@link SeqReservations}). */
    long reservedUpTo;

    /** An empty window whose next event is {@code lastSeq + 1}. */
    EventWindow(long lastSeq) {
        this.firstSeq = lastSeq + 1;
        this.reservedUpTo = lastSeq;
    }

    long lastSeq() {
        return firstSeq + size - 1;
    }

    /** The oldest sequence number held, 0 when empty. */
    long firstRetained() {
        return size == 0 ? 0 : firstSeq;
    }

    int size() {
        return size;
    }

    void add(RoomEvent event, long nowMillis) {
        if (size == 0) {
            firstSeq = event.seq();
        } else if (event.seq() != lastSeq() + 1) {
            throw new IllegalStateException("event " + event.seq() + " does not follow " + lastSeq());
        }
        if (size == events.length) {
            grow();
        }
        int at = (head + size) % events.length;
        events[at] = event;
        appendedAt[at] = nowMillis;
        size++;
    }

    /** Drops the oldest events while the window holds more than {@code minEvents} and they are older than the age. */
    void evict(int minEvents, long oldestKeptMillis) {
        while (size > minEvents && appendedAt[head] < oldestKeptMillis) {
            events[head] = null;
            head = (head + 1) % events.length;
            size--;
            firstSeq++;
        }
        if (events.length > 64 && size < events.length / 4) {
            resize(Math.max(64, events.length / 2));
        }
    }

    /** Up to {@code max} events after {@code afterSeq}, oldest first. */
    List<RoomEvent> after(long afterSeq, int max) {
        long from = Math.max(afterSeq + 1, firstSeq);
        long to = Math.min(lastSeq(), from + max - 1L);
        List<RoomEvent> out = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            out.add(events[(int) ((head + (seq - firstSeq)) % events.length)]);
        }
        return out;
    }

    /** Replaces each held event by what {@code scrub} makes of it; returns how many changed. */
    int scrub(EventScrub scrub) {
        int changed = 0;
        for (int i = 0; i < size; i++) {
            int at = (head + i) % events.length;
            RoomEvent after = scrub.scrub(events[at]);
            if (after != events[at]) {
                events[at] = after;
                changed++;
            }
        }
        return changed;
    }

    private void grow() {
        resize(events.length * 2);
    }

    private void resize(int capacity) {
        RoomEvent[] nextEvents = new RoomEvent[capacity];
        long[] nextTimes = new long[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) % events.length;
            nextEvents[i] = events[from];
            nextTimes[i] = appendedAt[from];
        }
        events = nextEvents;
        appendedAt = nextTimes;
        head = 0;
    }
}
