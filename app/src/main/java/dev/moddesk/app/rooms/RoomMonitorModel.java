package dev.moddesk.app.rooms;

import dev.moddesk.app.api.stream.StreamFrame;
import dev.moddesk.app.api.stream.StreamGap;
import dev.moddesk.app.api.stream.StreamItem;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.contract.lifecycle.ErasedUser;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPayload;
import dev.moddesk.contract.rooms.RoomStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One open room monitor: loads the room (detail and recent messages over REST), then follows its stream from the
 * newest event it loaded, turns each frame's events into rows for its {@link ChatLog} (one append per frame) and
 * changes to its {@link RoomState}, and backfills every gap over REST: what the server still has replaces the marker,
 * what it no longer has stays as a labelled LOST marker. Search and filters are properties the log follows.
 * FX thread only; REST answers come back through {@code fx}.
 */
public final class RoomMonitorModel {
    static final int BACKFILL_PAGE = 500;

    private final String room;
    private final RoomsBackend backend;
    private final LongConsumer follow;
    private final Executor fx;
    private final Clock clock;
    private final ErrorMessages errors;
    private final ChatLog log;
    private final RoomState state = new RoomState();
    private final RoomEventRows rows;
    private final ChatLines lines;
    private final RoomActionsModel actions;
    private final StringProperty userFilter = new SimpleStringProperty(this, "userFilter", "");
    private final StringProperty textFilter = new SimpleStringProperty(this, "textFilter", "");
    private final BooleanProperty flaggedOnly = new SimpleBooleanProperty(this, "flaggedOnly");
    private final BooleanProperty watchedOnly = new SimpleBooleanProperty(this, "watchedOnly");
    private final ReadOnlyLongWrapper lagMillis = new ReadOnlyLongWrapper(this, "lagMillis", -1);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<Reveal> reveal = new ReadOnlyObjectWrapper<>(this, "reveal", Reveal.NONE);
    private final ReadOnlyObjectWrapper<ChatLine> revealed = new ReadOnlyObjectWrapper<>(this, "revealed");
    /** The sequence number still looked for (0: none). */
    private long revealSeq;
    /** The number shown in the reveal's note. */
    private long revealNumber;
    /** Set once the room's load answered (or failed): the newest number it loaded, what older rows end at. */
    private long loadedUpTo = -1;
    private boolean opened;
    private boolean closed;

    /** Where the deep link to a reported message stands. */
    public enum Reveal {
        NONE,
        /** Being looked for (the room loading, or its older events being fetched). */
        SEARCHING,
        /** In the list, highlighted ({@link #revealedProperty()}). */
        SHOWN,
        /** In the list, but its author was erased: the words are gone. */
        ERASED,
        /** The server no longer has it (aged out of the room's retained events), or never placed it. */
        GONE,
        /** Further back than this monitor's buffer can hold. */
        OUT_OF_REACH
    }

    /**
     * @param follow called once the room is loaded, with the last sequence number loaded (0: none): the monitor's
     *               subscription, resumed from there
     */
    RoomMonitorModel(String room, RoomsBackend backend, LongConsumer follow, ChatLines lines, Executor fx,
                     Clock clock, ErrorMessages errors, int capacity) {
        this(room, backend, follow, lines, fx, clock, errors, capacity, capacity);
    }

    /** @param liveRows the rows the chat list holds while it follows the tail ({@link ChatLog}) */
    RoomMonitorModel(String room, RoomsBackend backend, LongConsumer follow, ChatLines lines, Executor fx,
                     Clock clock, ErrorMessages errors, int capacity, int liveRows) {
        this.room = Objects.requireNonNull(room, "room");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.follow = Objects.requireNonNull(follow, "follow");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.log = new ChatLog(capacity, liveRows);
        this.actions = new RoomActionsModel(room, backend, fx, errors, () -> java.util.UUID.randomUUID().toString());
        this.rows = new RoomEventRows(lines, state, actions::seen);
        userFilter.subscribe(v -> refilter());
        textFilter.subscribe(v -> refilter());
        flaggedOnly.subscribe(v -> refilter());
        watchedOnly.subscribe(v -> refilter());
    }

