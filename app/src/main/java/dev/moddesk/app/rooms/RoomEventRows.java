package dev.moddesk.app.rooms;

import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomClosed;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPayload;
import dev.moddesk.contract.rooms.RoomHeld;
import dev.moddesk.contract.rooms.RoomJoin;
import dev.moddesk.contract.rooms.RoomLeave;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.contract.rooms.SeatChange;
import dev.moddesk.contract.rooms.SlowModeChange;
import dev.moddesk.contract.rooms.SongChange;
import dev.moddesk.contract.rooms.SourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns a room's events (the contract's payload records) into what a monitor shows: a {@link ChatLine} per message,
 * a {@link NoticeRow} per other event, and, for live events only, the change to {@link RoomState} (a backfilled seat
 * change is history: the board already shows what came after it). The one class of the feature that reads payloads.
 */
final class RoomEventRows {
    private static final int MAX_ARG = 80;

    private final ChatLines lines;
    private final RoomState state;
    private final Consumer<ModerationAction> actions;

    /** @param actions told of every staff action event, live or loaded (the monitor's {@link RoomActionsModel}) */
    RoomEventRows(ChatLines lines, RoomState state, Consumer<ModerationAction> actions) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.state = Objects.requireNonNull(state, "state");
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** A live event: applies it to the room's state and returns its row (null for none). */
    ChatRow live(long seq, long atMillis, RoomEventPayload payload) {
        switch (payload) {
            case RoomJoin j -> state.audience(j.audience());
            case RoomLeave l -> state.audience(l.audience());
            case SeatChange s -> state.seat(s.seat());
            case SongChange s -> state.songs(s.queue());
            case SourceChange s -> state.source(s.source());
            case SlowModeChange s -> state.slowMode(s.seconds());
            case RoomClosed c -> state.status(c.status());
            case RoomMessage m -> { }
            case RoomHeld h -> { }
            // The room's own event says staff reopened it (the platform confirms on its side).
            case ModerationAction a when RoomAction.REOPEN_ROOM.wire().equals(a.action()) -> state.status(
                    dev.moddesk.contract.rooms.RoomStatus.LIVE);
            case ModerationAction a -> { }
        }
        return row(seq, atMillis, payload);
    }

    /** A backfilled event: its row only. */
    ChatRow past(RoomEvent event) {
        return row(event.seq(), event.at().toEpochMilli(), event.payload());
    }

    ChatRow row(long seq, long atMillis, RoomEventPayload payload) {
        return switch (payload) {
            case RoomMessage m -> lines.message(seq, atMillis, m.userId(), m.nickname(), m.text(), m.flagged(), false,
                    screened(m.hits()));
            case RoomJoin j -> notice(seq, atMillis, "rooms.notice.join", name(j.nickname(), j.userId()));
            case RoomLeave l -> notice(seq, atMillis, "rooms.notice.leave", name(l.nickname(), l.userId()));
            case SeatChange s -> s.seat().taken()
                    ? notice(seq, atMillis, "rooms.notice.seatTaken", Integer.toString(s.seat().number()),
                            name(s.seat().occupantName(), s.seat().occupantId()))
                    : notice(seq, atMillis, "rooms.notice.seatFree", Integer.toString(s.seat().number()));
            case SongChange s -> s.queue().isEmpty()
                    ? notice(seq, atMillis, "rooms.notice.songsEmpty")
                    : notice(seq, atMillis, "rooms.notice.song", s.queue().getFirst().title(),
                            name(s.queue().getFirst().singerName(), s.queue().getFirst().singerId()));
            case SourceChange s -> s.source() == null
                    ? notice(seq, atMillis, "rooms.notice.sourceStopped")
                    : notice(seq, atMillis, "rooms.notice.source",
                            name(s.source().sharedByName(), s.source().sharedById()), s.source().title());
            case ModerationAction a -> action(seq, atMillis, a);
            case SlowModeChange s -> s.seconds() == 0
                    ? notice(seq, atMillis, "rooms.notice.slowModeOff", name(s.staffName(), s.staffId()))
                    : notice(seq, atMillis, "rooms.notice.slowMode", Integer.toString(s.seconds()),
                            name(s.staffName(), s.staffId()));
            case RoomClosed c -> notice(seq, atMillis, "rooms.notice.closed", c.status().name(), c.reason());
            // Not the words: they wait in the held queue, where staff decide; the room says that they do.
            case RoomHeld h -> notice(seq, atMillis, "rooms.notice.held.queued", name(h.nickname(), h.userId()),
                    h.messageId());
        };
    }

    /** The held-for-review decisions (word list HOLD) as they appear in a room's event stream. */
    private static final Map<String, String> HELD_NOTICES = Map.of(
            "message.release", "rooms.notice.held.release",
            "message.deny", "rooms.notice.held.deny",
            "message.drop", "rooms.notice.held.drop");

    private ChatRow action(long seq, long atMillis, ModerationAction a) {
        actions.accept(a);
        String staff = name(a.staffName(), a.staffId());
        String reason = a.reason() == null ? "" : a.reason();
        String held = HELD_NOTICES.get(a.action());
        if (held != null) {
            return notice(seq, atMillis, held, staff, a.targetId(), reason);
        }
        return RoomAction.ofWire(a.action())
                .map(kind -> notice(seq, atMillis, kind.noticeKey(), staff, a.targetId(), reason,
                        a.params().getOrDefault(kind == RoomAction.SLOW_MODE ? "seconds" : "minutes", "")))
                .orElseGet(() -> notice(seq, atMillis, "rooms.notice.action", staff, a.action(), a.targetId(), reason));
    }

    private static List<Marks.Mark> screened(List<ScreenHit> hits) {
        List<Marks.Mark> out = new ArrayList<>(hits.size());
        for (ScreenHit h : hits) {
            out.add(new Marks.Mark(h.start(), h.end(), Marks.SCREENED));
        }
        return out;
    }

    private static String name(String name, String id) {
        return name != null && !name.isBlank() ? name : id == null ? "?" : id;
    }

    private static NoticeRow notice(long seq, long atMillis, String key, String... args) {
        List<String> safe = new ArrayList<>(args.length);
        for (String a : args) {
            safe.add(ChatLines.oneLine(a == null ? "" : a, MAX_ARG));
        }
        return new NoticeRow(seq, atMillis, key, safe);
    }
}