    /** Loads the room, then follows its stream. Once. */
    void open() {
        if (opened) {
            return;
        }
        opened = true;
        loading.set(true);
        backend.room(room).whenCompleteAsync((detail, error) -> {
            if (closed) {
                return;
            }
            loading.set(false);
            if (error != null) {
                // The chat still works without the detail: follow from now on and say what is missing.
                problem.set(errors.describe(error));
                follow.accept(0);
                loadedUpTo = 0;
                revealPending();
                return;
            }
            loaded(detail);
        }, fx);
    }

    private void loaded(RoomDetail detail) {
        state.apply(detail);
        List<ChatRow> recent = new ArrayList<>(detail.recentMessages().size());
        long last = 0;
        for (RoomEvent e : detail.recentMessages()) {
            recent.add(rows.past(e));
            last = Math.max(last, e.seq());
        }
        log.append(recent);
        loadedUpTo = Math.max(last, detail.summary().lastSeq());
        follow.accept(loadedUpTo);
        revealPending();
    }

    /**
     * Scrolls to and highlights the room's event {@code seq} (a reported message): at once when the monitor holds
     * it, else once the room has loaded, its older events fetched (from the message to the oldest row held, like a
     * gap) or it arrived live. Null: the server could not place the message, so it cannot be shown.
     */
    public void reveal(Long seq) {
        revealed.set(null);
        revealNumber = seq == null ? 0 : seq;
        if (seq == null || seq < 1) {
            revealSeq = 0;
            reveal.set(Reveal.GONE);
            return;
        }
        revealSeq = seq;
        reveal.set(Reveal.SEARCHING);
        revealPending();
    }

    private void revealPending() {
        if (revealSeq <= 0 || loadedUpTo < 0 || closed) {
            return;
        }
        long seq = revealSeq;
        switch (log.rowAt(seq)) {
            case ChatLine line -> {
                revealSeq = 0;
                revealed.set(line);
                reveal.set(ErasedUser.ERASED_TEXT.equals(line.text()) ? Reveal.ERASED : Reveal.SHOWN);
            }
            case GapRow gap when gap.state() == GapRow.State.LOST -> revealEnded(Reveal.GONE);
            case GapRow gap -> { } // being fetched (or failed: Enter on it retries); asked again when it is filled
            case NoticeRow notice -> revealEnded(Reveal.GONE);
            case null -> {
                long oldest = log.oldestSeq();
                if (oldest != 0 && seq >= oldest) {
                    if (seq <= log.newestSeq()) {
                        revealEnded(Reveal.GONE); // between rows held: not a message the room still has
                    }
                    return; // newer than anything held: it comes live
                }
                long to = oldest == 0 ? loadedUpTo : oldest - 1;
                if (seq > to) {
                    return; // newer than anything loaded: it comes live
                }
                GapRow older = new GapRow(seq, to, GapRow.State.OPEN);
                if (older.size() > log.capacity() || !log.prepend(List.of(older))) {
                    revealEnded(Reveal.OUT_OF_REACH);
                    return;
                }
                backfill(older);
            }
        }
    }

    private void revealEnded(Reveal outcome) {
        revealSeq = 0;
        reveal.set(outcome);
    }

    /** One frame's items for this room, in stream order. */
    void accept(List<StreamItem> items) {
        if (closed) {
            return;
        }
        List<ChatRow> out = new ArrayList<>(items.size());
        List<GapRow> gaps = new ArrayList<>(0);
        long newest = 0;
        for (StreamItem item : items) {
            switch (item) {
                case StreamGap gap -> {
                    GapRow row = new GapRow(gap.from(), gap.to(), GapRow.State.OPEN);
                    out.add(row);
                    gaps.add(row);
                }
                case StreamFrame frame when frame.payload() instanceof RoomEventPayload payload -> {
                    ChatRow row = rows.live(frame.seq(), frame.atMillis(), payload);
                    if (row != null) {
                        out.add(row);
                    }
                    newest = Math.max(newest, frame.atMillis());
                }
                case StreamFrame frame when RoomStream.LAGGING.equals(frame.type()) -> state.lagging(true);
                case StreamFrame frame when RoomStream.RESUMED.equals(frame.type()) -> state.lagging(false);
                case StreamFrame frame -> { }
            }
        }
        log.append(out);
        if (newest > 0) {
            lagMillis.set(Math.max(0, clock.millis() - newest));
        }
        gaps.forEach(this::backfill);
        revealPending();
    }

    /** Fetches what the server still has for {@code gap} (OPEN or FAILED) and puts it in the marker's place. */
    public void backfill(GapRow gap) {
        if (closed || gap.state() == GapRow.State.FILLING || gap.state() == GapRow.State.LOST) {
            return;
        }
        GapRow filling = gap.in(GapRow.State.FILLING);
        if (!log.replace(gap, List.of(filling))) {
            return;
        }
        // More than the buffer keeps would be dropped again at once: only its newest part is fetched.
        long start = Math.max(gap.from(), gap.to() - log.capacity() + 1);
        List<ChatRow> head = start > gap.from()
                ? List.of(new GapRow(gap.from(), start - 1, GapRow.State.LOST)) : List.of();
        fetch(filling, start, start - 1, head, new ArrayList<>());
    }

    private void fetch(GapRow filling, long start, long after, List<ChatRow> head, List<RoomEvent> got) {
        backend.events(room, after, BACKFILL_PAGE).whenCompleteAsync((page, error) -> {
            if (closed) {
                return;
            }
            if (error != null) {
                problem.set(errors.describe(error));
                log.replace(filling, List.of(filling.in(GapRow.State.FAILED)));
                if (revealSeq >= filling.from() && revealSeq <= filling.to()) {
                    revealEnded(Reveal.GONE);
                }
                return;
            }
            long highest = after;
            for (RoomEvent e : page.items()) {
                highest = Math.max(highest, e.seq());
                if (e.seq() >= start && e.seq() <= filling.to()) {
                    got.add(e);
                }
            }
            Long next = page.nextAfter();
            if (next != null && next > after && next < filling.to() && highest > after) {
                fetch(filling, start, next, head, got);
            } else {
                log.replace(filling, filled(filling, start, head, got));
                revealPending();
            }
        }, fx);
    }

    private List<ChatRow> filled(GapRow gap, long start, List<ChatRow> head, List<RoomEvent> got) {
        got.sort(Comparator.comparingLong(RoomEvent::seq));
        List<ChatRow> out = new ArrayList<>(head);
        long expected = start;
        for (RoomEvent e : got) {
            if (e.seq() < expected) {
                continue;
            }
            if (e.seq() > expected) {
                out.add(new GapRow(expected, e.seq() - 1, GapRow.State.LOST));
            }
            out.add(rows.past(e));
            expected = e.seq() + 1;
        }
        if (expected <= gap.to()) {
            out.add(new GapRow(expected, gap.to(), GapRow.State.LOST));
        }
        return out;
    }

    private void refilter() {
        ChatFilter next = new ChatFilter(userFilter.get(), textFilter.get(), flaggedOnly.get(), watchedOnly.get());
        if (!next.equals(log.filter())) {
            log.setFilter(next);
        }
    }

    /** Stops taking rows; answers still in flight are dropped. */
    void close() {
        closed = true;
    }

    public String room() {
        return room;
    }

    public ChatLog log() {
        return log;
    }

    public RoomState state() {
        return state;
    }

    /** Staff actions in this room: intents, their progress, the sanctions that can be undone. */
    public RoomActionsModel actions() {
        return actions;
    }

    public StringProperty userFilterProperty() {
        return userFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public BooleanProperty flaggedOnlyProperty() {
        return flaggedOnly;
    }

    public BooleanProperty watchedOnlyProperty() {
        return watchedOnly;
    }

    /** Where the deep link to a reported message stands ({@link #reveal}). */
    public ReadOnlyObjectProperty<Reveal> revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    /** The reported line to scroll to and highlight; null when none (yet). */
    public ReadOnlyObjectProperty<ChatLine> revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    /** The sequence number the reveal is about (0: unknown), for its note. */
    public long revealNumber() {
        return revealNumber;
    }

    /** How far behind the newest event shown is (now minus its time), ms; -1 before the first. */
    public ReadOnlyLongProperty lagMillisProperty() {
        return lagMillis.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last thing that went wrong (load, backfill) in the UI language; empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the user card shows for {@code user}: their newest lines here and the facts the monitor knows. */
    public UserCard userCard(ChatUser user) {
        int[] counts = log.countsBy(user.id());
        int seat = state.seats().stream().filter(s -> user.id().equals(s.occupantId())).mapToInt(
                dev.moddesk.contract.rooms.Seat::number).findFirst().orElse(0);
        return new UserCard(user, log.linesBy(user.id(), UserCard.MAX_LINES), counts[0], counts[1], seat);
    }

    ChatLines lines() {
        return lines;
    }
}
